import { describeFaults, responseExamples } from "@filestatus/testkit";
import {
  ApiError,
  ConnectionError,
  createClient,
  TimeoutError,
  type Client,
} from "../src/index.ts";

const KEY = "se-Fault/Key+789";

describeFaults<Client>({
  provider: "sanitizeemail",
  errors: { ApiError, ConnectionError, TimeoutError },
  secrets: [KEY],
  create: (origin, options) => createClient({ apiKey: KEY, baseUrl: origin, ...options }),
  call: (client, signal) =>
    client.GET("/v1/api/filesupload/", { params: { query: { file_tag: "validate" } }, signal }),
  post: (client) => client.POST("/v1/api/filesupload/" as never, {} as never),
  success: responseExamples("sanitizeemail", "listUploadedFiles")[0]!.value,
  providerError: { status: 401, body: { detail: "Invalid API key." }, message: "Invalid API key." },
});
