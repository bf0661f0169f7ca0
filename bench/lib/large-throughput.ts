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
import { drain } from "./rss.ts";

export interface ThroughputTask {
  origin: string;
  file: string;
  rounds: { sandbox: number; sink: number };
}

export type Target = "sandbox" | "sink";
export type Contender = "ours" | "raw fetch";

export interface Transfer {
  target: Target;
  direction: "upload" | "download";
  contender: Contender;
  round: number;
  ms: number;
  /** Bytes of the list sent, or of the results received. */
  bytes: number;
}

const NAME = "large.csv";
const FIELDS = {
  api_key: KEY,
  email_address_column: "1",
  has_header_row: "true",
  remove_duplicate: "false",
};

/** The multipart body our client sends, written out by hand: the fields, then the file. */
function rawForm(file: Blob): { body: Blob; type: string } {
  const boundary = `----raw${crypto.randomUUID().replaceAll("-", "")}`;
  const parts: (string | Blob)[] = Object.entries(FIELDS).map(
    ([name, value]) =>
      `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
  );
  parts.push(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${NAME}"\r\nContent-Type: text/csv\r\n\r\n`,
    file,
    `\r\n--${boundary}--\r\n`,
  );
  return { body: new Blob(parts), type: `multipart/form-data; boundary=${boundary}` };
}

async function rawUpload(base: string, file: Blob): Promise<string> {
  const { body, type } = rawForm(file);
  const init = {
    method: "POST",
    body: body.stream(),
    duplex: "half",
    headers: { "content-type": type, "content-length": String(body.size) },
  };
  const data = (await (await fetch(`${base}/v2/sendfile`, init as RequestInit)).json()) as {
    file_id?: string;
  };
  if (!data.file_id) throw new Error(`raw upload refused: ${JSON.stringify(data)}`);
  return data.file_id;
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
const options = { emailColumn: 1, hasHeaderRow: true, removeDuplicate: false, filename: NAME };
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
  const order = (round: number): Contender[] =>
    round % 2 === 0 ? ["ours", "raw fetch"] : ["raw fetch", "ours"];
  for (let round = 0; round < task.rounds[target]; round++) {
    for (const contender of order(round)) {
      // Each list stays in the sandbox until deleted: start from an empty one every time.
      if (target === "sandbox") await reset();
      await run("upload", contender, round, async () => {
        if (contender === "ours") await client.upload(file, options);
        else await rawUpload(base, file);
        return file.size;
      });
    }
  }
  let id = "sink";
  if (target === "sandbox") {
    await reset();
    id = (await client.upload(file, options)).id;
    await client.waitForUpload(id);
  }
  for (let round = 0; round < task.rounds[target]; round++) {
    for (const contender of order(round)) {
      await run("download", contender, round, async () =>
        contender === "ours"
          ? drain((await client.downloadResults(id)).body)
          : rawDownload(base, id),
      );
    }
  }
}
finish(transfers);
