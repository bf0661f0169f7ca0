/**
 * Loopback throughput: requests per second against a minimal node:http server (a child process,
 * so it does not share the client's event loop) that answers every request with a fixed body.
 * Each contender gets a fixed window per round at concurrency 1 and 32; rounds rotate the order,
 * so every contender meets the same server and machine state as the others.
 */
import {
  HIGHLEVEL_SDK,
  OPENAPI_FETCH,
  OURS,
  RAW_FETCH,
  rewriteUrl,
  ZEROBOUNCE_SDK,
  ZEROBOUNCE_SDK_BASE,
  type Call,
  type Contender,
} from "./lib/contenders.ts";
import { forkTs, nextMessage, stop } from "./lib/child.ts";
import { PROVIDER_NAMES } from "./lib/fixtures.ts";
import type { Section, Target } from "./lib/report.ts";
import { quantile, roundOrder } from "./lib/stats.ts";
import { duration, int, num, ratio, type Table } from "./lib/table.ts";

const CONCURRENCY = [1, 32] as const;
const ROUNDS = 5;
const WINDOW_MS = 600;
const WARMUP_MS = 300;

export const CONTENDERS: Contender[] = [
  RAW_FETCH,
  ...PROVIDER_NAMES.map((p) => OPENAPI_FETCH[p]),
  ...PROVIDER_NAMES.map((p) => OURS[p]),
  ZEROBOUNCE_SDK,
  HIGHLEVEL_SDK,
];

/** Issue 16's target: our requests per second at least this share of bare openapi-fetch's. */
export const BARE_SHARE = 0.95;

interface Window {
  count: number;
  ms: number;
  latencies: number[];
}

/** `concurrency` loops calling `call` back to back until `ms` has passed. */
async function window(call: Call, concurrency: number, ms: number): Promise<Window> {
  const started = performance.now();
  const end = started + ms;
  const latencies: number[] = [];
  const loop = async (): Promise<void> => {
    while (performance.now() < end) {
      const t = performance.now();
      await call();
      latencies.push(performance.now() - t);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, loop));
  return { count: latencies.length, ms: performance.now() - started, latencies };
}

export interface ThroughputRow {
  contender: Contender;
  concurrency: number;
  /** Requests per second: the median round. */
  rps: number;
  /** Per round. */
  rounds: number[];
  p50Ms: number;
  p99Ms: number;
}

export interface ThroughputResult {
  rows: ThroughputRow[];
  /** What the ZeroBounce SDK's URL rewrite costs per call, in nanoseconds. */
  rewriteNs: number;
}

/** Times the rewrite alone, so its share of the SDK's figures can be stated. */
function timeRewrite(): number {
  const url = `${ZEROBOUNCE_SDK_BASE}/filestatus?api_key=k&file_id=f`;
  const n = 1_000_000;
  let sink = 0;
  const started = performance.now();
  for (let i = 0; i < n; i++) sink += rewriteUrl(url, "http://127.0.0.1:1").length;
  const ns = ((performance.now() - started) * 1e6) / n;
  return sink > 0 ? ns : NaN;
}

async function measure(
  c: Contender,
  call: Call,
  origin: string,
  concurrency: number,
  ms: number,
): Promise<Window> {
  const undo = c.around?.(origin);
  try {
    return await window(call, concurrency, ms);
  } finally {
    undo?.();
  }
}

export async function runThroughput(): Promise<ThroughputResult> {
  const server = forkTs(new URL("./lib/loopback-server.ts", import.meta.url));
  try {
    const { origin } = await nextMessage<{ origin: string }>(server);
    const calls = new Map(CONTENDERS.map((c) => [c, c.make({ origin })]));
    const rows: ThroughputRow[] = [];
    for (const concurrency of CONCURRENCY) {
      const windows = new Map(CONTENDERS.map((c) => [c, [] as Window[]]));
      for (const c of CONTENDERS) await measure(c, calls.get(c)!, origin, concurrency, WARMUP_MS);
      for (let round = 0; round < ROUNDS; round++) {
        for (const c of roundOrder(CONTENDERS, round)) {
          windows.get(c)!.push(await measure(c, calls.get(c)!, origin, concurrency, WINDOW_MS));
        }
      }
      for (const c of CONTENDERS) {
        const ws = windows.get(c)!;
        const latencies = ws.flatMap((w) => w.latencies).sort((a, b) => a - b);
        rows.push({
          contender: c,
          concurrency,
          rps: quantile(
            ws.map((w) => (1000 * w.count) / w.ms).sort((a, b) => a - b),
            0.5,
          ),
          rounds: ws.map((w) => (1000 * w.count) / w.ms),
          p50Ms: quantile(latencies, 0.5),
          p99Ms: quantile(latencies, 0.99),
        });
      }
    }
    return { rows, rewriteNs: timeRewrite() };
  } finally {
    await stop(server);
  }
}

