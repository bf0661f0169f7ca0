/**
 * createClient for IPQualityScore Bulk CSV Status API (specs/ipqs.yaml).
 */
import {
  createApiClient,
  requireCredential,
  type ApiClient,
  type CommonOptions,
} from "@filestatus/core";
import type { paths } from "./generated/schema.ts";

/** The spec's first server. */
export const DEFAULT_BASE_URL = "https://www.ipqualityscore.com/api/json/csv/{apiKey}";

/** Options of {@link createClient}. */
export interface ClientOptions extends CommonOptions {
  /** Required; sent as the `{apiKey}` segment of the server URL. */
  apiKey: string;
}

/** The typed openapi-fetch client: `client.GET(path, { params })` with the spec's paths. */
export type Client = ApiClient<paths>;

/** Creates a client; throws a `TypeError` at once when a credential is missing or empty. */
export function createClient(options: ClientOptions): Client {
  return createApiClient<paths>(
    {
      provider: "ipqs",
      defaultBaseUrl: DEFAULT_BASE_URL,
      credentials: [
        { in: "path", name: "apiKey", value: requireCredential("ipqs", "apiKey", options?.apiKey) },
      ],
      headers: {},
    },
    options,
  );
}
