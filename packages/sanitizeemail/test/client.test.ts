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
    await client.GET("/v1/api/filesupload/", { params: {} });
    const sent = seen[0]!;
    expect(sent.url).toMatch(/^https:\/\/base\.sanitizeemail\.com/);
    expect(sent.headers.get("X-API-KEY")).toBe("test-apiKey");
  });
});
