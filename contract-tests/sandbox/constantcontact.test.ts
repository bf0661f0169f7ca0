/**
 * Sandbox ↔ spec, Constant Contact v2: upload statuses (one id, several, none found) through the
 * lifecycle, and the gateway's array error bodies: 401, 403 (inactive key, over 4/s, over the
 * daily quota), 404 and 406; then the library: the multipart upload (202 + Location, 400s), file
 * objects, pages, delete and info. All validated against specs/constantcontact.yaml.
 */
import { describe, expect, it } from "vitest";
import {
  checker,
  harness,
  INSTANTS,
  namedUploads,
  ORIGIN,
  type Answer,
} from "../lib/sandbox-harness.ts";

const check = checker("constantcontact");
const KEY = "cc-contract-key";
const AUTH = { Authorization: "Bearer cc-contract-token", Accept: "application/json" };
const path = (ids: string, key: string | null = KEY) =>
  `/v2/library/files/uploadstatus/${ids}${key === null ? "" : `?api_key=${key}`}`;

function expectValid(answer: Answer, status: number): unknown {
  expect(answer.status).toBe(status);
  expect(check("getFileUploadStatus", answer)).toEqual([]);
  return answer.body;
}

const errorKey = (body: unknown) => (body as { error_key: string }[])[0]?.error_key;

describe("constantcontact getFileUploadStatus", () => {
  it("200 the documented example ids 9,8,18 answer as documented", async () => {
    const body = expectValid(await harness().call(path("9,8,18"), { headers: AUTH }), 200);
    expect(body).toEqual([
      { file_id: "9", status: "Active", description: "Active" },
      { file_id: "8", status: "Uploaded", description: "Uploaded" },
      { file_id: "18", status: "Processing", description: "Processing" },
    ]);
  });

  for (const upload of namedUploads("constantcontact"))
    for (const [label, ms] of Object.entries(INSTANTS))
      it(`200 ${upload.name} at ${label}`, async () => {
        const h = harness();
        h.at(ms);
        const body = expectValid(await h.call(path(upload.id), { headers: AUTH }), 200);
        expect(body).toHaveLength(1);
      });

  it("200 the instants cover every documented status", async () => {
    const ids = namedUploads("constantcontact").map((u) => u.id);
    const seen = new Set<string>();
    for (const ms of Object.values(INSTANTS)) {
      const h = harness();
      h.at(ms);
      const { body } = await h.call(path(ids.join(",")), { headers: AUTH });
      for (const file of body as { status: string }[]) seen.add(file.status);
    }
    expect([...seen].sort()).toEqual([
      "Active",
      "Deleted",
      "Failed",
      "Processing",
      "Uploaded",
      "VirusFound",
    ]);
  });

  const found = {
    "[] when no id matches": ["424242,424243", AUTH, 0],
    "unknown ids left out": ["9,424242", AUTH, 1],
    "Accept */*": ["9", { ...AUTH, Accept: "*/*" }, 1],
    "Accept application/*": ["9", { ...AUTH, Accept: "application/*" }, 1],
    "no Accept header": ["9", { Authorization: AUTH.Authorization }, 1],
  } as const;
  for (const [label, [ids, headers, length]] of Object.entries(found))
    it(`200 ${label}`, async () => {
      expect(expectValid(await harness().call(path(ids), { headers }), 200)).toHaveLength(length);
    });

  const errors: Record<string, [number, string, string, string | null, Record<string, string>]> = {
    "401 bad token": [401, "invalid_token", "9", KEY, { ...AUTH, Authorization: "Bearer bad-t" }],
    "401 no token": [401, "invalid_token", "9", KEY, { Accept: AUTH.Accept }],
    "401 no api_key": [401, "invalid_token", "9", null, AUTH],
    "403 bad api_key (inactive)": [403, "inactive", "9", "bad-key", AUTH],
    "404 no file id": [404, "not_found", "", KEY, AUTH],
    "406 Accept text/html": [406, "not_acceptable", "9", KEY, { ...AUTH, Accept: "text/html" }],
    "406 Accept application/xml": [
      406,
      "not_acceptable",
      "9",
      KEY,
      { ...AUTH, Accept: "application/xml" },
    ],
  };
  for (const [label, [status, key, ids, apiKey, headers]] of Object.entries(errors))
    it(label, async () => {
      const body = expectValid(await harness().call(path(ids, apiKey), { headers }), status);
      expect(errorKey(body)).toMatch(new RegExp(`${key}$`));
    });

  it("403 over 4 requests a second (mashery.not.authorized.over.qps)", async () => {
    const h = harness();
    for (let i = 0; i < 4; i++) expectValid(await h.call(path("9"), { headers: AUTH }), 200);
    const body = expectValid(await h.call(path("9"), { headers: AUTH }), 403);
    expect(errorKey(body)).toBe("mashery.not.authorized.over.qps");
  });

  it("403 over 10,000 requests a day (mashery.not.authorized.over.rate)", async () => {
    const h = harness();
    // 4 a second is allowed; 251 ms apart stays under it, and all 10,000 fit in one UTC day.
    for (let i = 0; i < 10_000; i++) {
      h.at(i * 251);
      if ((await h.call(path("9"), { headers: AUTH })).status !== 200) throw new Error(`#${i}`);
    }
    h.at(10_000 * 251);
    const body = expectValid(await h.call(path("9"), { headers: AUTH }), 403);
    expect(errorKey(body)).toBe("mashery.not.authorized.over.rate");
  });
});

