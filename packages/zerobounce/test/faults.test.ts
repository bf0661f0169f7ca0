import { describeFaults, responseExamples } from "@filestatus/testkit";
import {
  ApiError,
  ConnectionError,
  createClient,
  RATE_LIMIT,
  TimeoutError,
  type Client,
} from "../src/index.ts";

const KEY = "zb-Fault/Key+789";
const params = { query: { file_id: "aaaaaaaa-zzzz-xxxx-yyyy-5003727fffff" } };

describeFaults<Client>({
  provider: "zerobounce",
  errors: { ApiError, ConnectionError, TimeoutError },
  rateLimit: RATE_LIMIT,
  secrets: [KEY],
  create: (origin, options) => createClient({ apiKey: KEY, baseUrl: origin, ...options }),
  call: (client, signal) => client.GET("/v2/filestatus", { params, signal }),
  post: (client) => client.POST("/v2/filestatus" as never, { params } as never),
  success: responseExamples("zerobounce", "getFileStatus")[0]!.value,
  // ZeroBounce's application errors arrive with HTTP 200.
  providerError: {
    status: 200,
    body: { success: false, message: "file_id is invalid." },
    message: "file_id is invalid.",
  },
});
