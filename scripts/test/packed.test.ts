/**
 * The published artifacts, used the way users install them: every public package packed, the
 * tarballs installed together by npm into a project outside the workspace, then imported by Node,
 * Deno and Bun, the CLI run from its installed bin, and the declarations type-checked by
 * TypeScript 5.9 and 7 under both module resolutions a consumer is likely to use.
 */
import { copyFile, mkdir, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DEMO_UPLOAD_IDS } from "@filestatus/sandbox";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  BUN,
  DENO,
  explain,
  manifestTargets,
  PNPM,
  publicPackages,
  readTarball,
  run,
  TYPESCRIPTS,
  type Run,
} from "./packed/project.ts";

const PROVIDERS = Object.keys(DEMO_UPLOAD_IDS) as (keyof typeof DEMO_UPLOAD_IDS)[];
const EXPECTED_PUBLIC = ["cli", "constantcontact", "core", "highlevel", "ipqs", "redis"]
  .concat(["sandbox", "sanitizeemail", "zerobounce"])
  .map((name) => `@filestatus/${name}`);
const RESOLUTIONS = [
  { moduleResolution: "node16", module: "node16" },
  { moduleResolution: "bundler", module: "esnext" },
] as const;

describe("the packed packages, installed from their tarballs", () => {
  let root = "";
  let project = "";
  const tarballs: string[] = [];

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), "filestatus-packed-"));
    const packed = join(root, "tarballs");
    project = join(root, "consumer");
    await mkdir(packed);
    await mkdir(project);
    const packages = await publicPackages();
    expect(packages.map((p) => p.name)).toEqual(EXPECTED_PUBLIC);
    for (const pkg of packages) {
      const r = await run(PNPM, ["pack", "--pack-destination", packed], { cwd: pkg.dir });
      if (r.code !== 0) throw new Error(explain(`pnpm pack in ${pkg.dir}`, r));
    }
    tarballs.push(...(await readdir(packed)).map((file) => join(packed, file)));

    await writeFile(
      join(project, "package.json"),
      JSON.stringify({ name: "consumer", private: true, type: "module" }),
    );
    for (const file of ["consumer.mjs", "consumer.ts"]) {
      await copyFile(join(import.meta.dirname, "packed", file), join(project, file));
    }
    for (const { moduleResolution, module } of RESOLUTIONS) {
      const compilerOptions = {
        module,
        moduleResolution,
        target: "es2022",
        lib: ["es2023", "dom"],
        strict: true,
        noEmit: true,
        skipLibCheck: false, // our .d.ts files are checked as a strict user's project checks them
        types: [],
      };
      const config = { compilerOptions, files: ["consumer.ts"] };
      await writeFile(join(project, `tsconfig.${moduleResolution}.json`), JSON.stringify(config));
    }
    const install = await run(
      "npm",
      ["install", "--no-audit", "--no-fund", "--save-exact", "--cache", join(root, "npm-cache")]
        .concat(tarballs)
        .concat(TYPESCRIPTS.map((ts) => ts.spec)),
      { cwd: project, timeoutMs: 150_000 },
    );
    if (install.code !== 0) throw new Error(explain("npm install", install));
  }, 180_000);

  afterAll(async () => {
    if (root !== "") await rm(root, { recursive: true, force: true });
  });

  it("packs every public package with real versions and every file its manifest points at", async () => {
    expect(tarballs).toHaveLength(EXPECTED_PUBLIC.length);
    for (const tarball of tarballs) {
      const { files, manifestText } = await readTarball(tarball);
      expect(manifestText, `${tarball} still has a workspace: range`).not.toContain("workspace:");
      const manifest = JSON.parse(manifestText) as Parameters<typeof manifestTargets>[0];
      for (const target of manifestTargets(manifest)) {
        expect(files, `${tarball} lacks ${target}, named in its package.json`).toContain(target);
      }
    }
  });

  // The same consumer on each runtime; the sandbox's clock is moved by hand, so every demo upload
  // is queued at first and complete an hour later, and the Node adapter answers over real HTTP.
  const expectConsumer = (r: Run, runtime: string): void => {
    expect(r.code, explain(`${runtime} consumer.mjs`, r)).toBe(0);
    const report = JSON.parse(r.stdout.trim().split("\n").at(-1) ?? "");
    expect(report.runtime).toBe(runtime);
    for (const provider of PROVIDERS) {
      expect(report.states[provider], provider).toEqual({
        id: DEMO_UPLOAD_IDS[provider],
        provider,
        states: ["queued", "complete"],
      });
    }
    expect(report.overHttp).toBe("queued");
    expect(report.storeDown).toBe("queued"); // answered on its own limit, Redis unreachable
    expect(report.errors).toBe(true);
    expect(report.cliProviders).toEqual(PROVIDERS);
  };

  it("runs a Node ESM consumer that imports every package and asks each provider", async () => {
    expectConsumer(await run(process.execPath, ["consumer.mjs"], { cwd: project }), "node");
  });

  it("runs the same consumer on Deno from the project's node_modules", async () => {
    const env = { DENO_DIR: join(root, "deno"), DENO_NO_UPDATE_CHECK: "1" };
    expectConsumer(await run(DENO, ["run", "-A", "consumer.mjs"], { cwd: project, env }), "deno");
  });

  it("runs the same consumer on Bun", async () => {
    expectConsumer(await run(BUN, ["consumer.mjs"], { cwd: project }), "bun");
  });

  it("runs the installed filestatus command against its sandbox", async () => {
    const id = DEMO_UPLOAD_IDS.zerobounce;
    const cli = join(project, "node_modules/.bin/filestatus");
    const r = await run(cli, ["status", "zerobounce", id, "--sandbox"], { cwd: project });
    expect(r.code, explain("filestatus status", r)).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^zerobounce +${id} +queued`, "m"));
  });

  describe.each(TYPESCRIPTS)("TypeScript $label", (ts) => {
    it.each(RESOLUTIONS)(
      "type-checks a typed consumer under moduleResolution $moduleResolution",
      async ({ moduleResolution }) => {
        // TypeScript 7's bin/tsc is a small Node launcher that starts its native compiler.
        const tsc = join(project, "node_modules", ts.dir, "bin/tsc");
        const version = await run(process.execPath, [tsc, "--version"], { cwd: project });
        expect(version.stdout).toContain(`Version ${ts.version}`);
        const args = [tsc, "-p", `tsconfig.${moduleResolution}.json`, "--pretty", "false"];
        const r = await run(process.execPath, args, { cwd: project });
        expect(r.code, explain(`tsc ${ts.version} (${moduleResolution})`, r)).toBe(0);
      },
    );
  });
});
