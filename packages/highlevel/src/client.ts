/**
 * createClient for HighLevel Social Planner — CSV upload status (specs/highlevel.yaml).
 */
import {
  createBareApiClient,
  requireCredential,
  withFetchLink,
  type ApiClient,
  type BareApiClient,
  type CommonOptions,
  type RateLimit,
  type WithDefaultHeaders,
} from "@filestatus/core";
import type { paths } from "./generated/schema.ts";
import { highLevelHelpers, type HighLevelHelpers } from "./helpers.ts";
import { importHelpers, type ImportHelpers } from "./imports.ts";
import { roundTripHelpers, type RoundTripHelpers } from "./roundtrip.ts";

/** The spec's first server. */
export const DEFAULT_BASE_URL = "https://services.leadconnectorhq.com";

/** The only `Version` the upload-status endpoint accepts (specs/highlevel.yaml). */
export const DEFAULT_VERSION = "2021-07-28";

/**
 * Burst limit: 100 requests per 10 s per app and location (HighLevel API rate limits). The server
 * also reports `X-RateLimit-*` headers, which the client follows when they say the window is spent.
 */
export const RATE_LIMIT: RateLimit = { requests: 100, perMs: 10_000 };

/** Options of {@link createClient} and {@link createBareClient}. */
export interface ClientOptions extends CommonOptions {
  /** Required; sent as `Authorization: Bearer <token>`. */
  accessToken: string;
  /**
   * The sub-account whose imports the helpers (`uploads`, `uploadStatus`, `upload`, `csvImport`,
   * …) work on; they throw a `TypeError` without it.
   */
  locationId?: string;
  /** `Version` header sent with every call; defaults to {@link DEFAULT_VERSION}. */
  version?: string;
}

/**
 * The typed openapi-fetch client: `client.GET(path, { params })` with the spec's paths, `unwrap`
 * and `redact`.
 */
export type BareClient = BareApiClient<WithDefaultHeaders<paths, "Version">>;

/** The typed openapi-fetch client: `client.GET(path, { params })` with the spec's paths. */
export type Client = ApiClient<WithDefaultHeaders<paths, "Version">> &
  HighLevelHelpers &
  ImportHelpers &
  RoundTripHelpers;

/**
 * The typed client alone, without the helpers (so `locationId` is not used): the smallest bundle
 * for an application that only makes calls. Throws a `TypeError` at once when a credential is
 * missing or empty.
 */
export function createBareClient(options: ClientOptions): BareClient {
  return createBareApiClient<WithDefaultHeaders<paths, "Version">>(
    {
      provider: "highlevel",
      defaultBaseUrl: DEFAULT_BASE_URL,
      credentials: [
        {
          in: "bearer",
          value: requireCredential("highlevel", "accessToken", options?.accessToken, "header"),
        },
      ],
      headers: { Version: options?.version ?? DEFAULT_VERSION },
      rateLimit: RATE_LIMIT,
    },
    options,
  );
}

/** Creates a client; throws a `TypeError` at once when a credential is missing or empty. */
export function createClient(options: ClientOptions): Client {
  const client = withFetchLink(createBareClient(options));
  const locationId = options?.locationId;
  const location = () => {
    if (!locationId)
      throw new TypeError("@filestatus/highlevel: the locationId option is required");
    return locationId;
  };
  const status = highLevelHelpers(client, locationId);
  const imports = importHelpers(client, location);
  const roundTrip = roundTripHelpers(client, location, { ...status, ...imports });
  return Object.assign(client, status, imports, roundTrip);
}
