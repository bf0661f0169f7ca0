/**
 * 1,000 concurrent `waitForUpload` watchers on ONE ZeroBounce client with its default rate limit,
 * against the sandbox on loopback (a child process; its own RSS is the client's).
 * argv: origin epoch factor deadlineMs. Replies with what happened.
 */
import { getEventListeners, setMaxListeners } from "node:events";
import { createClient } from "@filestatus/zerobounce";
import { finish } from "./child.ts";
import { KEY } from "./fixtures.ts";
import { seedUploads, warpClock } from "./watchers.ts";

export interface WatchersReport {
  watchers: number;
  completed: number;
  failed: number;
  /** Watchers that neither completed nor failed (aborted at the deadline, or an error). */
  unfinished: number;
  errors: string[];
  /** Requests the client sent (every attempt). */
  sent: number;
  /** Σ over watchers of the distinct states each one saw. */
  statesSeen: number;
  /** Clock time from the first request to the last watcher settling. */
  clockMs: number;
  wallMs: number;
  /** Abort listeners on the one signal all watchers share: the most seen, and after they settled. */
  listenersPeak: number;
  listenersAfter: number;
  rssStart: number;
  /** Peak resident set size of this process, in bytes. */
  rssPeak: number;
}

const [origin, epochText, factorText, deadlineText] = process.argv.slice(2) as [
  string,
  string,
  string,
  string,
];
const clock = warpClock(Number(epochText), Number(factorText));
let sent = 0;
const client = createClient({
  apiKey: KEY,
  baseUrl: origin,
  clock,
  fetch: (request) => (sent++, globalThis.fetch(request)),
});

const rssStart = process.memoryUsage().rss;
const abort = AbortSignal.timeout(Number(deadlineText));
// Each waiting watcher listens on the shared deadline (its sleep or its request); Node's
// leak warning assumes a handful of listeners per signal, so it is lifted and counted instead.
setMaxListeners(0, abort);
let listenersPeak = 0;
const sampler = setInterval(() => {
  listenersPeak = Math.max(listenersPeak, getEventListeners(abort, "abort").length);
}, 50);
const startedClock = clock.now();
const startedWall = performance.now();
const seen = new Map<string, Set<string>>();
const outcomes = await Promise.allSettled(
  seedUploads().map((u) => {
    seen.set(u.id, new Set());
    return client.waitForUpload(u.id, {
      signal: abort,
      onProgress: (s) => seen.get(u.id)!.add(s.state),
    });
  }),
);
clearInterval(sampler);
const rejected = outcomes.filter((o): o is PromiseRejectedResult => o.status === "rejected");
const failed = rejected.filter((o) => (o.reason as Error).name === "UploadFailedError").length;
const errors = rejected
  .filter((o) => (o.reason as Error).name !== "UploadFailedError")
  .map((o) => String(o.reason));

// undici's Request follows a caller's signal with a listener it removes only when the Request is
// collected (a FinalizationRegistry); collect first, so what remains is what something still holds.
const gc = (globalThis as { gc?: () => void }).gc;
for (let i = 0; i < 4 && gc; i++) {
  gc();
  await new Promise((resolve) => setTimeout(resolve, 10));
}

const report: WatchersReport = {
  watchers: outcomes.length,
  completed: outcomes.length - rejected.length,
  failed,
  unfinished: errors.length,
  errors: [...new Set(errors)].slice(0, 5),
  sent,
  statesSeen: [...seen.values()].reduce((s, states) => s + states.size, 0),
  clockMs: clock.now() - startedClock,
  wallMs: performance.now() - startedWall,
  listenersPeak,
  listenersAfter: getEventListeners(abort, "abort").length,
  rssStart,
  rssPeak: process.resourceUsage().maxRSS * 1024,
};
finish(report);
