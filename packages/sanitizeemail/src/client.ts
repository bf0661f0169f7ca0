/**
 * createClient for SanitizeEmail uploaded files API (specs/sanitizeemail.yaml).
 */
import {
  createBareApiClient,
  requireCredential,
  withFetchLink,
  type ApiClient,
  type BareApiClient,
  type CommonOptions,
} from "@filestatus/core";
import type { paths } from "./generated/schema.ts";
import { sanitizeEmailHelpers, type SanitizeEmailHelpers } from "./helpers.ts";
import { sanitizeEmailRoundTrip, type SanitizeEmailRoundTrip } from "./roundtrip.ts";

/** The spec's first server. */
export const DEFAULT_BASE_URL = "https://base.sanitizeemail.com";

/** Options of {@link createClient} and {@link createBareClient}. */
export interface ClientOptions extends CommonOptions {
  /** Required; sent in the `X-API-KEY` header. */
  apiKey: string;
}

/**
 * The typed openapi-fetch client: `client.GET(path, { params })` with the spec's paths, `unwrap`
 * and `redact`.
 */
export type BareClient = BareApiClient<paths>;

/**
 * The typed openapi-fetch client (`client.GET(path, { params })` with the spec's paths), the status
 * helpers and the round trip (`upload`, `downloadResults`, `processFile`).
 */
export type Client = ApiClient<paths> & SanitizeEmailHelpers & SanitizeEmailRoundTrip;

/**
 * The typed client alone, without the helpers: the smallest bundle for an application that only
 * makes calls. Throws a `TypeError` at once when a credential is missing or empty.
 */
export function createBareClient(options: ClientOptions): BareClient {
  return createBareApiClient<paths>(
    {
      provider: "sanitizeemail",
      defaultBaseUrl: DEFAULT_BASE_URL,
      credentials: [
        {
          in: "header",
          name: "X-API-KEY",
          value: requireCredential("sanitizeemail", "apiKey", options?.apiKey, "header"),
        },
      ],
    },
    options,
  );
}

/** Creates a client; throws a `TypeError` at once when a credential is missing or empty. */
export function createClient(options: ClientOptions): Client {
  const client = withFetchLink(createBareClient(options));
  const helpers = sanitizeEmailHelpers(client);
  return Object.assign(client, helpers, sanitizeEmailRoundTrip(client, helpers));
}
