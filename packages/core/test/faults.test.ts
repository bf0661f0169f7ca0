/**
 * The fault suite every provider runs, run here against a demo provider built on core alone, so a
 * change to the transport (timeouts, Retry-After, retries, body checks, redaction, the limiter)
 * fails core's own suite rather than only the providers'.
 */
import { describeFaults } from "@filestatus/testkit";
import {
  ApiError,
  ConnectionError,
  createApiClient,
  TimeoutError,
  type ApiClient,
  type RateLimit,
} from "../src/index.ts";

interface Paths {
  "/v1/uploads/{id}": {
    get: {
      parameters: { path: { id: string } };
      responses: { 200: { content: { "application/json": { id: string; state: string } } } };
    };
  };
}

// One secret in the query and one as a bearer token: the two places a URL or a header carries one.
const KEY = "demo-Fault/Key+789";
const TOKEN = "demo-Fault-Token-456";
const RATE_LIMIT: RateLimit = { requests: 100, perMs: 1_000 };
const params = { path: { id: "u1" } };

describeFaults<ApiClient<Paths>>({
  provider: "demo",
  errors: { ApiError, ConnectionError, TimeoutError },
  rateLimit: RATE_LIMIT,
  secrets: [KEY, TOKEN],
  create: (origin, options) =>
    createApiClient<Paths>(
      {
        provider: "demo",
        defaultBaseUrl: origin,
        credentials: [
          { in: "query", name: "api_key", value: KEY },
          { in: "bearer", value: TOKEN },
        ],
        rateLimit: RATE_LIMIT,
      },
      options,
    ),
  call: (client, signal) => client.GET("/v1/uploads/{id}", { params, signal }),
  post: (client) => client.POST("/v1/uploads/{id}" as never, { params } as never),
  success: { id: "u1", state: "complete" },
  providerError: {
    status: 404,
    body: { message: "No upload u1." },
    message: "No upload u1.",
  },
});
