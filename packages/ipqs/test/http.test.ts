import { placesOf, responseExamples, useServer } from "@filestatus/testkit";
import { describe, expect, it } from "vitest";
import { createClient, type Client } from "../src/index.ts";

// The key travels as a path segment, so it needs characters that must be encoded there.
const KEY = "ipqs-Secret/Key+123";
const PREFIX = `/api/json/csv/${encodeURIComponent(KEY)}`;

const server = useServer();

const client = () =>
  createClient({ apiKey: KEY, baseUrl: `${server.origin}/api/json/csv/{apiKey}` });
const { last } = server;

function thrownMessage(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return String(e);
  }
  throw new Error("expected a throw");
}

const FORM = { "Content-Type": "application/x-www-form-urlencoded" };

type Result = { data?: unknown; error?: unknown; response: Response };

const EMAIL = { path: { fileType: "email" as const } };
const fileForm = () => {
  const form = new FormData();
  form.set("file", new Blob(["email\na@example.com\n"], { type: "text/csv" }), "list.csv");
  return form;
};

/** One realistic call of every operation of the spec (each upload method), with its path. */
const calls: { operationId: string; path: string; send: (c: Client) => Promise<Result> }[] = [
  {
    operationId: "uploadCsv",
    path: "/email/upload",
    send: (c) => c.POST("/{fileType}/upload", { params: EMAIL, body: fileForm() as never }),
  },
  {
    operationId: "uploadCsv",
    path: "/email/upload",
    send: (c) =>
      c.POST("/{fileType}/upload", { params: EMAIL, body: { input: [["a@example.com"]] } }),
  },
  {
    operationId: "uploadCsv",
    path: "/email/upload",
    send: (c) =>
      c.POST("/{fileType}/upload", {
        params: EMAIL,
        body: { url: "https://example.com/list.csv" },
        headers: FORM,
      }),
  },
  {
    operationId: "listCsvs",
    path: "/list",
    send: (c) => c.GET("/list", { params: { query: { type: "email", page: 1 } } }),
  },
  {
    operationId: "listCsvsPost",
    path: "/list",
    send: (c) => c.POST("/list", { body: { type: "email", page: 1 }, headers: FORM }),
  },
  {
    operationId: "getCsvStatus",
    path: "/status/3398874",
    send: (c) => c.GET("/status/{csvId}", { params: { path: { csvId: 3398874 } } }),
  },
];

