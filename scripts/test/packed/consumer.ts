// What a TypeScript user compiles against the published declarations: each provider's endpoint
// called with typed parameters and a typed result, and one misspelled path per provider that must
// be rejected (an `any` client would accept it and leave its @ts-expect-error unused, an error).
import { PROVIDER_NAMES, watchUploads } from "@filestatus/cli";
import * as constantcontact from "@filestatus/constantcontact";
import { ApiError, type UploadState, type UploadStatus } from "@filestatus/core";
import * as highlevel from "@filestatus/highlevel";
import * as ipqs from "@filestatus/ipqs";
import { createRedisStore, RedisStoreError, type RedisStore } from "@filestatus/redis";
import { createSandbox, DEMO_UPLOAD_IDS, type Sandbox } from "@filestatus/sandbox";
import { serve } from "@filestatus/sandbox/node";
import * as sanitizeemail from "@filestatus/sanitizeemail";
import * as zerobounce from "@filestatus/zerobounce";

const sandbox: Sandbox = createSandbox();
const common = { baseUrl: "http://sandbox.test", fetch: sandbox.fetch };

export async function zerobounceTyped(): Promise<string> {
  const zb = zerobounce.createClient({ ...common, apiKey: "k" });
  const { data } = await zb.GET("/v2/filestatus", { params: { query: { file_id: "f" } } });
  // @ts-expect-error a misspelled path
  await zb.GET("/v2/filestatuss", { params: { query: { file_id: "f" } } });
  return data?.file_status ?? "";
}

export async function ipqsTyped(): Promise<string | undefined> {
  const client = ipqs.createClient({ ...common, apiKey: "k" });
  const { data } = await client.GET("/status/{csvId}", { params: { path: { csvId: 3398874 } } });
  // @ts-expect-error a misspelled path
  await client.GET("/statuses/{csvId}", { params: { path: { csvId: 3398874 } } });
  return data?.success ? data.status : undefined;
}

export async function sanitizeemailTyped(): Promise<string | undefined> {
  const client = sanitizeemail.createClient({ ...common, apiKey: "k" });
  const { data } = await client.GET("/v1/api/filesupload/{file_id}", {
    params: { path: { file_id: 745 } },
  });
  // @ts-expect-error a misspelled path
  await client.GET("/v1/api/fileupload/{file_id}", { params: { path: { file_id: 745 } } });
  return data?.status;
}

export async function highlevelTyped(): Promise<string[]> {
  const client = highlevel.createClient({ ...common, accessToken: "t" });
  const path = "/social-media-posting/{locationId}/csv";
  const { data } = await client.GET(path, { params: { path: { locationId: "loc" } } });
  // @ts-expect-error a misspelled path
  await client.GET("/social-media-posting/{locationId}/csvs", {
    params: { path: { locationId: "loc" } },
  });
  const csvs = data?.results?.csvs;
  // An import is named by `_id` (the 2021-07-28 spec) or `id` (v3).
  const idOf = (c: { _id?: string; id?: string }) => c._id ?? c.id ?? "";
  return Array.isArray(csvs) ? csvs.map(idOf) : csvs ? [idOf(csvs)] : [];
}

export async function constantcontactTyped(): Promise<string[]> {
  const client = constantcontact.createClient({ ...common, apiKey: "k", accessToken: "t" });
  const { data } = await client.GET("/v2/library/files/uploadstatus/{fileId}", {
    params: { path: { fileId: ["9", "8"] } },
  });
  // @ts-expect-error a misspelled path
  await client.GET("/v2/library/files/uploadstatuses/{fileId}", {
    params: { path: { fileId: ["9"] } },
  });
  return (data ?? []).map((file) => file.status);
}

// The normalised helpers and the other packages' exports keep their types too.
export async function helpers(): Promise<UploadState> {
  const zb = zerobounce.createClient({ ...common, apiKey: "k" });
  const status: UploadStatus = await zb.uploadStatus(DEMO_UPLOAD_IDS.zerobounce);
  const server = await serve(sandbox, { port: 0 });
  const url: string = server.url;
  await server.close();
  const names: readonly string[] = PROVIDER_NAMES;
  void [url, names, watchUploads, ApiError.is];
  return status.state;
}

// The Redis store is what every provider's `store` option takes.
export async function redisStore(): Promise<UploadState> {
  const store: RedisStore = createRedisStore({ url: "redis://127.0.0.1:1" }, { prefix: "app:" });
  const zb = zerobounce.createClient({ ...common, apiKey: "k", store });
  const cc = constantcontact.createClient({ ...common, apiKey: "k", accessToken: "t", store });
  // @ts-expect-error not a store
  zerobounce.createClient({ ...common, apiKey: "k", store: "redis://127.0.0.1" });
  void [cc, RedisStoreError];
  const status = await zb.uploadStatus(DEMO_UPLOAD_IDS.zerobounce);
  await store.close();
  return status.state;
}
