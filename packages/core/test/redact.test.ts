import { describe, expect, it } from "vitest";
import { createRedactor, redactDeep, redactHeaders } from "../src/index.ts";

const SECRET = "s3cr3t/key+with space";

describe("createRedactor", () => {
  const redact = createRedactor([SECRET]);

  it("removes a secret in every spelling it takes on the wire", () => {
    for (const text of [
      SECRET,
      encodeURIComponent(SECRET),
      new URLSearchParams({ k: SECRET }).toString(),
    ]) {
      expect(redact(`before ${text} after`)).not.toContain("s3cr3t");
    }
  });

  it("masks credential-named query parameters even when the value is not known", () => {
    const out = createRedactor([])(
      "https://x.test/v2?file_id=1&api_key=unknown&access_token=t#frag",
    );
    expect(out).toBe("https://x.test/v2?file_id=1&api_key=***&access_token=***#frag");
  });

  it("leaves parameters that merely end in a credential name alone", () => {
    expect(createRedactor([])("https://x.test/?page_token=abc")).toBe(
      "https://x.test/?page_token=abc",
    );
  });

  it("ignores empty secrets instead of redacting every gap", () => {
    expect(createRedactor([""])("plain text")).toBe("plain text");
  });

  it("redacts the longer of two overlapping secrets whole", () => {
    expect(createRedactor(["abc", "abcdef"])("x abcdef y")).toBe("x *** y");
  });
});

describe("redactDeep", () => {
  it("redacts strings at any depth and survives cycles", () => {
    const body: Record<string, unknown> = {
      csvs: [{ status_url: `https://h/${SECRET}/status/1` }],
    };
    body.self = body;
    const out = redactDeep(body, createRedactor([SECRET]));
    expect(JSON.stringify(out)).not.toContain("s3cr3t");
    expect((out as { self: unknown }).self).toBe("[Circular]");
  });
});

describe("redactHeaders", () => {
  it("masks credential headers by name and known secrets in any header", () => {
    const headers = new Headers({
      Authorization: "Bearer t",
      "X-API-KEY": "k",
      Echo: `key=${SECRET}`,
    });
    const out = redactHeaders(headers, createRedactor([SECRET]));
    expect(out).toEqual({ authorization: "***", "x-api-key": "***", echo: "key=***" });
  });
});
