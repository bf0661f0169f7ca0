/**
 * The shared flow on Node: the sandbox behind node:http (the package's own adapter), one test per
 * provider, each against a fresh sandbox.
 */
import { createSandbox } from "@filestatus/sandbox";
import { serve } from "@filestatus/sandbox/node";
import { test } from "vitest";
import { flows, SANDBOX_OPTIONS } from "../shared/flow.ts";
import { redirectFlow } from "../shared/redirect.ts";
import { roundTrips } from "../shared/roundtrip.ts";

for (const [provider, flow] of Object.entries(flows)) {
  test(`${provider}: status, wait, pages, retried 503s and a bad key over HTTP`, async () => {
    const server = await serve(createSandbox(SANDBOX_OPTIONS));
    try {
      await flow(server.url);
    } finally {
      await server.close();
    }
  });
}

for (const [provider, trip] of Object.entries(roundTrips)) {
  test(`${provider}: processFile sends a file, waits and reads its results over HTTP`, async () => {
    const server = await serve(createSandbox(SANDBOX_OPTIONS));
    try {
      await trip(server.url);
    } finally {
      await server.close();
    }
  });
}

test("credentials stay with their origin across a redirect", () =>
  redirectFlow(async (handler) => {
    const server = await serve(handler);
    return { origin: server.url, close: () => server.close() };
  }));
