/**
 * Sandbox ↔ spec, HighLevel: the upload list (an array of csvs) through paging and the lifecycle,
 * 401, 422 (missing or wrong Version, malformed query) and 429, each with its documented
 * `X-RateLimit-*` headers; and the round trip's operations (upload, set accounts, posts,
 * finalize, deletes) with their 400, 401, 422 and 429 answers, validated against
 * specs/highlevel.yaml.
 */
import { describe, expect, it } from "vitest";
import {
  checker,
  harness,
  HOUR,
  INSTANTS,
  SECOND,
  type Answer,
  type Harness,
} from "../lib/sandbox-harness.ts";

const check = checker("highlevel");
const PATH = "/social-media-posting/iVrVJ2uoXNF0wzcBzgl5/csv";
const HEADERS = { Authorization: "Bearer hl-contract-token", Version: "2021-07-28" };
const RATE_HEADERS = [
  "X-RateLimit-Max",
  "X-RateLimit-Remaining",
  "X-RateLimit-Interval-Milliseconds",
  "X-RateLimit-Limit-Daily",
  "X-RateLimit-Daily-Remaining",
];

type Body = Record<string, any>;

function expectValid(answer: Answer, status: number): Body {
  expect(answer.status).toBe(status);
  expect(check("getUploadStatus", answer)).toEqual([]);
  // The spec documents the headers on 200 and 429 only; the sandbox sends them on every answer.
  expect(RATE_HEADERS.filter((name) => !answer.headers.has(name))).toEqual([]);
  return answer.body as Body;
}

const get = (q = "", headers: Record<string, string> = HEADERS) =>
  harness().call(PATH + q, { headers });

describe("highlevel getUploadStatus", () => {
  const pages = {
    "default page": "",
    "skip=10&limit=10": "?skip=10&limit=10",
    "limit=100 (every upload)": "?limit=100",
    "includeUsers=true": "?includeUsers=true",
    "userId of the uploader": "?userId=sbxUser0000000000001",
  };
  for (const [label, q] of Object.entries(pages))
    it(`200 csvs array, ${label}`, async () => {
      const body = expectValid(await get(q), 200);
      expect(Array.isArray(body.results.csvs) && body.results.csvs.length > 0).toBe(true);
    });

  const empty = {
    "limit=0": "?limit=0",
    "skip past the end": "?skip=1000",
    "userId of nobody": "?userId=someoneElse",
  };
  for (const [label, q] of Object.entries(empty))
    it(`200 empty csvs array, ${label}`, async () => {
      expect(expectValid(await get(q), 200).results.csvs).toEqual([]);
    });

  for (const [label, ms] of Object.entries(INSTANTS))
    it(`200 every upload at ${label}`, async () => {
      const h = harness();
      h.at(ms);
      expectValid(await h.call(`${PATH}?limit=100`, { headers: HEADERS }), 200);
    });

  it("200 the instants cover pending, in_progress, completed, failed and deleted", async () => {
    const seen = new Set<string>();
    for (const ms of Object.values(INSTANTS)) {
      const h = harness();
      h.at(ms);
      const { body } = await h.call(`${PATH}?limit=100`, { headers: HEADERS });
      for (const csv of (body as Body).results.csvs as Body[]) seen.add(csv.status);
    }
    expect([...seen].sort()).toEqual(["completed", "deleted", "failed", "in_progress", "pending"]);
  });

  const errors: Record<string, [number, string, Record<string, string>]> = {
    "401 bad token": [401, "", { ...HEADERS, Authorization: "Bearer bad-token" }],
    "401 no Authorization": [401, "", { Version: HEADERS.Version }],
    "422 missing Version": [422, "", { Authorization: HEADERS.Authorization }],
    "422 wrong Version": [422, "", { ...HEADERS, Version: "2021-04-15" }],
    "422 skip not a number": [422, "?skip=abc", HEADERS],
    "422 includeUsers not a boolean": [422, "?includeUsers=maybe", HEADERS],
  };
  for (const [label, [status, q, headers]] of Object.entries(errors))
    it(label, async () => {
      const body = expectValid(await get(q, headers), status);
      expect(body.statusCode).toBe(status);
    });

  it("429 over 100 requests in 10 s, X-RateLimit-* integers", async () => {
    const h = harness();
    for (let i = 0; i < 100; i++)
      expect((await h.call(PATH, { headers: HEADERS })).status).toBe(200);
    const answer = await h.call(PATH, { headers: HEADERS });
    expectValid(answer, 429);
    expect(answer.headers.get("X-RateLimit-Remaining")).toBe("0");
  });

  it("200 again once the 10 s window has passed", async () => {
    const h = harness();
    for (let i = 0; i <= 100; i++) await h.call(PATH, { headers: HEADERS });
    h.at(10_001);
    expectValid(await h.call(PATH, { headers: HEADERS }), 200);
  });
});

