/**
 * The sources the bundle-size section bundles: one status call per provider, as each package
 * README shows it, once with `createBareClient` (the smallest bundle) and once with `createClient`
 * (every helper attached), and what those are compared with.
 */
import type { Platform } from "esbuild";
import type { ProviderName } from "./fixtures.ts";

/** Each provider's credentials and one status call, as its README shows them. */
const CALLS: Record<ProviderName, { options: string; call: string }> = {
  zerobounce: {
    options: `{ apiKey: "key" }`,
    call: `c.GET("/v2/filestatus", { params: { query: { file_id: "id" } } })`,
  },
  ipqs: {
    options: `{ apiKey: "key" }`,
    call: `c.GET("/status/{csvId}", { params: { path: { csvId: 3398874 } } })`,
  },
  sanitizeemail: {
    options: `{ apiKey: "key" }`,
    call: `c.GET("/v1/api/filesupload/{file_id}", { params: { path: { file_id: 745 } } })`,
  },
  highlevel: {
    options: `{ accessToken: "token" }`,
    call: `c.GET("/social-media-posting/{locationId}/csv", { params: { path: { locationId: "id" } } })`,
  },
  constantcontact: {
    options: `{ apiKey: "key", accessToken: "token" }`,
    call: `c.GET("/v2/library/files/uploadstatus/{fileId}", { params: { path: { fileId: ["9"] } } })`,
  },
};

/** `create` (`createClient` or `createBareClient`) from the package root, then one call. */
function consumer(provider: ProviderName, create: string): string {
  const { options, call } = CALLS[provider];
  return `import { ${create} } from "@filestatus/${provider}";
const c = ${create}(${options});
await ${call};`;
}

function consumers(create: string): Record<ProviderName, string> {
  const entries = Object.keys(CALLS).map((p) => [p, consumer(p as ProviderName, create)]);
  return Object.fromEntries(entries) as Record<ProviderName, string>;
}

/** The README's smallest one-liner: the typed client without helpers. */
export const BARE_CONSUMERS: Record<ProviderName, string> = consumers("createBareClient");

/** The public contract's client, every helper attached. */
export const CONSUMERS: Record<ProviderName, string> = consumers("createClient");

/** What the others are compared with. The HighLevel SDK needs Node (fs, path, mongodb). */
export const REFERENCES: { name: string; source: string; platform: Platform }[] = [
  {
    name: "openapi-fetch alone",
    platform: "browser",
    source: `import createClient from "openapi-fetch";
const c = createClient({ baseUrl: "https://bulkapi.zerobounce.net" });
await c.GET("/v2/filestatus", { params: { query: { file_id: "id" } } });`,
  },
  {
    // The floor under every bare client: openapi-fetch over core's transport, nothing checked
    // at creation, no unwrap, no rate limiter.
    name: "openapi-fetch over core's transport",
    platform: "browser",
    source: `import createClient from "openapi-fetch";
import { createRedactor, createTransport, RETRY_DEFAULTS, systemClock } from "@filestatus/core";
const c = createClient({
  baseUrl: "https://bulkapi.zerobounce.net",
  fetch: createTransport({
    provider: "zerobounce",
    credentials: [{ in: "query", name: "api_key", value: "key" }],
    send: (request) => fetch(request),
    redact: createRedactor(["key"]),
    clock: systemClock,
    retry: RETRY_DEFAULTS,
    timeoutMs: 30000,
  }),
});
await c.GET("/v2/filestatus", { params: { query: { file_id: "id" } } });`,
  },
  {
    name: "@zerobounce/zero-bounce-sdk",
    platform: "browser",
    source: `import ZeroBounceSDK from "@zerobounce/zero-bounce-sdk";
const z = new ZeroBounceSDK();
z.init("key");
await z.getFileStatus("id");`,
  },
  {
    name: "@gohighlevel/api-client",
    platform: "node",
    source: `import { HighLevel } from "@gohighlevel/api-client";
const h = new HighLevel({ privateIntegrationToken: "token" });
await h.socialMediaPosting.getUploadStatus({ locationId: "id" });`,
  },
];
