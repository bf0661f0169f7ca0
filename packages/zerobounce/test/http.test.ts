import { placesOf, responseExamples, useServer } from "@filestatus/testkit";
import { describe, expect, it } from "vitest";
import { createClient } from "../src/index.ts";

const KEY = "zb-Secret/Key+123";

const server = useServer();

const client = () => createClient({ apiKey: KEY, baseUrl: server.origin, retry: false });
const { last } = server;

describe("zerobounce over HTTP", () => {
  it("sends the key only as the api_key query parameter", async () => {
    await client().GET("/v2/filestatus", { params: { query: { file_id: "abc" } } });
    expect(last().url.searchParams.get("api_key")).toBe(KEY);
    expect(placesOf(last(), KEY)).toEqual(["query:api_key"]);
  });

  it("calls GET /v2/filestatus with file_id and asks for JSON", async () => {
    await client().GET("/v2/filestatus", { params: { query: { file_id: "f-1" } } });
    expect(last().method).toBe("GET");
    expect(last().url.pathname).toBe("/v2/filestatus");
    expect(last().url.searchParams.get("file_id")).toBe("f-1");
    expect(last().headers.accept).toBe("application/json");
  });

  it("keeps an id with / ? # & and .. inside its query value", async () => {
    const id = "../a/b?c=d#e&f";
    await client().GET("/v2/scoring/filestatus", { params: { query: { file_id: id } } });
    expect(last().url.pathname).toBe("/v2/scoring/filestatus");
    expect(last().url.searchParams.get("file_id")).toBe(id);
    expect([...last().url.searchParams.keys()].sort()).toEqual(["api_key", "file_id"]);
  });

  describe.each(responseExamples("zerobounce", "getFileStatus"))(
    "documented $status response $name",
    ({ status, value }) => {
      it("comes back as data when it succeeds, as error otherwise (even with HTTP 200)", async () => {
        server.answer(() => Response.json(value, { status }));
        const { data, error, response } = await client().GET("/v2/filestatus", {
          params: { query: { file_id: "f-1" } },
        });
        expect(response.status).toBe(status);
        const succeeded = status === 200 && (value as { success: unknown }).success === true;
        expect(succeeded ? data : error).toEqual(value);
        expect(succeeded ? error : data).toBeUndefined();
      });
    },
  );

  it("types data as the success body once HTTP-200 errors are moved to error", async () => {
    server.answer(() => Response.json({ success: false, message: "file_id is invalid." }));
    const { data, error } = await client().GET("/v2/filestatus", {
      params: { query: { file_id: "x" } },
    });
    expect(data).toBeUndefined();
    expect(error).toEqual({ success: false, message: "file_id is invalid." });
    if (data) {
      // Compiles only because `data` can no longer be the error body.
      const status: string = data.file_status;
      void status;
    }
  });

  it("rejects a missing or empty key at createClient, without echoing it", () => {
    expect(() => createClient({ apiKey: "" })).toThrow(/"apiKey" option is empty/);
    expect(() => createClient({ apiKey: "   " })).toThrow(/empty/);
    expect(() => createClient({} as never)).toThrow(/"apiKey" option is required/);
  });

  it("defaults to the spec's server", () => {
    const seen: Request[] = [];
    const c = createClient({ apiKey: KEY, fetch: async (r) => (seen.push(r), Response.json({})) });
    return c.GET("/v2/filestatus", { params: { query: { file_id: "1" } } }).then(() => {
      expect(new URL(seen[0]!.url).origin).toBe("https://bulkapi.zerobounce.net");
    });
  });
});
