/**
 * The sandbox on loopback for the watcher scenario (a child process, so the client's RSS is its
 * own). Counts what it answers, so rate-limit violations are counted where they would happen.
 * argv: epoch factor. Replies { origin }, then { requests, statuses } to every "stats" message.
 */
import { createSandbox } from "@filestatus/sandbox";
import { serve } from "@filestatus/sandbox/node";
import { reply } from "./child.ts";
import { seedUploads, warpClock } from "./watchers.ts";

const [epoch, factor] = process.argv.slice(2).map(Number) as [number, number];
const clock = warpClock(epoch, factor);
const sandbox = createSandbox({ now: clock.now, uploads: seedUploads() });
const statuses: Record<number, number> = {};
let requests = 0;

const server = await serve(async (request: Request) => {
  const response = await sandbox.fetch(request);
  requests++;
  statuses[response.status] = (statuses[response.status] ?? 0) + 1;
  return response;
});
reply({ origin: server.url });
process.on("message", () => reply({ requests, statuses }));
process.on("SIGTERM", () => void server.close().then(() => process.exit(0)));
