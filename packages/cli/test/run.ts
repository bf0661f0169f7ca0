/**
 * Runs the built `filestatus` command as a child process: stdin closed, stdout and stderr pipes
 * (never a TTY), and an environment without any of the host's provider credentials.
 */
import { execFile, spawn } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { defaultUploads, type ProviderName } from "@filestatus/sandbox";

export const PACKAGE: string = fileURLToPath(new URL("..", import.meta.url));
export const BIN: string = join(PACKAGE, "dist", "bin.js");

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Every variable the CLI reads credentials from (providers.ts), whatever the provider, and the
 * Redis it would share its limits through (redis-url.ts).
 */
const CREDENTIAL_VARIABLE =
  /_(API_KEY|ACCESS_TOKEN)$|^HIGHLEVEL_LOCATION_ID$|^FILESTATUS_REDIS_URL$/;

/** `process.env` without credentials or a Redis URL, plus `extra`. */
export function cleanEnv(extra: Readonly<Record<string, string>> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of Object.keys(env)) if (CREDENTIAL_VARIABLE.test(name)) delete env[name];
  return { ...env, ...extra };
}

/**
 * At most this many children between their start and their first output. A watch's first line is
 * the sandbox's first answer, and the demo upload is queued for only 500 ms at --speed 4: node
 * processes starting all at once on a small machine would miss that state.
 */
const STARTING_AT_ONCE: number = Math.max(1, availableParallelism() - 1);
let starting = 0;
const waiting: (() => void)[] = [];

export async function startSlot(): Promise<() => void> {
  while (starting >= STARTING_AT_ONCE) await new Promise<void>((wake) => waiting.push(wake));
  starting++;
  let released = false;
  return () => {
    if (released) return;
    released = true;
    starting--;
    waiting.shift()?.();
  };
}

/**
 * `node dist/bin.js ...args` with `input` on stdin (then closed); resolves with the exit code,
 * rejects if it was killed.
 */
export async function run(
  args: readonly string[],
  env: Readonly<Record<string, string>> = {},
  input = "",
): Promise<RunResult> {
  const release = await startSlot();
  return new Promise((resolve, reject) => {
    const child = execFile(
      process.execPath,
      [BIN, ...args],
      { cwd: PACKAGE, env: cleanEnv(env), encoding: "utf8", timeout: 10_000 },
      (error, stdout, stderr) => {
        release();
        if (error && typeof error.code !== "number") reject(error);
        else resolve({ code: error ? (error.code as number) : 0, stdout, stderr });
      },
    );
    child.stdin?.end(input);
    child.stdout?.once("data", release);
    child.stderr?.once("data", release);
  });
}

/**
 * `node dist/bin.js ...args` with a reader that leaves after the first chunk of stdout, like
 * `| head -1`; resolves with the exit code and all of stderr (`stdout`: that first chunk).
 */
export async function runClosingStdout(args: readonly string[]): Promise<RunResult> {
  const release = await startSlot();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: PACKAGE,
      env: cleanEnv(),
      stdio: ["ignore", "pipe", "pipe"],
      timeout: 10_000,
    });
    let stdout = "";
    let stderr = "";
    child.stdout.once("data", (chunk: Buffer) => {
      release();
      stdout = chunk.toString("utf8");
      child.stdout.destroy();
    });
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
    child.on("error", reject);
    child.on("close", (code, signal) => {
      release();
      if (code === null) reject(new Error(`killed by ${signal}; stderr: ${stderr}`));
      else resolve({ code, stdout, stderr });
    });
  });
}

/** Every form of `secret` that would count as echoing it: verbatim or percent-encoded. */
export function echoed(result: RunResult, secret: string): string[] {
  const forms = [
    secret,
    encodeURIComponent(secret),
    new URLSearchParams({ k: secret }).toString().slice(2),
  ];
  const output = `${result.stdout}\n${result.stderr}`.toLowerCase();
  return forms.filter((form) => output.includes(form.toLowerCase()));
}

/** The output's lines, without the final newline's empty one. */
export function lines(text: string): string[] {
  return text === "" ? [] : text.replace(/\n$/, "").split("\n");
}

/** Builds dist/ once when any source file is newer than its output (`turbo test` does not build it). */
export async function ensureBuilt(): Promise<void> {
  const src = join(PACKAGE, "src");
  const stale = readdirSync(src)
    .filter((file) => file.endsWith(".ts"))
    .some((file) => {
      const built = statSync(join(PACKAGE, "dist", file.replace(/\.ts$/, ".js")), {
        throwIfNoEntry: false,
      });
      return !built || built.mtimeMs < statSync(join(src, file)).mtimeMs;
    });
  if (!stale) return;
  const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
  await new Promise<void>((resolve, reject) => {
    execFile(
      process.execPath,
      [tsc, "-p", "tsconfig.build.json"],
      { cwd: PACKAGE },
      (error, stdout) => (error ? reject(new Error(`build failed:\n${stdout}`)) : resolve()),
    );
  });
}

/** The id of a provider's built-in upload by its scenario name, e.g. `customers`. */
export function seedId(provider: ProviderName, name: string): string {
  const upload = defaultUploads().find(
    (u) => u.provider === provider && u.name.replace(/\.\w+$/, "") === name,
  );
  if (!upload) throw new Error(`no ${provider} upload named ${name}`);
  return upload.id;
}
