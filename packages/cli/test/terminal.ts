/**
 * Runs the built `filestatus` command on a real terminal: a pseudo-terminal from util-linux
 * `script`, so stdout is a TTY and the live display is what it draws. Typing Ctrl-C there sends
 * SIGINT the way a user's terminal does.
 */
import { spawn, spawnSync } from "node:child_process";
import { BIN, cleanEnv, PACKAGE, startSlot } from "./run.ts";

/** Whether util-linux `script` is here (macOS has another `script`, without `-c`). */
export const HAS_SCRIPT: boolean = /util-linux/.test(
  spawnSync("script", ["--version"], { encoding: "utf8" }).stdout ?? "",
);

export interface TerminalRun {
  /** Resolves once the terminal has shown text matching `pattern`. */
  shown(pattern: RegExp): Promise<void>;
  /** Types `text` at the terminal (`"\x03"`: Ctrl-C). */
  type(text: string): void;
  /** Sends `signal` to the command itself. */
  kill(signal: NodeJS.Signals): Promise<void>;
  /** Its exit code (128 + n when a signal ended it) and all it wrote, once it has exited. */
  done: Promise<{ code: number; output: string }>;
}

const quote = (word: string): string => `'${word.replace(/'/g, `'\\''`)}'`;

/**
 * `node dist/bin.js ...args` on a terminal 200 columns wide (cli-progress cuts its last drawing to
 * the width). The shell says its pid, then becomes the command.
 */
export async function inTerminal(
  args: readonly string[],
  env: Readonly<Record<string, string>> = {},
): Promise<TerminalRun> {
  const release = await startSlot();
  const command = `stty cols 200 rows 50; echo $$; exec ${[process.execPath, BIN, ...args].map(quote).join(" ")}`;
  const child = spawn("script", ["-qfec", command, "/dev/null"], {
    cwd: PACKAGE,
    env: cleanEnv({ ...env, SHELL: "/bin/sh" }),
    stdio: ["pipe", "pipe", "pipe"],
    timeout: 20_000,
  });
  let output = "";
  let exited = false;
  const watchers = new Set<() => void>();
  const recheck = () => watchers.forEach((check) => check());
  child.stdout.on("data", (chunk: Buffer) => {
    output += chunk.toString("utf8");
    recheck();
  });
  const shown = (pattern: RegExp) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        if (pattern.test(output)) resolve();
        else if (exited) reject(new Error(`exited without showing ${pattern}:\n${output}`));
        else return;
        watchers.delete(check);
      };
      watchers.add(check);
      check();
    });
  const pid = shown(/^\d+\r?\n/).then(() => Number.parseInt(output, 10));
  const done = new Promise<{ code: number; output: string }>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code, signal) => {
      release();
      exited = true;
      recheck();
      if (code === null) reject(new Error(`script killed by ${signal}:\n${output}`));
      else resolve({ code, output: output.replace(/^\d+\r?\n/, "") });
    });
  });
  void pid.then(release);
  return {
    shown,
    type: (text) => child.stdin.write(text),
    kill: async (signal) => void process.kill(await pid, signal),
    done,
  };
}
