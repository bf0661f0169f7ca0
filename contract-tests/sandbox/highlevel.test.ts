/**
 * Sandbox ↔ spec, HighLevel: the upload list (an array of csvs) through paging and the lifecycle,
 * 401, 422 (missing or wrong Version, malformed query) and 429, each with its documented
 * `X-RateLimit-*` headers, validated against specs/highlevel.yaml.
 */
import { describe, expect, it } from "vitest";
import { checker, harness, INSTANTS, type Answer } from "../lib/sandbox-harness.ts";

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
