/**
 * Sandbox ↔ spec, IPQS: list pages and filters (GET and form POST), status by id through the
 * lifecycle (NEW, PROCESSING, FINISHED with download links, aborted), uploads (a file, JSON rows,
 * a url), and the HTTP-200 `success: false` errors, validated against specs/ipqs.yaml.
 */
import { describe, expect, it } from "vitest";
import {
  checker,
  harness,
  INSTANTS,
  namedUploads,
  ORIGIN,
  type Answer,
  type Harness,
} from "../lib/sandbox-harness.ts";

const check = checker("ipqs");
const KEY = "ipqs-contract-key";
const base = (key = KEY) => `/api/json/csv/${key}`;

type Body = Record<string, any>;

function expectOk(operationId: string, answer: Answer, success: boolean): Body {
  expect([answer.status, (answer.body as Body).success]).toEqual([200, success]);
  expect(check(operationId, answer)).toEqual([]);
  return answer.body as Body;
}

describe("ipqs listCsvs", () => {
  const list = (q = "", key?: string) => harness().call(`${base(key)}/list${q}`);

  for (const page of [1, 2, 3])
    it(`200 page ${page} of the unfiltered list`, async () => {
      const body = expectOk("listCsvs", await list(`?page=${page}`), true);
      expect(body.page).toBe(page);
      expect(body.csvs.length).toBeGreaterThan(0);
    });

  for (const type of ["email", "phone", "proxy", "url"])
    it(`200 type=${type}`, async () => {
      const body = expectOk("listCsvs", await list(`?type=${type}`), true);
      // A set of the types: an empty page cannot pass for a filtered one.
      expect(new Set(body.csvs.map((c: Body) => c.type))).toEqual(new Set([type]));
    });

  it("200 type=leaked_email: no CSVs, zero pages", async () => {
    const body = expectOk("listCsvs", await list("?type=leaked_email"), true);
    expect([body.csvs, body.total_pages]).toEqual([[], 0]);
  });

  for (const [label, ms] of Object.entries(INSTANTS))
    it(`200 first page at ${label}`, async () => {
      const h = harness();
      h.at(ms);
      expectOk("listCsvs", await h.call(`${base()}/list`), true);
    });

  it("200 the instants cover NEW, PROCESSING, FINISHED and aborted", async () => {
    const seen = new Set<string>();
    for (const ms of Object.values(INSTANTS)) {
      const h = harness();
      h.at(ms);
      for (const c of ((await h.call(`${base()}/list`)).body as Body).csvs as Body[])
        seen.add(c.aborted ? "aborted" : c.status);
    }
    expect([...seen].sort()).toEqual(["FINISHED", "NEW", "PROCESSING", "aborted"]);
  });

  const errors = {
    "wrong type": ["?type=spreadsheet"],
    "page 0": ["?page=0"],
    "page past the last": ["?page=99"],
    "page not a number": ["?page=two"],
    "bad key": ["", "bad-key"],
  } as const;
  for (const [label, [q, key]] of Object.entries(errors))
    it(`200 success:false, ${label}`, async () => {
      const body = expectOk("listCsvs", await list(q, key), false);
      expect(typeof body.request_id).toBe("string");
    });
});

describe("ipqs listCsvsPost", () => {
  const post = (body?: BodyInit, key?: string) =>
    harness().call(`${base(key)}/list`, { method: "POST", ...(body && { body }) });
  const form = (fields: Record<string, string>) => {
    const data = new FormData();
    for (const [k, v] of Object.entries(fields)) data.set(k, v);
    return data;
  };

  it("200 urlencoded type and page", async () => {
    const body = expectOk(
      "listCsvsPost",
      await post(new URLSearchParams("type=email&page=2")),
      true,
    );
    expect(body.page).toBe(2);
  });
  it("200 multipart type and page", async () => {
    const body = expectOk("listCsvsPost", await post(form({ type: "phone", page: "1" })), true);
    expect(new Set(body.csvs.map((c: Body) => c.type))).toEqual(new Set(["phone"]));
  });
  it("200 no body", () => post().then((a) => expectOk("listCsvsPost", a, true)));
  it("200 success:false, wrong type", () =>
    post(new URLSearchParams("type=spreadsheet")).then((a) => expectOk("listCsvsPost", a, false)));
  it("200 success:false, bad key", () =>
    post(undefined, "bad-key").then((a) => expectOk("listCsvsPost", a, false)));
});

