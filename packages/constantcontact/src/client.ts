/**
 * createClient for Constant Contact v2 MyLibrary file upload status (specs/constantcontact.yaml).
 */
import {
  createApiClient,
  requireCredential,
  type ApiClient,
  type CommonOptions,
  type RateLimit,
} from "@filestatus/core";
import type { paths } from "./generated/schema.ts";
import { constantContactHelpers, type ConstantContactHelpers } from "./helpers.ts";

/** The spec's first server. */
export const DEFAULT_BASE_URL = "https://api.constantcontact.com";

/** 4 calls a second per API key (10,000 a day), per Constant Contact's v2 documentation. */
export const RATE_LIMIT: RateLimit = { requests: 4, perMs: 1_000 };

/** Options of {@link createClient}. */
export interface ClientOptions extends CommonOptions {
  /** Required; sent as the `api_key` query parameter. */
  apiKey: string;
  /** Required; sent as `Authorization: Bearer <token>`. */
  accessToken: string;
}

/** The typed openapi-fetch client: `client.GET(path, { params })` with the spec's paths. */
export type Client = ApiClient<paths> & ConstantContactHelpers;

/** Creates a client; throws a `TypeError` at once when a credential is missing or empty. */
export function createClient(options: ClientOptions): Client {
  const client = createApiClient<paths>(
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
  return Object.assign(client, constantContactHelpers(client));
}
