/**
 * The parent's side of the large-file sections: a sandbox process for the section, client
 * processes run one at a time, and a check that a results file says what the list implies.
 */
import { createReadStream } from "node:fs";
import { forkTs, nextMessage, stop } from "./child.ts";
import type { RoundTripReport, RoundTripTask } from "./large-client.ts";
import type { LargeList } from "./large-list.ts";

/**
 * How much faster than real time the sandbox runs: processing takes 100 ms a row at speed 1, so
 * 8 million rows need a speed of millions to be done as soon as they are read.
 */
export const SANDBOX_SPEED = 10_000_000;

/** Runs `work` against a fresh sandbox process; also returns that process's peak RSS. */
export async function withSandbox<T>(
  sinkFile: string,
  work: (origin: string) => Promise<T>,
): Promise<{ value: T; sandboxMaxRss: number }> {
  const sandbox = forkTs(new URL("./large-sandbox.ts", import.meta.url), [
    sinkFile,
    String(SANDBOX_SPEED),
  ]);
  try {
    const { origin } = await nextMessage<{ origin: string }>(sandbox);
    const value = await work(origin);
    sandbox.send("stats");
    const { maxRss } = await nextMessage<{ maxRss: number }>(sandbox);
    return { value, sandboxMaxRss: maxRss };
  } finally {
    await stop(sandbox);
  }
}

/** Runs one client process (large-client.ts, with --expose-gc) and returns its report. */
export async function runClient(task: RoundTripTask): Promise<RoundTripReport> {
  const child = forkTs(
    new URL("./large-client.ts", import.meta.url),
    [JSON.stringify(task)],
    ["--expose-gc"],
  );
  try {
    return await nextMessage<RoundTripReport>(child);
  } finally {
    await stop(child);
  }
}

/** Runs a child that answers once with `T`. */
export async function runChild<T>(file: URL, task: unknown): Promise<T> {
  const child = forkTs(file, [JSON.stringify(task)]);
  try {
    return await nextMessage<T>(child);
  } finally {
    await stop(child);
  }
}

export interface ResultsCheck {
  lines: number;
  invalid: number;
  /** Undefined when the file is what the list implies. */
  problem?: string;
}

const INVALID = Buffer.from(",invalid\r\n");

/** Counts the lines and the `invalid` verdicts of a results file, streamed. */
export async function checkResults(path: string, list: LargeList): Promise<ResultsCheck> {
  let lines = 0;
  let invalid = 0;
  let head = "";
  let tail = Buffer.alloc(0);
  for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 })) {
    const bytes = Buffer.concat([tail, chunk as Buffer]);
    if (head.length < 64) head += (chunk as Buffer).subarray(0, 64).toString("latin1");
    for (let i = bytes.indexOf(10, tail.length); i !== -1; i = bytes.indexOf(10, i + 1)) lines++;
    for (let i = bytes.indexOf(INVALID); i !== -1; i = bytes.indexOf(INVALID, i + 1)) invalid++;
    tail = bytes.subarray(Math.max(0, bytes.length - INVALID.length + 1));
  }
  const problems: string[] = [];
  if (!head.startsWith("email,first_name,ZB Status\r\n")) problems.push("no ZB Status header");
  if (lines !== list.rows + 1) problems.push(`${lines} lines for ${list.rows} rows and a header`);
  if (invalid !== list.invalid) problems.push(`${invalid} invalid where ${list.invalid} were`);
  return { lines, invalid, ...(problems.length > 0 && { problem: problems.join("; ") }) };
}
