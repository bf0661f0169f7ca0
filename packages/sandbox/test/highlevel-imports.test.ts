/**
 * HighLevel imports after setAccounts: pending until finalized, then the usual lifecycle; posts
 * derived from the rows; paging, deleting an import or one post; one rate limit for every endpoint.
 */
import { describe, expect, it } from "vitest";
import { processingMs, QUEUED_MS } from "../src/lists.ts";
import { harness, TRANSPORTS, type Harness } from "./helpers.ts";

const LOCATION = "sbxLocationImport001";
const BASE = `/social-media-posting/${LOCATION}`;
const GOOD = { Authorization: "Bearer hl-token", Version: "2021-07-28" };
const JSON_GOOD = { ...GOOD, "Content-Type": "application/json" };
const HEADER = "postAtSpecificTime (yyyy-MM-dd HH:mm:ss),content,link (OGmetaUrl),imageUrls";

type Row = [date: string, content: string, link: string, images: string];

const csvOf = (rows: Row[]) =>
  [HEADER, ...rows.map((r) => r.map((f) => `"${f}"`).join(","))].join("\r\n");

/** uploadCsv then setAccounts, as a client does: the new import's id. */
async function imported(h: Harness, rows: Row[], location = LOCATION): Promise<string> {
  const body = new FormData();
  body.append("file", new File([csvOf(rows)], "posts.csv"));
  const base = `/social-media-posting/${location}`;
  const uploaded = await h.get(`${base}/csv`, { method: "POST", body, headers: GOOD });
  const dto = {
    accountIds: ["acc_1", "acc_2"],
    userId: "sbxUserImport000001",
    ...uploaded.body.results,
  };
  const set = await h.get(`${base}/set-accounts`, {
    method: "POST",
    body: JSON.stringify(dto),
    headers: JSON_GOOD,
  });
  return set.body.results.csvId;
}

const ROWS: Row[] = [
  [
    "2025-03-01 09:00:00",
    "Spring sale",
    "https://example.com/sale",
    "https://a.test/1.png, https://a.test/2.png",
  ],
  ["2025-03-02 09:00:00", "", "", ""],
  ["2025-03-03 09:00:00", "Last day", "", ""],
];

const finalize = (h: Harness, id: string, location = LOCATION) =>
  h.get(`/social-media-posting/${location}/csv/${id}`, {
    method: "PATCH",
    body: JSON.stringify({ userId: "sbxUserImport000001" }),
    headers: JSON_GOOD,
  });
const listed = async (h: Harness, id: string, location = LOCATION) =>
  (
    await h.get(`/social-media-posting/${location}/csv?limit=100`, { headers: GOOD })
  ).body.results.csvs.find((c: { _id: string }) => c._id === id);
const posts = (h: Harness, id: string, query = "?limit=100") =>
  h.get(`${BASE}/csv/${id}${query}`, { headers: GOOD });

