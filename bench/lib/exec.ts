/**
 * Running the repository's tools from the benchmarks: timed, output captured, never through a shell.
 */
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";

/** The repository root (bench/..). */
export const ROOT: string = fileURLToPath(new URL("../..", import.meta.url));

/** A binary of the root's node_modules/.bin. */
export const bin = (name: string): string => `${ROOT}node_modules/.bin/${name}`;

export interface Ran {
  code: number;
  stdout: string;
  stderr: string;
  ms: number;
}

/** Runs `file` to completion (up to `timeoutMs`); a non-zero exit is reported, not thrown. */
export function run(
  file: string,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {},
): Promise<Ran> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    execFile(
      file,
      args,
      {
        cwd: options.cwd ?? ROOT,
        env: options.env ?? process.env,
        timeout: options.timeoutMs ?? 180_000,
        maxBuffer: 64 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        const ms = performance.now() - started;
        if (error && typeof error.code !== "number") return reject(error);
        resolve({ code: error ? (error.code as number) : 0, stdout, stderr, ms });
      },
    );
  });
}

/** Throws with the tool's own output when it failed. */
export function check(ran: Ran, what: string): Ran {
  if (ran.code !== 0) throw new Error(`${what} exited ${ran.code}:\n${ran.stderr || ran.stdout}`);
  return ran;
}
