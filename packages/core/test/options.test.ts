import { describe, expect, it } from "vitest";
import {
  createApiClient,
  optionalBoolean,
  optionalText,
  optionsObject,
  createRateLimiter,
  requireCredential,
  systemClock,
  type CommonOptions,
  type ProviderConfig,
} from "../src/index.ts";

const SECRET = "sk-SECRET-0123456789";
const config: ProviderConfig = {
  provider: "demo",
  defaultBaseUrl: "https://api.example.test",
  credentials: [{ in: "header", name: "X-API-KEY", value: SECRET }],
  headers: { Version: "2021-07-28" },
};

/** Creates a client whose every request is recorded, never sent. */
function create(options: Record<string, unknown>) {
  const sent: Request[] = [];
  const client = createApiClient<{}>(config, {
    fetch: async (request) => (sent.push(request), Response.json({})),
    ...options,
  } as CommonOptions);
  return { client, sent };
}

/** The error `createClient` throws for `options`, which must name `name` and no secret. */
function refusal(options: Record<string, unknown>): Error {
  try {
    create(options);
  } catch (error) {
    expect(String(error)).not.toContain(SECRET);
    return error as Error;
  }
  return expect.unreachable(`createClient accepted ${JSON.stringify(options)}`);
}

describe("numeric options are checked where they are given", () => {
  it.each([
    [{ timeoutMs: Number.NaN }, RangeError, /demo: timeoutMs must be a number ≥ 0 .*got NaN/],
    [{ timeoutMs: -5 }, RangeError, /timeoutMs .* got -5/],
    [{ timeoutMs: "3000" }, TypeError, /timeoutMs must be .* got the string "3000"/],
    [{ retry: { retries: Number.NaN } }, RangeError, /retry\.retries must be an integer ≥ 0/],
    [{ retry: { retries: "3" } }, TypeError, /retry\.retries .* got the string "3"/],
    [{ retry: { retries: 1.5 } }, RangeError, /retry\.retries/],
    [{ retry: { retries: Infinity } }, RangeError, /retry\.retries/],
    [{ retry: { minDelayMs: -1 } }, RangeError, /retry\.minDelayMs/],
    [{ retry: { maxDelayMs: Infinity } }, RangeError, /retry\.maxDelayMs/],
    [{ retry: { maxRetryAfterMs: Number.NaN } }, RangeError, /retry\.maxRetryAfterMs/],
    [{ retry: null }, TypeError, /retry must be false or an object/],
    [{ rateLimit: null }, TypeError, /rateLimit must be false or \{ requests, perMs \}, got null/],
    [{ rateLimit: { requests: 0, perMs: 1000 } }, RangeError, /rateLimit\.requests/],
    [{ rateLimit: { requests: "4", perMs: 1000 } }, TypeError, /rateLimit\.requests/],
    [{ rateLimit: { requests: 4, perMs: Number.NaN } }, RangeError, /rateLimit\.perMs/],
    [{ rateLimit: { requests: 4, perMs: Infinity } }, RangeError, /rateLimit\.perMs/],
    [{ rateLimit: { requests: 4, perMs: 0 } }, RangeError, /rateLimit\.perMs must be a number > 0/],
  ])("%j is refused", (options, kind, message) => {
    const error = refusal(options);
    expect(error).toBeInstanceOf(kind);
    expect(error.message).toMatch(/^@filestatus\/demo: /);
    expect(error.message).toMatch(message);
  });

  it.each([
    [{ timeoutMs: 0 }],
    [{ timeoutMs: Infinity }],
    [{ timeoutMs: 2 ** 31 }],
    [{ retry: { retries: 0, maxRetryAfterMs: Infinity } }],
    [{ rateLimit: false }],
    [{ rateLimit: { requests: 1, perMs: 2 ** 40 } }],
  ])("%j is accepted", async (options) => {
    const { client, sent } = create(options);
    await client.GET("/x" as never);
    expect(sent).toHaveLength(1);
  });

  it("createRateLimiter itself refuses what the client would", () => {
    expect(() => createRateLimiter({ requests: Number.NaN, perMs: 1 }, systemClock)).toThrow(
      RangeError,
    );
    expect(() => createRateLimiter({ requests: 1, perMs: -1 }, systemClock)).toThrow(
      /rateLimit\.perMs/,
    );
  });
});

