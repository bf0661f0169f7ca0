/**
 * The shared flow on Deno: the sandbox behind `Deno.serve`, one test per provider, each against a
 * fresh sandbox. The sanitizers are switched on explicitly (this Deno leaves them off by default)
 * so that a timer, request or connection outliving a test fails it.
 */
import { createSandbox } from "@filestatus/sandbox";
import { flows, SANDBOX_OPTIONS } from "../shared/flow.ts";
import { redirectFlow } from "../shared/redirect.ts";
import { roundTrips } from "../shared/roundtrip.ts";

for (const [provider, flow] of Object.entries(flows)) {
  Deno.test({
    name: `${provider}: status, wait, pages, retried 503s and a bad key over HTTP`,
    sanitizeOps: true,
    sanitizeResources: true,
    sanitizeExit: true,
    async fn() {
      const sandbox = createSandbox(SANDBOX_OPTIONS);
      const server = Deno.serve(
        { hostname: "127.0.0.1", port: 0, onListen: () => {} }, // no "Listening on" line per test
        sandbox.fetch,
      );
      try {
        await flow(`http://127.0.0.1:${server.addr.port}`);
      } finally {
        await server.shutdown();
      }
    },
  });
}

for (const [provider, trip] of Object.entries(roundTrips)) {
  Deno.test({
    name: `${provider}: processFile sends a file, waits and reads its results over HTTP`,
    sanitizeOps: true,
    sanitizeResources: true,
    sanitizeExit: true,
    async fn() {
      const sandbox = createSandbox(SANDBOX_OPTIONS);
      const server = Deno.serve(
        { hostname: "127.0.0.1", port: 0, onListen: () => {} },
        sandbox.fetch,
      );
      try {
        await trip(`http://127.0.0.1:${server.addr.port}`);
      } finally {
        await server.shutdown();
      }
    },
  });
}

Deno.test({
  name: "credentials stay with their origin across a redirect",
  sanitizeOps: true,
  sanitizeResources: true,
  fn: () =>
    redirectFlow(async (handler) => {
      const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, handler);
      return { origin: `http://127.0.0.1:${server.addr.port}`, close: () => server.shutdown() };
    }),
});
