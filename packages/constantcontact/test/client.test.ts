import { describe, expect, it } from "vitest";
import { createClient } from "../src/index.ts";

const options = { apiKey: "test-apiKey", accessToken: "test-accessToken" };

describe("createClient", () => {
  it("rejects a missing credential before sending anything", () => {
    expect(() => createClient({ ...options, apiKey: "" })).toThrow(/apiKey/);
    expect(() => createClient({ ...options, accessToken: "" })).toThrow(/accessToken/);
  });

  it("sends every credential, and the server URL is the spec's", async () => {
    const seen: Request[] = [];
    const client = createClient({
      ...options,
      fetch: async (request) => (seen.push(request), Response.json({})),
    });
    await client.GET("/v2/library/files/uploadstatus/{fileId}", {
      params: { path: { fileId: ["9", "8", "18"] } },
    });
    const sent = seen[0]!;
    expect(sent.url).toMatch(/^https:\/\/api\.constantcontact\.com/);
    expect(new URL(sent.url).searchParams.get("api_key")).toBe("test-apiKey");
    expect(sent.headers.get("authorization")).toBe("Bearer test-accessToken");
  });
});