describe("baseUrl, headers and logger are checked at createClient", () => {
  it.each([
    ["https://api.example.test/v2#frag"], // the fragment would swallow every path
    ["https://api.example.test/v2?region=eu"], // the query would be folded into every path
    ["https://user:pw@api.example.test"],
    ["ftp://api.example.test"],
    ["/relative/path"],
  ])("baseUrl %s is refused", (baseUrl) => {
    const error = refusal({ baseUrl });
    expect(error).toBeInstanceOf(TypeError);
    expect(error.message).toContain(
      "baseUrl must be an absolute http(s) URL without user info, query or fragment",
    );
    expect(error.message).not.toContain("pw");
  });

  it.each([["Accept"], ["accept"], ["Version"], ["X-API-KEY"], ["x-api-key"]])(
    "headers cannot replace %s, which the client sets",
    (name) => {
      const error = refusal({ headers: { [name]: "text/html" } });
      expect(error.message).toContain(`headers: "${name}" is set by the client (see its options)`);
    },
  );

  it("a bearer credential's Authorization header cannot be replaced either", () => {
    expect(() =>
      createApiClient(
        { ...config, credentials: [{ in: "bearer", value: SECRET }] },
        { headers: { Authorization: "Bearer other" } },
      ),
    ).toThrow(/headers: "Authorization" is set by the client/);
  });

  it("a header value with a line break is refused without being quoted", () => {
    const error = refusal({ headers: { "X-Trace": `a\r\nX-Injected: ${SECRET}` } });
    expect(error.message).toContain('headers: "X-Trace" needs a string value without line breaks');
  });

  it("a logger without debug() is refused; one that throws never fails a request", async () => {
    expect(refusal({ logger: { info: () => undefined } }).message).toMatch(
      /logger needs a debug\(message\) method/,
    );
    const { client, sent } = create({
      logger: {
        debug: () => {
          throw new Error("log sink is full");
        },
      },
    });
    const { data } = await client.GET("/x" as never);
    expect(data).toEqual({});
    expect(sent).toHaveLength(1);
  });
});

describe("requireCredential", () => {
  it.each([
    ["sk-SECRET\nx", "query", /contains a control character/],
    ["sk-SECRET\u0000", "path", /contains a control character/],
    [" sk-SECRET", "query", /starts or ends with whitespace/],
    ["sk-SÉCRET-✓", "header", /characters an HTTP header cannot carry/],
  ] as const)("refuses %j bound for the %s, naming the option only", (value, placement, why) => {
    const error = (() => {
      try {
        requireCredential("demo", "apiKey", value, placement);
      } catch (e) {
        return e as Error;
      }
      return expect.unreachable("accepted");
    })();
    expect(error).toBeInstanceOf(TypeError);
    expect(error.message).toMatch(/^@filestatus\/demo: the "apiKey" option /);
    expect(error.message).toMatch(why);
    expect(error.message).not.toContain("SECRET");
    expect(error.message).not.toContain("CRET");
  });

  it("accepts a non-Latin-1 key where it travels percent-encoded", () => {
    expect(requireCredential("demo", "apiKey", "sk-✓", "query")).toBe("sk-✓");
  });
});

describe("the text and boolean options of uploads", () => {
  it("accepts true, false and nothing as a boolean; refuses the strings that look like one", () => {
    expect([true, false, undefined].map((v) => optionalBoolean("@x", "flag", v))).toEqual([
      true,
      false,
      undefined,
    ]);
    for (const value of ["true", "false", 1, 0, null])
      expect(() => optionalBoolean("@x", "flag", value)).toThrow(/flag must be true or false/);
  });
  it("refuses empty text and text that carries a terminal escape or a C1 control", () => {
    expect(optionalText("@x", "name", "Customers (May)")).toBe("Customers (May)");
    expect(optionalText("@x", "name", undefined)).toBeUndefined();
    for (const value of ["", "  ", "\u001b[2Jgone", "a\u009bb", "line\nbreak", 42])
      expect(() => optionalText("@x", "name", value)).toThrow(TypeError);
  });
  it("refuses options that are not an object", () => {
    for (const value of [null, "x", 3])
      expect(() => optionsObject("@x", "upload", value)).toThrow(/upload needs an options object/);
    expect(optionsObject("@x", "upload", {})).toEqual({});
  });
});
