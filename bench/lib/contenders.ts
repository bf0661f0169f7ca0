/**
 * Everyone who can answer "is file X done?" in the benchmarks: raw `fetch`, bare openapi-fetch
 * (credentials added the way a user of it would), our clients, and the official SDKs. Each
 * contender makes one status call per invocation; the fixtures decide what the server answers.
 */
import * as constantcontact from "@filestatus/constantcontact";
import * as highlevel from "@filestatus/highlevel";
import * as ipqs from "@filestatus/ipqs";
import * as sanitizeemail from "@filestatus/sanitizeemail";
import * as zerobounce from "@filestatus/zerobounce";
import { HighLevel } from "@gohighlevel/api-client";
import ZeroBounceSDK from "@zerobounce/zero-bounce-sdk";
import createOpenApiClient from "openapi-fetch";
import { IDS, KEY, type ProviderName } from "./fixtures.ts";
import { redirectSdk } from "./sdk-url.ts";

/** What the in-process benchmarks hand the clients instead of the network. */
export type AnyFetch = (input: string | Request) => Promise<Response>;

export interface Target {
  /** `http://127.0.0.1:<port>`, or any origin for an in-process `fetch`. */
  origin: string;
  /** Defaults to the global `fetch`. */
  fetch?: AnyFetch;
}

export type Call = () => Promise<unknown>;

/** An in-process transport: a new `Response` per call (a body is read once), nothing else. */
export function preparedFetch(body: string): AnyFetch {
  const init = { status: 200, headers: { "content-type": "application/json" } };
  return async () => new Response(body, init);
}

export interface Contender {
  name: string;
  kind: "raw fetch" | "openapi-fetch" | "filestatus" | "uploadStatus" | "official SDK";
  provider: ProviderName;
  make(target: Target): Call;
  /** Set up around this contender's runs only; returns the undo. */
  around?(origin: string): () => void;
}

const send = (t: Target): AnyFetch => t.fetch ?? ((input) => globalThis.fetch(input));

/** Throws unless openapi-fetch resolved with data, so a broken contender cannot look fast. */
function ok(result: { data?: unknown; error?: unknown }): unknown {
  if (result.error !== undefined || result.data === undefined) throw new Error("no data");
  return result.data;
}

export const RAW_FETCH: Contender = {
  name: "raw fetch + json()",
  kind: "raw fetch",
  provider: "zerobounce",
  make: (t) => {
    const fetch = send(t);
    return async () =>
      (await fetch(`${t.origin}/v2/filestatus?api_key=${KEY}&file_id=${IDS.zerobounce}`)).json();
  },
};

/** Bare openapi-fetch per provider: no retry, no timeout, no rate limit, no error mapping. */
export const OPENAPI_FETCH: Record<ProviderName, Contender> = {
  zerobounce: bare("zerobounce", (t) => {
    const c = createOpenApiClient<zerobounce.paths>({ baseUrl: t.origin, fetch: send(t) });
    // The key is the spec's security scheme, not a declared parameter; a variable passes it.
    const query = { api_key: KEY, file_id: IDS.zerobounce };
    return async () => ok(await c.GET("/v2/filestatus", { params: { query } }));
  }),
  ipqs: bare("ipqs", (t) => {
    const baseUrl = `${t.origin}/api/json/csv/${KEY}`;
    const c = createOpenApiClient<ipqs.paths>({ baseUrl, fetch: send(t) });
    const params = { path: { csvId: IDS.ipqs } };
    return async () => ok(await c.GET("/status/{csvId}", { params }));
  }),
  sanitizeemail: bare("sanitizeemail", (t) => {
    const headers = { "X-API-KEY": KEY };
    const c = createOpenApiClient<sanitizeemail.paths>({
      baseUrl: t.origin,
      fetch: send(t),
      headers,
    });
    const params = { path: { file_id: IDS.sanitizeemail } };
    return async () => ok(await c.GET("/v1/api/filesupload/{file_id}", { params }));
  }),
  highlevel: bare("highlevel", (t) => {
    const headers = { Authorization: `Bearer ${KEY}` };
    const c = createOpenApiClient<highlevel.paths>({ baseUrl: t.origin, fetch: send(t), headers });
    const params = {
      path: { locationId: IDS.highlevel },
      header: { Version: "2021-07-28" as const },
    };
    return async () => ok(await c.GET("/social-media-posting/{locationId}/csv", { params }));
  }),
  constantcontact: bare("constantcontact", (t) => {
    const headers = { Authorization: `Bearer ${KEY}` };
    const c = createOpenApiClient<constantcontact.paths>({
      baseUrl: t.origin,
      fetch: send(t),
      headers,
    });
    // As for ZeroBounce: api_key comes from the security scheme, so the types have no slot for it.
    const params = { path: { fileId: [...IDS.constantcontact] }, query: { api_key: KEY } };
    return async () =>
      ok(await c.GET("/v2/library/files/uploadstatus/{fileId}", { params: params as never }));
  }),
};

