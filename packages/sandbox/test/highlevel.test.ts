import { describe, expect, it } from "vitest";
import { demoId, harness, TRANSPORTS, type Harness } from "./helpers.ts";

const PATH = "/social-media-posting/ve9EPM428h8vShlRW1KT/csv";
const GOOD = { Authorization: "Bearer hl-token", Version: "2021-07-28" };
const RATE_HEADERS = [
  "x-ratelimit-max",
  "x-ratelimit-remaining",
  "x-ratelimit-interval-milliseconds",
  "x-ratelimit-limit-daily",
  "x-ratelimit-daily-remaining",
];

const rateHeaders = (headers: Headers) =>
  Object.fromEntries(RATE_HEADERS.map((n) => [n, headers.get(n)]));

type Csv = { _id: string; id: string; status: string; locationId: string };
const csvs = async (
  h: Harness,
  query = "",
  headers: Record<string, string> = GOOD,
): Promise<Csv[]> => (await h.get(`${PATH}${query}`, { headers })).body.results.csvs;

describe.each(TRANSPORTS)("highlevel (%s)", (transport) => {
  it("answers with csvs as an array, the total count and X-RateLimit-* headers", async () => {
    const h = await harness(transport);
    const { status, headers, body } = await h.get(PATH, { headers: GOOD });
    expect(status).toBe(200);
    expect(body).toMatchObject({
      success: true,
      statusCode: 200,
      message: "Fetched CSV Upload Status",
    });
    expect(Array.isArray(body.results.csvs)).toBe(true);
    expect(body.results.csvs).toHaveLength(10);
    expect(body.results.count).toBeGreaterThanOrEqual(30);
    expect(body.results.csvs[0]).toMatchObject({
      locationId: "ve9EPM428h8vShlRW1KT",
      fileName: expect.any(String),
    });
    expect(body.results.csvs[0]._id).toHaveLength(20);
    expect(rateHeaders(headers)).toEqual({
      "x-ratelimit-max": "100",
      "x-ratelimit-remaining": "99",
      "x-ratelimit-interval-milliseconds": "10000",
      "x-ratelimit-limit-daily": "200000",
      "x-ratelimit-daily-remaining": "199999",
    });
  });

  it.each([
    ["no Authorization", { Version: "2021-07-28" }],
    ["a bad token", { Authorization: "Bearer bad-token", Version: "2021-07-28" }],
  ])("answers %s with 401 and the rate-limit headers", async (_, headers) => {
    const h = await harness(transport);
    const answer = await h.get(PATH, { headers });
    expect(answer).toMatchObject({
      status: 401,
      body: { statusCode: 401, message: expect.any(String), error: "Unauthorized" },
    });
    expect(answer.headers.get("x-ratelimit-remaining")).toBe("99");
  });

  it.each([
    ["no Version", { Authorization: "Bearer t" }, ""],
    ["a wrong Version", { Authorization: "Bearer t", Version: "2021-04-15" }, ""],
    ["a malformed skip", GOOD, "?skip=ten"],
  ])("answers %s with 422 and an array message", async (_, headers, query) => {
    const h = await harness(transport);
    const answer = await h.get(`${PATH}${query}`, { headers });
    expect(answer).toMatchObject({
      status: 422,
      body: { statusCode: 422, message: [expect.any(String)], error: "Unprocessable Entity" },
    });
    expect(answer.headers.get("x-ratelimit-max")).toBe("100");
  });

  it("pages with skip and limit over 3+ pages without repeats", async () => {
    const h = await harness(transport);
    const pages = await Promise.all(
      [0, 10, 20, 30].map((skip) => csvs(h, `?skip=${skip}&limit=10`)),
    );
    for (const page of pages.slice(0, 3)) expect(page).toHaveLength(10);
    const ids = pages.flat().map((c) => c._id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(await csvs(h, "?skip=1000")).toEqual([]);
  });

  it("walks the demo upload from pending to in_progress to completed; others fail or are deleted", async () => {
    const h = await harness(transport);
    const demo = demoId(h.sandbox, "highlevel");
    const statusOf = async () => (await csvs(h, "?limit=100")).find((c) => c._id === demo)?.status;
    expect(await statusOf()).toBe("pending");
    h.clock.at(5_000);
    expect(await statusOf()).toBe("in_progress");
    h.clock.at(8_000);
    expect(await statusOf()).toBe("completed");
    const statuses = new Set((await csvs(h, "?limit=100")).map((c) => c.status));
    expect([...statuses].sort()).toEqual([
      "completed",
      "deleted",
      "failed",
      "in_progress",
      "pending",
    ]);
  });

  it("answers the 101st request in 10 s with 429 and X-RateLimit-Remaining: 0", async () => {
    const h = await harness(transport);
    for (let i = 1; i <= 100; i++) {
      const response = await h.send(PATH, { headers: GOOD });
      expect(response.status).toBe(200);
      expect(response.headers.get("x-ratelimit-remaining")).toBe(String(100 - i));
    }
    const limited = await h.get(PATH, { headers: GOOD });
    expect(limited.status).toBe(429);
    expect(limited.body).toMatchObject({ statusCode: 429 });
    expect(limited.headers.get("x-ratelimit-remaining")).toBe("0");
    expect(limited.headers.get("x-ratelimit-daily-remaining")).toBe("199900");
    const otherLocation = await h.send("/social-media-posting/otherLocation0000001/csv", {
      headers: GOOD,
    });
    expect(otherLocation.status).toBe(200);
    h.clock.advance(10_000);
    expect((await h.send(PATH, { headers: GOOD })).status).toBe(200);
  });
});
