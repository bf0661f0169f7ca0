/**
 * The sources the bundle-size section bundles: one status call per provider, as each package
 * README shows it, and what those are compared with.
 */
import type { Platform } from "esbuild";
import type { ProviderName } from "./fixtures.ts";

/** One status call per provider, as each package README shows it. */
export const CONSUMERS: Record<ProviderName, string> = {
  zerobounce: `import { createClient } from "@filestatus/zerobounce";
const c = createClient({ apiKey: "key" });
await c.GET("/v2/filestatus", { params: { query: { file_id: "id" } } });`,
  ipqs: `import { createClient } from "@filestatus/ipqs";
const c = createClient({ apiKey: "key" });
await c.GET("/status/{csvId}", { params: { path: { csvId: 3398874 } } });`,
  sanitizeemail: `import { createClient } from "@filestatus/sanitizeemail";
const c = createClient({ apiKey: "key" });
await c.GET("/v1/api/filesupload/{file_id}", { params: { path: { file_id: 745 } } });`,
  highlevel: `import { createClient } from "@filestatus/highlevel";
const c = createClient({ accessToken: "token" });
await c.GET("/social-media-posting/{locationId}/csv", { params: { path: { locationId: "id" } } });`,
  constantcontact: `import { createClient } from "@filestatus/constantcontact";
const c = createClient({ apiKey: "key", accessToken: "token" });
await c.GET("/v2/library/files/uploadstatus/{fileId}", { params: { path: { fileId: ["9"] } } });`,
};

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
    // createClient minus the upload helpers it attaches: what an opt-in helpers entry would cost.
    name: "core client without upload helpers",
    platform: "browser",
    source: `import { createApiClient, isSuccessFalse } from "@filestatus/core";
const c = createApiClient({
  provider: "zerobounce",
  defaultBaseUrl: "https://bulkapi.zerobounce.net",
  credentials: [{ in: "query", name: "api_key", value: "key" }],
  rateLimit: { requests: 250, perMs: 60000 },
  isErrorBody: isSuccessFalse,
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
