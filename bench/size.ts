/**
 * Bundle size: what one status call costs an application that bundles it. Each consumer is the
 * one-liner of the package README, bundled by esbuild (ESM, minified, tree-shaken) and gzipped at
 * level 9: once with `createBareClient` (the typed client alone) and once with `createClient`
 * (every helper attached). Bytes are deterministic for a given tree, so `size.test.ts` holds both
 * to a budget.
 */
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build, type Metafile, type Platform } from "esbuild";
import { BARE_CONSUMERS, CONSUMERS, REFERENCES } from "./lib/consumers.ts";
import { PROVIDER_NAMES, type ProviderName } from "./lib/fixtures.ts";

/**
 * The most gzipped bytes one `createClient` consumer may take, openapi-fetch and core included.
 * History: 8,960 B at first; the runtime hardening took the largest to 12,674 B, the round trip
 * (every helper attached by `createClient`) to 17,375 B, one listener per followed signal to
 * 17,427 B and the `store` option's check and hook to 17,623 B (highlevel). Issue 16 built
 * `createClient` on `createBareClient` (17,615 B, highlevel); the transport's fast path (a read
 * body handed up in a `Response` subclass that answers `json()` from the one parse, credentials
 * written into the URL as text, the URL redacted only when read: 0.55× → 0.86× of bare
 * openapi-fetch's loopback rate at concurrency 32) and Workers' redirect mode took it to 18,368 B,
 * rounded up to the next 256 B. One that only makes calls uses `createBareClient` (below).
 */
export const SIZE_BUDGET_BYTES = 18_432;

/**
 * The most gzipped bytes one `createBareClient` consumer (the README's smallest one-liner: the
 * typed client, no helpers) may take: 10,262 B (ipqs) when issue 16 added it, 10,799 B with the
 * transport's fast path, rounded up to the next 256 B. The 6,144 B is out of reach while
 * openapi-fetch over core's transport alone weighs 8.0 kB (the section explains the miss).
 */
export const BARE_SIZE_BUDGET_BYTES = 11_008;

/** The target for a one-call consumer, and its stretch, in bytes (kB = 1,024 B). */
export const SIZE_TARGET_BYTES: number = 6 * 1024;
export const SIZE_STRETCH_BYTES: number = 4.5 * 1024;

export { BARE_CONSUMERS, CONSUMERS };
export { reportSize } from "./size-report.ts";

export interface Bundle {
  minified: number;
  gzip: number;
  /** Minified bytes per input module (esbuild's metafile), largest first. */
  modules: { path: string; bytes: number }[];
}

const here = fileURLToPath(new URL(".", import.meta.url));

/** Bundles `source` as an application entry would be (browser by default) and gzips it. */
export async function measure(source: string, platform: Platform = "browser"): Promise<Bundle> {
  const result = await build({
    stdin: { contents: source, resolveDir: here, loader: "ts", sourcefile: "consumer.ts" },
    bundle: true,
    minify: true,
    format: "esm",
    platform, // "node" leaves node: built-ins external, as an SDK that pulls them needs
    write: false,
    metafile: true,
    logLevel: "silent",
  });
  const code = result.outputFiles[0]!.contents;
  return {
    minified: code.length,
    gzip: gzipSync(code, { level: 9 }).length,
    modules: modules(result.metafile),
  };
}

function modules(meta: Metafile): Bundle["modules"] {
  const output = Object.values(meta.outputs)[0]!;
  return Object.entries(output.inputs)
    .map(([path, { bytesInOutput }]) => ({ path, bytes: bytesInOutput }))
    .filter((m) => m.bytes > 0)
    .sort((a, b) => b.bytes - a.bytes);
}

/** openapi-fetch, core, the provider package, or the npm package an input belongs to. */
export function owner(path: string): string {
  if (/openapi-(fetch|typescript-helpers)/.test(path)) return "openapi-fetch";
  const workspace = /packages\/([^/]+)\/dist\//.exec(path);
  if (workspace) return workspace[1] === "core" ? "core" : "provider";
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)\/(?!.*node_modules\/)/.exec(path);
  return pkg ? pkg[1]! : "consumer";
}

/** Core's modules by what they do: a miss is explained by the part that weighs. */
const CORE_PARTS: [string, RegExp][] = [
  [
    "transport",
    /^(attempt|fetch|auth|credential-url|answered|redirect|body|retry|stream|signal|clock|log)$/,
  ],
  ["errors, redaction", /^(errors|api-error|redact)$/],
  [
    "client, option checks",
    /^(client|client-options|client-store|options|rate-limit|path-params|error-bodies)$/,
  ],
];

/** `owner`, with core split into {@link CORE_PARTS} (anything else in core is a helper). */
export function part(path: string): string {
  const who = owner(path);
  if (who !== "core") return who;
  const name = /core\/dist\/(.+)\.js$/.exec(path)?.[1] ?? "";
  return `core: ${CORE_PARTS.find(([, re]) => re.test(name))?.[0] ?? "helpers"}`;
}

export function totals(bundle: Bundle, by: (path: string) => string = owner): Map<string, number> {
  const sums = new Map<string, number>();
  for (const m of bundle.modules) sums.set(by(m.path), (sums.get(by(m.path)) ?? 0) + m.bytes);
  return sums;
}

export interface SizeResult {
  bare: Record<ProviderName, Bundle>;
  full: Record<ProviderName, Bundle>;
  references: { name: string; platform: Platform; bundle: Bundle }[];
}

export async function runSize(): Promise<SizeResult> {
  const bare = {} as Record<ProviderName, Bundle>;
  const full = {} as Record<ProviderName, Bundle>;
  for (const p of PROVIDER_NAMES) {
    bare[p] = await measure(BARE_CONSUMERS[p]);
    full[p] = await measure(CONSUMERS[p]);
  }
  const references = [];
  for (const r of REFERENCES)
    references.push({ ...r, bundle: await measure(r.source, r.platform) });
  return { bare, full, references };
}
