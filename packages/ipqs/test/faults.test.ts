import { describeFaults, responseExamples } from "@filestatus/testkit";
import {
  ApiError,
  ConnectionError,
  createClient,
  TimeoutError,
  type Client,
} from "../src/index.ts";

const KEY = "ipqs-Fault/Key+789";

describeFaults<Client>({
  provider: "ipqs",
  errors: { ApiError, ConnectionError, TimeoutError },
  secrets: [KEY],
  create: (origin, options) =>
    createClient({ apiKey: KEY, baseUrl: `${origin}/api/json/csv/{apiKey}`, ...options }),
  call: (client, signal) => client.GET("/list", { params: { query: { type: "email" } }, signal }),
  post: (client) => client.POST("/list", { body: { type: "email" } }),
  success: responseExamples("ipqs", "listCsvs")[0]!.value,
  // IPQS answers errors with HTTP 200 and success: false.
  providerError: {
    status: 200,
    body: { success: false, message: "Invalid type specified.", request_id: "4ZJ2NnVOqM" },
    message: "Invalid type specified.",
  },
});