/** Why an official SDK outruns us (used when it does); `bare` is openapi-fetch's ratio to the SDK. */
const WHY: Record<"zerobounce" | "highlevel", (bare: string) => string> = {
  zerobounce: (bare) =>
    "the SDK hands `fetch` a URL string, parses the body once and has no timeout, retry or rate limit; our client adds beneath openapi-fetch a per-attempt timeout (an `AbortController`, a timer, a listener) and its response handed up (section 1), " +
    `which costs most where the client's CPU is the limit (concurrency 32). Bare openapi-fetch reaches ${bare} of the SDK's rate there: openapi-fetch's own \`Request\` per call is the rest.`,
  highlevel: (bare) =>
    "at concurrency 32 the client process's CPU is the limit, and per request axios on node:http costs less CPU than undici's fetch plus our transport's per-attempt work; " +
    `bare openapi-fetch on the same fetch reaches ${bare} of the SDK's rate there.`,
};

export function reportThroughput(r: ThroughputResult): Section {
  const at = (c: Contender, n: number): ThroughputRow =>
    r.rows.find((x) => x.contender === c && x.concurrency === n)!;
  const sdkOf = (c: Contender): Contender | undefined =>
    c.kind !== "filestatus"
      ? undefined
      : c.provider === "zerobounce"
        ? ZEROBOUNCE_SDK
        : c.provider === "highlevel"
          ? HIGHLEVEL_SDK
          : undefined;
  const baseOf = (c: Contender): Contender => OPENAPI_FETCH[c.provider];
  const table = (n: number): Table => ({
    head: [
      "contender",
      "req/s",
      "rounds (min-max)",
      "p50",
      "p99",
      "vs openapi-fetch",
      "vs raw fetch",
      "vs official SDK",
    ],
    align: ["l", "r", "r", "r", "r", "r", "r", "r"],
    rows: CONTENDERS.map((c) => {
      const row = at(c, n);
      const sdk = sdkOf(c);
      return [
        c.name,
        int(row.rps),
        `${int(Math.min(...row.rounds))}-${int(Math.max(...row.rounds))}`,
        duration(row.p50Ms),
        duration(row.p99Ms),
        c.kind === "filestatus" || c.kind === "official SDK"
          ? ratio(row.rps / at(baseOf(c), n).rps)
          : "",
        c.kind === "raw fetch" ? "" : ratio(row.rps / at(RAW_FETCH, n).rps),
        sdk ? ratio(row.rps / at(sdk, n).rps) : "",
      ];
    }),
  });
  const versus = (ours: Contender, sdk: Contender): Target => {
    const pairs = CONCURRENCY.map((n) => ({ n, a: at(ours, n).rps, b: at(sdk, n).rps }));
    const met = pairs.every((p) => p.a > p.b);
    return {
      target: `ops/s ahead of ${sdk.name} (loopback)`,
      met,
      measured: pairs
        .map((p) => `c=${p.n}: ${int(p.a)} vs ${int(p.b)} req/s (${ratio(p.a / p.b)})`)
        .join("; "),
      ...(met
        ? {}
        : {
            why: WHY[sdk.provider as "zerobounce" | "highlevel"](
              ratio(at(baseOf(ours), 32).rps / at(sdk, 32).rps),
            ),
          }),
    };
  };
  const zbSdk1 = at(ZEROBOUNCE_SDK, 1);
  const share = (r.rewriteNs / 1e9) * zbSdk1.rps * 100; // ns per call × calls per second, as % of a second
  const ours = PROVIDER_NAMES.map((p) =>
    CONCURRENCY.map((n) => at(OURS[p], n).rps / at(baseOf(OURS[p]), n).rps),
  ).flat();
  const shares = PROVIDER_NAMES.map((p) => ({
    p,
    at: CONCURRENCY.map((n) => ({ n, x: at(OURS[p], n).rps / at(OPENAPI_FETCH[p], n).rps })),
  }));
  const sdkShare = CONCURRENCY.map(
    (n) => `c=${n} ${ratio(at(ZEROBOUNCE_SDK, n).rps / at(OPENAPI_FETCH.zerobounce, n).rps)}`,
  );
  const shareMet = shares.every((s) => s.at.every((a) => a.x >= BARE_SHARE));
  const worst = Math.min(...shares.flatMap((s) => s.at.map((a) => a.x)));
  const versusBare: Target = {
    target: `req/s >= ${ratio(BARE_SHARE)} bare openapi-fetch at concurrency ${CONCURRENCY.join(" and ")} (loopback)`,
    met: shareMet,
    measured:
      shares
        .map((s) => `${s.p} ${s.at.map((a) => `c=${a.n} ${ratio(a.x)}`).join(", ")}`)
        .join("; ") + `; beside it, the ZeroBounce SDK: ${sdkShare.join(", ")}`,
    ...(shareMet
      ? {}
      : {
          why:
            `at worst ${ratio(worst)}. Over a socket the transport builds no \`Request\` of its own (the global \`fetch\` gets the URL and init, and copies them once, as it copies openapi-fetch's \`Request\` for bare openapi-fetch) and reads and parses each body once; what it adds per attempt is the timeout (an \`AbortController\`, a timer, a listener on the call's signal), the URL with the key as text, and the response handed up. ` +
            "Where the client process's CPU is the limit (concurrency 32, and a loaded machine) that work shows as a share of requests per second; section 1 measures it per call.",
        }),
  };
  return {
    title: "2. Loopback throughput",
    method: [
      `A minimal node:http server on 127.0.0.1, in its own process, answers every request with the provider's fixed body (no parsing, no checks). ` +
        `Each contender runs ${CONCURRENCY.join(" and ")} loops of back-to-back calls for ${WINDOW_MS / 1000} s per round, ${ROUNDS} rounds in rotated order after a ${WARMUP_MS} ms warm-up; req/s is the median round (one round disturbed by another process on a shared machine does not move it), with the range of rounds as spread and per-call latency percentiles over all rounds.`,
      "Our clients keep their default retry (2 retries) and 30 s per-attempt timeout, with `rateLimit: false` so the provider quota does not cap the figure. " +
        "'vs openapi-fetch' compares with bare openapi-fetch making the same request. Node's global `fetch` (undici, keep-alive) carries raw fetch, openapi-fetch, ours and the ZeroBounce SDK; the HighLevel SDK uses axios on node:http (keep-alive agent).",
      `The ZeroBounce SDK hard-codes \`${ZEROBOUNCE_SDK_BASE}\` and calls the global \`fetch\`; during its windows only, \`globalThis.fetch\` is wrapped to rewrite that prefix to the loopback origin. ` +
        `The rewrite costs ${num(r.rewriteNs, 0)} ns per call (timed alone over 1,000,000 calls), ${num(share, 2)} % of the SDK's time per call at concurrency 1. ` +
        "The HighLevel SDK is pointed at the server through the axios instance it exposes (`getHttpClient().defaults.baseURL`), with `apiVersion: 2021-07-28` and a private integration token: no per-call cost.",
    ],
    tables: CONCURRENCY.map((n) => ({ caption: `Concurrency ${n}`, table: table(n) })),
    notes: [
      `Over loopback our clients reach ${int(100 * Math.min(...ours))}-${int(100 * Math.max(...ours))} % of bare openapi-fetch's requests per second: the network and server hide part of the in-process overhead.`,
    ],
    targets: [
      versusBare,
      versus(OURS.zerobounce, ZEROBOUNCE_SDK),
      versus(OURS.highlevel, HIGHLEVEL_SDK),
    ],
  };
}
