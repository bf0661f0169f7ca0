/**
 * The Worker as an application builds it: the packages it imports packed with pnpm and installed
 * from their tarballs by npm into a project outside the workspace (the machinery of
 * scripts/test/packed), shared/ and worker.ts copied in, then bundled with esbuild the way wrangler
 * bundles a Worker: ES modules, no Node platform, the `workerd`, `worker` and `browser` conditions.
 */
import { cp, mkdir, readdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { build, type Metafile } from "esbuild";
import { explain, PNPM, repo, run } from "../../scripts/test/packed/project.ts";

/** What the Worker imports: the five clients, their core, and the sandbox's upload ids. */
const PACKAGES = ["core", "zerobounce", "ipqs", "sanitizeemail", "highlevel", "constantcontact"]
  .concat("sandbox")
  .map((name) => join(repo, "packages", name));

export interface WorkerApp {
  /** The bundled Worker, one ES module. */
  bundle: string;
  /** Every file the bundle was made from, relative to the project, and every import left out. */
  inputs: string[];
  external: string[];
}

/** Packs, installs and bundles into `root` (an empty directory the caller removes). */
export async function buildWorkerApp(root: string): Promise<WorkerApp> {
  const tarballs = join(root, "tarballs");
  const project = join(root, "app");
  await mkdir(tarballs);
  await mkdir(project);
  // Two at a time: the machine has two cores and each pack is mostly a Node start.
  for (let i = 0; i < PACKAGES.length; i += 2) {
    await Promise.all(
      PACKAGES.slice(i, i + 2).map(async (dir) => {
        const r = await run(PNPM, ["pack", "--pack-destination", tarballs], { cwd: dir });
        if (r.code !== 0) throw new Error(explain(`pnpm pack in ${dir}`, r));
      }),
    );
  }
  const files = (await readdir(tarballs)).map((file) => join(tarballs, file));
  const manifest = { name: "worker-app", private: true, type: "module" };
  await writeFile(join(project, "package.json"), JSON.stringify(manifest));
  const install = await run(
    "npm",
    [
      "install",
      "--no-audit",
      "--no-fund",
      "--save-exact",
      "--cache",
      join(root, "npm-cache"),
    ].concat(files),
    { cwd: project, timeoutMs: 150_000 },
  );
  if (install.code !== 0) throw new Error(explain("npm install", install));
  const here = import.meta.dirname;
  await cp(join(here, "../shared"), join(project, "shared"), { recursive: true });
  await mkdir(join(project, "workerd"));
  await cp(join(here, "worker.ts"), join(project, "workerd/worker.ts"));

  const bundle = join(project, "dist/worker.js");
  const result = await build({
    absWorkingDir: project,
    entryPoints: ["workerd/worker.ts"],
    outfile: bundle,
    bundle: true,
    format: "esm",
    platform: "neutral", // no Node built-ins: an import of one fails the build
    conditions: ["workerd", "worker", "browser"],
    mainFields: ["browser", "module", "main"],
    target: "es2022",
    metafile: true,
    logLevel: "silent",
  });
  return { bundle, ...described(result.metafile) };
}

/** The bundle's inputs and the imports esbuild left out of it (none expected). */
function described(metafile: Metafile): Pick<WorkerApp, "inputs" | "external"> {
  const external = Object.values(metafile.inputs)
    .flatMap((input) => input.imports)
    .filter((i) => i.external)
    .map((i) => i.path);
  return { inputs: Object.keys(metafile.inputs), external };
}
