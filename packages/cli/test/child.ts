/**
 * The built `filestatus` command as a child process that a test talks to while it runs: waits
 * for its output, signals it (SIGINT as Ctrl-C would, without a terminal), then reads how it ended.
 */
import { spawn } from "node:child_process";
import { BIN, cleanEnv, PACKAGE, startSlot } from "./run.ts";

export interface Child {
  /** Resolves once stdout or stderr has shown text matching `pattern`. */
  shown(pattern: RegExp): Promise<void>;
  kill(signal: NodeJS.Signals): void;
  /** Its exit code (128 + n when a signal ended it without the command's own handling). */
  done: Promise<{ code: number; stdout: string; stderr: string }>;
}

const SIGNAL_NUMBERS: Readonly<Record<string, number>> = { SIGINT: 2, SIGTERM: 15, SIGKILL: 9 };

export async function started(
  args: readonly string[],
  env: Readonly<Record<string, string>> = {},
): Promise<Child> {
  const release = await startSlot();
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: PACKAGE,
    env: cleanEnv(env),
    stdio: ["ignore", "pipe", "pipe"],
    timeout: 20_000,
  });
  let stdout = "";
  let stderr = "";
  let exited = false;
  const watchers = new Set<() => void>();
  const recheck = () => watchers.forEach((check) => check());
  child.stdout.once("data", release);
  child.stderr.once("data", release);
  child.stdout.on("data", (chunk: Buffer) => ((stdout += chunk.toString("utf8")), recheck()));
  child.stderr.on("data", (chunk: Buffer) => ((stderr += chunk.toString("utf8")), recheck()));
  const done = new Promise<{ code: number; stdout: string; stderr: string }>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code, signal) => {
      release();
      exited = true;
      recheck();
      resolve({ code: code ?? 128 + (SIGNAL_NUMBERS[signal ?? ""] ?? 0), stdout, stderr });
    });
  });
  return {
    shown: (pattern) =>
      new Promise<void>((resolve, reject) => {
        const check = () => {
          if (pattern.test(stdout) || pattern.test(stderr)) resolve();
          else if (exited)
            reject(new Error(`exited without showing ${pattern}:\n${stdout}${stderr}`));
          else return;
          watchers.delete(check);
        };
        watchers.add(check);
        check();
      }),
    kill: (signal) => void child.kill(signal),
    done,
  };
}
