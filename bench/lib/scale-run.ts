/**
 * The scale-of-many scenario, as packages/zerobounce/test/scale.test.ts runs it: 200 lists sent and
 * processed at once with `processFile` on one ZeroBounce client (its default limit of 250 requests
 * a minute) against the sandbox on loopback, which enforces the same limit and blocks the key for
 * an hour beyond it. Client and sandbox share a clock running `factor` times faster than the wall
 * clock; the sandbox counts every request at its side of the wire.
 */
import { createSandbox } from "@filestatus/sandbox";
import { serve } from "@filestatus/sandbox/node";
import {
  busiestWindow,
  countingHandler,
  manyLists,
  runManyRoundTrips,
  scaledClock,
} from "@filestatus/testkit";
import { createClient, RATE_LIMIT } from "@filestatus/zerobounce";

export const FILES = 200;

export interface ScaleRun {
  factor: number;
  files: number;
  /** Requests the sandbox received, in all and by `METHOD /path`. */
  requests: number;
  paths: Record<string, number>;
  /** Answers 429 (a blocked key). */
  refused: number;
  /** `sandbox.received("zerobounce")`: uploads accepted. */
  received: number;
  /** Lists whose name reached `sendfile` exactly once. */
  sentOnce: number;
  correct: number;
  complete: number;
  /** The most requests that arrived within any minute of the shared clock. */
  busiestMinute: number;
  /** From the first send to the last result read: on the shared clock, and on the wall clock. */
  clockMs: number;
  realMs: number;
  /** CPU time of this process (client and sandbox both run in it). */
  cpuMs: number;
  errors: string[];
}

export async function runScale(factor: number): Promise<ScaleRun> {
  const clock = scaledClock(factor);
  const sandbox = createSandbox({ now: clock.now });
  const isUpload = (request: Request, url: URL) =>
    request.method === "POST" && url.pathname === "/v2/sendfile";
  const { handler, tally } = countingHandler(sandbox.fetch, isUpload, clock.now);
  const server = await serve(handler);
  try {
    const zb = createClient({ apiKey: "bench-scale-key", baseUrl: server.url, clock });
    const lists = manyLists(FILES);
    const cpu = process.cpuUsage();
    const run = await runManyRoundTrips(lists, clock, async (list) => {
      const { status, results } = await zb.processFile(list.text, {
        filename: list.name,
        emailColumn: list.emailColumn,
        hasHeaderRow: list.hasHeaderRow,
      });
      return { state: status.state, results };
    });
    const used = process.cpuUsage(cpu);
    return {
      factor,
      files: FILES,
      requests: tally.requests,
      paths: Object.fromEntries(tally.paths),
      refused: tally.statuses.get(429) ?? 0,
      received: sandbox.received("zerobounce"),
      sentOnce: lists.filter((list) => tally.uploads.get(list.name) === 1).length,
      correct: run.outcomes.filter((o) => o.correct).length,
      complete: run.outcomes.filter((o) => o.state === "complete").length,
      busiestMinute: busiestWindow(tally.arrivals, RATE_LIMIT.perMs),
      clockMs: run.clockMs,
      realMs: run.realMs,
      cpuMs: (used.user + used.system) / 1000,
      errors: [...new Set(run.outcomes.flatMap((o) => (o.error ? [o.error] : [])))].slice(0, 3),
    };
  } finally {
    await server.close();
  }
}
