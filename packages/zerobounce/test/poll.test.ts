import { useServer } from "@filestatus/testkit";
import { describe, expect, it } from "vitest";
import { ApiError, createClient, type ClientOptions } from "../src/index.ts";

// File statuses from a loopback server that misbehaves on cue.
const FILE_ID = "aaaaaaaa-zzzz-xxxx-yyyy-5003727fffff";
const server = useServer();
const client = (options: Partial<ClientOptions> = {}) =>
  createClient({ apiKey: "zb-Poll/Key+1", baseUrl: server.origin, ...options });

const file = (file_id: string, file_status = "Complete") => ({
  success: true,
  file_id,
  file_name: "list.csv",
  file_status,
  complete_percentage: file_status === "Complete" ? "100%" : "40%",
});
const caught = (promise: Promise<unknown>) => promise.catch((e: unknown) => e);

describe("zerobounce answers of an unexpected shape", () => {
  it.each([
    ["an empty array", [], "the body is an array, not an object"],
    ["a JSON null", null, "the body is null, not an object"],
    [
      "another file's status",
      file("bbbbbbbb-other"),
      `file_id is "bbbbbbbb-other", not ${FILE_ID}`,
    ],
  ])("%s is an ApiError saying so, ending a wait at once", async (_, body, reason) => {
    server.answer(() => Response.json(body));
    const error = await caught(client().uploadStatus(FILE_ID));
    expect(ApiError.is(error)).toBe(true);
    expect((error as ApiError).providerMessage).toBe(`unexpected response: ${reason}`);
    const waited = await caught(
      client().waitForUpload(FILE_ID, { intervalMs: 10, timeoutMs: 5_000 }),
    );
    expect((waited as ApiError).providerMessage).toBe(`unexpected response: ${reason}`);
    expect(server.requests).toHaveLength(2); // one look each: not polled as "unknown"
  });
});

describe("zerobounce waitForUpload", () => {
  it("rides out 503s that outlast the transport's retries", async () => {
    let n = 0;
    server.answer(() =>
      ++n <= 4 ? Response.json({ message: "busy" }, { status: 503 }) : Response.json(file(FILE_ID)),
    );
    const done = await client({ retry: { retries: 2, minDelayMs: 1 } }).waitForUpload(FILE_ID, {
      intervalMs: 10,
    });
    expect(done.state).toBe("complete");
    expect(server.requests).toHaveLength(5);
  });
});
