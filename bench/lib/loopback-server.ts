/**
 * The minimal loopback server of the throughput benchmark (run as a child process): node:http on
 * 127.0.0.1 answering every request with the fixed body of the provider its path belongs to. No
 * parsing, no checks, so the server costs the same whoever calls it.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { reply } from "./child.ts";
import { BODIES, ROUTES, type ProviderName } from "./fixtures.ts";

const payloads = new Map<ProviderName, Buffer>(
  ROUTES.map(([, provider]) => [provider, Buffer.from(BODIES[provider])]),
);
const notFound = Buffer.from('{"message":"not found"}');

const server = createServer((request, response) => {
  const url = request.url ?? "/";
  const route = ROUTES.find(([prefix]) => url.startsWith(prefix));
  const body = route ? payloads.get(route[1])! : notFound;
  response.writeHead(route ? 200 : 404, {
    "content-type": "application/json",
    "content-length": body.length,
  });
  response.end(body);
});
// Clients keep connections open between windows; never let the server drop them mid-run.
server.keepAliveTimeout = 60_000;

server.listen(0, "127.0.0.1", () => {
  reply({ origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
});
process.on("SIGTERM", () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
});
