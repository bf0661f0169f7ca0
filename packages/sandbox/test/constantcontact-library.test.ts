import { describe, expect, it } from "vitest";
import { harness as start, TRANSPORTS, type Harness } from "./helpers.ts";

/** A real 3×2 PNG, and the smallest PDF a reader opens. */
const PNG = Uint8Array.from(
  atob(
    "iVBORw0KGgoAAAANSUhEUgAAAAMAAAACCAIAAAASFvFNAAAAEElEQVR4nGP4z8AAQQxwFgBB0gX7h/C5SAAAAABJRU5ErkJggg==",
  ),
  (c) => c.charCodeAt(0),
);
const PDF = new TextEncoder().encode("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");

const AUTH = { Authorization: "Bearer cc-token", Accept: "application/json" };
const q = (path: string) => `${path}${path.includes("?") ? "&" : "?"}api_key=cc-key`;

/**
 * `h` with a quarter second between API calls: under the gateway's 4 calls a second, whatever a
 * test sends. (The sandbox clock is manual; uploads progress with it.)
 */
function paced(transport: (typeof TRANSPORTS)[number]) {
  return async (): Promise<Harness> => {
    const h = await start(transport);
    const send = h.send;
    h.send = (path, init) => (h.clock.advance(250), send(path, init));
    return h;
  };
}

/** Uploads `bytes` as `name` and returns the new id. */
async function add(h: Harness, name: string, bytes: Uint8Array): Promise<string> {
  const body = new FormData();
  body.set("file_name", name);
  body.set("file_type", name.split(".").at(-1)!.toUpperCase());
  body.set("folder_id", "0");
  body.set("source", "MyComputer");
  body.set("data", new Blob([bytes.slice()]), name);
  const response = await h.send(q("/v2/library/files"), { method: "POST", body, headers: AUTH });
  expect(response.status).toBe(202);
  return response.headers.get("location")!.split("/").at(-1)!;
}

const getFile = (h: Harness, id: string) => h.get(q(`/v2/library/files/${id}`), { headers: AUTH });

describe.each(TRANSPORTS)("constantcontact library files (%s)", (transport) => {
  const harness = paced(transport);
  it("describes an uploaded PNG and serves its bytes at url once Active", async () => {
    const h = await harness();
    const id = await add(h, "logo.png", PNG);
    const { status, body } = await getFile(h, id);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      id,
      name: "logo.png",
      file_type: "PNG",
      is_image: true,
      size: PNG.length,
      width: 3,
      height: 2,
      status: "Uploaded",
      folder_id: null,
      source: "MyComputer",
    });
    expect(body.url.startsWith(`${h.origin}/`)).toBe(true);
    expect((await h.send(body.url)).status).toBe(404); // not hosted before the scan passes
    h.clock.advance(60_000);
    const hosted = await h.send(body.url);
    expect(hosted.headers.get("content-type")).toBe("image/png");
    expect(new Uint8Array(await hosted.arrayBuffer())).toEqual(PNG);
  });

  it("serves a PDF back as application/pdf, not as an image", async () => {
    const h = await harness();
    const id = await add(h, "terms.pdf", PDF);
    h.clock.advance(60_000);
    const { body } = await getFile(h, id);
    expect(body).toMatchObject({ is_image: false, file_type: "PDF", status: "Active" });
    const hosted = await h.send(body.url);
    expect(hosted.headers.get("content-type")).toBe("application/pdf");
    expect(new TextDecoder().decode(await hosted.arrayBuffer())).toBe(
      new TextDecoder().decode(PDF),
    );
  });

  it("answers an id the library never had with 404", async () => {
    const h = await harness();
    const { status, body } = await getFile(h, "424242");
    expect(status).toBe(404);
    expect(body[0].error_key).toBe("http.status.not_found");
  });

  it("deletes with 204: Deleted everywhere, gone from the list and from its url", async () => {
    const h = await harness();
    const id = await add(h, "logo.png", PNG);
    h.clock.advance(60_000);
    const { url } = (await getFile(h, id)).body;
    const removed = await h.send(q(`/v2/library/files/${id}`), { method: "DELETE", headers: AUTH });
    expect(removed.status).toBe(204);
    const status = await h.get(q(`/v2/library/files/uploadstatus/${id}`), { headers: AUTH });
    expect(status.body).toEqual([{ file_id: id, status: "Deleted", description: "Deleted" }]);
    expect((await getFile(h, id)).body.status).toBe("Deleted");
    const list = await h.get(q("/v2/library/files?limit=1000"), { headers: AUTH });
    expect(list.body.results.map((f: { id: string }) => f.id)).not.toContain(id);
    expect((await h.send(url)).status).toBe(404);
    const unknown = await h.send(q("/v2/library/files/424242"), {
      method: "DELETE",
      headers: AUTH,
    });
    expect(unknown.status).toBe(404);
  });

  it("lists every file once across pages, following next_link with api_key added", async () => {
    const h = await harness();
    for (const name of ["a.png", "b.pdf", "c.png"])
      await add(h, name, name.endsWith("pdf") ? PDF : PNG);
    const everything = await h.get(q("/v2/library/files?limit=1000"), { headers: AUTH });
    const ids: string[] = [];
    let link: string | undefined = "/v2/library/files?limit=2";
    let pages = 0;
    while (link) {
      const page: { status: number; body: any } = await h.get(q(link), { headers: AUTH });
      expect(page.status).toBe(200);
      ids.push(...page.body.results.map((f: { id: string }) => f.id));
      link = page.body.meta.pagination.next_link;
      if (link) expect(link).toMatch(/^\/v2\/library\/files\?next=[\w-]+$/);
      else expect(page.body.meta.pagination).toEqual({});
      pages++;
    }
    const all = everything.body.results.map((f: { id: string }) => f.id);
    expect(ids).toEqual(all);
    expect(pages).toBe(Math.ceil(all.length / 2));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("filters documents and sorts by name", async () => {
    const h = await harness();
    await add(h, "b.pdf", PDF);
    await add(h, "a.pdf", PDF);
    await add(h, "z.png", PNG);
    const docs = await h.get(q("/v2/library/files?type=DOCUMENTS&sort_by=NAME"), { headers: AUTH });
    expect(docs.body.results.map((f: { name: string }) => f.name)).toEqual(["a.pdf", "b.pdf"]);
  });

  it.each(["limit=0", "limit=1001", "sort_by=COLOR", "type=VIDEOS", "source=Dropbox", "next=%21"])(
    "answers %s with 400 query.param.invalid",
    async (query) => {
      const h = await harness();
      const answer = await h.get(q(`/v2/library/files?${query}`), { headers: AUTH });
      expect(answer.status).toBe(400);
      expect(answer.body[0].error_key).toBe("query.param.invalid");
    },
  );

  it("answers GET /v2/library/info with the 5 MiB upload limit", async () => {
    const h = await harness();
    const { status, body } = await h.get(q("/v2/library/info"), { headers: AUTH });
    expect(status).toBe(200);
    expect(body).toHaveLength(1);
    expect(body[0].max_upload_size_limit).toBe(5_242_880);
  });
});
