/**
 * Sandbox ↔ spec, SanitizeEmail: list pages (followed through `next`), filters and page sizes,
 * file details through the lifecycle, and the Django REST framework error bodies (400, 401, 404),
 * validated against specs/sanitizeemail.yaml.
 */
import { describe, expect, it } from "vitest";
import { checker, harness, INSTANTS, namedUploads, ORIGIN } from "../lib/sandbox-harness.ts";

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
