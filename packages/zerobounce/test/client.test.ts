import { describe, expect, it } from "vitest";
import { createClient } from "../src/index.ts";

const options = { apiKey: "test-apiKey" };

describe("createClient", () => {
  it("rejects a missing credential before sending anything", () => {
    expect(() => createClient({ ...options, apiKey: "" })).toThrow(/apiKey/);
  });

  it("sends every credential, and the server URL is the spec's", async () => {
    const seen: Request[] = [];
    const client = createClient({
      ...options,
      fetch: async (request) => (seen.push(request), Response.json({})),
    });
    await client.GET("/v2/filestatus", {
      params: { query: { file_id: "aaaaaaaa-zzzz-xxxx-yyyy-5003727fffff" } },
    });
    const sent = seen[0]!;
    expect(sent.url).toMatch(/^https:\/\/bulkapi\.zerobounce\.net/);
    expect(new URL(sent.url).searchParams.get("api_key")).toBe("test-apiKey");
  });
});
