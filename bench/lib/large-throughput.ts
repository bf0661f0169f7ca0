/**
 * Upload and download throughput of our client against raw `fetch` moving the same bytes to the
 * same server, in one process of its own. Rounds alternate which goes first. Two targets on the
 * same sandbox process (large-sandbox.ts): the sandbox itself (`sendfile` reads the CSV, `getfile`
 * writes the results as they are read) and its sink (the body read and dropped; a stored file
 * served), where only the transport bounds the rate.
 * argv: JSON of {@link ThroughputTask}. Replies with {@link Transfer}[].
 */
import { openAsBlob } from "node:fs";
import { createClient } from "@filestatus/zerobounce";
import { finish } from "./child.ts";
import { KEY } from "./fixtures.ts";
import { rawUpload, UPLOAD_OPTIONS } from "./raw-form.ts";
import { drain } from "./rss.ts";

export interface ThroughputTask {
  origin: string;
  file: string;
  rounds: { sandbox: number; sink: number };
}

export type Target = "sandbox" | "sink";
/** Raw fetch as written by default (`redirect: "follow"`), and, for uploads, with "error". */
export type Contender = "ours" | "raw fetch" | 'raw fetch, redirect "error"';

export interface Transfer {
  target: Target;
  direction: "upload" | "download";
  contender: Contender;
  round: number;
  ms: number;
  /** Bytes of the list sent, or of the results received. */
  bytes: number;
}

async function rawDownload(base: string, id: string): Promise<number> {
  const query = new URLSearchParams({ api_key: KEY, file_id: id });
  const response = await fetch(`${base}/v2/getfile?${query}`);
  if (!response.ok) throw new Error(`raw download: HTTP ${response.status}`);
  return drain(response.body);
}

const task = JSON.parse(process.argv[2]!) as ThroughputTask;
const file = await openAsBlob(task.file);
const transfers: Transfer[] = [];
const reset = () => fetch(`${task.origin}/bench/reset`, { method: "POST" }).then(drainAll);
const drainAll = (response: Response) => drain(response.body);

for (const target of ["sandbox", "sink"] as const) {
  const base = target === "sink" ? `${task.origin}/sink` : task.origin;
  const client = createClient({ apiKey: KEY, baseUrl: base });
  const run = async (
    direction: Transfer["direction"],
    contender: Contender,
    round: number,
    work: () => Promise<number>,
  ) => {
    const started = performance.now();
    const bytes = await work();
    transfers.push({ target, direction, contender, round, ms: performance.now() - started, bytes });
  };
  /** The contenders, rotated by one each round so that each goes first in turn. */
  const order = (round: number, all: Contender[]): Contender[] =>
    all.map((_, i) => all[(i + round) % all.length]!);
  // Raw fetch without the redirect clone only where the transport is what bounds the rate.
  const uploaders: Contender[] =
    target === "sink"
      ? ["ours", "raw fetch", 'raw fetch, redirect "error"']
      : ["ours", "raw fetch"];
  for (let round = 0; round < task.rounds[target]; round++) {
    for (const contender of order(round, uploaders)) {
      // Each list stays in the sandbox until deleted: start from an empty one every time.
      if (target === "sandbox") await reset();
      await run("upload", contender, round, async () => {
        if (contender === "ours") await client.upload(file, UPLOAD_OPTIONS);
        else await rawUpload(base, file, contender === "raw fetch" ? "follow" : "error");
        return file.size;
      });
    }
  }
  let id = "sink";
  if (target === "sandbox") {
    await reset();
    id = (await client.upload(file, UPLOAD_OPTIONS)).id;
    await client.waitForUpload(id);
  }
  for (let round = 0; round < task.rounds[target]; round++) {
    for (const contender of order(round, ["ours", "raw fetch"])) {
      await run("download", contender, round, async () =>
        contender === "ours"
          ? drain((await client.downloadResults(id)).body)
          : rawDownload(base, id),
      );
    }
  }
}
finish(transfers);
