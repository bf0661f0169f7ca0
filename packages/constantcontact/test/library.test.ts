import { caught, collect, responseExamples, useServer } from "@filestatus/testkit";
import { describe, expect, it } from "vitest";
import { ApiError, createClient, idFromHeaders, type LibraryFile } from "../src/index.ts";
import { PDF, PNG, running } from "./roundtrip-kit.ts";

const INFO = responseExamples("constantcontact", "getLibraryInfo")[0]!.value;
const [FILE] = responseExamples("constantcontact", "getLibraryFile").map(
  (e) => e.value as LibraryFile,
);

/** Answers the info request, and `post` for the upload. */
const server = useServer(() => Response.json(INFO));
const onPost = (post: () => Response) =>
  server.answer((request) => (request.method === "POST" ? post() : Response.json(INFO)));
const client = () =>
  createClient({ apiKey: "k", accessToken: "t", baseUrl: server.origin, retry: false });

describe("constantcontact upload answers (every documented variant)", () => {
  it.each([
    [
      "202 + Location",
      202,
      { Location: "https://api.d1.constantcontact.com/v2/library/files/123456789" },
      "123456789",
    ],
    [
      "200 + Location (Ruby's mock)",
      200,
      { Location: "https://api.d1.constantcontact.com/v2/library/files/77" },
      "77",
    ],
    ["201 + Id (PHP's mock)", 201, { Id: "1" }, "1"],
    ["202 + a relative Location", 202, { Location: "/v2/library/files/42/" }, "42"],
  ])("%s names the new file", async (_, status, headers, id) => {
    onPost(() => new Response(null, { status, headers }));
    const uploaded = await client().upload(PNG, { filename: "a.png" });
    expect(uploaded).toMatchObject({ id, state: "queued", raw: { httpStatus: status, id } });
  });

  it("an accepted upload that names no file is an ApiError that may have been accepted", async () => {
    onPost(() => new Response(null, { status: 202, headers: { Location: "/v2/library/files" } }));
    const error = await caught(client().upload(PNG, { filename: "a.png" }));
    expect(ApiError.is(error)).toBe(true);
    expect(error).toMatchObject({ mayHaveBeenAccepted: true });
    expect((error as Error).message).toMatch(/names the new file.*look for "a\.png"/);
  });

  it("asks for the limit again after a failed ask, and not after a good one", async () => {
    let infos = 0;
    server.answer((request) => {
      if (request.method === "POST")
        return new Response(null, { status: 201, headers: { Id: "5" } });
      return ++infos === 1
        ? Response.json([{ error_key: "x" }], { status: 500 })
        : Response.json(INFO);
    });
    const c = client();
    expect(await caught(c.upload(PNG, { filename: "a.png" }))).toMatchObject({ status: 500 });
    await c.upload(PNG, { filename: "a.png" });
    await c.upload(PNG, { filename: "a.png" });
    expect(infos).toBe(2);
  });

  it.each([
    [{ id: "9" }, "9"],
    [{ location: "https://x/v2/library/files/9?x=1" }, "9"],
    [{ location: "not a url at all %%" }, ""],
    [{}, ""],
  ])("idFromHeaders(%j) is %j", (headers, id) => {
    expect(idFromHeaders(new Headers(headers))).toBe(id);
  });
});

describe("constantcontact files() and file()", () => {
  const page = (results: LibraryFile[], next_link?: string) => ({
    meta: { pagination: next_link ? { next_link } : {} },
    results,
  });

  it("follows next_link with api_key added again, and the caller's query on the first page only", async () => {
    const token = "c023cmNlPUFsbCUiUmZzZXQ9MTgyIcV5cGU9QWxsJmxpbWl0PTE";
    server.answer((request) =>
      Response.json(
        new URL(request.url).searchParams.has("next")
          ? page([{ ...FILE!, id: "2" }])
          : page([FILE!], `/v2/library/files?next=${token}`),
      ),
    );
    const ids = (await collect(client().files({ limit: 1, type: "IMAGES" }))).map((f) => f.id);
    expect(ids).toEqual([FILE!.id, "2"]);
    const [first, second] = server.requests.map((r) => Object.fromEntries(r.url.searchParams));
    expect(first).toEqual({ limit: "1", type: "IMAGES", api_key: "k" });
    expect(second).toEqual({ next: token, api_key: "k" });
  });

  it("ends with an ApiError on a next_link seen before, or pointing elsewhere (never requested)", async () => {
    let n = 0;
    server.answer(() =>
      Response.json(page([{ ...FILE!, id: String(++n) }], "/v2/library/files?next=same")),
    );
    const again = await caught(collect(client().files()));
    expect(again).toMatchObject({
      name: "ApiError",
      message: expect.stringMatching(/already fetched/),
    });
    server.answer(() =>
      Response.json(page([FILE!], "https://elsewhere.example/v2/library/files?next=a")),
    );
    const before = server.requests.length;
    const away = await caught(collect(client().files()));
    expect(away).toMatchObject({ name: "ApiError", message: expect.stringMatching(/next_link/) });
    expect(server.requests.length - before).toBe(1); // the first page only
  });

  it("refuses a limit outside 1–1000 before asking", async () => {
    expect(() => client().files({ limit: 0 })).toThrow(RangeError);
    expect(() => client().files({ limit: 1.5 })).toThrow(/limit must be an integer from 1 to 1000/);
    expect(server.requests).toEqual([]);
  });

  it("file(id) keeps the id in its own path segment and refuses another file's body", async () => {
    server.answer(() => Response.json(FILE));
    expect((await client().file(FILE!.id)).url).toBe(FILE!.url);
    const error = await caught(client().file("../4"));
    expect(server.last().target.split("?")[0]).toBe("/v2/library/files/..%2F4");
    expect(error).toMatchObject({ name: "ApiError", message: expect.stringMatching(/id is "4"/) });
  });

  it("lists the sandbox's library, newest first, every file once across pages", async () => {
    const run = await running();
    const c = run.client();
    const added = [
      (await c.upload(PNG, { filename: "a.png" })).id,
      (await c.upload(PDF, { filename: "b.pdf" })).id,
    ];
    const all = await collect(c.files({ limit: 3 }));
    expect(all.slice(0, 2).map((f) => f.id)).toEqual([...added].reverse());
    expect(new Set(all.map((f) => f.id)).size).toBe(all.length);
    const documents = await collect(c.files({ type: "DOCUMENTS" }));
    expect(documents.map((f) => f.name)).toEqual(["b.pdf"]);
  });
});
