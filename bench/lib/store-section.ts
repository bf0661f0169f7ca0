/**
 * The "beyond one process" section as RESULTS.md shows it: how it was measured, its three tables,
 * and its targets (lib/store-report.ts), from the runs of bench/store.ts.
 */
import type { StoreResult } from "../store.ts";
import { RATE_LIMIT } from "@filestatus/zerobounce";
import type { Section } from "./report.ts";
import { COST_CALLS, COST_ROUNDS } from "./store-cost.ts";
import {
  CONTROL_MS,
  FACTOR,
  RUN_MS,
  SHARED_UPLOADS,
  WATCHERS_EACH,
  WORKERS,
} from "./store-plan.ts";
import {
  coalescingTarget,
  costTable,
  costTarget,
  CLOSE_MS,
  CLOSE_ROW,
  sharedTarget,
  signed,
  TARGETS,
  teamTable,
} from "./store-report.ts";
import { storeCalls } from "./store-team.ts";
import { duration, int, num, ratio } from "./table.ts";

/** How soon a worker's queue asks the store again while the window is full (shared-limit.ts). */
const RECHECK_MS = Math.min(1_000, Math.max(10, RATE_LIMIT.perMs / RATE_LIMIT.requests));

const skippedSection = (why: string): Section => ({
  title: "12. Beyond one process",
  method: [
    `Not measured — ${why}. The section starts a \`redis-server\` of its own on a free loopback port.`,
  ],
  tables: [],
  notes: [],
  // A section that could not run never reads as met.
  targets: Object.values(TARGETS).map((target) => ({ target, met: false, measured: why })),
});

export function reportStore(result: StoreResult): Section {
  if ("skipped" in result) return skippedSection(result.skipped);
  const { cost, single, shared, control, alone, together } = result;
  const calls = storeCalls(shared);
  const base = cost.rows[0]!.summary;
  const redis = cost.rows.at(-1)!.summary;
  return {
    title: "12. Beyond one process",
    method: [
      `Worker processes (\`bench/lib/store-worker.ts\`), each a ZeroBounce client with its defaults (250 requests a minute, 2 retries), all on ONE key, against the sandbox served on loopback by its Node adapter in the bench's process. The sandbox enforces ZeroBounce's limit (past 250 requests a minute the key is blocked for an hour, answered 429) and records every request's arrival. ` +
        `Workers and sandbox share a clock running ${FACTOR}× faster than the wall clock (the same epoch in every process), so a minute of the limit passes in ${num(60 / FACTOR, 0)} s and the limit is as tight as in real time, compressed; Redis's command timeout and TTLs stay in real time. ` +
        'The store is `createRedisStore({ url })` with its defaults (500 ms command timeout) on a `redis-server` the bench starts on a free loopback port (`--save "" --appendonly no`) and stops afterwards; each run has its own key prefix, so none inherits another\'s window. Each worker connects, says it is ready, and all start at once, each watcher with `timeoutMs` of ' +
        `${num(RUN_MS / 60_000, 0)} clock minutes (a third more than a run needs), so that a run whose key was blocked ends.`,
      `Watchers: ${int(WORKERS * WATCHERS_EACH)} uploads seeded in the sandbox before the start (uploaded up to a minute before, queued up to a minute, then processing 0.5–2.5 minutes with linear progress; one in 20 fails), one \`waitForUpload\` each with the default polling scheduler. ` +
        `The single-process minimum is what ONE process needs to watch all ${int(WORKERS * WATCHERS_EACH)} to the end with the same client, polling and limit: measured, not assumed. The shared run deals the same uploads out to ${WORKERS} processes, ${WATCHERS_EACH} each; the control is that team without the store, each watcher given ${num(CONTROL_MS / 60_000, 0)} clock minutes. ` +
        "Requests beyond the limit are counted from the arrivals by the sandbox's rule (an arrival that finds 250 accepted ones within the minute before it), whether or not the key was already blocked.",
      `Cost: one client per limiter on an in-process \`fetch\` that answers at once, with a limit no call waits for (a window of 100 ms holding a few hundred places, as ZeroBounce's 250 would), ${int(COST_ROUNDS)} rounds of ${int(COST_CALLS)} sequential status calls each, in rotating order after a warm-up; p50 and p99 per call, and their difference from the in-process limiter; a round in which the Redis store failed (its client then skips it for a second) is timed again. ` +
        "Core's memory store shares through the same machinery as the Redis store without a network, so the two rows apart are the round trips to Redis.",
      `Coalescing: ${SHARED_UPLOADS} uploads (queued up to 30 s, processing 4–8 minutes, linear progress), watched by one process without a store, then by each of ${WORKERS} processes with the Redis store (${WORKERS} watchers per upload). ` +
        `Each worker records the uploads it asked for and when; a request that comes less than ${num(CLOSE_MS / 1000, 0)} s (the scheduler's first backoff step) after the previous one for the same upload is counted, in both runs: one watcher rarely looks again that soon, so in the shared run such requests are mostly looks shared polling should have spared.`,
    ],
    tables: [
      {
        caption: `${int(WORKERS * WATCHERS_EACH)} watchers on one ZeroBounce key`,
        table: teamTable(
          [single, shared, control],
          [
            "one process (the minimum)",
            `${WORKERS} processes, Redis store`,
            `${WORKERS} processes, no store (control)`,
          ],
        ),
      },
      { caption: "Time per status call, by limiter", table: costTable(cost) },
      {
        caption: `${WORKERS} processes watching the same ${SHARED_UPLOADS} uploads`,
        table: teamTable(
          [alone, together],
          ["one process", `${WORKERS} processes, Redis store`],
          [CLOSE_ROW],
        ),
      },
    ],
    notes: [
      `Requests ÷ minimum: ${ratio(shared.requests / single.requests)} (${int(shared.requests)} ÷ ${int(single.requests)}). Both runs are bound by the limit for most of their time, so the count follows how long the watchers wait: a poll that comes later finds more uploads done.`,
      `Store calls in the shared run: ${int(calls.granted)} takes granted, ${int(calls.refused)} refused, ${int(calls.other)} others (releases, and each look's read, lock, write and unlock). ` +
        `While the shared window is full, the request at the head of each worker's queue asks again when the store says a place frees, at most ${num(RECHECK_MS, 0)} ms of the clock later (one place's share of the minute), so a full window costs each worker some ${num(60_000 / RECHECK_MS, 0)} refused takes a minute: a few a second against a real Redis, but ${FACTOR}× as many per real second here.`,
      `With the Redis store a request waits for one round trip to Redis before it is sent (a Lua script takes its place; the release is sent without waiting): +${duration(redis.p50Ms - base.p50Ms)} at p50 here. Against the real ZeroBounce, where a request takes tens of milliseconds, that is ${num((100 * (redis.p50Ms - base.p50Ms)) / 50, 1)} % of a 50 ms request (an estimate, not measured here); the store matters for what it prevents, an hour's block of the key.`,
    ],
    targets: [
      sharedTarget(single, shared, control),
      costTarget(cost),
      coalescingTarget(alone, together),
    ],
  };
}
