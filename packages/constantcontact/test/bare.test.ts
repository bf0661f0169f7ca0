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

describeBareClient<BareClient>("constantcontact", {
  bare: (secret, options) =>
    createBareClient({ apiKey: secret, accessToken: secret, baseUrl: server.url, ...options }),
  full: (secret) => createClient({ apiKey: secret, accessToken: secret, baseUrl: server.url }),
  call: async (c) => {
    const fileId = [DEMO_UPLOAD_IDS.constantcontact];
    const call = c.GET("/v2/library/files/uploadstatus/{fileId}", { params: { path: { fileId } } });
    const data = await c.unwrap(call);
    expect(data).toEqual([expect.objectContaining({ file_id: fileId[0] })]);
    return data;
  },
});

it("types: the bare client has the spec's paths and none of the helpers", () => {
  expectTypeOf<BareClient>().not.toHaveProperty("uploadStatus");
  expectTypeOf<BareClient>().not.toHaveProperty("processFile");
  expectTypeOf<Client>().toHaveProperty("uploadStatus");
  expectTypeOf<Client>().toMatchTypeOf<BareClient>();
});
