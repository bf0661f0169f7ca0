import { loadSpec, placesOf, responseExamples, useServer } from "@filestatus/testkit";
import { describe, expect, expectTypeOf, it } from "vitest";
import { createClient, type ClientOptions } from "../src/index.ts";

const KEY = "se-Secret/Key+123";

const server = useServer();

const client = (options: Partial<ClientOptions> = {}) =>
  createClient({ apiKey: KEY, baseUrl: server.origin, ...options });
const { last } = server;

/** A documented multipart upload: the form fields, then the file. */
function uploadForm(): FormData {
  const form = new FormData();
  form.set("name", "Customer List");
  form.set("is_file_organised", "true");
  form.set("file_tag", "clean");
  form.set("file", new Blob(["email\nann@example.com\n"], { type: "text/csv" }), "customers.csv");
  return form;
}

/** One documented call per operation, and the request target it must produce. */
const operations = [
  {
    operationId: "listUploadedFiles",
    method: "GET",
    target: "/v1/api/filesupload/?file_tag=validate&size=6&page=2",
    call: (c = client()) =>
      c.GET("/v1/api/filesupload/", {
        params: { query: { file_tag: "validate", size: 6, page: 2 } },
      }),
  },
  {
    operationId: "getUploadedFile",
    method: "GET",
    target: "/v1/api/filesupload/745",
    call: (c = client()) =>
      c.GET("/v1/api/filesupload/{file_id}", { params: { path: { file_id: 745 } } }),
  },
  {
    operationId: "uploadFile",
    method: "POST",
    target: "/v1/api/filesupload/",
    call: (c = client()) => c.POST("/v1/api/filesupload/", { body: uploadForm() as never }),
  },
  {
    operationId: "cleanEmailList",
    method: "POST",
    target: "/v1/api/cleanemail/",
    call: (c = client()) =>
      c.POST("/v1/api/cleanemail/", {
        body: {
          file_id: 739,
          list_name: "Customer List - Cleaned",
          options: { validate_mx: true },
        },
      }),
  },
  {
    operationId: "validateEmails",
    method: "POST",
    target: "/v1/api/email-validation/",
    call: (c = client()) =>
      c.POST("/v1/api/email-validation/", { body: { file_id: 740, file_tag: "validate" } }),
  },
  {
    operationId: "listValidationResults",
    method: "GET",
    target: "/v1/api/email-validation/?file_id=740&size=100&page=1",
    call: (c = client()) =>
      c.GET("/v1/api/email-validation/", {
        params: { query: { file_id: 740, size: 100, page: 1 } },
      }),
  },
  {
    operationId: "listCleanedEmails",
    method: "GET",
    target: "/v1/api/cleanedemail/?file_id=757&size=100&page=2",
    call: (c = client()) =>
      c.GET("/v1/api/cleanedemail/", { params: { query: { file_id: 757, size: 100, page: 2 } } }),
  },
  {
    operationId: "downloadCleanedEmails",
    method: "GET",
    target: "/v1/api/cleanedemail/download-cleaned-emails/?file_id=757",
    call: (c = client()) =>
      c.GET("/v1/api/cleanedemail/download-cleaned-emails/", {
        params: { query: { file_id: 757 } },
      }),
  },
  {
    operationId: "downloadValidationResults",
    method: "GET",
    target: "/v1/api/email-validation/download-validation-results/?file_id=740",
    call: (c = client()) =>
      c.GET("/v1/api/email-validation/download-validation-results/", {
        params: { query: { file_id: 740 } },
      }),
  },
] as const;

/** Requests a file whose id is any string, as a caller holding an untyped id could. */
const getById = (id: string) =>
  client().GET("/v1/api/filesupload/{file_id}", {
    params: { path: { file_id: id as unknown as number } },
  });

it("has one call of every operation of specs/sanitizeemail.yaml", () => {
  const spec = loadSpec("sanitizeemail");
  const ids = Object.values(spec.paths as Record<string, Record<string, { operationId: string }>>)
    .flatMap((item) => Object.values(item).map((op) => op.operationId))
    .sort();
  expect(operations.map((o) => o.operationId).sort()).toEqual(ids);
});

