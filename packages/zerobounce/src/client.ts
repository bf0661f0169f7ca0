/**
 * createClient for the ZeroBounce Bulk File API (specs/zerobounce.yaml).
 */
import {
  createBareApiClient,
  isSuccessFalse,
  moveErrorBodies,
  requireCredential,
  withFetchLink,
  type ApiClient,
  type BareApiClient,
  type CommonOptions,
  type RateLimit,
  type SuccessFalseAsError,
  type UploadHelpers,
  uploadHelpers,
} from "@filestatus/core";
import type { paths } from "./generated/schema.ts";
import { roundTrip, type RoundTrip } from "./roundtrip.ts";
import { fileProblem, toUploadStatus } from "./status.ts";

/** The spec's first server. Accounts registered with ZeroBounce India use `https://bulkapi.zerobounce.in`. */
export const DEFAULT_BASE_URL = "https://bulkapi.zerobounce.net";

/**
 * More than 250 requests a minute to the bulk host blocks the key for an hour
 * (https://www.zerobounce.net/docs/api-dashboard/api-rate-limits/), so the client stays at 250.
 */
export const RATE_LIMIT: RateLimit = { requests: 250, perMs: 60_000 };

/** Options of {@link createClient} and {@link createBareClient}. */
export interface ClientOptions extends CommonOptions {
  /** Required; sent as the `api_key` query parameter (a form field on `sendfile`). */
  apiKey: string;
}

/**
 * The typed openapi-fetch client: `client.GET(path, { params })` with the spec's paths, `unwrap`
 * and `redact`. ZeroBounce answers errors with HTTP 200 and `success: false`; the client returns
 * those as `error`.
 */
export type BareClient = BareApiClient<SuccessFalseAsError<paths>>;

/**
 * The typed openapi-fetch client (`client.GET(path, { params })` with the spec's paths), the
 * upload helpers (on `/v2/filestatus`) and the round trip. ZeroBounce answers errors with HTTP 200
 * and `success: false`; the client returns those as `error`.
 */
export type Client = ApiClient<SuccessFalseAsError<paths>> &
  UploadHelpers &
  RoundTrip & {
    /**
     * The upload helpers for A.I. scoring files, on `/v2/scoring/filestatus`: a file sent with
     * `upload(file, { scoring: true })` is unknown to `/v2/filestatus`, so wait for it with
     * `client.scoring.waitForUpload(id)`.
     */
    readonly scoring: UploadHelpers;
  };

/**
 * The typed client alone, without the helpers: the smallest bundle for an application that only
 * makes calls. Throws a `TypeError` at once when a credential is missing or empty.
 */
export function createBareClient(options: ClientOptions): BareClient {
  const client = createBareApiClient<SuccessFalseAsError<paths>>(
    {
      provider: "zerobounce",
      defaultBaseUrl: DEFAULT_BASE_URL,
      credentials: [
        {
          in: "query",
          name: "api_key",
          value: requireCredential("zerobounce", "apiKey", options?.apiKey),
          // sendfile takes the key as a field of its multipart form (the send-file pages).
          form: true,
        },
      ],
      rateLimit: RATE_LIMIT,
    },
    options,
  );
  return moveErrorBodies(client, isSuccessFalse);
}

/** Creates a client; throws a `TypeError` at once when a credential is missing or empty. */
export function createClient(options: ClientOptions): Client {
  const client = withFetchLink(createBareClient(options));
  /** A status source on one of the two filestatus endpoints. */
  const statusFrom = (path: "/v2/filestatus" | "/v2/scoring/filestatus") =>
    uploadHelpers(client, {
      // A shared store keeps the two endpoints' answers apart (one id is unknown to the other).
      name: path === "/v2/filestatus" ? "status" : "scoring",
      one: async (id, signal) => {
        const call = client.GET(path, { params: { query: { file_id: id } }, signal });
        return toUploadStatus(await client.unwrap(call, (file) => fileProblem(file, id)));
      },
    });
  const validation = statusFrom("/v2/filestatus");
  const scoring = statusFrom("/v2/scoring/filestatus");
  return Object.assign(client, validation, roundTrip(client, { validation, scoring }), {
    scoring,
  });
}
