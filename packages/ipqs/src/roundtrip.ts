/**
 * The IPQS round trip: `upload` (POST /{fileType}/upload), `downloadResults` (a fresh status, then
 * one of its one-time `downloads` links), and `processFile` (the two around `waitForUpload`).
 * IPQS has no delete. Sources: specs/ipqs.yaml and its Uploading CSVs and Check CSV Status pages.
 */
import {
  ApiError,
  backoffMs,
  isTransient,
  multipart,
  notObject,
  processFile as roundTrip,
  redactStatus,
  requireIntegerId,
  sendOnce,
  UploadFailedError,
  type ApiClient,
  type Processed,
  type ProcessOptions,
  type RoundTripOptions,
  type SuccessFalseAsError,
  type UploadHelpers,
  type UploadStatus,
} from "@filestatus/core";
import type { paths } from "./generated/schema.ts";
import { csvProblem, toUploadStatus } from "./status.ts";
import {
  checkType,
  checkWhich,
  toRecords,
  type IpqsUploadInput,
  type Records,
  type ResultsFile,
  type UploadType,
} from "./upload-input.ts";

export interface UploadOptions extends RoundTripOptions {
  /** Required: what the records are, which picks the check IPQS runs on each (its `fileType`). */
  type: UploadType;
  /**
   * The upload's name (IPQS `file_name`), by which it is found in the list; defaults to a `File`'s
   * own name, else IPQS names it `<type>_<date time>`.
   */
  filename?: string;
}

export interface DownloadOptions extends RoundTripOptions {
  /**
   * Which result file (IPQS `downloads`): `all` records (default), the `bad` ones, or the `clean`
   * or `pristine` good ones.
   */
  which?: ResultsFile;
}

export interface ProcessFileOptions extends UploadOptions, ProcessOptions {
  /** Which result file to download, as {@link DownloadOptions.which}. */
  which?: ResultsFile;
}

export interface IpqsRoundTrip {
  /**
   * Sends the records once (never again once IPQS may have them) and resolves with the new CSV's
   * status, `queued`. Bad input is refused before anything is sent: a `TypeError` or `RangeError`
   * naming the option.
   */
  upload(input: IpqsUploadInput, options: UploadOptions): Promise<UploadStatus>;
  /**
   * A result file of a FINISHED CSV as a streaming `Response`. Links work once, so each call asks
   * for a fresh status first; an `ApiError` when the CSV is not FINISHED or has no such file, an
   * `UploadFailedError` when it was aborted.
   */
  downloadResults(id: string, options?: DownloadOptions): Promise<Response>;
  /** `upload`, `waitForUpload`, then `downloadResults`, under one deadline and one `onProgress`. */
  processFile(input: IpqsUploadInput, options: ProcessFileOptions): Promise<Processed<Response>>;
}

type IpqsApi = ApiClient<SuccessFalseAsError<paths>>;

const FORM = { "Content-Type": "application/x-www-form-urlencoded" };

/** Why an upload answer is not a new CSV. */
function uploadProblem(data: unknown): string | undefined {
  const id = (data as { id?: unknown }).id;
  return (
    notObject(data, "the body") ??
    (Number.isSafeInteger(id) && (id as number) > 0 ? undefined : "id is not a positive integer")
  );
}

function send(client: IpqsApi, type: UploadType, records: Records, name: string | undefined) {
  const params = { path: { fileType: type }, query: { file_name: name } };
  const path = "/{fileType}/upload";
  return (options: RoundTripOptions) => {
    const { signal, onProgress } = options;
    const label = name ?? `${type}_<the upload's date and time>`;
    const expect = uploadProblem;
    if (records.kind === "file") {
      const form = multipart({}, { field: "file", file: records.file });
      const call = (init: object | undefined) => client.POST(path, { params, ...init, signal });
      return sendOnce(client, label, call, { form, signal, onProgress, expect });
    }
    const body = records.kind === "rows" ? { input: records.rows } : { url: records.url };
    const headers = records.kind === "url" ? FORM : undefined;
    const call = () => client.POST(path, { params, body, headers, signal });
    return sendOnce(client, label, call, { signal, expect });
  };
}

export function ipqsRoundTrip(client: IpqsApi, helpers: UploadHelpers): IpqsRoundTrip {
  const prepare = (input: IpqsUploadInput, options: UploadOptions) => {
    if (typeof options !== "object" || options === null)
      throw new TypeError('@filestatus/ipqs: upload needs options with a "type"');
    const type = checkType(options.type);
    const { records, fileName } = toRecords(input, options.filename);
    return send(client, type, records, fileName);
  };
  const queued = (data: object) =>
    redactStatus(client, toUploadStatus(data as Parameters<typeof toUploadStatus>[0]));

  const upload = async (input: IpqsUploadInput, options: UploadOptions) =>
    queued(await prepare(input, options)(options));

  /** A fresh status's `which` link (each status call makes new ones); errors when there is none. */
  const freshLink = async (id: string, csvId: number, which: ResultsFile, signal?: AbortSignal) => {
    const result = await client.GET("/status/{csvId}", { params: { path: { csvId } }, signal });
    const csv = await client.unwrap(result, (data) => csvProblem(data, id));
    const status = redactStatus(client, toUploadStatus(csv));
    if (status.state === "failed") throw new UploadFailedError({ provider: "ipqs", status });
    if (csv.status !== "FINISHED")
      throw client.unexpected(
        result.response,
        `CSV ${id} is ${csv.status}, not FINISHED: its results are not ready yet`,
      );
    const link = csv.downloads?.[which];
    if (typeof link !== "string")
      throw client.unexpected(result.response, `CSV ${id} has no "${which}" results file`);
    return link;
  };

  const downloadResults = async (id: string, options: DownloadOptions = {}) => {
    const which = checkWhich(options.which);
    const csvId = requireIntegerId("ipqs", id);
    const { signal, onProgress } = options;
    // A link works once, so a failed fetch is never repeated on the same link: a transient failure
    // (or a link already used up, 404/410) is tried again on a fresh one.
    const attempts = (client.retry ? client.retry.retries : 0) + 1;
    for (let attempt = 1; ; attempt++) {
      const link = await freshLink(id, csvId, which, signal);
      try {
        return await client.fetchLink(link, { signal, onProgress, once: true });
      } catch (error) {
        const spent = ApiError.is(error) && (error.status === 404 || error.status === 410);
        if (attempt >= attempts || signal?.aborted || !(spent || isTransient(error))) throw error;
        if (client.retry) await client.clock.sleep(backoffMs(attempt - 1, client.retry), signal);
      }
    }
  };

  const processFile = async (input: IpqsUploadInput, options: ProcessFileOptions) => {
    const sendIt = prepare(input, options);
    const which = checkWhich(options.which);
    return roundTrip(
      client,
      {
        upload: async (o) => queued(await sendIt(o)),
        wait: (id, o) => helpers.waitForUpload(id, o),
        results: (status, o) => downloadResults(status.id, { ...o, which }),
      },
      options,
    );
  };

  return { upload, downloadResults, processFile };
}
