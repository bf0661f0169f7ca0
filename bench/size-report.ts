/**
 * The bundle-size section of RESULTS.md: both consumers of every provider, the references, the
 * module profile of the largest bare consumer, and the targets met or missed with why.
 */
import type { Section, Target } from "./lib/report.ts";
import { PROVIDER_NAMES, type ProviderName } from "./lib/fixtures.ts";
import { bytes, int, kb, type Table } from "./lib/table.ts";
import {
  BARE_SIZE_BUDGET_BYTES,
  part,
  SIZE_BUDGET_BYTES,
  SIZE_STRETCH_BYTES,
  SIZE_TARGET_BYTES,
  totals,
  type Bundle,
  type SizeResult,
} from "./size.ts";

const OWNERS = ["openapi-fetch", "core", "provider"];

function row(name: string, platform: string, b: Bundle): string[] {
  const g = totals(b);
  const groups = OWNERS.map((k) => (g.has(k) ? int(g.get(k)!) : "-"));
  return [name, platform, int(b.minified), int(b.gzip), kb(b.gzip), ...groups];
}

/** `openapi-fetch`, `core/attempt`, `ipqs/client`: a module as a reader knows it. */
const moduleName = (path: string): string =>
  /openapi-fetch/.test(path)
    ? "openapi-fetch"
    : path.replace(/^.*packages\/([^/]+)\/dist\/(.+)\.js$/, "$1/$2");

const largestOf = (set: Record<ProviderName, Bundle>): ProviderName =>
  PROVIDER_NAMES.reduce((a, b) => (set[b].gzip > set[a].gzip ? b : a));

/** Why the largest bare consumer misses `limit`, from the figures: the floor, then what sits on it. */
function whyMissed(r: SizeResult, limit: number): string {
  const ref = (name: string): Bundle => r.references.find((x) => x.name.startsWith(name))!.bundle;
  const largest = largestOf(r.bare);
  const big = r.bare[largest];
  const parts = totals(big, part);
  const floor = ref("openapi-fetch over").gzip;
  const top = big.modules.slice(0, 6).map((m) => `${moduleName(m.path)} ${int(m.bytes)}`);
  const client = (parts.get("core: client, option checks") ?? 0) + (parts.get("provider") ?? 0);
  return (
    `openapi-fetch alone is ${bytes(ref("openapi-fetch alone").gzip)} gzipped; openapi-fetch over core's transport alone is ${bytes(floor)} ` +
    `(transport ${int(parts.get("core: transport") ?? 0)} and errors/redaction ${int(parts.get("core: errors, redaction") ?? 0)} minified bytes in ${largest}'s bare consumer: ` +
    "credentials to the client's own origin only, redirects, a per-attempt timeout that holds against a custom fetch, retry with Retry-After, streamed file bodies, typed redacted errors). " +
    `The bare client adds the option checks, unwrap, the rate limiter, path-parameter checks and the store hook (${int(client)} minified bytes, provider included) for ${bytes(big.gzip)}. ` +
    `Largest modules (minified bytes): ${top.join(", ")}. ` +
    (floor > limit
      ? `The floor alone is ${bytes(floor - limit)} over: closing the gap needs a smaller transport, or a thinner typed fetch than openapi-fetch (its createClient bundles middleware, query and body serializers whatever a client calls).`
      : `The client's own part is what is over (${bytes(big.gzip - limit)}): shrink the option checks and the limiter.`)
  );
}

