/**
 * The release flow, run as a maintainer runs it (`changeset version`, then the packing step of
 * `pnpm publish`), on a scratch copy of the workspace manifests and the real .changeset/config.json.
 */
import { execFile, execFileSync } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";

const repo = join(import.meta.dirname, "../..");
const bin = (name: string): string => join(repo, "node_modules/.bin", name);
const run = promisify(execFile);
const scratch: string[] = [];

interface Manifest {
  name: string;
  version: string;
  private?: boolean;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

/** Workspace directories relative to the root, as pnpm-workspace.yaml lists them. */
const dirs: string[] = [
  ...readdirSync(join(repo, "packages"))
    .filter((name) => existsSync(join(repo, "packages", name, "package.json")))
    .map((name) => `packages/${name}`),
  "runtime-tests",
];
const read = (root: string, dir: string): Manifest =>
  JSON.parse(readFileSync(join(root, dir, "package.json"), "utf8")) as Manifest;
const original = new Map(dirs.map((dir) => [read(repo, dir).name, dir]));
const dirOf = (name: string): string => original.get(name)!;
const before = (name: string): Manifest => read(repo, dirOf(name));
const published = [...original.keys()].filter((name) => !before(name).private);
const dependentsOf = (dep: string): string[] =>
  published.filter((name) => before(name).dependencies?.[dep] !== undefined);

function bump(version: string, type: "patch" | "minor"): string {
  const [major, minor, patch] = version.split(".").map(Number);
  return type === "minor" ? `${major}.${minor + 1}.0` : `${major}.${minor}.${patch + 1}`;
}

/** What changesets reads and writes, sharing the repository's installed node_modules. */
function copyRepo(): string {
  const dir = mkdtempSync(join(tmpdir(), "filestatus-release-"));
  scratch.push(dir);
  for (const entry of ["package.json", "pnpm-workspace.yaml", ".prettierrc.json"]) {
    cpSync(join(repo, entry), join(dir, entry));
  }
  // The real config, without the changesets pending in the repository: each test writes its own.
  cpSync(join(repo, ".changeset/config.json"), join(dir, ".changeset/config.json"));
  for (const pkg of dirs) cpSync(join(repo, pkg, "package.json"), join(dir, pkg, "package.json"));
  symlinkSync(join(repo, "node_modules"), join(dir, "node_modules"));
  return dir;
}

async function version(dir: string, bumps: Record<string, string>, summary: string) {
  const front = Object.entries(bumps).map(([name, type]) => `"${name}": ${type}`);
  const file = join(dir, ".changeset/sample-release.md");
  writeFileSync(file, `---\n${front.join("\n")}\n---\n\n${summary}\n`);
  await run(bin("changeset"), ["version"], { cwd: dir });
  return file;
}

/** The manifest `pnpm publish` would upload: workspace: ranges replaced by real ones. */
async function packedManifest(dir: string, name: string): Promise<Manifest> {
  const pkgDir = join(dir, dirOf(name));
  // pnpm resolves workspace: ranges through the linked dependency, as after `pnpm install`.
  for (const dep of Object.keys({
    ...before(name).dependencies,
    ...before(name).devDependencies,
  })) {
    if (!original.has(dep)) continue;
    mkdirSync(join(pkgDir, "node_modules/@filestatus"), { recursive: true });
    symlinkSync(join(dir, dirOf(dep)), join(pkgDir, "node_modules", dep));
  }
  await run(bin("pnpm"), ["pack", "--pack-destination", dir], { cwd: pkgDir });
  const tarball = readdirSync(dir).find((f) => f.endsWith(".tgz"))!;
  const json = execFileSync("tar", ["-xOzf", join(dir, tarball), "package/package.json"]);
  return JSON.parse(json.toString()) as Manifest;
}

const changelog = (dir: string, name: string): string =>
  readFileSync(join(dir, dirOf(name), "CHANGELOG.md"), "utf8");
const unchanged = (dir: string, name: string): void => {
  const pkg = dirOf(name);
  expect(readFileSync(join(dir, pkg, "package.json"), "utf8"), name).toBe(
    readFileSync(join(repo, pkg, "package.json"), "utf8"),
  );
  expect(existsSync(join(dir, pkg, "CHANGELOG.md")), `${name} CHANGELOG.md`).toBe(false);
};

// Only what changesets could write in the checkout; other work in progress is not this suite's.
const watched = [".changeset", "package.json", "packages/*/package.json", "**/CHANGELOG.md"];
function status(): string {
  try {
    const args = ["status", "--porcelain", "--untracked-files=all", "--", ...watched];
    return execFileSync("git", args, { cwd: repo, stdio: "pipe" }).toString();
  } catch {
    // Not a git checkout (an unpacked archive): compare the files themselves.
    const files = [".changeset", ...dirs].flatMap((d) =>
      readdirSync(join(repo, d)).map((f) => join(repo, d, f)),
    );
    return files
      .filter((f) => /\.(md|json)$/.test(f))
      .map((f) => `${f}\n${readFileSync(f, "utf8")}`)
      .join("\n");
  }
}
let statusBefore = "";
beforeAll(() => {
  statusBefore = status();
});
afterAll(() => {
  expect(status()).toBe(statusBefore);
});
afterEach(() => {
  for (const dir of scratch.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("changeset version", () => {
  const core = "@filestatus/core";
  const coreNext = bump(before(core).version, "patch");

  it("a patch to core releases core and every package that depends on it", async () => {
    const dependents = dependentsOf(core);
    expect(dependents).toEqual(
      expect.arrayContaining([
        "@filestatus/zerobounce",
        "@filestatus/ipqs",
        "@filestatus/sanitizeemail",
        "@filestatus/highlevel",
        "@filestatus/constantcontact",
        "@filestatus/cli",
      ]),
    );
    const dir = copyRepo();
    const file = await version(
      dir,
      { [core]: "patch" },
      "Retry-After dates in the past wait 0 ms.",
    );

    expect(read(dir, dirOf(core)).version).toBe(coreNext);
    expect(changelog(dir, core)).toMatch(
      new RegExp(
        `## ${coreNext}\\s+### Patch Changes\\s+- Retry-After dates in the past wait 0 ms\\.`,
      ),
    );
    for (const name of dependents) {
      const after = read(dir, dirOf(name));
      expect(after.version, name).toBe(bump(before(name).version, "patch"));
      // The range stays a workspace range in the repository; publishing turns it into ^<new>.
      expect(after.dependencies?.[core], name).toBe(before(name).dependencies?.[core]);
      expect(changelog(dir, name)).toMatch(/### Patch Changes\s+- Updated dependencies/);
      expect(changelog(dir, name)).toContain(`${core}@${coreNext}`);
    }
    for (const name of published.filter((n) => n !== core && !dependents.includes(n))) {
      unchanged(dir, name); // the sandbox does not depend on core
    }
    for (const name of original.keys()) if (before(name).private) unchanged(dir, name);
    expect(readFileSync(join(dir, "package.json"), "utf8")).toBe(
      readFileSync(join(repo, "package.json"), "utf8"),
    );
    expect(existsSync(file)).toBe(false);

    const cli = await packedManifest(dir, "@filestatus/cli");
    expect(cli.dependencies?.[core]).toBe(`^${coreNext}`);
    expect(cli.dependencies?.["@filestatus/ipqs"]).toBe(
      `^${bump(before("@filestatus/ipqs").version, "patch")}`,
    );
  });

  it("a minor to one provider releases that provider and the cli only", async () => {
    const ipqs = "@filestatus/ipqs";
    const ipqsNext = bump(before(ipqs).version, "minor");
    expect(dependentsOf(ipqs)).toEqual(["@filestatus/cli"]);
    const dir = copyRepo();
    const file = await version(dir, { [ipqs]: "minor" }, "`uploads()` accepts a `type` filter.");

    expect(read(dir, dirOf(ipqs)).version).toBe(ipqsNext);
    expect(changelog(dir, ipqs)).toMatch(
      new RegExp(`## ${ipqsNext}\\s+### Minor Changes\\s+- \`uploads\\(\\)\` accepts`),
    );
    const cli = "@filestatus/cli";
    expect(read(dir, dirOf(cli)).version).toBe(bump(before(cli).version, "patch"));
    expect(changelog(dir, cli)).toContain(`${ipqs}@${ipqsNext}`);
    for (const name of original.keys()) if (name !== ipqs && name !== cli) unchanged(dir, name);
    expect(existsSync(file)).toBe(false);

    const packed = await packedManifest(dir, cli);
    expect(packed.dependencies?.[ipqs]).toBe(`^${ipqsNext}`);
    expect(packed.dependencies?.[core]).toBe(`^${before(core).version}`);
  });
});
