/**
 * Scale of many: 200 round trips at once on one ZeroBounce client against the sandbox with
 * ZeroBounce's limit (lib/scale-run.ts), at the test's clock factor and at a slower one.
 */
import { RATE_LIMIT } from "@filestatus/zerobounce";
import type { Section, Target } from "./lib/report.ts";
import { FILES, runScale, type ScaleRun } from "./lib/scale-run.ts";
import { int, num, ratio } from "./lib/table.ts";

/** 30×: the test's factor. 10×: the client's own CPU time weighs a third as much on the clock. */
const FACTORS = [30, 10];

export async function runScaleSection(): Promise<ScaleRun[]> {
  const runs: ScaleRun[] = [];
  for (const factor of FACTORS) runs.push(await runScale(factor));
  return runs;
}

/** What the limit allows at best: every request at 250 a minute, on the shared clock. */
const minimumMs = (r: ScaleRun) => (r.requests / RATE_LIMIT.requests) * RATE_LIMIT.perMs;
const minutes = (ms: number) => num(ms / 60_000, 2);
const path = (r: ScaleRun, p: string) => int(r.paths[p] ?? 0);

/** One row per measure, one column per clock factor. */
function rows(runs: ScaleRun[]): string[][] {
  const measures: [string, (r: ScaleRun) => string][] = [
    ["requests received by the sandbox", (r) => int(r.requests)],
    [
      "sendfile / filestatus / getfile",
      (r) =>
        `${path(r, "POST /v2/sendfile")} / ${path(r, "GET /v2/filestatus")} / ${path(r, "GET /v2/getfile")}`,
    ],
    ["requests per upload", (r) => num(r.requests / r.files, 2)],
    ["answers 429 (rate limit)", (r) => int(r.refused)],
    ["busiest minute (requests)", (r) => int(r.busiestMinute)],
    ["uploads received (sandbox)", (r) => int(r.received)],
    ["lists sent exactly once (by name)", (r) => int(r.sentOnce)],
    ["results correct / status complete", (r) => `${int(r.correct)} / ${int(r.complete)}`],
    ["time (clock minutes)", (r) => minutes(r.clockMs)],
    ["time (real seconds)", (r) => num(r.realMs / 1000, 1)],
    ["minimum the limit allows (requests ÷ 250/min)", (r) => `${minutes(minimumMs(r))} min`],
    ["time ÷ minimum", (r) => ratio(r.clockMs / minimumMs(r))],
    ["CPU time of the process (s)", (r) => num(r.cpuMs / 1000, 1)],
  ];
  return measures.map(([name, value]) => [name, ...runs.map(value)]);
}

function target(runs: ScaleRun[]): Target {
  const ok = (r: ScaleRun) =>
    r.refused === 0 &&
    r.received === r.files &&
    r.sentOnce === r.files &&
    r.correct === r.files &&
    r.complete === r.files;
  const missed = runs.filter((r) => !ok(r));
  return {
    target: `${FILES} files on one client: zero rate-limit answers, every upload sent exactly once, all results correct`,
    met: missed.length === 0,
    measured: runs
      .map(
        (r) =>
          `${r.factor}×: ${r.refused} answers 429 of ${int(r.requests)}; ${r.sentOnce}/${r.files} sent once; ${r.correct}/${r.files} correct`,
      )
      .join("; "),
    ...(missed.length > 0 && {
      why: missed.map((r) => `${r.factor}×: ${r.errors.join("; ") || "see the table"}`).join("; "),
    }),
  };
}

export function reportScale(runs: ScaleRun[]): Section {
  const slowest = runs.at(-1)!;
  return {
    title: "11. Scale of many",
    method: [
      `${FILES} small CSV lists (testkit \`manyLists\`: each with its own name, some not ASCII, its own mix of 0-13 valid and 1-15 invalid addresses, a header row or not, the address in column 1, 2 or 3) are sent and processed at once with \`processFile\` on ONE ZeroBounce client with its default limit (${RATE_LIMIT.requests} requests a minute), against the sandbox served on loopback by its Node adapter in the same process. ` +
        "The sandbox enforces ZeroBounce's limit (past 250 requests a minute the key is blocked for an hour, answered 429) and counts, at its side of the wire, every request by path and status and every `sendfile` by the name of its file. Each result is read whole and compared with the rows expected from the documented rule (an address is valid when well-formed and its domain is not dead.example, bounce.example or invalid.test).",
      "Client (`clock`) and sandbox (`now`) share one clock running N× faster than the wall clock, so the limit is exactly as tight as in real time, compressed; 30× is the factor of `packages/zerobounce/test/scale.test.ts`. " +
        "Time runs from the first send to the last result read. The minimum is what the limit allows on average: total requests ÷ 250 a minute.",
    ],
    tables: [
      {
        caption: `${FILES} concurrent processFile calls on one client`,
        table: {
          head: ["measure", ...runs.map((r) => `clock ${r.factor}× real time`)],
          align: ["l", ...runs.map(() => "r" as const)],
          rows: rows(runs),
        },
      },
    ],
    notes: [
      "Requests per upload: one `sendfile`, one `getfile`, and the polls of `filestatus` between them; 3.00 would be one poll per upload. Polls queue behind the client's limiter in arrival order, so the uploads done by the time their turn comes need only one.",
      `The limit is a sliding window, so the first ${RATE_LIMIT.requests} requests may go at once: a run can end in less than the average-rate minimum. ` +
        `What lies above it is this process's own work (multipart bodies, ${FILES} loopback connections, the sandbox parsing every list), which the shared clock stretches by its factor: ${num(slowest.cpuMs / 1000, 1)} s of CPU at ${slowest.factor}× weighs ${minutes(slowest.cpuMs * slowest.factor)} clock minutes. Against the real ZeroBounce, where a minute is a minute, that work is negligible.`,
    ],
    targets: [target(runs)],
  };
}
