/**
 * createClient for the IPQualityScore Bulk CSV Status API (specs/ipqs.yaml).
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
  type SuccessFalseAsError,
} from "@filestatus/core";
import type { Middleware } from "openapi-fetch";
import type { paths } from "./generated/schema.ts";
import { ipqsHelpers, type IpqsHelpers } from "./helpers.ts";
import { ipqsRoundTrip, type IpqsRoundTrip } from "./roundtrip.ts";

/** The spec's first server; `{apiKey}` is filled in (percent-encoded) as each request leaves. */
export const DEFAULT_BASE_URL = "https://www.ipqualityscore.com/api/json/csv/{apiKey}";

/**
 * Options of {@link createClient} and {@link createBareClient}. IPQS documents no rate limit, so
 * none is applied by default.
 */
export interface ClientOptions extends CommonOptions {
  /** Required; sent as the `{apiKey}` segment of the server URL. */
  apiKey: string;
}

/**
 * The typed openapi-fetch client: `client.GET(path, { params })` with the spec's paths, `unwrap`
 * and `redact`. IPQS answers errors with HTTP 200 and `success: false`; the client returns those
 * as `error`.
 */
export type BareClient = BareApiClient<SuccessFalseAsError<paths>>;

/**
 * The typed openapi-fetch client: `client.GET(path, { params })` with the spec's paths. IPQS
 * answers errors with HTTP 200 and `success: false`; the client returns those as `error`. Plus the
 * status helpers and the round trip (`upload`, `downloadResults`, `processFile`).
 */
export type Client = ApiClient<SuccessFalseAsError<paths>> & IpqsHelpers & IpqsRoundTrip;

/**
 * The typed client alone, without the helpers: the smallest bundle for an application that only
 * makes calls. Throws a `TypeError` at once when a credential is missing or empty.
 */
export function createBareClient(options: ClientOptions): BareClient {
  const client = createBareApiClient<SuccessFalseAsError<paths>>(
    {
      provider: "ipqs",
      defaultBaseUrl: DEFAULT_BASE_URL,
      credentials: [
        {
          in: "path",
          name: "apiKey",
          value: requireCredential("ipqs", "apiKey", options?.apiKey, "path"),
        },
      ],
    },
    options,
  );
  client.use(formBodies);
  return moveErrorBodies(client, isSuccessFalse);
}

/** Creates a client; throws a `TypeError` at once when a credential is missing or empty. */
export function createClient(options: ClientOptions): Client {
  const client = withFetchLink(createBareClient(options));
  const helpers = ipqsHelpers(client);
  return Object.assign(client, helpers, ipqsRoundTrip(client, helpers));
}

/**
 * IPQS takes `POST /list` as a form (specs/ipqs.yaml). openapi-fetch sends a body as JSON unless
 * the caller sets the form header, so a JSON body to `/list` is form-encoded on its way out. Only
 * there: an upload's JSON rows must stay JSON, and its multipart body is never touched.
 */
const formBodies: Middleware = {
  async onRequest({ request, schemaPath }) {
    const json = request.headers.get("content-type")?.includes("json");
    if (request.method !== "POST" || schemaPath !== "/list" || !json) return undefined;
    const fields = (await request.json()) as Record<string, unknown>;
    const form = new URLSearchParams();
    for (const [name, value] of Object.entries(fields))
      if (value !== undefined) form.set(name, String(value));
    const headers = new Headers(request.headers);
    headers.set("content-type", "application/x-www-form-urlencoded");
    return new Request(request.url, {
      method: "POST",
      headers,
      body: form,
      signal: request.signal,
    });
  },
};