describe.each(TRANSPORTS)("highlevel imports (%s)", (transport) => {
  it("shows a new import first in the list, pending however long it waits unfinalized", async () => {
    const h = await harness(transport);
    const id = await imported(h, ROWS);
    const { body } = await h.get(`${BASE}/csv?limit=1`, { headers: GOOD });
    expect(body.results.csvs[0]).toMatchObject({
      _id: id,
      id,
      locationId: LOCATION,
      fileName: "posts.csv",
      accountIds: ["acc_1", "acc_2"],
      status: "pending",
      count: 3,
      createdBy: "sbxUserImport000001",
    });
    h.clock.advance(3_600_000);
    expect((await listed(h, id)).status).toBe("pending");
    expect(h.sandbox.received("highlevel")).toBe(0);
  });

  it("derives one post per row: text, date, link, images, the accounts; a row without text gets an errorMessage", async () => {
    const h = await harness(transport);
    const id = await imported(h, ROWS);
    const { status, body } = await posts(h, id);
    expect(status).toBe(200);
    expect(body.results.count).toBe(3);
    const [first, second, third] = body.results.posts;
    expect(first).toMatchObject({
      _id: expect.stringMatching(/^[0-9a-f]{24}$/),
      accountIds: ["acc_1", "acc_2"],
      scheduleDate: "2025-03-01 09:00:00",
      summary: "Spring sale",
      type: "post",
      link: { url: "https://example.com/sale" },
      medias: [
        { url: "https://a.test/1.png", type: "image" },
        { url: "https://a.test/2.png", type: "image" },
      ],
      status: "pending",
    });
    expect(first.errorMessage).toBeUndefined();
    expect(second).toMatchObject({ summary: "", errorMessage: "Post content is required" });
    expect(third).toMatchObject({ summary: "Last day", medias: [] });
  });

  it("once finalized: counted as received, pending while queued, in_progress, then completed", async () => {
    const h = await harness(transport);
    const id = await imported(h, ROWS);
    h.clock.advance(60_000);
    expect(await finalize(h, id)).toMatchObject({
      status: 200,
      body: { success: true, statusCode: 200, message: "Updated Successfully" },
    });
    expect(h.sandbox.received("highlevel")).toBe(1);
    expect((await listed(h, id)).status).toBe("pending");
    h.clock.advance(QUEUED_MS);
    expect((await listed(h, id)).status).toBe("in_progress");
    h.clock.advance(processingMs(ROWS.length));
    expect((await listed(h, id)).status).toBe("completed");
    const done = (await posts(h, id)).body.results.posts.map((p: { status: string }) => p.status);
    expect(done).toEqual(["accepted", "rejected", "accepted"]);
    // Finalizing again schedules nothing more.
    expect((await finalize(h, id)).status).toBe(200);
    expect(h.sandbox.received("highlevel")).toBe(1);
  });

  it("fails an import in which no row has text", async () => {
    const h = await harness(transport);
    const id = await imported(h, [["2025-03-01 09:00:00", "", "", ""]]);
    await finalize(h, id);
    h.clock.advance(QUEUED_MS + processingMs(1));
    expect((await listed(h, id)).status).toBe("failed");
  });

  it("pages posts with skip and limit, without repeats, count the total", async () => {
    const h = await harness(transport);
    const rows = Array.from({ length: 25 }, (_, i): Row => [
      `2025-04-01 09:00:00`,
      `Post ${i}`,
      "",
      "",
    ]);
    const id = await imported(h, rows);
    const pages = await Promise.all(
      [0, 10, 20].map((skip) => posts(h, id, `?skip=${skip}&limit=10`)),
    );
    expect(pages.map((p) => p.body.results.posts.length)).toEqual([10, 10, 5]);
    expect(pages.every((p) => p.body.results.count === 25)).toBe(true);
    const summaries = pages.flatMap((p) =>
      p.body.results.posts.map((x: { summary: string }) => x.summary),
    );
    expect(summaries).toEqual(rows.map((r) => r[1]));
    expect((await posts(h, id, "?skip=ten")).status).toBe(422);
  });

  it("deletes one post: gone from the posts and the count", async () => {
    const h = await harness(transport);
    const id = await imported(h, ROWS);
    const bad = (await posts(h, id)).body.results.posts[1]._id;
    const answer = await h.get(`${BASE}/csv/${id}/post/${bad}`, {
      method: "DELETE",
      headers: GOOD,
    });
    expect(answer).toMatchObject({
      status: 200,
      body: {
        message: "Deleted Post",
        results: { postId: bad, csv: { _id: id, status: "pending" } },
      },
    });
    const after = (await posts(h, id)).body.results;
    expect([after.count, after.posts.map((p: { summary: string }) => p.summary)]).toEqual([
      2,
      ["Spring sale", "Last day"],
    ]);
    const again = await h.get(`${BASE}/csv/${id}/post/${bad}`, { method: "DELETE", headers: GOOD });
    expect(again.status).toBe(400);
  });

  it("deletes an import: deleted in the list and by id, its posts gone, no longer finalizable", async () => {
    const h = await harness(transport);
    const id = await imported(h, ROWS);
    const answer = await h.get(`${BASE}/csv/${id}`, { method: "DELETE", headers: GOOD });
    expect(answer).toMatchObject({
      status: 200,
      body: {
        message: "Deleted CSV",
        results: { csv: { fileName: "posts.csv", status: "deleted", count: 3 } },
      },
    });
    expect((await listed(h, id)).status).toBe("deleted");
    expect((await posts(h, id)).body.results).toMatchObject({
      count: 0,
      posts: [],
      csv: { status: "deleted" },
    });
    expect((await finalize(h, id)).status).toBe(400);
    expect(h.sandbox.received("highlevel")).toBe(0);
  });

  it("keeps an import to its location; an unknown id answers 400", async () => {
    const h = await harness(transport);
    const id = await imported(h, ROWS);
    const other = "sbxOtherLocation0002";
    expect(await listed(h, id, other)).toBeUndefined();
    expect(
      (await h.get(`/social-media-posting/${other}/csv/${id}`, { headers: GOOD })).status,
    ).toBe(400);
    expect((await finalize(h, id, other)).status).toBe(400);
    expect((await posts(h, id)).status).toBe(200);
    expect((await posts(h, "000000000000000000000000")).body).toMatchObject({
      statusCode: 400,
      message: "CSV not found",
    });
  });

  it("serves the seeded imports' posts, as many as the list counts, and re-imports their files", async () => {
    const h = await harness(transport);
    const seeded = await listed(h, "ve9EPM428h8vShlRW1KT");
    const { body } = await posts(h, seeded._id);
    expect(body.results.count).toBe(seeded.count);
    expect(body.results.posts).toHaveLength(seeded.count);
    const dto = {
      accountIds: ["a"],
      filePath: seeded.file,
      rowsCount: 2,
      fileName: seeded.fileName,
    };
    const set = await h.get(`${BASE}/set-accounts`, {
      method: "POST",
      body: JSON.stringify(dto),
      headers: JSON_GOOD,
    });
    expect(set.status).toBe(201);
    expect((await posts(h, set.body.results.csvId)).body.results.count).toBe(2);
  });

  it("counts every endpoint against the same 100 requests per 10 s", async () => {
    const h = await harness(transport);
    const id = await imported(h, ROWS); // 2 requests
    for (let i = 0; i < 97; i++) await h.send(`${BASE}/csv/${id}`, { headers: GOOD });
    expect((await finalize(h, id)).status).toBe(200);
    const limited = await finalize(h, id);
    expect(limited).toMatchObject({ status: 429, body: { statusCode: 429 } });
    expect(limited.headers.get("x-ratelimit-remaining")).toBe("0");
  }, 30_000); // a hundred or more requests in a row: seconds on a loaded machine

  it("answers 404 for a method or path it does not know", async () => {
    const h = await harness(transport);
    for (const [method, path] of [
      ["PUT", "/csv"],
      ["GET", "/set-accounts"],
      ["POST", "/csv/x"],
      ["DELETE", "/csv/x/post"],
    ])
      expect((await h.get(`${BASE}${path}`, { method, headers: GOOD })).status).toBe(404);
  });
});
