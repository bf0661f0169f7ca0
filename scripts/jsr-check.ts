/**
 * Every public package must publish to JSR: its jsr.json agrees with its package.json, and
 * `deno publish --dry-run` over the whole workspace (deno.json) type-checks, finds no slow types
 * and packs the files. Nothing is uploaded; jsr.io is never contacted: `@filestatus/*` imports
 * resolve inside the workspace and npm dependencies come from node_modules (run `pnpm install` first).
 *
 *   pnpm jsr:check           exit 1 on a metadata mismatch or any dry-run error
 *   pnpm jsr:check --sync    first copy each package.json version into its jsr.json
 *                            (after `changeset version`, which bumps package.json only)
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { readdir, readFile, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

interface Manifest {
  name?: string;
  version?: string;
  license?: string;
  private?: boolean;
  exports?: Record<string, unknown>;
}

interface Package {
  dir: string;
  npm: Manifest;
  jsr: Manifest | undefined;
}

async function readJson(path: string): Promise<Manifest> {
  return JSON.parse(await readFile(path, "utf8")) as Manifest;
}

async function publicPackages(): Promise<Package[]> {
  const packages: Package[] = [];
  for (const entry of await readdir(join(root, "packages"), { withFileTypes: true })) {
    const dir = join("packages", entry.name);
    if (!entry.isDirectory() || !existsSync(join(root, dir, "package.json"))) continue;
    const npm = await readJson(join(root, dir, "package.json"));
    if (npm.private) continue;
    const jsrPath = join(root, dir, "jsr.json");
    packages.push({ dir, npm, jsr: existsSync(jsrPath) ? await readJson(jsrPath) : undefined });
  }
  return packages;
}

/** What a JSR user would see differ from the npm package of the same name. */
function mismatches({ dir, npm, jsr }: Package): string[] {
  if (!jsr) return [`${dir}: no jsr.json (every public package is published to JSR too)`];
  const problems: string[] = [];
  for (const field of ["name", "version", "license"] as const) {
    if (jsr[field] !== npm[field])
      problems.push(`${dir}/jsr.json: ${field} ${jsr[field]} ≠ package.json ${npm[field]}`);
  }
  // The same entry points on both registries; JSR may add more (the CLI's ./bin).
  for (const subpath of Object.keys(npm.exports ?? {})) {
    if (!(subpath in (jsr.exports ?? {})))
      problems.push(`${dir}/jsr.json: exports lacks "${subpath}" that package.json exports`);
  }
  return problems;
}

async function syncVersions(packages: Package[]): Promise<void> {
  for (const pkg of packages) {
    if (!pkg.jsr || pkg.jsr.version === pkg.npm.version) continue;
    const path = join(root, pkg.dir, "jsr.json");
    const text = await readFile(path, "utf8");
    // Only the version line changes, so the file keeps prettier's layout.
    await writeFile(path, text.replace(/("version":\s*)"[^"]*"/, `$1"${pkg.npm.version}"`));
    pkg.jsr.version = pkg.npm.version;
    console.log(`jsr-check: ${pkg.dir}/jsr.json version → ${pkg.npm.version}`);
  }
}

const packages = await publicPackages();
if (process.argv.includes("--sync")) await syncVersions(packages);
const problems = packages.flatMap(mismatches);
if (problems.length > 0) {
  for (const problem of problems) console.error(`jsr-check: ${problem}`);
  process.exit(1);
}

// --allow-dirty: this checks the tree as it is, edits included; a real publish runs from a clean
// checkout. The dry run's own type check and slow-types check fail it with a non-zero exit.
const deno = join(root, "node_modules", ".bin", "deno");
const run = spawnSync(deno, ["publish", "--dry-run", "--allow-dirty"], {
  cwd: root,
  stdio: "inherit",
});
if (run.error) {
  console.error(`jsr-check: cannot run ${deno}: ${run.error.message}`);
  process.exit(1);
}
if (run.status !== 0) process.exit(run.status ?? 1);
console.log(`jsr-check: ${packages.length} packages publishable to JSR`);