export function reportSize(r: SizeResult): Section {
  const ref = (name: string): Bundle => r.references.find((x) => x.name.startsWith(name))!.bundle;
  const rows = PROVIDER_NAMES.flatMap((p) => [
    row(`@filestatus/${p} createBareClient`, "browser", r.bare[p]),
    row(`@filestatus/${p} createClient`, "browser", r.full[p]),
  ]);
  for (const x of r.references) rows.push(row(x.name, x.platform, x.bundle));
  const largest = largestOf(r.bare);
  const big = r.bare[largest];
  const max = big.gzip;
  const fullLargest = largestOf(r.full);
  const each = PROVIDER_NAMES.map((p) => `${p} ${int(r.bare[p].gzip)}`).join(", ");
  const profile: Table = {
    head: ["module", "part", "minified bytes"],
    align: ["l", "l", "r"],
    rows: big.modules.map((m) => [
      m.path.replace(/^.*node_modules\//, "").replace(/^\.\.\//, ""),
      part(m.path),
      int(m.bytes),
    ]),
  };
  const byPart: Table = {
    head: ["part", "minified bytes"],
    align: ["l", "r"],
    rows: [...totals(big, part)].sort((a, b) => b[1] - a[1]).map(([k, v]) => [k, int(v)]),
  };
  const hl = ref("@gohighlevel");
  const zb = ref("@zerobounce");
  const hlPackages = [...totals(hl)].sort((a, b) => b[1] - a[1]).slice(0, 8);
  const targets: Target[] = [
    {
      target:
        "each provider consumer <= 6 kB gzipped (createBareClient + one call; openapi-fetch and core included)",
      met: max <= SIZE_TARGET_BYTES,
      measured: `largest ${bytes(max)} (${kb(max)}, ${largest}); ${each}; budget enforced: ${bytes(BARE_SIZE_BUDGET_BYTES)}`,
      ...(max > SIZE_TARGET_BYTES && { why: whyMissed(r, SIZE_TARGET_BYTES) }),
    },
    {
      target: "stretch: each provider consumer <= 4.5 kB gzipped",
      met: max <= SIZE_STRETCH_BYTES,
      measured: `largest ${bytes(max)} (${largest})`,
    },
    {
      target: "size ahead of the ZeroBounce SDK (createBareClient)",
      met: r.bare.zerobounce.gzip < zb.gzip,
      measured: `${bytes(r.bare.zerobounce.gzip)} vs ${bytes(zb.gzip)} gzipped`,
      why: "the SDK is one fetch call per method with no retry, timeout, rate limit, typed errors or redaction; openapi-fetch alone is already larger than the whole SDK.",
    },
    {
      target: "size ahead of the HighLevel SDK (createClient, every helper)",
      met: r.full.highlevel.gzip < hl.gzip,
      measured: `${bytes(r.full.highlevel.gzip)} vs ${bytes(hl.gzip)} gzipped`,
    },
  ];
  return {
    title: "3. Bundle size",
    method: [
      "Each consumer is the package README's one call, `createBareClient({...})` (the typed client alone, the smallest bundle) or `createClient({...})` (every helper attached), then `await c.GET(<path>, {...})`, " +
        "bundled by esbuild 0.28 (ESM, `bundle`, `minify`, tree-shaking) and gzipped at level 9; kB = 1,024 B. " +
        "Ours and the ZeroBounce SDK are built for the browser platform; the HighLevel SDK requires `fs`, `path` and mongodb, so it is built for the node platform (node built-ins external, not counted). " +
        "Per-owner columns are minified bytes from esbuild's metafile (gzip does not split by module).",
    ],
    tables: [
      {
        caption: "Consumer bundles",
        table: {
          head: ["consumer", "platform", "minified B", "gzip B", "gzip", ...OWNERS],
          align: ["l", "l", "r", "r", "r", "r", "r", "r"],
          rows,
        },
      },
      { caption: `The largest bare consumer (@filestatus/${largest}) by part`, table: byPart },
      { caption: `Modules in the largest bare consumer (@filestatus/${largest})`, table: profile },
      {
        caption: "What the HighLevel SDK bundle is made of (minified bytes by package)",
        table: {
          head: ["package", "minified bytes"],
          align: ["l", "r"],
          rows: hlPackages.map(([k, v]) => [k, int(v)]),
        },
      },
    ],
    notes: [
      `The budget test (\`bench/size.test.ts\`, part of \`pnpm test\`) fails when a createBareClient consumer exceeds \`BARE_SIZE_BUDGET_BYTES\` = ${bytes(BARE_SIZE_BUDGET_BYTES)} ` +
        `or a createClient consumer exceeds \`SIZE_BUDGET_BYTES\` = ${bytes(SIZE_BUDGET_BYTES)} (largest now ${bytes(r.full[fullLargest].gzip)}, ${fullLargest}).`,
      "Parts split core into its transport, errors and redaction, the client with its option checks, and helpers (which no bare consumer holds).",
    ],
    targets,
  };
}
