/**
 * One client sending a large list through the sandbox and getting its results, in a process of its
 * own (run with --expose-gc) so that its RSS is the client's alone. Each phase is measured on its
 * own (rss.ts). argv: JSON of {@link RoundTripTask}. Replies with a {@link RoundTripReport}.
 *
 * - `ours`: `client.upload(await openAsBlob(path), …)`, `waitForUpload`, then
 *   `downloadResults` piped to a file, as the ZeroBounce README shows.
 * - `sdk`: @zerobounce/zero-bounce-sdk `sendFile` (with the `File` the SDK documents), its
 *   `getFileStatus` until Complete, then `getFile`. Its bulk URL is fixed, so the global `fetch`
 *   of this process alone is wrapped to send it to the sandbox (sdk-url.ts).
 * - `raw`: raw `fetch` POSTing the same multipart body as a stream, with `redirect` as given
 *   (upload only), to compare how Node's fetch itself holds an upload.
 */
import { createWriteStream, openAsBlob } from "node:fs";
import { stat } from "node:fs/promises";
import { Writable } from "node:stream";
import { createClient } from "@filestatus/zerobounce";
import ZeroBounceSDK from "@zerobounce/zero-bounce-sdk";
import { finish } from "./child.ts";
import { KEY } from "./fixtures.ts";
import { LIST_NAME, rawUpload, UPLOAD_OPTIONS } from "./raw-form.ts";
import { phase, type PhaseReport } from "./rss.ts";
import { redirectSdk } from "./sdk-url.ts";

export interface RoundTripTask {
  kind: "ours" | "sdk" | "raw";
  /** For `raw`: the redirect mode given to `fetch`. */
  redirect?: RequestRedirect;
  origin: string;
  /** The list to send. */
  file: string;
  /** Where `ours` writes the results. */
  out: string;
}

export interface PhaseOutcome {
  name: "upload" | "processing" | "download";
  report: PhaseReport;
  /** What the phase ended with: the file id, the bytes written, or the error it threw. */
  outcome: string;
  failed?: boolean;
}

export interface RoundTripReport {
  kind: RoundTripTask["kind"];
  phases: PhaseOutcome[];
}

async function ours(task: RoundTripTask): Promise<PhaseOutcome[]> {
  const client = createClient({ apiKey: KEY, baseUrl: task.origin });
  const sent = await phase(async () => client.upload(await openAsBlob(task.file), UPLOAD_OPTIONS));
  const id = sent.value.id;
  const waited = await phase(() => client.waitForUpload(id));
  const got = await phase(async () => {
    const results = await client.downloadResults(id);
    await results.body!.pipeTo(Writable.toWeb(createWriteStream(task.out)));
    return (await stat(task.out)).size;
  });
  return [
    { name: "upload", report: sent.report, outcome: `file_id ${id}` },
    { name: "processing", report: waited.report, outcome: waited.value.state },
    { name: "download", report: got.report, outcome: `${got.value} bytes written` },
  ];
}

/** `work`'s value, or the error it threw (the SDK's getFile throws in Node). */
async function settled<T>(work: () => Promise<T>): Promise<{ value?: T; error?: string }> {
  try {
    return { value: await work() };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

async function sdk(task: RoundTripTask): Promise<PhaseOutcome[]> {
  redirectSdk(task.origin);
  const zb = new ZeroBounceSDK();
  zb.init(KEY);
  const sent = await phase(async () => {
    const file = new File([await openAsBlob(task.file)], LIST_NAME, { type: "text/csv" });
    return settled(() =>
      zb.sendFile({ file, email_address_column: 1, has_header_row: true, remove_duplicate: false }),
    );
  });
  const id = (sent.value.value as { file_id?: string } | undefined)?.file_id;
  if (!id) throw new Error(`sendFile: ${sent.value.error ?? JSON.stringify(sent.value.value)}`);
  const waited = await phase(async () => {
    for (;;) {
      const status = (await zb.getFileStatus(id)) as { file_status?: string };
      if (status.file_status === "Complete") return status.file_status;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  });
  const got = await phase(() => settled(() => zb.getFile(id)));
  return [
    { name: "upload", report: sent.report, outcome: `file_id ${id}` },
    { name: "processing", report: waited.report, outcome: waited.value },
    {
      name: "download",
      report: got.report,
      outcome: got.value.error ?? `returned ${JSON.stringify(got.value.value)}`,
      ...(got.value.error !== undefined && { failed: true }),
    },
  ];
}

async function raw(task: RoundTripTask): Promise<PhaseOutcome[]> {
  const sent = await phase(async () =>
    rawUpload(task.origin, await openAsBlob(task.file), task.redirect),
  );
  return [{ name: "upload", report: sent.report, outcome: `file_id ${sent.value}` }];
}

const task = JSON.parse(process.argv[2]!) as RoundTripTask;
const run = { ours, sdk, raw }[task.kind];
const phases = await run(task);
finish({ kind: task.kind, phases } satisfies RoundTripReport);
