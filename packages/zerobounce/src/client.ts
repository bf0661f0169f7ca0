/**
 * createClient for ZeroBounce Bulk File Status API (specs/zerobounce.yaml).
 */
import {
  createApiClient,
  requireCredential,
  type ApiClient,
  type CommonOptions,
} from "@filestatus/core";
import type { paths } from "./generated/schema.ts";

/** The spec's first server. */
export const DEFAULT_BASE_URL = "https://bulkapi.zerobounce.net";

/** Options of {@link createClient}. */
export interface ClientOptions extends CommonOptions {
  /** Required; sent as the `api_key` query parameter. */
  apiKey: string;
}

/** The typed openapi-fetch client: `client.GET(path, { params })` with the spec's paths. */
export type Client = ApiClient<paths>;

/** Creates a client; throws a `TypeError` at once when a credential is missing or empty. */
export function createClient(options: ClientOptions): Client {
  return createApiClient<paths>(
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
      headers: {},
    },
    options,
  );
}
