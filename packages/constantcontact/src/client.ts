/**
 * createClient for Constant Contact v2 MyLibrary files (specs/constantcontact.yaml): upload status,
 * and the round trip (upload, wait, read the file).
 */
import {
  createBareApiClient,
  requireCredential,
  withFetchLink,
  type ApiClient,
  type BareApiClient,
  type CommonOptions,
  type RateLimit,
} from "@filestatus/core";
import type { paths } from "./generated/schema.ts";
import { constantContactHelpers, type ConstantContactHelpers } from "./helpers.ts";
import { libraryHelpers, uploadLimit, type LibraryHelpers } from "./library.ts";
import { roundTripHelpers, type RoundTripHelpers } from "./roundtrip.ts";

/** The spec's first server. */
export const DEFAULT_BASE_URL = "https://api.constantcontact.com";

/** 4 calls a second per API key (10,000 a day), per Constant Contact's v2 documentation. */
export const RATE_LIMIT: RateLimit = { requests: 4, perMs: 1_000 };

/** Options of {@link createClient} and {@link createBareClient}. */
export interface ClientOptions extends CommonOptions {
  /** Required; sent as the `api_key` query parameter. */
  apiKey: string;
  /** Required; sent as `Authorization: Bearer <token>`. */
  accessToken: string;
}

/**
 * The typed openapi-fetch client: `client.GET(path, { params })` with the spec's paths, `unwrap`
 * and `redact`.
 */
export type BareClient = BareApiClient<paths>;

/** The typed openapi-fetch client: `client.GET(path, { params })` with the spec's paths. */
export type Client = ApiClient<paths> & ConstantContactHelpers & LibraryHelpers & RoundTripHelpers;

/**
 * The typed client alone, without the helpers: the smallest bundle for an application that only
 * makes calls. Throws a `TypeError` at once when a credential is missing or empty.
 */
export function createBareClient(options: ClientOptions): BareClient {
  return createBareApiClient<paths>(
    {
      provider: "constantcontact",
      defaultBaseUrl: DEFAULT_BASE_URL,
      credentials: [
        {
          in: "query",
          name: "api_key",
          value: requireCredential("constantcontact", "apiKey", options?.apiKey),
        },
        {
          in: "bearer",
          value: requireCredential(
            "constantcontact",
            "accessToken",
            options?.accessToken,
            "header",
          ),
        },
      ],
      rateLimit: RATE_LIMIT,
    },
    options,
  );
}

/** Creates a client; throws a `TypeError` at once when a credential is missing or empty. */
export function createClient(options: ClientOptions): Client {
  const client = withFetchLink(createBareClient(options));
  const status = constantContactHelpers(client);
  const library = libraryHelpers(client, options.baseUrl ?? DEFAULT_BASE_URL);
  const roundTrip = roundTripHelpers(client, { ...status, ...library }, uploadLimit(client));
  return Object.assign(client, status, library, roundTrip);
}
