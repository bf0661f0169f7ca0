/**
 * createClient for HighLevel Social Planner — CSV upload status (specs/highlevel.yaml).
 */
import {
  createApiClient,
  requireCredential,
  type ApiClient,
  type CommonOptions,
  type WithDefaultHeaders,
} from "@filestatus/core";
import type { paths } from "./generated/schema.ts";

/** The spec's first server. */
export const DEFAULT_BASE_URL = "https://services.leadconnectorhq.com";

/** Options of {@link createClient}. */
export interface ClientOptions extends CommonOptions {
  /** Required; sent as `Authorization: Bearer <token>`. */
  accessToken: string;
}

/** The typed openapi-fetch client: `client.GET(path, { params })` with the spec's paths. */
export type Client = ApiClient<WithDefaultHeaders<paths, "Version">>;

/** Creates a client; throws a `TypeError` at once when a credential is missing or empty. */
export function createClient(options: ClientOptions): Client {
  return createApiClient<WithDefaultHeaders<paths, "Version">>(
    {
      provider: "highlevel",
      defaultBaseUrl: DEFAULT_BASE_URL,
      credentials: [
        {
          in: "bearer",
          value: requireCredential("highlevel", "accessToken", options?.accessToken),
        },
      ],
      headers: { Version: "2021-07-28" },
    },
    options,
  );
}
