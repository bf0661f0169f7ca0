import { describe, expect, it } from "vitest";
import { createClient } from "../src/index.ts";

const options = { accessToken: "test-accessToken" };

describe("createClient", () => {
  it("rejects a missing credential before sending anything", () => {
    expect(() => createClient({ ...options, accessToken: "" })).toThrow(/accessToken/);
  });

  it("sends every credential, and the server URL is the spec's", async () => {
    const seen: Request[] = [];
    const client = createClient({
      ...options,
      fetch: async (request) => (seen.push(request), Response.json({})),
    });
    await client.GET("/social-media-posting/{locationId}/csv", {
      params: { path: { locationId: "ve9EPM428h8vShlRW1KT" } },
    });
    const sent = seen[0]!;
    expect(sent.url).toMatch(/^https:\/\/services\.leadconnectorhq\.com/);
    expect(sent.headers.get("authorization")).toBe("Bearer test-accessToken");
  });
});
