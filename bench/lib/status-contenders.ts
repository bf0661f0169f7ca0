/**
 * `uploadStatus(id)` of each of our clients: the same request as `client.GET` in contenders.ts,
 * plus the helper's own work (unwrap, shape check, normalising, redaction). And the cost of the
 * one thing a transport beneath openapi-fetch cannot avoid when a key travels in the URL: a copy
 * of each request, carrying a signal of its own.
 */
import * as constantcontact from "@filestatus/constantcontact";
import * as highlevel from "@filestatus/highlevel";
import * as ipqs from "@filestatus/ipqs";
import * as sanitizeemail from "@filestatus/sanitizeemail";
import * as zerobounce from "@filestatus/zerobounce";
import createOpenApiClient from "openapi-fetch";
import type { AnyFetch, Call, Contender, Target } from "./contenders.ts";
import { IDS, KEY, type ProviderName } from "./fixtures.ts";

/** Ours without the quota, on `t`'s transport, as in contenders.ts. */
function common(t: Target): { baseUrl: string; fetch?: AnyFetch; rateLimit: false } {
  return t.fetch
    ? { baseUrl: t.origin, fetch: t.fetch, rateLimit: false }
    : { baseUrl: t.origin, rateLimit: false };
}

function status(provider: ProviderName, make: (t: Target) => Call): Contender {
  return { name: `@filestatus/${provider} uploadStatus`, kind: "uploadStatus", provider, make };
}

const checked = (call: () => Promise<{ state: string }>) => async () => {
  if ((await call()).state === "unknown") throw new Error("no state");
};

export const UPLOAD_STATUS: Record<ProviderName, Contender> = {
  zerobounce: status("zerobounce", (t) => {
    const c = zerobounce.createClient({ apiKey: KEY, ...common(t) });
    return checked(() => c.uploadStatus(IDS.zerobounce));
  }),
  ipqs: status("ipqs", (t) => {
    const c = ipqs.createClient({
      apiKey: KEY,
      ...common(t),
      baseUrl: `${t.origin}/api/json/csv/{apiKey}`,
    });
    return checked(() => c.uploadStatus(String(IDS.ipqs)));
  }),
  sanitizeemail: status("sanitizeemail", (t) => {
    const c = sanitizeemail.createClient({ apiKey: KEY, ...common(t) });
    return checked(() => c.uploadStatus(String(IDS.sanitizeemail)));
  }),
  highlevel: status("highlevel", (t) => {
    const c = highlevel.createClient({ accessToken: KEY, locationId: "loc", ...common(t) });
    return checked(() => c.uploadStatus(IDS.highlevel));
  }),
  constantcontact: status("constantcontact", (t) => {
    const c = constantcontact.createClient({ apiKey: KEY, accessToken: KEY, ...common(t) });
    return checked(() => c.uploadStatus(IDS.constantcontact[0]));
  }),
};

/**
 * Bare openapi-fetch (ZeroBounce) whose `fetch` copies each request with the key in its URL and a
 * signal of its own, as a transport that keeps the key from middleware and times attempts out
 * must, and nothing else: the floor of such a transport on an in-process `fetch`.
 */
export const COPYING_OPENAPI_FETCH: Contender = {
  name: "openapi-fetch (zerobounce), fetch copying the request",
  kind: "openapi-fetch",
  provider: "zerobounce",
  make: (t) => {
    const send = t.fetch ?? ((input) => globalThis.fetch(input));
    const fetch = (r: Request) =>
      send(
        new Request(`${r.url}&api_key=${KEY}`, {
          method: r.method,
          headers: r.headers,
          redirect: "manual",
          signal: new AbortController().signal,
        }),
      );
    const c = createOpenApiClient<zerobounce.paths>({ baseUrl: t.origin, fetch });
    const params = { query: { file_id: IDS.zerobounce } };
    return async () => {
      const { data } = await c.GET("/v2/filestatus", { params });
      if (data === undefined) throw new Error("no data");
    };
  },
};
