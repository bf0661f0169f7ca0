/**
 * Scale of many (issue 14): 200 lists sent and processed at once with `processFile` on ONE client
 * against the sandbox over loopback, which enforces ZeroBounce's limit (250 requests a minute, or
 * the key is blocked for an hour). Client and sandbox share a clock running 30× faster than the
 * wall clock, so a minute of the limit passes in two seconds and the limit is exactly as tight;
 * latencies, stretched 30× on that clock, weigh as they would on a slow network. At 30× the client
 * can make requests faster than the limit allows even with half of a loaded machine, so the limit
 * binds and the client's queueing is what keeps it.
 */
import { createSandbox, type Sandbox } from "@filestatus/sandbox";
import { serve } from "@filestatus/sandbox/node";
import {
  busiestWindow,
  caught,
  countingHandler,
  manyLists,
  runManyRoundTrips,
  scaledClock,
  type ManyList,
} from "@filestatus/testkit";
import { afterEach, beforeEach, expect, it } from "vitest";
import { createClient, RATE_LIMIT, type Client } from "../src/index.ts";

const FILES = 200;
const FACTOR = 30;

const isSendfile = (request: Request, url: URL) =>
  request.method === "POST" && url.pathname === "/v2/sendfile";

/**
 * A fresh sandbox on the scaled clock, served on loopback, counted at the server; `onRequest` sees
 * each request as it arrives there, `onSend` each one as the client starts it.
 */
async function start(
  onRequest: (sandbox: Sandbox) => void = () => undefined,
  onSend: () => void = () => undefined,
) {
  const clock = scaledClock(FACTOR);
  const sandbox = createSandbox({ now: clock.now });
  const counted = countingHandler(sandbox.fetch, isSendfile, clock.now);
  const server = await serve((request) => (onRequest(sandbox), counted.handler(request)));
  const zb = createClient({
    apiKey: "zb-scale-key",
    baseUrl: server.url,
    clock,
    fetch: (request) => (onSend(), fetch(request)),
  });
  return { clock, sandbox, tally: counted.tally, server, zb };
}

const send = (zb: Client, list: ManyList, signal: AbortSignal) =>
  zb.processFile(list.text, {
    filename: list.name,
    emailColumn: list.emailColumn,
    hasHeaderRow: list.hasHeaderRow,
    signal,
  });

// A caller stopping everything at once hands one signal to every call; Node warns when a signal
// collects more than 10 listeners, which would point at a leak.
const warnings: Error[] = [];
const onWarning = (warning: Error) => warnings.push(warning);
beforeEach(() => void process.on("warning", onWarning));
afterEach(() => {
  process.off("warning", onWarning);
  warnings.length = 0;
});

it("200 files on one client: none refused for the rate limit, each sent once, every result right", async () => {
  const { clock, sandbox, tally, server, zb } = await start();
  try {
    const lists = manyLists(FILES);
    const { signal } = new AbortController();
    const run = await runManyRoundTrips(lists, clock, async (list) => {
      const { status, results } = await send(zb, list, signal);
      return { state: status.state, results };
    });

    expect(tally.statuses.get(429) ?? 0).toBe(0);
    expect(busiestWindow(tally.arrivals, RATE_LIMIT.perMs)).toBeLessThanOrEqual(
      RATE_LIMIT.requests,
    );
    expect(sandbox.received("zerobounce")).toBe(FILES);
    expect(Object.fromEntries(tally.uploads)).toEqual(
      Object.fromEntries(lists.map((list) => [list.name, 1])),
    );
    expect(run.outcomes.filter((o) => !o.correct || o.state !== "complete")).toEqual([]);
    expect(warnings.map((w) => `${w.name}: ${w.message}`)).toEqual([]);
  } finally {
    await server.close();
  }
}, 50_000);

it("one abort stops all 200: each call not yet done rejects with its reason, and nothing more is sent", async () => {
  const controller = new AbortController();
  const stop = new Error("stopped by the user");
  let sentAfterAbort = 0;
  // Stopped once half the uploads have reached the server.
  const { clock, tally, server, zb } = await start(
    (sandbox) => {
      if (sandbox.received("zerobounce") >= FILES / 2) controller.abort(stop);
    },
    () => void (controller.signal.aborted && sentAfterAbort++),
  );
  try {
    const lists = manyLists(FILES);
    const outcomes = await Promise.all(
      lists.map((list) => caught(send(zb, list, controller.signal))),
    );
    // Calls that finished before the abort keep their results; every other one has the reason.
    const finished = outcomes.filter((o) => o !== stop);
    expect(finished.every((o) => (o as { status?: { state?: string } }).status?.state)).toBe(true);
    expect(finished.length).toBeLessThan(FILES / 2);
    // Requests already on the wire still reach the server (an upload may have been taken: the
    // README says so); none starts after the abort, not even once the limit lets queued ones go.
    await clock.sleep(RATE_LIMIT.perMs);
    expect(sentAfterAbort).toBe(0);
    expect([...tally.uploads.values()].every((n) => n === 1)).toBe(true);
    expect(tally.statuses.get(429) ?? 0).toBe(0);
    expect(warnings.map((w) => `${w.name}: ${w.message}`)).toEqual([]);
  } finally {
    await server.close();
  }
}, 50_000);
