/**
 * createClient for the ZeroBounce Bulk File API (specs/zerobounce.yaml).
 */
import {
  createApiClient,
  isSuccessFalse,
  requireCredential,
  type ApiClient,
  type CommonOptions,
  type RateLimit,
  type SuccessFalseAsError,
  type UploadHelpers,
  uploadHelpers,
} from "@filestatus/core";
import type { paths } from "./generated/schema.ts";
import { fileProblem, toUploadStatus } from "./status.ts";

/** The spec's first server. Accounts registered with ZeroBounce India use `https://bulkapi.zerobounce.in`. */
export const DEFAULT_BASE_URL = "https://bulkapi.zerobounce.net";

/**
 * More than 250 requests a minute to the bulk host blocks the key for an hour
 * (https://www.zerobounce.net/docs/api-dashboard/api-rate-limits/), so the client stays at 250.
 */
export const RATE_LIMIT: RateLimit = { requests: 250, perMs: 60_000 };

/** Options of {@link createClient}. */
export interface ClientOptions extends CommonOptions {
  /** Required; sent as the `api_key` query parameter. */
  apiKey: string;
}

/**
 * The typed openapi-fetch client (`client.GET(path, { params })` with the spec's paths) and the
 * upload helpers. ZeroBounce answers errors with HTTP 200 and `success: false`; the client returns
 * those as `error`.
 */
export type Client = ApiClient<SuccessFalseAsError<paths>> & UploadHelpers;

/** Creates a client; throws a `TypeError` at once when a credential is missing or empty. */
export function createClient(options: ClientOptions): Client {
  const client = createApiClient<SuccessFalseAsError<paths>>(
    {
      provider: "zerobounce",
      defaultBaseUrl: DEFAULT_BASE_URL,
      credentials: [
        {
          in: "query",
          name: "api_key",
          value: requireCredential("zerobounce", "apiKey", options?.apiKey),
        },
      ],
      rateLimit: RATE_LIMIT,
      isErrorBody: isSuccessFalse,
    },
    options,
  );
  return Object.assign(
    client,
    uploadHelpers(client, {
      one: async (id, signal) => {
        const call = client.GET("/v2/filestatus", { params: { query: { file_id: id } }, signal });
        return toUploadStatus(await client.unwrap(call, (file) => fileProblem(file, id)));
      },
    }),
  );
}
