import { describeFaults, responseExamples } from "@filestatus/testkit";
import {
  ApiError,
  ConnectionError,
  createClient,
  RATE_LIMIT,
  TimeoutError,
  type Client,
} from "../src/index.ts";

const KEY = "cc-Fault/Key+789";
const TOKEN = "cc-Fault/Token+012";
const params = { path: { fileId: ["9", "8", "18"] } };

describeFaults<Client>({
  provider: "constantcontact",
  errors: { ApiError, ConnectionError, TimeoutError },
  rateLimit: RATE_LIMIT,
  secrets: [KEY, TOKEN],
  create: (origin, options) =>
    createClient({ apiKey: KEY, accessToken: TOKEN, baseUrl: origin, ...options }),
  call: (client, signal) =>
    client.GET("/v2/library/files/uploadstatus/{fileId}", { params, signal }),
  post: (client) =>
    client.POST("/v2/library/files/uploadstatus/{fileId}" as never, { params } as never),
  success: responseExamples("constantcontact", "getFileUploadStatus")[0]!.value,
  // Errors are arrays of { error_key, error_message }.
  providerError: {
    status: 401,
    body: [
      {
        error_key: "http.status.authentication.invalid_token",
        error_message: "Authentication failed: the access token is invalid.",
      },
    ],
    message: "Authentication failed: the access token is invalid.",
  },
});