describe.each(operations)("$operationId over HTTP", ({ operationId, method, target, call }) => {
  it("sends the key only in the X-API-KEY header", async () => {
    await call();
    expect(last().headers["x-api-key"]).toBe(KEY);
    expect(placesOf(last(), KEY)).toEqual(["header:x-api-key"]);
  });

  it("sends its method to the documented path and query, asking for JSON", async () => {
    await call();
    expect(last().method).toBe(method);
    expect(last().target).toBe(target);
    expect(last().headers.accept).toBe("application/json");
  });

  it("refuses a user X-API-KEY header that would replace or join the credential", async () => {
    for (const name of ["X-API-KEY", "x-api-key"]) {
      expect(() => client({ headers: { [name]: "other" } })).toThrow(
        `headers: "${name}" is set by the client`,
      );
    }
    await call(client());
    expect(placesOf(last(), KEY)).toEqual(["header:x-api-key"]);
  });

  describe.each(responseExamples("sanitizeemail", operationId))(
    "documented $status response $name",
    ({ status, value }) => {
      it("comes back on the branch its status code selects", async () => {
        server.answer(() => Response.json(value, { status }));
        const { data, error, response } = await call();
        expect(response.status).toBe(status);
        expect(status < 300 ? data : error).toEqual(value);
        expect(status < 300 ? error : data).toBeUndefined();
      });
    },
  );
});

describe("listUploadedFiles specifics", () => {
  it("keeps the trailing slash and sends no query the caller did not ask for", async () => {
    await client().GET("/v1/api/filesupload/");
    expect(last().target).toBe("/v1/api/filesupload/");
  });

  it("overrides a per-call X-API-KEY header with the credential", async () => {
    await client().GET("/v1/api/filesupload/", { headers: { "X-API-KEY": "other" } });
    expect(last().headers["x-api-key"]).toBe(KEY);
  });

  it("returns next/previous as string | null, null on the last page", async () => {
    const previous = `${server.origin}/v1/api/filesupload/?file_tag=clean&page=1&size=6`;
    server.answer(() => Response.json({ count: 7, next: null, previous, results: [] }));
    const { data } = await client().GET("/v1/api/filesupload/", {
      params: { query: { file_tag: "clean", size: 6, page: 2 } },
    });
    if (!data) throw new Error("expected a page");
    expectTypeOf(data.next).toEqualTypeOf<string | null>();
    expectTypeOf(data.previous).toEqualTypeOf<string | null>();
    expect(data.next).toBeNull();
    expect(data.previous).toBe(previous);
  });
});

describe("getUploadedFile path id", () => {
  it("keeps an id with / ? # = and .. inside its own segment", async () => {
    await getById("../a/b?c=d#e");
    expect(last().target).toBe("/v1/api/filesupload/..%2Fa%2Fb%3Fc%3Dd%23e");
    expect(placesOf(last(), KEY)).toEqual(["header:x-api-key"]);
  });

  it.each([".", ".."])("refuses the id %j, which the URL parser would resolve away", async (id) => {
    const before = server.requests.length;
    await expect(getById(id)).rejects.toThrow(/path parameter "file_id" cannot be/);
    expect(server.requests.length).toBe(before);
  });
});

describe("createClient credential checks", () => {
  const thrown = (options: unknown): unknown => {
    try {
      createClient(options as ClientOptions);
    } catch (error) {
      return error;
    }
    return undefined;
  };

  it.each([
    ["missing", {}, /"apiKey" option is required/],
    ["undefined options", undefined, /"apiKey" option is required/],
    ["not a string", { apiKey: 918273645 }, /"apiKey" option is required/],
    ["empty", { apiKey: "" }, /"apiKey" option is empty/],
    ["blank", { apiKey: " \t " }, /"apiKey" option is empty/],
  ])("throws a TypeError for a %s key, without echoing it", (_, options, message) => {
    const error = thrown(options);
    expect(error).toBeInstanceOf(TypeError);
    expect((error as TypeError).message).toMatch(message);
    expect((error as TypeError).message).not.toContain("918273645");
    expect((error as TypeError).message).not.toContain("\t");
  });

  it("defaults to the spec's server", async () => {
    const seen: Request[] = [];
    const c = createClient({ apiKey: KEY, fetch: async (r) => (seen.push(r), Response.json({})) });
    await c.GET("/v1/api/filesupload/");
    expect(seen[0]!.url).toBe("https://base.sanitizeemail.com/v1/api/filesupload/");
  });
});
