/**
 * One worker process of a team sharing one ZeroBounce key (store-team.ts): a client with its
 * defaults (retry, limit of 250 requests a minute), with the Redis store when the job names one,
 * running one `waitForUpload` per id on the team's shared clock. Says "up", takes its job as a
 * message, replies "ready" once connected, starts on "go" (so that every worker starts at once
 * however long each took to load), and answers with what happened.
 */
import type { Store, Taken } from "@filestatus/core";
import { createRedisStore } from "@filestatus/redis";
import { createClient } from "@filestatus/zerobounce";
import { finish, reply } from "./child.ts";
import { warpClock } from "./watchers.ts";

/** One key for every worker of every team: the limit is per key. */
const TEAM_KEY = "bench-team-key";

export interface WorkerJob {
  origin: string;
  epoch: number;
  factor: number;
  ids: string[];
  /** The Redis URL, and a prefix of the run's own so that no run inherits another's window. */
  redis?: { url: string; prefix: string };
  /** Each watcher's `timeoutMs` on the shared clock (the control, whose key ends up blocked). */
  timeoutMs?: number;
  /** Wall-clock bound on the whole worker: anything unsettled by then is aborted. */
  deadlineMs: number;
}

export interface WorkerReport {
  watchers: number;
  completed: number;
  /** Ended by the upload's own failure, as seeded. */
  failed: number;
  /** Ended otherwise: blocked key, time-out, abort. */
  unfinished: number;
  errors: string[];
  /** Each status request: the upload's id and when it was sent (shared clock, ms from the start). */
  looks: [id: string, at: number][];
  /** CPU time of this process from "go" to its last watcher settling. */
  cpuMs: number;
  /** When (shared clock, ms from the start) the client said its store stopped answering. */
  storeDownAt: number[];
  storeCalls: StoreCalls;
}

/** Calls the client's store answered, each a round trip to Redis: takes of a place, and the rest. */
export interface StoreCalls {
  granted: number;
  refused: number;
  other: number;
}

const METHODS = [
  "take",
  "finish",
  "pause",
  "get",
  "set",
  "lock",
  "unlock",
] as const satisfies readonly (keyof Store)[];

/** Counts `store`'s answered calls in `into`, in place: the client finds its methods on the same object. */
function countCalls(store: Store, into: StoreCalls): void {
  const methods = store as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
  for (const name of METHODS) {
    const call = methods[name]!.bind(store);
    methods[name] = async (...args) => {
      const answer = await call(...args);
      if (name !== "take") into.other++;
      else if ((answer as Taken).taken) into.granted++;
      else into.refused++;
      return answer;
    };
  }
}

const next = <T>() => new Promise<T>((resolve) => process.once("message", resolve));
const asked = next<WorkerJob>();
reply("up"); // listening: a message sent before would be lost
const job = await asked;
const clock = warpClock(job.epoch, job.factor);
const store = job.redis && createRedisStore({ url: job.redis.url }, { prefix: job.redis.prefix });
// A worker that has been running a while is connected already: so is this one before it starts.
await store?.get("warm-up");
const storeCalls: StoreCalls = { granted: 0, refused: 0, other: 0 };
if (store) countCalls(store, storeCalls);

let started = 0; // the shared clock at "go"
const looks: WorkerReport["looks"] = [];
const send = (request: Request) => {
  const id = new URL(request.url).searchParams.get("file_id");
  if (id !== null) looks.push([id, clock.now() - started]);
  return globalThis.fetch(request);
};
const storeDownAt: number[] = [];
const onWarn = (line: string) =>
  void (line.includes("unavailable") && storeDownAt.push(clock.now() - started));
const client = createClient({
  apiKey: TEAM_KEY,
  baseUrl: job.origin,
  clock,
  fetch: send,
  logger: { debug: () => undefined, warn: onWarn },
  ...(store && { store }),
});

reply("ready");
await next();
started = clock.now();
const cpu = process.cpuUsage();

const signal = AbortSignal.timeout(job.deadlineMs);
const outcomes = await Promise.allSettled(
  job.ids.map((id) =>
    client.waitForUpload(id, {
      signal,
      ...(job.timeoutMs !== undefined && { timeoutMs: job.timeoutMs }),
    }),
  ),
);
const used = process.cpuUsage(cpu);
const reasons = outcomes.flatMap((o) => (o.status === "rejected" ? [o.reason as Error] : []));
const failed = reasons.filter((e) => e.name === "UploadFailedError").length;
const others = reasons.filter((e) => e.name !== "UploadFailedError");
await store?.close();
const report: WorkerReport = {
  watchers: job.ids.length,
  completed: outcomes.length - reasons.length,
  failed,
  unfinished: others.length,
  errors: [...new Set(others.map((e) => `${e.name}: ${e.message}`.slice(0, 160)))].slice(0, 3),
  looks,
  cpuMs: (used.user + used.system) / 1000,
  storeDownAt,
  storeCalls,
};
finish(report);
