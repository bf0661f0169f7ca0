/**
 * createClient for the IPQualityScore Bulk CSV Status API (specs/ipqs.yaml).
 */
import {
  createApiClient,
  isSuccessFalse,
  requireCredential,
  type ApiClient,
  type CommonOptions,
  type SuccessFalseAsError,
} from "@filestatus/core";
import type { paths } from "./generated/schema.ts";
import { ipqsHelpers, type IpqsHelpers } from "./helpers.ts";

/** The spec's first server; `{apiKey}` is filled in (percent-encoded) as each request leaves. */
export const DEFAULT_BASE_URL = "https://www.ipqualityscore.com/api/json/csv/{apiKey}";

/** Options of {@link createClient}. IPQS documents no rate limit, so none is applied by default. */
export interface ClientOptions extends CommonOptions {
  /** Required; sent as the `{apiKey}` segment of the server URL. */
  apiKey: string;
}

/**
 * The typed openapi-fetch client: `client.GET(path, { params })` with the spec's paths. IPQS
 * answers errors with HTTP 200 and `success: false`; the client returns those as `error`.
 */
export type Client = ApiClient<SuccessFalseAsError<paths>> & IpqsHelpers;

/** Creates a client; throws a `TypeError` at once when a credential is missing or empty. */
export function createClient(options: ClientOptions): Client {
  const client = createApiClient<SuccessFalseAsError<paths>>(
    {
      provider: "ipqs",
      defaultBaseUrl: DEFAULT_BASE_URL,
      credentials: [
        { in: "path", name: "apiKey", value: requireCredential("ipqs", "apiKey", options?.apiKey) },
      ],
      isErrorBody: isSuccessFalse,
    },
    options,
  );
  return Object.assign(client, ipqsHelpers(client));
}
