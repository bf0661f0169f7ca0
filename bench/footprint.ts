/**
 * Install footprint: what `npm install` puts in node_modules for one of our providers (from the
 * tarballs `pnpm pack` makes, so workspace ranges are rewritten as on publish) versus each official
 * SDK from the registry, each in an empty project of its own.
 */
import { lstat, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Section, Target } from "./lib/report.ts";
import { bin, check, ROOT, run } from "./lib/exec.ts";
import { int, mb } from "./lib/table.ts";

/** The versions the other sections measure. */
const SDKS = ["@zerobounce/zero-bounce-sdk@1.2.2", "@gohighlevel/api-client@3.1.0"] as const;
const OURS = ["zerobounce", "highlevel"] as const;

export interface Footprint {
  name: string;
  /** Packages in node_modules (package-lock.json entries). */
  packages: number;
  files: number;
  /** Sum of file sizes under node_modules. */
  bytes: number;
  /** Bytes per installed package, largest first. */
  perPackage: { name: string; bytes: number }[];
}

async function walk(dir: string, own = false): Promise<{ files: number; bytes: number }> {
  let files = 0;
  let bytes = 0;
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (own && entry.name === "node_modules") continue;
      const sub = await walk(path, own);
      files += sub.files;
      bytes += sub.bytes;
    } else if (entry.isFile()) {
      files++;
      bytes += (await lstat(path)).size;
    }
  }
  return { files, bytes };
}

/** npm without the settings pnpm passes to scripts (its local prefix would point npm at bench/). */
function npmEnv(): NodeJS.ProcessEnv {
  const keep = new Set([
    "npm_config_cafile",
    "npm_config_userconfig",
    "npm_config_cache",
    "npm_config_registry",
  ]);
  return Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !k.startsWith("npm_") || keep.has(k)),
  );
}

async function install(name: string, specs: string[], parent: string): Promise<Footprint> {
  const dir = await mkdtemp(join(parent, "project-"));
  await writeFile(join(dir, "package.json"), JSON.stringify({ name: "footprint", private: true }));
  // --ignore-scripts: counting bytes needs no install scripts, and none runs from a registry package.
  const args = [
    "install",
    "--no-audit",
    "--no-fund",
    "--ignore-scripts",
    "--prefix",
    dir,
    ...specs,
  ];
  check(
    await run("npm", args, { cwd: dir, env: npmEnv(), timeoutMs: 120_000 }),
    `npm install ${name}`,
  );
  const lock = JSON.parse(await readFile(join(dir, "package-lock.json"), "utf8")) as {
    packages: Record<string, unknown>;
  };
  const paths = Object.keys(lock.packages).filter((k) => k.startsWith("node_modules/"));
  const perPackage = [];
  for (const path of paths) {
    // A package's own files only: nested node_modules are packages of their own.
    const { bytes } = await walk(join(dir, path), true);
    perPackage.push({ name: path.replace(/^.*node_modules\//, ""), bytes });
  }
  perPackage.sort((a, b) => b.bytes - a.bytes);
  return { name, packages: paths.length, perPackage, ...(await walk(join(dir, "node_modules"))) };
}

export async function runFootprint(): Promise<Footprint[]> {
  const parent = await mkdtemp(join(tmpdir(), "filestatus-footprint-"));
  try {
    const packs = join(parent, "packs");
    await mkdir(packs);
    const pnpm = bin("pnpm");
    const tarball = async (pkg: string): Promise<string> => {
      check(
        await run(pnpm, ["pack", "--pack-destination", packs], {
          cwd: join(ROOT, "packages", pkg),
        }),
        `pnpm pack ${pkg}`,
      );
      const file = (await readdir(packs)).find((f) => f.startsWith(`filestatus-${pkg}-`));
      if (!file) throw new Error(`pnpm pack ${pkg} wrote no tarball`);
      return join(packs, file);
    };
    const core = await tarball("core");
    const results: Footprint[] = [];
    for (const p of OURS)
      results.push(await install(`@filestatus/${p}`, [core, await tarball(p)], parent));
    for (const sdk of SDKS) results.push(await install(sdk.replace(/@[^@]+$/, ""), [sdk], parent));
    return results;
  } finally {
    await rm(parent, { recursive: true, force: true });
  }
}

const packages = (n: number): string => `${int(n)} package${n === 1 ? "" : "s"}`;

export function reportFootprint(results: Footprint[]): Section {
  const find = (name: string): Footprint => results.find((r) => r.name === name)!;
  const pairs = [
    ["@filestatus/zerobounce", "@zerobounce/zero-bounce-sdk"],
    ["@filestatus/highlevel", "@gohighlevel/api-client"],
  ] as const;
  const targets: Target[] = pairs.map(([ours, sdk]) => {
    const a = find(ours);
    const b = find(sdk);
    return {
      target: `size ahead of ${sdk} (installed)`,
      met: a.bytes <= b.bytes,
      measured: `${packages(a.packages)}, ${mb(a.bytes, 2)} vs ${packages(b.packages)}, ${mb(b.bytes, 2)}`,
      ...(a.bytes > b.bytes
        ? {
            why:
              `the SDK is one package without dependencies; ours is four, and openapi-fetch alone is ${mb(a.perPackage.find((p) => p.name === "openapi-fetch")?.bytes ?? 0, 2)} ` +
              "(CommonJS and ESM builds, their source maps, three copies of its declarations). " +
              "What would close it: a thin typed fetch in core instead of openapi-fetch (which would shrink the bundle too); our own two packages are the rest.",
          }
        : {}),
    };
  });
  return {
    title: "4. Install footprint",
    method: [
      "Our packages are packed with `pnpm pack` (workspace ranges rewritten as on publish); core's and one provider's tarball are installed with " +
        "`npm install --no-audit --no-fund --ignore-scripts` into an empty project; each official SDK is installed from the registry the same way. " +
        "Packages are counted from package-lock.json; bytes are the sum of file sizes under node_modules (apparent size, not disk blocks).",
    ],
    tables: [
      {
        caption: "node_modules after installing one package",
        table: {
          head: ["installed", "packages", "files", "bytes", "size", "largest packages"],
          align: ["l", "r", "r", "r", "r", "l"],
          rows: results.map((r) => [
            r.name,
            int(r.packages),
            int(r.files),
            int(r.bytes),
            mb(r.bytes, 2),
            r.perPackage
              .slice(0, 4)
              .map((p) => `${p.name} ${mb(p.bytes, 2)}`)
              .join(", ") + (r.packages > 4 ? `, … ${r.packages - 4} more` : ""),
          ]),
        },
      },
    ],
    notes: [],
    targets,
  };
}
