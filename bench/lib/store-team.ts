/**
 * A team of worker processes (store-worker.ts) on one ZeroBounce key against the sandbox served on
 * loopback in this process, which enforces ZeroBounce's limit (past 250 requests a minute the key
 * is blocked for an hour). Sandbox and workers run on one clock `factor` times faster than the wall
 * clock, derived from the same epoch in every process; the sandbox counts every request where the
 * provider would, with its arrival time on that clock.
 */
import { createSandbox, type Sandbox, type SeedUpload } from "@filestatus/sandbox";
import { serve } from "@filestatus/sandbox/node";
import { countingHandler } from "@filestatus/testkit";
import { forkTs, nextMessage } from "./child.ts";
import type { StoreCalls, WorkerJob, WorkerReport } from "./store-worker.ts";
import { warpClock } from "./watchers.ts";

export interface TeamOptions {
  factor: number;
  uploads: SeedUpload[];
  /** One entry per worker: what differs between them. */
  jobs: Pick<WorkerJob, "ids" | "redis" | "timeoutMs">[];
  deadlineMs: number;
}

export interface TeamRun {
  workers: WorkerReport[];
  /** Requests the sandbox received, and its answers by status. */
  requests: number;
  statuses: Record<string, number>;
  /** Arrival times on the shared clock, ms from the start. */
  arrivals: number[];
  /** When the first 429 was answered (shared clock, ms from the start): the key blocked. */
  firstRefusedMs?: number;
  /** From "go" to the last worker's answer: on the shared clock, and on the wall clock. */
  clockMs: number;
  realMs: number;
}

const WORKER = new URL("./store-worker.ts", import.meta.url);

export async function runTeam(o: TeamOptions): Promise<TeamRun> {
  const epoch = Date.now();
  const clock = warpClock(epoch, o.factor);
  let sandbox: Sandbox | undefined;
  let firstRefused: number | undefined;
  const answer = async (request: Request) => {
    const response = await sandbox!.fetch(request);
    if (response.status === 429) firstRefused ??= clock.now();
    return response;
  };
  const { handler, tally } = countingHandler(answer, () => false, clock.now);
  const server = await serve(handler);
  const children = o.jobs.map(() => forkTs(WORKER));
  try {
    const loaded = await Promise.all(
      children.map(async (child, i) => {
        await nextMessage<"up">(child);
        const { deadlineMs, factor } = o;
        child.send({
          ...o.jobs[i]!,
          origin: server.url,
          epoch,
          factor,
          deadlineMs,
        } satisfies WorkerJob);
        return nextMessage<unknown>(child);
      }),
    );
    if (loaded.some((m) => m !== "ready")) throw new Error("a worker did not load");
    const reports = children.map((child) => nextMessage<WorkerReport>(child));
    // The uploads' timelines start now, with the workers.
    sandbox = createSandbox({ now: clock.now, uploads: o.uploads });
    const started = clock.now();
    const startedReal = performance.now();
    for (const child of children) child.send("go");
    const workers = await Promise.all(reports);
    return {
      workers,
      requests: tally.requests,
      statuses: Object.fromEntries(tally.statuses),
      arrivals: tally.arrivals.map((t) => t - started),
      ...(firstRefused !== undefined && { firstRefusedMs: firstRefused - started }),
      clockMs: clock.now() - started,
      realMs: performance.now() - startedReal,
    };
  } finally {
    for (const child of children) if (child.exitCode === null) child.kill("SIGTERM");
    await server.close();
  }
}

/** The sum of one field over every worker. */
export function total(
  run: TeamRun,
  field: "completed" | "failed" | "unfinished" | "cpuMs",
): number {
  return run.workers.reduce((n, w) => n + w[field], 0);
}

/** The store calls of every worker, added up. */
export function storeCalls(run: TeamRun): StoreCalls {
  const sum: StoreCalls = { granted: 0, refused: 0, other: 0 };
  for (const { storeCalls: c } of run.workers) {
    sum.granted += c.granted;
    sum.refused += c.refused;
    sum.other += c.other;
  }
  return sum;
}

/** When (shared clock, ms from the start) any worker's store stopped answering, in order. */
export function outages(run: TeamRun): number[] {
  return run.workers.flatMap((w) => w.storeDownAt).sort((a, b) => a - b);
}
