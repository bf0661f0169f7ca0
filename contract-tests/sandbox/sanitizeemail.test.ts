/**
 * Sandbox ↔ spec, SanitizeEmail: list pages (followed through `next`), filters and page sizes,
 * file details through the lifecycle, uploads, jobs, results pages and download links, and the
 * Django REST framework error bodies (400, 401, 404, 409), validated against specs/sanitizeemail.yaml.
 */
import { describe, expect, it } from "vitest";
import { checker, harness, HOUR, INSTANTS, namedUploads, ORIGIN } from "../lib/sandbox-harness.ts";

const check = checker("sanitizeemail");
const KEY = { "X-API-KEY": "se-contract-key" };
const LIST = "/v1/api/filesupload/";

type Body = Record<string, any>;

const get = (path: string, headers: HeadersInit = KEY) => harness().call(path, { headers });

describe("sanitizeemail listUploadedFiles", () => {
  it("200 every page, following next until null", async () => {
    const h = harness();
    let url: string | null = LIST;
    let pages = 0;
    while (url !== null) {
      const answer = await h.call(url.replace(ORIGIN, ""), { headers: KEY });
      expect(answer.status).toBe(200);
      expect(check("listUploadedFiles", answer)).toEqual([]);
      url = (answer.body as Body).next;
      pages++;
    }
    expect(pages).toBeGreaterThanOrEqual(3);
  });

  const queries = {
    "page 2": "?page=2",
    "page=last": "?page=last",
    "file_tag=clean": "?file_tag=clean",
    "file_tag=validate&size=6": "?file_tag=validate&size=6",
    "file_tag=analyze&page=2&size=5": "?file_tag=analyze&page=2&size=5",
    "size=100": "?size=100",
    "size=1000 (capped at 100)": "?size=1000",
    "size=abc (falls back to 10)": "?size=abc",
  };
  for (const [label, q] of Object.entries(queries))
    it(`200 ${label}`, async () => {
      const answer = await get(LIST + q);
      expect(answer.status).toBe(200);
      expect(check("listUploadedFiles", answer)).toEqual([]);
    });

  for (const [label, ms] of Object.entries(INSTANTS))
    it(`200 first page at ${label}`, async () => {
      const h = harness();
      h.at(ms);
      const answer = await h.call(LIST, { headers: KEY });
      expect([answer.status, check("listUploadedFiles", answer)]).toEqual([200, []]);
    });

  it("200 the instants cover every documented status", async () => {
    const seen = new Set<string>();
    for (const ms of Object.values(INSTANTS)) {
      const h = harness();
      h.at(ms);
      const { body } = await h.call(`${LIST}?size=100`, { headers: KEY });
      for (const file of (body as Body).results as Body[]) seen.add(file.status);
    }
    expect([...seen].sort()).toEqual(["cleaned", "failed", "pending", "processing", "validated"]);
  });

  const errors: Record<string, [number, string, HeadersInit?]> = {
    "400 unknown file_tag": [400, "?file_tag=spam"],
    "401 missing X-API-KEY": [401, "", {}],
    "401 bad X-API-KEY": [401, "", { "X-API-KEY": "bad-key" }],
    "404 page past the last": [404, "?page=99"],
    "404 page 0": [404, "?page=0"],
  };
  for (const [label, [status, q, headers]] of Object.entries(errors))
    it(label, async () => {
      const answer = await get(LIST + q, headers);
      expect(answer.status).toBe(status);
      expect(check("listUploadedFiles", answer)).toEqual([]);
    });
});

describe("sanitizeemail getUploadedFile", () => {
  for (const upload of namedUploads("sanitizeemail"))
    for (const [label, ms] of Object.entries(INSTANTS))
      it(`${upload.outcome === "deleted" ? 404 : 200} ${upload.name} at ${label}`, async () => {
        const h = harness();
        h.at(ms);
        const answer = await h.call(LIST + upload.id, { headers: KEY });
        // Deleted files are gone from the API: 404.
        expect(answer.status).toBe(upload.outcome === "deleted" ? 404 : 200);
        expect(check("getUploadedFile", answer)).toEqual([]);
      });

  const errors: Record<string, [number, string, HeadersInit?]> = {
    "404 unknown id": [404, "1"],
    "401 missing X-API-KEY": [401, "745", {}],
    "401 bad X-API-KEY": [401, "745", { "X-API-KEY": "bad-key" }],
  };
  for (const [label, [status, id, headers]] of Object.entries(errors))
    it(label, async () => {
      const answer = await get(LIST + id, headers);
      expect(answer.status).toBe(status);
      expect(check("getUploadedFile", answer)).toEqual([]);
    });
});

