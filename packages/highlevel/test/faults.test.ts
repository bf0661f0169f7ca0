import { describeFaults, responseExamples } from "@filestatus/testkit";
import {
  ApiError,
  ConnectionError,
  createClient,
  RATE_LIMIT,
  TimeoutError,
  type Client,
} from "../src/index.ts";

const TOKEN = "hl-Fault/Token+789";
const params = { path: { locationId: "ve9EPM428h8vShlRW1KT" } };

describeFaults<Client>({
  provider: "highlevel",
  errors: { ApiError, ConnectionError, TimeoutError },
  rateLimit: RATE_LIMIT,
  secrets: [TOKEN],
  create: (origin, options) => createClient({ accessToken: TOKEN, baseUrl: origin, ...options }),
  call: (client, signal) =>
    client.GET("/social-media-posting/{locationId}/csv", { params, signal }),
  post: (client) =>
    client.POST("/social-media-posting/{locationId}/csv" as never, { params } as never),
  success: responseExamples("highlevel", "getUploadStatus")[0]!.value,
  // A 422 carries its message as an array.
  providerError: {
    status: 422,
    body: {
      statusCode: 422,
      message: ["locationId must be a string"],
      error: "Unprocessable Entity",
    },
    message: "locationId must be a string",
  },
});