/** A real 3×2 PNG and the smallest PDF: the Library takes images and documents, not lists. */
const PNG = Uint8Array.from(
  atob(
    "iVBORw0KGgoAAAANSUhEUgAAAAMAAAACCAIAAAASFvFNAAAAEElEQVR4nGP4z8AAQQxwFgBB0gX7h/C5SAAAAABJRU5ErkJggg==",
  ),
  (c) => c.charCodeAt(0),
);
const PDF = new TextEncoder().encode("%PDF-1.4\n%%EOF\n");

function form(name: string, bytes: Uint8Array, parts: Record<string, string> = {}): FormData {
  const body = new FormData();
  const all = { file_name: name, file_type: name.split(".").at(-1)!, folder_id: "0", ...parts };
  for (const [part, value] of Object.entries({ source: "MyComputer", ...all }))
    body.set(part, value);
  body.set("data", new Blob([bytes.slice()]), name);
  return body;
}

/** One sandbox; each call a third of a second after the last (under 4 a second), empty bodies allowed. */
function library() {
  const h = harness();
  let ms = 0;
  return async (path: string, init: RequestInit = {}): Promise<Answer> => {
    h.at((ms += 300));
    const url = `${ORIGIN}${path}${path.includes("?") ? "&" : "?"}api_key=${KEY}`;
    const response = await h.sandbox.fetch(new Request(url, { headers: AUTH, ...init }));
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: text && JSON.parse(text) };
  };
}

const idOf = (answer: Answer) => answer.headers.get("location")!.split("/").at(-1)!;

describe("constantcontact library files", () => {
  it("addLibraryFile 202: a Location header ending in the id, no body", async () => {
    const call = library();
    const answer = await call("/v2/library/files", { method: "POST", body: form("a.png", PNG) });
    expect(answer.status).toBe(202);
    expect(check("addLibraryFile", answer).filter((p) => !p.includes("no JSON schema"))).toEqual(
      [],
    );
    expect(answer.body).toBe("");
    expect(idOf(answer)).toMatch(/^\d+$/);
  });

  const refused = {
    "a CSV": form("list.csv", new TextEncoder().encode("email\na@b.example\n")),
    "a 101-character description": form("a.png", PNG, { description: "x".repeat(101) }),
    "PNG bytes called a PDF": form("a.pdf", PNG),
  };
  for (const [label, body] of Object.entries(refused))
    it(`addLibraryFile 400 ${label}`, async () => {
      const answer = await library()("/v2/library/files", { method: "POST", body });
      expectValidAs("addLibraryFile", answer, 400);
    });

  it("getLibraryFile, listLibraryFiles and getFileUploadStatus through the lifecycle", async () => {
    const call = library();
    const post = (name: string, bytes: Uint8Array) =>
      call("/v2/library/files", { method: "POST", body: form(name, bytes) });
    const ids = [idOf(await post("a.png", PNG)), idOf(await post("b.pdf", PDF))];
    for (let round = 0; round < 12; round++) {
      for (const id of ids)
        expectValidAs("getLibraryFile", await call(`/v2/library/files/${id}`), 200);
      expectValidAs(
        "getFileUploadStatus",
        await call(`/v2/library/files/uploadstatus/${ids}`),
        200,
      );
    }
    let link: string | undefined = "/v2/library/files?limit=3";
    while (link) {
      const page = expectValidAs("listLibraryFiles", await call(link), 200) as FilePage;
      link = page.meta.pagination.next_link;
    }
  });

  it("deleteLibraryFile 204, then getLibraryFile shows it Deleted; 404 for no such file", async () => {
    const call = library();
    const id = idOf(await call("/v2/library/files", { method: "POST", body: form("a.png", PNG) }));
    expect((await call(`/v2/library/files/${id}`, { method: "DELETE" })).status).toBe(204);
    const file = expectValidAs("getLibraryFile", await call(`/v2/library/files/${id}`), 200);
    expect(file).toMatchObject({ status: "Deleted" });
    expectValidAs(
      "deleteLibraryFile",
      await call("/v2/library/files/424242", { method: "DELETE" }),
      404,
    );
    expectValidAs("getLibraryFile", await call("/v2/library/files/424242"), 404);
  });

  it("listLibraryFiles 400 for a limit over 1000", async () => {
    expectValidAs("listLibraryFiles", await library()("/v2/library/files?limit=1001"), 400);
  });

  it("getLibraryInfo 200", async () => {
    expectValidAs("getLibraryInfo", await library()("/v2/library/info"), 200);
  });
});

interface FilePage {
  meta: { pagination: { next_link?: string } };
}

function expectValidAs(operationId: string, answer: Answer, status: number): unknown {
  expect(answer.status).toBe(status);
  expect(check(operationId, answer)).toEqual([]);
  return answer.body;
}