describe("ipqs over HTTP", () => {
  describe.each(calls)("$operationId", ({ operationId, path, send }) => {
    it("sends the key only as the encoded path segment after /api/json/csv/", async () => {
      server.answer(() => Response.json({}));
      await send(client());
      expect(last().url.pathname).toBe(`${PREFIX}${path}`);
      expect(placesOf(last(), KEY)).toEqual(["path"]);
    });

    it.each(responseExamples("ipqs", operationId))(
      "returns the documented $status response $name as data, or as error when success is false",
      async ({ status, value }) => {
        server.answer(() => Response.json(value, { status }));
        const { data, error, response } = await send(client());
        expect(response.status).toBe(status);
        const ok = status < 300 && (value as { success?: unknown }).success !== false;
        expect(ok ? data : error).toEqual(value);
        expect(ok ? error : data).toBeUndefined();
      },
    );

    it("returns a transport 4xx as error, not data", async () => {
      const body = { success: false, message: "Forbidden" };
      server.answer(() => Response.json(body, { status: 403 }));
      const { data, error } = await send(client());
      expect(error).toEqual(body);
      expect(data).toBeUndefined();
    });
  });

  describe("GET /list", () => {
    it("sends type and page as query parameters and asks for JSON", async () => {
      await client().GET("/list", { params: { query: { type: "leaked_email", page: 3 } } });
      expect(last().method).toBe("GET");
      expect(last().target).toBe(`${PREFIX}/list?type=leaked_email&page=3`);
      expect(last().headers.accept).toBe("application/json");
    });

    it("sends no query string when no filter is given (page defaults server-side)", async () => {
      await client().GET("/list");
      expect(last().target).toBe(`${PREFIX}/list`);
    });
  });

  describe("POST /list", () => {
    it("sends type and page as a form body, not in the query", async () => {
      await client().POST("/list", { body: { type: "phone", page: 2 }, headers: FORM });
      expect(last().method).toBe("POST");
      expect(last().headers["content-type"]).toBe("application/x-www-form-urlencoded");
      expect(new URLSearchParams(last().body)).toEqual(new URLSearchParams("type=phone&page=2"));
      expect(last().target).toBe(`${PREFIX}/list`);
    });

    it("sends an empty request without a body when no filter is given", async () => {
      await client().POST("/list");
      expect(last().method).toBe("POST");
      expect(last().body).toBe("");
      expect(last().headers["content-type"]).toBeUndefined();
    });
  });

  describe("POST /{fileType}/upload", () => {
    it("sends JSON rows as JSON: the /list form encoding does not touch them", async () => {
      const input = [["a@example.com", "x"], ["b@example.org"]];
      await client().POST("/{fileType}/upload", {
        params: { ...EMAIL, query: { file_name: "leads.csv" } },
        body: { input },
      });
      expect(last().target).toBe(`${PREFIX}/email/upload?file_name=leads.csv`);
      expect(last().headers["content-type"]).toBe("application/json");
      expect(JSON.parse(last().body)).toEqual({ input });
    });

    it("sends a multipart body untouched", async () => {
      await client().POST("/{fileType}/upload", { params: EMAIL, body: fileForm() as never });
      expect(last().headers["content-type"]).toMatch(/^multipart\/form-data; boundary=/);
      expect(last().body).toContain('name="file"; filename="list.csv"');
      expect(last().body).toContain("a@example.com");
      expect(placesOf(last(), KEY)).toEqual(["path"]);
    });
  });

  describe("GET /status/{csvId}", () => {
    it("keeps an id with / ? # and .. inside its own path segment", async () => {
      const id = "../a/b?c=d#e";
      await client().GET("/status/{csvId}", {
        params: { path: { csvId: id as unknown as number } },
      });
      expect(last().target).toBe(`${PREFIX}/status/..%2Fa%2Fb%3Fc%3Dd%23e`);
      expect(decodeURIComponent(last().url.pathname.split("/").at(-1)!)).toBe(id);
      expect(placesOf(last(), KEY)).toEqual(["path"]);
    });
  });

  describe("200 bodies are success/error unions", () => {
    it("moves a list error that arrives with HTTP 200 to the error branch", async () => {
      server.answer(() => Response.json({ success: false, message: "Invalid type specified." }));
      const { data, error, response } = await client().GET("/list", {
        params: { query: { type: "url" } },
      });
      expect(response.status).toBe(200);
      expect(data).toBeUndefined();
      expect(error?.message).toBe("Invalid type specified.");
    });

    it("narrows a finished status to its download links", async () => {
      const all = "https://downloads.ipqualityscore.com/download?download=T";
      server.answer(() =>
        Response.json({ success: true, id: 1, status: "FINISHED", downloads: { all } }),
      );
      const { data } = await client().GET("/status/{csvId}", { params: { path: { csvId: 1 } } });
      if (!data?.success) throw new Error("expected the success branch");
      expect(data.downloads?.all).toBe(all);
    });
  });

  describe("createClient", () => {
    it("rejects a missing or empty key with a TypeError that does not echo it", () => {
      expect(() => createClient({ apiKey: "" })).toThrow(TypeError);
      expect(() => createClient({ apiKey: "" })).toThrow(/"apiKey" option is empty/);
      expect(() => createClient({ apiKey: "   " })).toThrow(/"apiKey" option is empty/);
      expect(() => createClient({} as never)).toThrow(/"apiKey" option is required/);
      expect(() => createClient({ apiKey: 42 as never })).toThrow(/"apiKey" option is required/);
    });

    it("rejects a baseUrl without {apiKey} at createClient, before any request", () => {
      const before = server.requests.length;
      const create = () => createClient({ apiKey: KEY, baseUrl: `${server.origin}/api/json/csv` });
      expect(create).toThrow(TypeError);
      expect(create).toThrow(/baseUrl must keep the \{apiKey\} segment/);
      const message = thrownMessage(create);
      expect(message).not.toContain(KEY);
      expect(message).not.toContain(encodeURIComponent(KEY));
      expect(server.requests.length).toBe(before);
    });

    it("defaults to the spec's server with the key filled in", async () => {
      const seen: Request[] = [];
      const c = createClient({
        apiKey: KEY,
        fetch: async (r) => (seen.push(r), Response.json({})),
      });
      await c.GET("/list");
      expect(seen[0]!.url).toBe(`https://www.ipqualityscore.com${PREFIX}/list`);
    });

    it("redacts the key from a status_url the API returns", () => {
      const statusUrl = `https://www.ipqualityscore.com${PREFIX}/status/3398874`;
      expect(client().redact(statusUrl)).toBe(
        "https://www.ipqualityscore.com/api/json/csv/***/status/3398874",
      );
    });
  });
});

describe("POST /list without a Content-Type", () => {
  it("is sent as the form IPQS takes, not as JSON", async () => {
    await client().POST("/list", { body: { type: "email", page: 2 } });
    expect(last().headers["content-type"]).toBe("application/x-www-form-urlencoded");
    expect(Object.fromEntries(new URLSearchParams(last().body))).toEqual({
      type: "email",
      page: "2",
    });
  });
});
