import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createApiClient, type Credential, type ProviderConfig } from "../src/index.ts";

interface Paths {
  "/files/{id}/status": {
    get: {
      parameters: { path: { id: string } };
      responses: { 200: { content: { "application/json": unknown } } };
    };
  };
  "/contacts/{ids}/tags": {
    get: {
      parameters: { path: { ids: string[] } };
      responses: { 200: { content: { "application/json": unknown } } };
    };
  };
  "/v2/filestatus": {
    get: {
      parameters: { query: { file_id: string } };
      responses: { 200: { content: { "application/json": unknown } } };
    };
  };
  "/list": {
    get: {
      responses: { 200: { content: { "application/json": unknown } } };
    };
  };
}

const RUNS = { numRuns: 200 };

/** A client whose transport records each request it would send. */
function observe(credentials: Credential[] = [], baseUrl = "https://api.test") {
  const seen: Request[] = [];
  const config: ProviderConfig = { provider: "demo", defaultBaseUrl: baseUrl, credentials };
  const client = createApiClient<Paths>(config, {
    fetch: async (request) => {
      seen.push(request);
      return Response.json({});
    },
    retry: false,
    rateLimit: false,
  });
  return { client, seen };
}

const segments = (request: Request) => new URL(request.url).pathname.split("/");

const UNSAFE = new Set(["", ".", ".."]);

/** Strings heavy in what URL parsers treat specially: dots, slashes, percent escapes, `?`, `#`. */
const tricky = fc.string({
  unit: fc.constantFrom(
    ".",
    "/",
    "\\",
    "%",
    "2",
    "e",
    "E",
    " ",
    "\t",
    "?",
    "#",
    "&",
    "=",
    "+",
    ",",
  ),
  maxLength: 8,
});
const anyString = fc.oneof(
  fc.string({ unit: "binary" }),
  fc.string({ unit: "grapheme" }),
  fc.string(),
  tricky,
);
const safeId = anyString.filter((s) => !UNSAFE.has(s.trim()));

/** What `String.prototype.trim` removes, a sample. */
const whitespace = fc.string({
  unit: fc.constantFrom(" ", "\t", "\n", "\r", "\v", "\f", "\u00a0", "\u2028", "\u3000", "\ufeff"),
  maxLength: 3,
});
const unsafeId = fc
  .tuple(whitespace, fc.constantFrom(...UNSAFE), whitespace)
  .map(([before, id, after]) => before + id + after);

describe("path parameters", () => {
  it("put any other string, percent-encoded, in its own segment", async () => {
    const { client, seen } = observe();
    await fc.assert(
      fc.asyncProperty(safeId, async (id) => {
        seen.length = 0;
        await client.GET("/files/{id}/status", { params: { path: { id } } });
        expect(seen).toHaveLength(1);
        const parts = segments(seen[0]!);
        expect(parts).toHaveLength(4);
        expect([parts[0], parts[1], parts[3]]).toEqual(["", "files", "status"]);
        expect(decodeURIComponent(parts[2]!)).toBe(id);
      }),
      RUNS,
    );
  });

  it("refuse ids that trim to '', '.' or '..' with a TypeError and send nothing", async () => {
    const { client, seen } = observe();
    await fc.assert(
      fc.asyncProperty(unsafeId, async (id) => {
        seen.length = 0;
        const error = await client
          .GET("/files/{id}/status", { params: { path: { id } } })
          .catch((e: unknown) => e);
        expect(error).toBeInstanceOf(TypeError);
        expect(seen).toEqual([]);
      }),
      RUNS,
    );
  });

  it("send an array (style simple, explode false) as one comma-separated segment", async () => {
    const { client, seen } = observe();
    await fc.assert(
      fc.asyncProperty(fc.array(safeId, { minLength: 1, maxLength: 6 }), async (ids) => {
        seen.length = 0;
        await client.GET("/contacts/{ids}/tags", { params: { path: { ids } } });
        expect(seen).toHaveLength(1);
        const parts = segments(seen[0]!);
        expect(parts).toHaveLength(4);
        expect([parts[0], parts[1], parts[3]]).toEqual(["", "contacts", "tags"]);
        expect(parts[2]!.split(",").map(decodeURIComponent)).toEqual(ids);
      }),
      RUNS,
    );
  });
});

describe("query parameters", () => {
  it("round-trip any string value and leave the path alone", async () => {
    const { client, seen } = observe();
    await fc.assert(
      fc.asyncProperty(anyString, async (value) => {
        seen.length = 0;
        await client.GET("/v2/filestatus", { params: { query: { file_id: value } } });
        expect(seen).toHaveLength(1);
        const url = new URL(seen[0]!.url);
        expect(url.pathname).toBe("/v2/filestatus");
        expect(url.searchParams.getAll("file_id")).toEqual([value]);
      }),
      RUNS,
    );
  });
});

describe("credentials", () => {
  const key = anyString.filter((s) => s.trim() !== "");

  it("round-trip any key as a query parameter, next to the caller's own", async () => {
    await fc.assert(
      fc.asyncProperty(key, anyString, async (value, fileId) => {
        const { client, seen } = observe([{ in: "query", name: "api_key", value }]);
        await client.GET("/v2/filestatus", { params: { query: { file_id: fileId } } });
        const url = new URL(seen[0]!.url);
        expect(url.pathname).toBe("/v2/filestatus");
        expect(url.searchParams.getAll("api_key")).toEqual([value]);
        expect(url.searchParams.getAll("file_id")).toEqual([fileId]);
      }),
      RUNS,
    );
  });

  it("put any key of a path credential in its own segment", async () => {
    // "." and ".." would be resolved away by the URL parser; createClient refuses them (below).
    const pathKey = key.filter((s) => ![".", ".."].includes(s.trim()));
    await fc.assert(
      fc.asyncProperty(pathKey, async (value) => {
        const { client, seen } = observe(
          [{ in: "path", name: "apiKey", value }],
          "https://api.test/csv/{apiKey}",
        );
        await client.GET("/list");
        const parts = segments(seen[0]!);
        expect(parts).toHaveLength(4);
        expect([parts[0], parts[1], parts[3]]).toEqual(["", "csv", "list"]);
        expect(decodeURIComponent(parts[2]!)).toBe(value);
      }),
      RUNS,
    );
  });

  it.each([".", "..", " .. "])("refuse %j as a path credential at createClient", (value) => {
    expect(() =>
      observe([{ in: "path", name: "apiKey", value }], "https://api.test/csv/{apiKey}"),
    ).toThrow(/credential for \{apiKey\} cannot be "\." or "\.\."/);
  });
});
