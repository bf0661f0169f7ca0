/**
 * A throwaway consumer project built the way a user builds one: the public packages packed with
 * pnpm (which turns `workspace:` ranges into versions), then installed together from the tarballs
 * with npm, outside the workspace so nothing resolves through the monorepo's node_modules.
 */
import { execFile } from "node:child_process";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";

export const repo: string = join(import.meta.dirname, "../../..");
const bin = (name: string): string => join(repo, "node_modules/.bin", name);
export const PNPM: string = bin("pnpm");
export const DENO: string = bin("deno");
export const BUN: string = bin("bun");

/** The compilers a consumer might use; TypeScript 7 is installed under an alias beside 5.9. */
export const TYPESCRIPTS = [
  { label: "5.9", spec: "typescript@5.9.3", dir: "typescript", version: "5.9.3" },
  { label: "7", spec: "typescript7@npm:typescript@7.0.2", dir: "typescript7", version: "7.0.2" },
] as const;

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command to its end and never throws, so a test can show its output when it fails. */
export function run(
  command: string,
  args: readonly string[],
  options: { cwd: string; env?: Record<string, string>; timeoutMs?: number },
): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      command,
      args,
      {
        cwd: options.cwd,
        env: { ...cleanEnv(), ...options.env },
        timeout: options.timeoutMs ?? 60_000,
        maxBuffer: 16 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === "number" ? error.code : null;
        resolve({ code, stdout, stderr: error && code === null ? `${stderr}${error}` : stderr });
      },
    );
  });
}

/** Output worth reading when a command failed. */
export const explain = (what: string, r: Run): string =>
  `${what} exited ${r.code}\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}`;

// `pnpm test` runs this suite under pnpm and turbo, whose npm_config_* variables would steer the
// consumer's npm install (registry, lockfile, workspace settings); a user's shell has none of them.
function cleanEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && !/^(npm_|pnpm_|PNPM_)/i.test(key)) env[key] = value;
  }
  return env;
}

export interface PublicPackage {
  name: string;
  dir: string;
}

/** Every workspace package under packages/ that is not private, i.e. every one that is published. */
export async function publicPackages(): Promise<PublicPackage[]> {
  const found: PublicPackage[] = [];
  for (const entry of await readdir(join(repo, "packages"))) {
    const dir = join(repo, "packages", entry);
    const manifest = JSON.parse(await readFile(join(dir, "package.json"), "utf8")) as {
      name: string;
      private?: boolean;
    };
    if (manifest.private !== true) found.push({ name: manifest.name, dir });
  }
  return found.sort((a, b) => a.name.localeCompare(b.name));
}

/** A tarball's file list and its package.json as packed (not as in the workspace). */
export async function readTarball(
  tarball: string,
): Promise<{ files: string[]; manifestText: string }> {
  const list = await run("tar", ["-tzf", tarball], { cwd: repo });
  const manifest = await run("tar", ["-xzOf", tarball, "package/package.json"], { cwd: repo });
  if (list.code !== 0 || manifest.code !== 0) throw new Error(explain(`tar ${tarball}`, list));
  const files = list.stdout
    .split("\n")
    .filter(Boolean)
    .map((f) => f.replace(/^package\//, ""));
  return { files, manifestText: manifest.stdout };
}

/** Every file a manifest points at: exports targets (all conditions) and bin entries. */
export function manifestTargets(manifest: {
  exports?: unknown;
  bin?: string | Record<string, string>;
}): string[] {
  const targets: string[] = [];
  const walk = (node: unknown): void => {
    if (typeof node === "string") targets.push(node);
    else if (node !== null && typeof node === "object") Object.values(node).forEach(walk);
  };
  walk(manifest.exports);
  walk(manifest.bin);
  return targets.map((t) => t.replace(/^\.\//, ""));
}
