import { placesOf, responseExamples, useServer } from "@filestatus/testkit";
import { describe, expect, it } from "vitest";
import { createClient } from "../src/index.ts";

// Two distinct secrets, neither a substring of the other, with characters that need encoding.
const KEY = "cc-Api/Key+1=2";
const TOKEN = "cc-Tok/en+3";
const KEY_ON_WIRE = "api_key=cc-Api%2FKey%2B1%3D2";
const PATH = "/v2/library/files/uploadstatus/{fileId}";
const PREFIX = "/v2/library/files/uploadstatus/";

const server = useServer(() => Response.json([]));

const client = () =>
  createClient({ apiKey: KEY, accessToken: TOKEN, baseUrl: server.origin, retry: false });
const { last } = server;
const getStatus = (fileId: string[]) => client().GET(PATH, { params: { path: { fileId } } });
/** The path as it arrived on the wire; `url.pathname` has already resolved dot segments. */
const wirePath = () => last().target.split("?")[0];

describe("constantcontact credentials", () => {
  it("sends the API key only as the api_key query parameter", async () => {
    await getStatus(["9"]);
    expect(last().url.searchParams.get("api_key")).toBe(KEY);
    expect(last().target).toContain(`?${KEY_ON_WIRE}`);
    expect(placesOf(last(), KEY)).toEqual(["query:api_key"]);
  });

  it("sends the access token only as Authorization: Bearer", async () => {
    await getStatus(["9"]);
    expect(last().headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(placesOf(last(), TOKEN)).toEqual(["header:authorization"]);
  });

  it.each(["apiKey", "accessToken"] as const)(
    "rejects a missing or empty %s at createClient",
    (option) => {
      const other = option === "apiKey" ? TOKEN : KEY;
      const base = { apiKey: KEY, accessToken: TOKEN };
      const attempt = (value: unknown) => () =>
        createClient({ ...base, [option]: value as string });
      expect(attempt("")).toThrow(TypeError);
      expect(attempt("")).toThrow(`"${option}" option is empty`);
      expect(attempt(" \t ")).toThrow(`"${option}" option is empty`);
      expect(attempt(undefined)).toThrow(`"${option}" option is required`);
      expect(attempt(42)).toThrow(`"${option}" option is required`);
      const thrown = (() => {
        try {
          attempt(" ")();
        } catch (e) {
          return (e as Error).message;
        }
      })();
      expect(thrown).toMatch(/^@filestatus\/constantcontact: /);
      expect(thrown).not.toContain(other);
    },
  );
});

describe("constantcontact GET /v2/library/files/uploadstatus/{fileId}", () => {
  it("calls the documented path with Accept: application/json and no other query", async () => {
    await getStatus(["9"]);
    expect(last().method).toBe("GET");
    expect(last().target).toBe(`${PREFIX}9?${KEY_ON_WIRE}`);
    expect(last().headers.accept).toBe("application/json");
  });

  it("gets data from a server that answers 406 to any other Accept", async () => {
    const files = [{ file_id: "9", status: "Active", description: "Active" }];
    server.answer((request) =>
      request.headers.get("accept") === "application/json"
        ? Response.json(files)
        : Response.json([{ error_key: "http.status.not_acceptable" }], { status: 406 }),
    );
    const { data, error, response } = await getStatus(["9"]);
    expect(response.status).toBe(200);
    expect(error).toBeUndefined();
    expect(data).toEqual(files);
  });

  it("joins several ids into one comma-separated segment, each id encoded", async () => {
    await getStatus(["9", "8", "a/b"]);
    expect(wirePath()).toBe(`${PREFIX}9,8,a%2Fb`);
  });

  it("keeps an id with / ? # and .. inside its own segment, percent-encoded", async () => {
    await getStatus(["../../x?y=1#z", "7"]);
    expect(wirePath()).toBe(`${PREFIX}..%2F..%2Fx%3Fy%3D1%23z,7`);
    expect([...last().url.searchParams.keys()]).toEqual(["api_key"]);
    expect(last().url.hash).toBe("");
  });

  it("encodes a comma inside an id so it cannot split into two ids", async () => {
    await getStatus(["1,2"]);
    expect(wirePath()).toBe(`${PREFIX}1%2C2`);
  });

  const examples = responseExamples("constantcontact", "getFileUploadStatus");
  it("replays both empty-set 200 bodies, [] and null", () => {
    const empties = examples.filter((e) => e.status === 200).map((e) => e.value);
    expect(empties).toContainEqual([]);
    expect(empties).toContain(null);
  });

  describe.each(examples)("documented $status response $name", ({ status, value }) => {
    it("comes back on the branch its status code selects", async () => {
      server.answer(() => Response.json(value, { status }));
      const { data, error, response } = await getStatus(["9", "8", "18"]);
      expect(response.status).toBe(status);
      if (status === 200) {
        expect(data).toStrictEqual(value);
        expect(error).toBeUndefined();
      } else {
        expect(error).toStrictEqual(value);
        expect(data).toBeUndefined();
      }
    });
  });

  it.each([404, 406, 500])(
    "returns a %i error array (no documented example) as error",
    async (status) => {
      const body = [{ error_key: `http.status.${status}`, error_message: "Something went wrong." }];
      server.answer(() => Response.json(body, { status }));
      const { data, error } = await getStatus(["9"]);
      expect(data).toBeUndefined();
      expect(error?.[0]?.error_key).toBe(`http.status.${status}`);
    },
  );

  it("defaults to the spec's server", async () => {
    const seen: Request[] = [];
    const c = createClient({
      apiKey: KEY,
      accessToken: TOKEN,
      fetch: async (r) => (seen.push(r), Response.json([])),
    });
    await c.GET(PATH, { params: { path: { fileId: ["9"] } } });
    expect(seen[0]!.url).toBe(`https://api.constantcontact.com${PREFIX}9?${KEY_ON_WIRE}`);
  });
});

describe("constantcontact unwrap", () => {
  it("returns null, not an error, when no id matched", async () => {
    server.answer(() => new Response("null", { headers: { "content-type": "application/json" } }));
    expect(await client().unwrap(getStatus(["404404"]))).toBeNull();
  });
});

describe("constantcontact library operations on the wire", () => {
  const fileId = "4";
  const calls = {
    addLibraryFile: async () => {
      server.answer((r) =>
        r.method === "POST"
          ? new Response(null, {
              status: 202,
              headers: { Location: `/v2/library/files/${fileId}` },
            })
          : Response.json([{ max_upload_size_limit: 5_242_880 }]),
      );
      await client().upload(new Uint8Array([0x89, 0x50, 0x4e, 0x47]), { filename: "a.png" });
    },
    getLibraryFile: async () => {
      server.answer(() => Response.json({ id: fileId, name: "a.png", status: "Active" }));
      await client().file(fileId);
    },
    listLibraryFiles: async () => {
      server.answer(() => Response.json({ meta: { pagination: {} }, results: [] }));
      for await (const _ of client().files({ sort_by: "NAME" }));
    },
    deleteLibraryFile: async () => {
      server.answer(() => new Response(null, { status: 204 }));
      await client().deleteUpload(fileId);
    },
    getLibraryInfo: async () => {
      server.answer(() => Response.json([{ max_upload_size_limit: 1 }]));
      await client().GET("/v2/library/info");
    },
  };
  const expected = {
    addLibraryFile: "POST /v2/library/files",
    getLibraryFile: `GET /v2/library/files/${fileId}`,
    listLibraryFiles: "GET /v2/library/files",
    deleteLibraryFile: `DELETE /v2/library/files/${fileId}`,
    getLibraryInfo: "GET /v2/library/info",
  };

  it.each(Object.keys(calls) as (keyof typeof calls)[])(
    "%s: the documented method and path, the key only in api_key, the token only as Bearer",
    async (operation) => {
      await calls[operation]();
      const request = last();
      expect(`${request.method} ${request.url.pathname}`).toBe(expected[operation]);
      expect(placesOf(request, KEY)).toEqual(["query:api_key"]);
      expect(placesOf(request, TOKEN)).toEqual(["header:authorization"]);
      expect(request.headers.accept).toBe("application/json");
    },
  );

  it("sends the upload as multipart/form-data with the file in the data part", async () => {
    await calls.addLibraryFile();
    expect(last().headers["content-type"]).toMatch(/^multipart\/form-data; boundary=/);
    expect(last().body).toMatch(/name="data"; filename="a\.png"\r\nContent-Type: image\/png/);
    expect(last().body).toMatch(/name="file_type"\r\n\r\nPNG\r\n/);
  });
});
