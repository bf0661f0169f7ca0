/**
 * Runs a command with a hard time limit. A mutation can make something never settle, and vitest
 * then waits forever on its workers; killing only the process we started would leave them running.
 * So the command starts as the leader of its own process group, and the whole group gets SIGKILL.
 */
import { spawn, type ChildProcess } from "node:child_process";

export interface Bounded {
  /** The exit code, or `null` when the process was killed. */
  code: number | null;
  timedOut: boolean;
  /** stdout and stderr, interleaved as they came. */
  output: string;
}

/** The groups still running, for a signal handler to kill on the way out. */
const running = new Set<ChildProcess>();

function killGroup(child: ChildProcess): void {
  try {
    process.kill(-child.pid!, "SIGKILL"); // the group: the command and everything it started
  } catch {
    // already gone
  }
}

/** Kills every group `runBounded` has started and not yet seen end. */
export function killRunning(): void {
  for (const child of running) killGroup(child);
}

export function runBounded(
  command: string,
  args: readonly string[],
  options: { cwd: string; timeoutMs: number; env?: NodeJS.ProcessEnv },
): Promise<Bounded> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      detached: true, // its own process group, whose id is its pid
      stdio: ["ignore", "pipe", "pipe"],
    });
    running.add(child);
    let output = "";
    let timedOut = false;
    child.stdout.on("data", (chunk: Buffer) => (output += chunk));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk));
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(child);
    }, options.timeoutMs);
    child.on("error", (error) => {
      clearTimeout(timer);
      running.delete(child);
      reject(error);
    });
    // Whatever the command leaves behind in its group goes with it (and closes the pipes).
    child.on("exit", () => killGroup(child));
    child.on("close", (code) => {
      clearTimeout(timer);
      running.delete(child);
      resolve({ code, timedOut, output });
    });
  });
}
