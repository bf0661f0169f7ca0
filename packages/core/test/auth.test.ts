import { describe, expect, it } from "vitest";
import { applyCredentials, requireCredential, type Credential } from "../src/index.ts";
import { checkPathCredentials } from "../src/auth.ts";

describe("applyCredentials", () => {
  it("places each kind of credential and leaves the original request untouched", () => {
    const credentials: Credential[] = [
      { in: "query", name: "api_key", value: "q/1" },
      { in: "header", name: "X-API-KEY", value: "h1" },
      { in: "bearer", value: "t1" },
      { in: "path", name: "apiKey", value: "p/1" },
    ];
    const original = new Request("https://api.test/csv/%7BapiKey%7D/list?page=2");
    const out = applyCredentials(original, credentials);
    expect(out.url).toBe("https://api.test/csv/p%2F1/list?page=2&api_key=q%2F1");
    expect(out.headers.get("x-api-key")).toBe("h1");
    expect(out.headers.get("authorization")).toBe("Bearer t1");
    expect(original.url).toBe("https://api.test/csv/%7BapiKey%7D/list?page=2");
    expect([...original.headers.keys()]).toEqual([]);
  });

  it("overrides a user-set header of the same name instead of sending two", () => {
    const request = new Request("https://api.test/", { headers: { "x-api-key": "user" } });
    const out = applyCredentials(request, [{ in: "header", name: "X-API-KEY", value: "real" }]);
    expect(out.headers.get("x-api-key")).toBe("real");
  });

  it("keeps a request body", async () => {
    const request = new Request("https://api.test/list", { method: "POST", body: "type=email" });
    const out = applyCredentials(request, [{ in: "query", name: "api_key", value: "k" }]);
    expect(await out.text()).toBe("type=email");
  });
});

describe("path credentials", () => {
  const key: Credential[] = [{ in: "path", name: "apiKey", value: "k" }];

  it("refuses at createClient a base URL without the credential's segment", () => {
    expect(() => checkPathCredentials("ipqs", "https://api.test/csv/{apiKey}", key)).not.toThrow();
    expect(() => checkPathCredentials("ipqs", "https://api.test/csv", key)).toThrow(
      "@filestatus/ipqs: baseUrl must keep the {apiKey} segment that carries the credential",
    );
  });

  it("fills only the first matching segment, so an id spelled like the variable stays as it is", () => {
    const request = new Request("https://api.test/csv/%7BapiKey%7D/status/%7BapiKey%7D");
    expect(applyCredentials(request, key).url).toBe("https://api.test/csv/k/status/%7BapiKey%7D");
  });

  it("writes a key with replacement patterns or URL syntax in it as it is, encoded", () => {
    const request = new Request("https://api.test/csv/%7BapiKey%7D/list?page=2#top");
    const out = applyCredentials(request, [
      { in: "path", name: "apiKey", value: "$&$`/#?" },
      { in: "query", name: "api_key", value: "$'&x=1#" },
    ]);
    const url = new URL(out.url);
    expect(url.pathname).toBe(`/csv/${encodeURIComponent("$&$`/#?")}/list`);
    expect(url.searchParams.getAll("api_key")).toEqual(["$'&x=1#"]);
    expect(url.searchParams.get("page")).toBe("2");
  });

  it("refuses to send a request whose URL lost the segment (a per-call baseUrl)", () => {
    expect(() => applyCredentials(new Request("https://other.test/list"), key)).toThrow(
      /no \{apiKey\} segment/,
    );
  });
});

describe("requireCredential", () => {
  it("accepts a key and rejects missing, non-string and blank ones without echoing them", () => {
    expect(requireCredential("p", "apiKey", "k")).toBe("k");
    expect(() => requireCredential("p", "apiKey", undefined)).toThrow(
      '@filestatus/p: the "apiKey" option is required',
    );
    expect(() => requireCredential("p", "apiKey", 42)).toThrow(/required \(a string\)/);
    expect(() => requireCredential("p", "apiKey", " \t")).toThrow(
      '@filestatus/p: the "apiKey" option is empty',
    );
  });
});