function bare(provider: ProviderName, make: (t: Target) => Call): Contender {
  return { name: `openapi-fetch (${provider})`, kind: "openapi-fetch", provider, make };
}

/**
 * Our clients with their default retry and per-attempt timeout; the rate limit is switched off so
 * that it measures the client, not the provider's quota.
 */
export const OURS: Record<ProviderName, Contender> = {
  zerobounce: ours("zerobounce", (t) => {
    const c = zerobounce.createClient({ apiKey: KEY, ...common(t) });
    const params = { query: { file_id: IDS.zerobounce } };
    return async () => ok(await c.GET("/v2/filestatus", { params }));
  }),
  ipqs: ours("ipqs", (t) => {
    const c = ipqs.createClient({
      apiKey: KEY,
      ...common(t),
      baseUrl: `${t.origin}/api/json/csv/{apiKey}`,
    });
    const params = { path: { csvId: IDS.ipqs } };
    return async () => ok(await c.GET("/status/{csvId}", { params }));
  }),
  sanitizeemail: ours("sanitizeemail", (t) => {
    const c = sanitizeemail.createClient({ apiKey: KEY, ...common(t) });
    const params = { path: { file_id: IDS.sanitizeemail } };
    return async () => ok(await c.GET("/v1/api/filesupload/{file_id}", { params }));
  }),
  highlevel: ours("highlevel", (t) => {
    const c = highlevel.createClient({ accessToken: KEY, ...common(t) });
    const params = { path: { locationId: IDS.highlevel } };
    return async () => ok(await c.GET("/social-media-posting/{locationId}/csv", { params }));
  }),
  constantcontact: ours("constantcontact", (t) => {
    const c = constantcontact.createClient({ apiKey: KEY, accessToken: KEY, ...common(t) });
    const params = { path: { fileId: [...IDS.constantcontact] } };
    return async () => ok(await c.GET("/v2/library/files/uploadstatus/{fileId}", { params }));
  }),
};

function ours(provider: ProviderName, make: (t: Target) => Call): Contender {
  return { name: `@filestatus/${provider}`, kind: "filestatus", provider, make };
}

function common(t: Target): { baseUrl: string; fetch?: AnyFetch; rateLimit: false } {
  return t.fetch
    ? { baseUrl: t.origin, fetch: t.fetch, rateLimit: false }
    : { baseUrl: t.origin, rateLimit: false };
}

export { rewriteUrl, ZEROBOUNCE_SDK_BASE } from "./sdk-url.ts";

export const ZEROBOUNCE_SDK: Contender = {
  name: "@zerobounce/zero-bounce-sdk",
  kind: "official SDK",
  provider: "zerobounce",
  make: () => {
    const sdk = new ZeroBounceSDK();
    sdk.init(KEY);
    return () => sdk.getFileStatus(IDS.zerobounce);
  },
  around: redirectSdk,
};

export const HIGHLEVEL_SDK: Contender = {
  name: "@gohighlevel/api-client",
  kind: "official SDK",
  provider: "highlevel",
  make: (t) => {
    const sdk = new HighLevel({
      privateIntegrationToken: KEY,
      apiVersion: "2021-07-28",
      logLevel: "error",
    });
    // BASE_URL is a private static; the axios instance the SDK exposes takes a base URL.
    sdk.getHttpClient().defaults.baseURL = t.origin;
    return () => sdk.socialMediaPosting.getUploadStatus({ locationId: IDS.highlevel });
  },
};
