/**
 * The results of a finished SanitizeEmail job as a CSV: the download endpoint answers a pre-signed,
 * time-limited link (409 while the job runs), which is fetched without the API key.
 * https://docs.sanitizeemail.com/api-reference/endpoint/download_clean_list, …/download_validated_list
 */
import {
  ApiError,
  isRecord,
  redactLink,
  requireId,
  requireIntegerId,
  type ApiClient,
  type FetchResult,
  type RoundTripOptions,
} from "@filestatus/core";
import type { paths } from "./generated/schema.ts";
import { checkJob, type Job } from "./roundtrip-options.ts";

export interface DownloadOptions extends RoundTripOptions {
  /**
   * Required: the job whose results to fetch, as given to `upload`: `clean` (a CSV of the valid
   * emails, column `email`) or `validate` (every email with `status`, `normalized_email`, …).
   */
  job: Job;
}

/** A 409 answer as an error that says what it means: the job has not finished. */
function notReady(error: unknown, id: string, job: Job): unknown {
  if (!ApiError.is(error) || error.status !== 409) return error;
  const what = job === "clean" ? "cleaned list" : "validation results";
  const note = `; the ${what} of upload ${id} are not ready yet: wait until it is complete (waitForUpload), then ask again`;
  return Object.defineProperty(error, "message", { value: error.message + note });
}

/** The pre-signed link of the answer, or an ApiError that never shows the link itself. */
function linkOf(client: ApiClient<{}>, result: FetchResult, data: unknown): string {
  const url = isRecord(data) ? data.download_url : undefined;
  if (typeof url === "string" && /^https?:\/\//i.test(url)) return url;
  const shown =
    isRecord(data) && typeof url === "string" ? { ...data, download_url: redactLink(url) } : data;
  throw client.unexpected(result.response, "download_url is not an http(s) URL", shown);
}

export async function downloadResults(
  client: ApiClient<paths>,
  id: string,
  options: DownloadOptions,
): Promise<Response> {
  if (typeof options !== "object" || options === null)
    throw new TypeError(
      '@filestatus/sanitizeemail: downloadResults needs { job: "clean" | "validate" }',
    );
  const job = checkJob(options.job);
  const fileId = requireIntegerId("sanitizeemail", requireId("sanitizeemail", id));
  const { signal, onProgress } = options;
  const params = { query: { file_id: fileId } };
  const result =
    job === "clean"
      ? await client.GET("/v1/api/cleanedemail/download-cleaned-emails/", { params, signal })
      : await client.GET("/v1/api/email-validation/download-validation-results/", {
          params,
          signal,
        });
  const data = await client.unwrap(result as FetchResult).catch((error: unknown) => {
    throw notReady(error, id, job);
  });
  const link = linkOf(client, result, data);
  return client.fetchLink(link, { ...(signal && { signal }), ...(onProgress && { onProgress }) });
}