describe("highlevel round trip operations", () => {
  const BASE = "/social-media-posting/iVrVJ2uoXNF0wzcBzgl5";
  const JSON_HEADERS = { ...HEADERS, "Content-Type": "application/json" };
  const CSV =
    "postAtSpecificTime (yyyy-MM-dd HH:mm:ss),content,imageUrls\n2025-02-01 09:00:00,Hi,https://a.test/1.png\n2025-02-02 09:00:00,,\n";

  const form = (text: string | null, name = "posts.csv") => {
    const body = new FormData();
    if (text !== null) body.append("file", new File([text], name, { type: "text/csv" }));
    return body;
  };
  const valid = (operationId: string, answer: Answer, status: number): Body => {
    expect(answer.status).toBe(status);
    expect(check(operationId, answer)).toEqual([]);
    expect(RATE_HEADERS.filter((name) => !answer.headers.has(name))).toEqual([]);
    return answer.body as Body;
  };
  const upload = (h: Harness, body: BodyInit, headers: Record<string, string> = HEADERS) =>
    h.call(`${BASE}/csv`, { method: "POST", body, headers });
  const setAccounts = (h: Harness, dto: unknown) =>
    h.call(`${BASE}/set-accounts`, {
      method: "POST",
      body: JSON.stringify(dto),
      headers: JSON_HEADERS,
    });
  /** A pending import of CSV: its id. */
  async function pending(h: Harness): Promise<string> {
    const stored = valid("uploadCsv", await upload(h, form(CSV)), 201).results;
    return valid("setAccounts", await setAccounts(h, { accountIds: ["acc"], ...stored }), 201)
      .results.csvId;
  }

  it("201 uploadCsv, 201 setAccounts, 200 getCsvPost, startCsvFinalize, the list at every phase", async () => {
    const h = harness();
    const id = await pending(h);
    valid(
      "getCsvPost",
      await h.call(`${BASE}/csv/${id}?skip=0&limit=1`, { headers: HEADERS }),
      200,
    );
    valid("getUploadStatus", await h.call(`${BASE}/csv?limit=100`, { headers: HEADERS }), 200);
    const patch = { method: "PATCH", body: JSON.stringify({ userId: "u" }), headers: JSON_HEADERS };
    valid("startCsvFinalize", await h.call(`${BASE}/csv/${id}`, patch), 200);
    for (const ms of [0, 1 * SECOND, HOUR]) {
      h.at(ms);
      const answer = valid(
        "getCsvPost",
        await h.call(`${BASE}/csv/${id}?limit=100`, { headers: HEADERS }),
        200,
      );
      expect(answer.results.posts).toHaveLength(2);
      valid("getUploadStatus", await h.call(`${BASE}/csv?limit=100`, { headers: HEADERS }), 200);
    }
  });

  it("200 deleteCsvPost and deleteCsv, then the deleted import by id and in the list", async () => {
    const h = harness();
    const id = await pending(h);
    const posts = valid("getCsvPost", await h.call(`${BASE}/csv/${id}`, { headers: HEADERS }), 200)
      .results.posts;
    const del = { method: "DELETE", headers: HEADERS };
    valid("deleteCsvPost", await h.call(`${BASE}/csv/${id}/post/${posts[1]._id}`, del), 200);
    valid("deleteCsv", await h.call(`${BASE}/csv/${id}`, del), 200);
    valid("getCsvPost", await h.call(`${BASE}/csv/${id}`, { headers: HEADERS }), 200);
    valid("getUploadStatus", await h.call(`${BASE}/csv`, { headers: HEADERS }), 200);
    valid(
      "getCsvPost",
      await h.call(`${BASE}/csv/ve9EPM428h8vShlRW1KT?limit=100`, { headers: HEADERS }),
      200,
    );
  });

  const uploads: Record<string, [BodyInit, number, Record<string, string>?]> = {
    "400 no file": [form(null), 400],
    "400 empty file": [form(""), 400],
    "400 unsupported extension": [form(CSV, "posts.txt"), 400],
    "400 missing headers": [form("content\nHi\n"), 400],
    "400 no rows": [form("postAtSpecificTime,content\n"), 400],
    "401 bad token": [form(CSV), 401, { ...HEADERS, Authorization: "Bearer bad-token" }],
    "422 missing Version": [form(CSV), 422, { Authorization: HEADERS.Authorization }],
  };
  for (const [label, [body, status, headers]] of Object.entries(uploads))
    it(`uploadCsv ${label}`, async () => {
      valid("uploadCsv", await upload(harness(), body, headers), status);
    });

  it("setAccounts 422 (empty accountIds, unknown filePath) and 400 (not JSON)", async () => {
    const h = harness();
    const dto = { accountIds: [], filePath: "x", rowsCount: 1, fileName: "x.csv" };
    valid("setAccounts", await setAccounts(h, dto), 422);
    valid("setAccounts", await setAccounts(h, { ...dto, accountIds: ["a"] }), 422);
    const raw = await h.call(`${BASE}/set-accounts`, {
      method: "POST",
      body: "a=b",
      headers: HEADERS,
    });
    valid("setAccounts", raw, 400);
  });

  it("400 for an unknown import on getCsvPost, startCsvFinalize, deleteCsv, deleteCsvPost; 422 bad skip", async () => {
    const h = harness();
    const nope = `${BASE}/csv/000000000000000000000000`;
    valid("getCsvPost", await h.call(nope, { headers: HEADERS }), 400);
    valid("startCsvFinalize", await h.call(nope, { method: "PATCH", headers: HEADERS }), 400);
    valid("deleteCsv", await h.call(nope, { method: "DELETE", headers: HEADERS }), 400);
    valid(
      "deleteCsvPost",
      await h.call(`${nope}/post/x`, { method: "DELETE", headers: HEADERS }),
      400,
    );
    valid(
      "getCsvPost",
      await h.call(`${BASE}/csv/ve9EPM428h8vShlRW1KT?skip=-1`, { headers: HEADERS }),
      422,
    );
  });

  it("429 on uploadCsv once the location's 100 requests in 10 s are spent", async () => {
    const h = harness();
    for (let i = 0; i < 100; i++) await h.call(PATH, { headers: HEADERS });
    const answer = valid("uploadCsv", await upload(h, form(CSV)), 429);
    expect(answer.statusCode).toBe(429);
  });
});
