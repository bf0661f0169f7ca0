/**
 * The shared flow on Bun: the sandbox behind `Bun.serve`, one test per provider, each against a
 * fresh sandbox.
 */
import { createSandbox } from "@filestatus/sandbox";
import { test } from "bun:test";
import { flows, SANDBOX_OPTIONS } from "../shared/flow.ts";
import { redirectFlow } from "../shared/redirect.ts";
import { roundTrips } from "../shared/roundtrip.ts";

for (const [provider, flow] of Object.entries(flows)) {
  test(`${provider}: status, wait, pages, retried 503s and a bad key over HTTP`, async () => {
    const sandbox = createSandbox(SANDBOX_OPTIONS);
    const server = Bun.serve({ hostname: "127.0.0.1", port: 0, fetch: sandbox.fetch });
    try {
      await flow(`http://127.0.0.1:${server.port}`);
    } finally {
      await server.stop(true); // true: close open keep-alive connections too
    }
  });
}

for (const [provider, trip] of Object.entries(roundTrips)) {
  test(`${provider}: processFile sends a file, waits and reads its results over HTTP`, async () => {
    const sandbox = createSandbox(SANDBOX_OPTIONS);
    const server = Bun.serve({ hostname: "127.0.0.1", port: 0, fetch: sandbox.fetch });
    try {
      await trip(`http://127.0.0.1:${server.port}`);
    } finally {
      await server.stop(true);
    }
  });
}

test("credentials stay with their origin across a redirect", () =>
  redirectFlow(async (handler) => {
    const server = Bun.serve({ hostname: "127.0.0.1", port: 0, fetch: handler });
    return { origin: `http://127.0.0.1:${server.port}`, close: () => server.stop(true) };
  }));
