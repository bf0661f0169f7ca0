// One worker process of a team sharing one key: a client of the built provider package, with the
// Redis store of the built @filestatus/redis when WORKER.redis is set. Time runs WORKER.scale times
// faster than real time from WORKER.t0 (the sandbox runs on the same clock), so a minute-long
// window passes in seconds. Prints one JSON line: the outcome of every call, or the final state.
import { createRedisStore } from "@filestatus/redis";

const job = JSON.parse(process.env.WORKER ?? "{}");
const { t0, scale } = job;

/** @type {import("@filestatus/core").Clock} */
const clock = {
  now: () => t0 + (Date.now() - t0) * scale,
  sleep: (ms, signal) =>
    new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const timer = setTimeout(
        () => (signal?.removeEventListener("abort", stop), resolve()),
        ms / scale,
      );
      const stop = () => (clearTimeout(timer), reject(signal.reason));
      signal?.addEventListener("abort", stop, { once: true });
    }),
};

const { createClient } = await import(`@filestatus/${job.provider}`);
const store = job.redis ? createRedisStore({ url: job.redis }, { prefix: job.prefix }) : undefined;
const client = createClient({
  ...job.credentials,
  baseUrl: job.baseUrl,
  clock,
  store,
  retry: false,
});

// Ready: wait for the word to start, so that every worker of a team starts at once however long
// each took to load.
process.stdout.write("ready\n");
await new Promise((resolve) => process.stdin.once("data", resolve));
process.stdin.destroy();

const report = {};
if (job.mode === "calls") {
  const calls = Array.from({ length: job.count }, () => client.uploadStatus(job.id));
  const outcomes = await Promise.allSettled(calls);
  for (const o of outcomes) {
    const key = o.status === "fulfilled" ? "ok" : String(o.reason?.status ?? o.reason?.name);
    report[key] = (report[key] ?? 0) + 1;
  }
} else {
  const status = await client.waitForUpload(job.id, { intervalMs: job.intervalMs });
  report.state = status.state;
}
await store?.close();
console.log(JSON.stringify(report));