/** A multipart upload; `csv` decides whether the email column is found. */
function form(csv: string, fields: Record<string, string> = {}): FormData {
  const body = new FormData();
  body.set("name", "Customer List");
  body.set("is_file_organised", "true");
  for (const [name, value] of Object.entries(fields)) body.set(name, value);
  body.set("file", new Blob([csv], { type: "text/csv" }), fields.filename ?? "list.csv");
  return body;
}
const withoutName = (body: FormData) => (body.delete("name"), body);
const CSV = "email,name\nann@example.com,Ann\nbob@dead.example,Bob\nnot-an-email,Cy\n";
const post = (h: ReturnType<typeof harness>, path: string, body: unknown, headers = KEY) =>
  h.call(path, {
    method: "POST",
    headers: { ...headers, "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
const upload = (h: ReturnType<typeof harness>, body: FormData, headers: HeadersInit = KEY) =>
  h.call(LIST, { method: "POST", headers, body });

describe("sanitizeemail uploadFile", () => {
  it("201 the accepted file, pending", async () => {
    const answer = await upload(harness(), form(CSV, { file_tag: "clean" }));
    expect([answer.status, (answer.body as Body).status]).toEqual([201, "pending"]);
    expect(check("uploadFile", answer)).toEqual([]);
  });

  it("200 requires email column selection", async () => {
    const answer = await upload(harness(), form("Name,Contact\nAnn,ann@example.com\n"));
    expect([answer.status, (answer.body as Body).available_columns]).toEqual([
      200,
      ["Name", "Contact"],
    ]);
    expect(check("uploadFile", answer)).toEqual([]);
  });

  const errors: Record<string, [number, FormData, HeadersInit?]> = {
    "400 no name": [400, withoutName(form(CSV))],
    "400 a .txt file": [400, form(CSV, { filename: "list.txt" })],
    "400 an empty file": [400, form("")],
    "400 an unknown file_tag": [400, form(CSV, { file_tag: "shred" })],
    "401 missing X-API-KEY": [401, form(CSV), {}],
    "401 bad X-API-KEY": [401, form(CSV), { "X-API-KEY": "bad-key" }],
  };
  for (const [label, [status, body, headers]] of Object.entries(errors))
    it(label, async () => {
      const answer = await upload(harness(), body, headers);
      expect(answer.status).toBe(status);
      expect(check("uploadFile", answer)).toEqual([]);
    });
});

describe("sanitizeemail jobs", () => {
  it("cleanEmailList 200, then 400 while it runs, 404 for an unknown file", async () => {
    const h = harness();
    const id = (await upload(h, form(CSV))).body as Body;
    const started = await post(h, "/v1/api/cleanemail/", { file_id: id.id, list_name: "Kept" });
    expect(started.status).toBe(200);
    expect(check("cleanEmailList", started)).toEqual([]);
    for (const [status, body] of [
      [400, { file_id: id.id }],
      [400, {}],
      [404, { file_id: 999_999 }],
    ] as const) {
      const answer = await post(h, "/v1/api/cleanemail/", body);
      expect(answer.status).toBe(status);
      expect(check("cleanEmailList", answer)).toEqual([]);
    }
  });

  it("validateEmails 200 in file mode and in emails mode, 400 for both at once", async () => {
    const h = harness();
    const file = (await upload(h, form(CSV))).body as Body;
    for (const [status, body] of [
      [200, { file_id: file.id, file_tag: "validate" }],
      [200, { emails: ["info@example.com", "x@dead.example"], file_tag: "quickstart-test" }],
      [400, { emails: ["a@example.com"], file_id: file.id }],
      [400, { file_id: file.id }],
      [404, { file_id: 999_999, file_tag: "validate" }],
    ] as const) {
      const answer = await post(h, "/v1/api/email-validation/", body);
      expect(answer.status).toBe(status);
      expect(check("validateEmails", answer)).toEqual([]);
    }
  });
});

describe("sanitizeemail results", () => {
  const kinds = [
    ["clean", "/v1/api/cleanemail/", "listCleanedEmails", "/v1/api/cleanedemail/"],
    ["validate", "/v1/api/email-validation/", "listValidationResults", "/v1/api/email-validation/"],
  ] as const;
  const downloads = {
    clean: ["downloadCleanedEmails", "/v1/api/cleanedemail/download-cleaned-emails/"],
    validate: [
      "downloadValidationResults",
      "/v1/api/email-validation/download-validation-results/",
    ],
  } as const;

  for (const [kind, start, pageOp, pages] of kinds)
    it(`${kind}: pages and download link 409 before, 200 after, 400 and 404`, async () => {
      const h = harness();
      const file = (await upload(h, form(CSV))).body as Body;
      const [downloadOp, download] = downloads[kind];
      const q = `?file_id=${file.id}`;
      await post(h, start, { file_id: file.id, file_tag: kind });
      const calls: [string, string, number][] = [
        [downloadOp, download + q, 409],
        [pageOp, pages + q, 200],
      ];
      for (const [op, path, status] of calls) {
        const answer = await h.call(path, { headers: KEY });
        expect([op, answer.status]).toEqual([op, status]);
        expect(check(op, answer)).toEqual([]);
      }
      h.at(HOUR);
      for (const [op, path] of [
        [downloadOp, download + q],
        [pageOp, pages + q],
      ] as const) {
        const answer = await h.call(path, { headers: KEY });
        expect(answer.status).toBe(200);
        expect(check(op, answer)).toEqual([]);
        if (op === pageOp) expect((answer.body as Body).count).toBeGreaterThan(0);
      }
      for (const [status, path, headers] of [
        [400, download, KEY],
        [400, `${download}?file_id=abc`, KEY],
        [404, `${download}?file_id=999999`, KEY],
        [401, download + q, {}],
        [400, pages, KEY],
        [404, `${pages}?file_id=999999`, KEY],
        [401, pages + q, { "X-API-KEY": "bad-key" }],
      ] as const) {
        const op = path.startsWith(download) ? downloadOp : pageOp;
        const answer = await h.call(path, { headers });
        expect([path, answer.status]).toEqual([path, status]);
        expect(check(op, answer)).toEqual([]);
      }
    });

  it("listValidationResults type=list: the emails-mode history", async () => {
    const h = harness();
    await post(h, "/v1/api/email-validation/", { emails: ["ann@example.com"] });
    const answer = await h.call("/v1/api/email-validation/?type=list", { headers: KEY });
    expect([answer.status, (answer.body as Body).count]).toEqual([200, 1]);
    expect(check("listValidationResults", answer)).toEqual([]);
  });
});
