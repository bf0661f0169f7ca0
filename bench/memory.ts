/**
 * Memory and scale: the heap after 100,000 calls on one client, and 1,000 concurrent
 * `waitForUpload` watchers on one ZeroBounce client (default rate limit) against the sandbox on
 * loopback. Each runs in a process of its own, so heap and RSS are the client's alone.
 */
import { forkTs, nextMessage, stop } from "./lib/child.ts";
import type { HeapReport } from "./lib/heap-child.ts";
import type { Section, Target } from "./lib/report.ts";
import { int, mb, num, ratio, seconds } from "./lib/table.ts";
import { WATCHERS } from "./lib/watchers.ts";
import type { WatchersReport } from "./lib/watchers-child.ts";

/** How much faster than the wall clock the shared clock runs (see lib/watchers.ts). */
const FACTOR = 12;
/** Wall-clock bound on the watchers; they are aborted if still running. */
const DEADLINE_MS = 100_000;

export interface MemoryResult {
  heap: HeapReport;
  watchers: WatchersReport;
  /** What the sandbox answered, by HTTP status. */
  sandbox: { requests: number; statuses: Record<string, number> };
}

export async function runMemory(): Promise<MemoryResult> {
  const heapChild = forkTs(new URL("./lib/heap-child.ts", import.meta.url), [], ["--expose-gc"]);
  const heap = await nextMessage<HeapReport>(heapChild);
  await stop(heapChild);

  const epoch = Date.now();
  const sandboxChild = forkTs(new URL("./lib/sandbox-child.ts", import.meta.url), [
    String(epoch),
    String(FACTOR),
  ]);
  try {
    const { origin } = await nextMessage<{ origin: string }>(sandboxChild);
    const args = [origin, String(epoch), String(FACTOR), String(DEADLINE_MS)];
    const watcherChild = forkTs(new URL("./lib/watchers-child.ts", import.meta.url), args, [
      "--expose-gc",
    ]);
    const watchers = await nextMessage<WatchersReport>(watcherChild);
    await stop(watcherChild);
    sandboxChild.send("stats");
    const sandbox = await nextMessage<MemoryResult["sandbox"]>(sandboxChild);
    return { heap, watchers, sandbox };
  } finally {
    await stop(sandboxChild);
  }
}

export function reportMemory(r: MemoryResult): Section {
  const points = r.heap.points;
  const start = points[0]!.heapUsed;
  const end = points.at(-1)!;
  const perCall = (end.heapUsed - start) / end.calls;
  const w = r.watchers;
  const violations = (r.sandbox.statuses["429"] ?? 0) + (r.sandbox.statuses["403"] ?? 0);
  // A watcher cannot report a state it never fetched: one request per distinct state is the floor.
  const minimum = w.statesSeen;
  const heapTarget: Target = {
    target: "heap after 100,000 calls returns to its start",
    // Anything kept per call costs at least 8 B (one number in an array); a full GC leaves a few
    // hundred kB of run-to-run noise, i.e. a few bytes per call over 100,000 calls.
    met: perCall < 5,
    measured: `${int(start)} B -> ${int(end.heapUsed)} B after ${int(end.calls)} calls (${num(perCall, 2)} B per call)`,
  };
  const scaleTarget: Target = {
    target: `${int(WATCHERS)} watchers on one client: zero rate-limit violations`,
    met: violations === 0 && w.unfinished === 0,
    measured: `${violations} answers 429/403 of ${int(r.sandbox.requests)}; ${w.completed + w.failed}/${w.watchers} watchers settled`,
    ...(w.unfinished > 0
      ? {
          why: `${w.unfinished} watchers did not settle within ${seconds(DEADLINE_MS)}: ${w.errors.join("; ")}`,
        }
      : {}),
  };
  return {
    title: "6. Memory and scale",
    method: [
      `Heap: one ZeroBounce client (default retry and timeout, \`rateLimit: false\`, in-process transport) in a process run with \`--expose-gc\`; after ${int(r.heap.warmup)} warm-up calls, ` +
        "`global.gc()` until settled, then 100,000 sequential calls with a fully collected heap measured every 20,000.",
      `Scale: ${int(WATCHERS)} seeded ZeroBounce uploads in the sandbox (\`uploads\` option; uploaded up to 2 min before the start, queued up to 2 min, processing 1-5 min, one in 20 failing), served on loopback by its Node adapter in its own process, ` +
        `which counts every answer by status. One client with the default rate limit (250 requests a minute) runs ${int(WATCHERS)} concurrent \`waitForUpload\` calls in another process. ` +
        `ZeroBounce's limit means four minutes for a single poll of each upload, so client and sandbox share a clock that runs ${FACTOR}× faster than the wall clock (their \`clock\` and \`now\` options): ` +
        "the limit, its enforcement and the uploads' progress all move on that clock, so the limit is as tight as in real time, compressed; the sandbox's `speed` stays 1 on it. " +
        "The minimum of requests is one per distinct state each watcher reported (it cannot report a state it never fetched).",
    ],
    tables: [
      {
        caption: "Heap used after full GC, one client",
        table: {
          head: ["calls", "heap used", "change since start"],
          align: ["r", "r", "r"],
          rows: points.map((p) => [
            int(p.calls),
            `${int(p.heapUsed)} B`,
            `${p.heapUsed >= start ? "+" : ""}${int(p.heapUsed - start)} B`,
          ]),
        },
      },
      {
        caption: `${int(WATCHERS)} concurrent waitForUpload on one client`,
        table: {
          head: ["measure", "value"],
          align: ["l", "r"],
          rows: [
            [
              "watchers completed / failed as seeded / unfinished",
              `${int(w.completed)} / ${int(w.failed)} / ${int(w.unfinished)}`,
            ],
            ["requests sent by the client", int(w.sent)],
            ["requests answered by the sandbox", int(r.sandbox.requests)],
            ["minimum needed (distinct states seen, summed)", int(minimum)],
            ["requests per minimum", ratio(w.sent / minimum)],
            [
              "answers by status",
              Object.entries(r.sandbox.statuses)
                .map(([s, n]) => `${s}: ${int(n)}`)
                .join(", "),
            ],
            ["rate-limit violations (429/403)", int(violations)],
            ["clock time (shared clock)", `${num(w.clockMs / 60_000, 1)} min`],
            ["wall time", seconds(w.wallMs)],
            [
              "abort listeners on the shared signal: peak / after settling and GC",
              `${int(w.listenersPeak)} / ${int(w.listenersAfter)}`,
            ],
            ["RSS before the watchers", mb(w.rssStart)],
            ["peak RSS", mb(w.rssPeak)],
          ],
        },
      },
    ],
    notes: [
      "Heap: the run passes when it grows by under 5 B per call: anything kept per call costs at least 8 B, and a full GC leaves a few hundred kB of noise from one measurement to the next.",
      "The watchers share one deadline `AbortSignal`; its listeners (for each watcher's sleep or request) are counted every 50 ms, and again once the watchers have settled and the heap is collected " +
        "(undici's `Request` drops the listener it puts on a caller's signal only when the Request is collected): anything left then would be a leak.",
      `At 250 requests a minute the client can afford ${num(250 / WATCHERS, 2)} polls per watcher per minute; the watchers queue on the client's limiter (FIFO), so extra requests beyond the minimum are polls that found the upload still in the same state.`,
    ],
    targets: [heapTarget, scaleTarget],
  };
}
