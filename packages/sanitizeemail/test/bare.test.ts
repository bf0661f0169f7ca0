/**
 * createBareClient: the typed client alone (the smallest bundle), on the sandbox over HTTP.
 */
import { createSandbox, DEMO_UPLOAD_IDS } from "@filestatus/sandbox";
import { serve, type SandboxServer } from "@filestatus/sandbox/node";
import { describeBareClient } from "@filestatus/testkit";
import { afterAll, beforeAll, expect, expectTypeOf, it } from "vitest";
import { createBareClient, createClient, type BareClient, type Client } from "../src/index.ts";

let server: SandboxServer;
beforeAll(async () => {
  server = await serve(createSandbox());
});
afterAll(() => server.close());

describeBareClient<BareClient>("sanitizeemail", {
  bare: (apiKey, options) => createBareClient({ apiKey, baseUrl: server.url, ...options }),
  full: (apiKey) => createClient({ apiKey, baseUrl: server.url }),
  call: async (c) => {
    const file_id = Number(DEMO_UPLOAD_IDS.sanitizeemail);
    const call = c.GET("/v1/api/filesupload/{file_id}", { params: { path: { file_id } } });
    const data = await c.unwrap(call);
    expect(String(data.id)).toBe(DEMO_UPLOAD_IDS.sanitizeemail);
    return data;
  },
});

it("types: the bare client has the spec's paths and none of the helpers", () => {
  expectTypeOf<BareClient>().not.toHaveProperty("uploadStatus");
  expectTypeOf<BareClient>().not.toHaveProperty("processFile");
  expectTypeOf<Client>().toHaveProperty("uploadStatus");
  expectTypeOf<Client>().toMatchTypeOf<BareClient>();
});