describe("ipqs getCsvStatus", () => {
  for (const upload of namedUploads("ipqs"))
    for (const [label, ms] of Object.entries(INSTANTS))
      it(`200 ${upload.name} at ${label}`, async () => {
        const h = harness();
        h.at(ms);
        // The deleted upload was deleted days ago: IPQS answers it as an invalid id.
        const gone = upload.outcome === "deleted";
        expectOk("getCsvStatus", await h.call(`${base()}/status/${upload.id}`), !gone);
      });

  it("200 FINISHED carries download links, aborted carries none", async () => {
    const h = harness();
    h.at(INSTANTS["+2h"]);
    const byName = async (name: string) => {
      const id = namedUploads("ipqs").find((u) => u.name.startsWith(name))!.id;
      return expectOk("getCsvStatus", await h.call(`${base()}/status/${id}`), true);
    };
    const finished = await byName("customers");
    expect(finished.status).toBe("FINISHED");
    expect(finished.downloads.all).toMatch(/^http:\/\/127\.0\.0\.1\/download\?/);
    const aborted = await byName("broken-export");
    expect([aborted.aborted, aborted.downloads.all]).toEqual([true, null]);
  });

  const errors = { "unknown id": ["/status/1"], "id not a number": ["/status/abc"] } as const;
  for (const [label, [path]] of Object.entries(errors))
    it(`200 success:false, ${label}`, async () =>
      expectOk("getCsvStatus", await harness().call(base() + path), false));
  it("200 success:false, bad key", async () =>
    expectOk("getCsvStatus", await harness().call(`${base("bad-key")}/status/3398874`), false));
});

describe("ipqs uploadCsv", () => {
  const upload = (h: Harness, query: string, init: RequestInit = {}, key?: string) =>
    h.call(`${base(key)}/email/upload${query}`, { method: "POST", ...init });
  const file = (text: string) => {
    const form = new FormData();
    form.set("file", new Blob([text], { type: "text/csv" }), "list.csv");
    return form;
  };
  const rows = (input: unknown) => ({
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ input }),
  });
  const sample = `${ORIGIN}/sandbox/ipqs/files/emails.csv`;

  const accepted = {
    "multipart file": ["?file_name=leads.csv", { body: file("email\na@example.com\n") }],
    "JSON rows": ["", rows([["a@example.com"], ["b@dead.example"]])],
    "url to a sandbox sample": [`?url=${encodeURIComponent(sample)}`, {}],
    "url form to a sandbox sample": ["", { body: new URLSearchParams({ url: sample }) }],
  } as const;
  for (const [label, [query, init]] of Object.entries(accepted))
    it(`200 ${label}: NEW, no links, the new id listed and its status valid through FINISHED`, async () => {
      const h = harness();
      const body = expectOk("uploadCsv", await upload(h, query, init), true);
      expect([body.status, body.aborted, body.downloads.all]).toEqual(["NEW", null, null]);
      expectOk("getCsvStatus", await h.call(`${base()}/status/${body.id}`), true);
      h.at(INSTANTS["+2h"]);
      const done = expectOk("getCsvStatus", await h.call(`${base()}/status/${body.id}`), true);
      expect(done.status).toBe("FINISHED");
      expect(Object.values(done.downloads).every((link) => typeof link === "string")).toBe(true);
      const listed = expectOk("listCsvs", await h.call(`${base()}/list`), true);
      expect(listed.csvs.map((c: Body) => c.id)).toContain(body.id);
    });

  const refused = {
    "bad key": ["", { body: file("a@example.com\n") }, "bad-key"],
    "empty file": ["", { body: file("") }],
    "no records": ["", rows([])],
    "rows that are not arrays of strings": ["", rows([[1, 2]])],
    "url elsewhere": [`?url=${encodeURIComponent("https://example.com/a.csv")}`, {}],
    "nothing sent": ["", {}],
  } as const;
  for (const [label, [query, init, key]] of Object.entries(refused))
    it(`200 success:false, ${label}`, async () => {
      const h = harness();
      expectOk("uploadCsv", await upload(h, query, init, key), false);
      expect(h.sandbox.received("ipqs")).toBe(0);
    });

  it("200 success:false, an unknown file type", async () =>
    expectOk(
      "uploadCsv",
      await harness().call(`${base()}/fax/upload`, { method: "POST", body: file("a\n") }),
      false,
    ));
});
