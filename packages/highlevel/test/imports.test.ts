/**
 * HighLevel's import helpers: csvImport walks every page of posts (and stops when the pages do
 * not), and upload finds the new import by name when set-accounts answers without its id (S2).
 */
import { caught, useServer } from "@filestatus/testkit";
import { describe, expect, it } from "vitest";
import { createClient, POSTS_PAGE } from "../src/index.ts";
import { csvOf, ONE_IMPORT, SET_ACCOUNTS, trip } from "./roundtrip-helpers.ts";

const rows = (n: number) =>
  Array.from({ length: n }, (_, i) => ["2025-07-01 09:00:00", `Post ${i + 1}`] as const);

describe("highlevel csvImport", () => {
  it("reads every post, a page of 100 at a time, in order", async () => {
    const t = await trip();
    const input = rows(2 * POSTS_PAGE + 50);
    const status = await t.client.upload(csvOf(input), { accountIds: ["a"], finalize: false });
    const { csv, posts } = await t.client.csvImport(status.id);
    expect(csv).toMatchObject({ count: input.length, status: "pending" });
    expect(posts.map((p) => p.summary)).toEqual(input.map(([, text]) => text));
    const pages = t.sent.filter((s) => s.method === "GET" && ONE_IMPORT.test(s.path));
    expect(pages.map((p) => p.query)).toEqual([
      "?skip=0&limit=100",
      "?skip=100&limit=100",
      "?skip=200&limit=100",
    ]);
  });

  describe("against a server whose pages never end", () => {
    const server = useServer();
    const client = () =>
      createClient({ accessToken: "t", baseUrl: server.origin, locationId: "loc", retry: false });
    /** A page of `posts` posts numbered from `skip` (the same page again when `skip` is fixed). */
    const page = (count: number, posts: number, skip = 0) =>
      Response.json({
        success: true,
        statusCode: 200,
        message: "Fetched CSV Posts",
        results: {
          csv: { _id: "c1", status: "completed" },
          count,
          posts: Array.from({ length: posts }, (_, i) => ({ summary: `post ${skip + i}` })),
        },
      });
    const skipOf = (request: Request) => Number(new URL(request.url).searchParams.get("skip"));

    it("stops at an empty page short of count", async () => {
      server.answer((request) =>
        page(500, new URL(request.url).searchParams.get("skip") === "0" ? 100 : 0),
      );
      expect((await client().csvImport("c1")).posts).toHaveLength(100);
      expect(server.requests).toHaveLength(2);
    });

    it("stops one page past the first count when the count keeps growing", async () => {
      let count = 150;
      server.answer((request) => page((count += 100), 100, skipOf(request)));
      // The first page says 250: three pages, and one more for posts added meanwhile.
      expect((await client().csvImport("c1")).posts).toHaveLength(400);
      expect(server.requests).toHaveLength(4);
    });

    it("stops with an ApiError when the server answers the same page whatever the skip", async () => {
      server.answer(() => page(1_000, 100));
      const error = await caught(client().csvImport("c1"));
      expect(String(error)).toMatch(/skip=100 answered the previous page again/);
      expect(server.requests).toHaveLength(2);
    });

    it("does not believe a count of a billion posts", async () => {
      server.answer((request) => page(1e9, 100, skipOf(request)));
      expect(String(await caught(client().csvImport("c1")))).toMatch(/more posts than 1000 pages/);
      expect(server.requests).toHaveLength(1);
    });

    it("says what is wrong with a body that is not an import with posts", async () => {
      server.answer(() =>
        Response.json({ success: true, results: { csv: {}, count: 1, posts: [] } }),
      );
      await expect(client().csvImport("c1")).rejects.toThrow(/neither _id nor id/);
    });
  });
});

describe("highlevel upload, set-accounts without csvId (S2)", () => {
  const withoutCsvId = async (method: string, path: string, response: Response) => {
    if (method !== "POST" || !SET_ACCOUNTS.test(path)) return response;
    const { results: _, ...body } = await response.json();
    return Response.json(body, { status: response.status, headers: response.headers });
  };

  it("finds the new import by its file name, the newest of that name", async () => {
    const t = await trip(undefined, {}, withoutCsvId);
    const older = await t.client.upload(csvOf(rows(1)), {
      accountIds: ["a"],
      filename: "same.csv",
      finalize: false,
    });
    const newer = await t.client.upload(csvOf(rows(2)), {
      accountIds: ["a"],
      filename: "same.csv",
      finalize: false,
    });
    expect(newer.id).not.toBe(older.id);
    expect((await t.client.csvImport(newer.id)).posts).toHaveLength(2);
  });

  it("never takes an older import of the same name while the new one is not listed yet", async () => {
    let hideNewest = false;
    const lagging = async (method: string, path: string, response: Response) => {
      if (!hideNewest || method !== "GET" || path !== "/csv")
        return withoutCsvId(method, path, response);
      const body = await response.json();
      body.results.csvs = body.results.csvs.slice(1); // the list has not caught up
      body.results.count -= 1;
      return Response.json(body, { status: response.status, headers: response.headers });
    };
    const t = await trip(undefined, {}, lagging);
    const options = { accountIds: ["a"], filename: "same.csv", finalize: false };
    await t.client.upload(csvOf(rows(1)), options);
    hideNewest = true;
    const error = await caught(t.client.upload(csvOf(rows(2)), options));
    expect(String(error)).toMatch(/is not among the newest 50 imports/);
    expect((error as { mayHaveBeenAccepted?: boolean }).mayHaveBeenAccepted).toBe(true);
  });

  const renamed = async (method: string, path: string, response: Response) => {
    if (method !== "GET" || path !== "/csv") return withoutCsvId(method, path, response);
    const body = await response.json();
    for (const csv of body.results.csvs) csv.fileName = `other-${csv.fileName}`;
    return Response.json(body, { status: response.status, headers: response.headers });
  };

  it("says set-accounts created an import it cannot find: mayHaveBeenAccepted", async () => {
    const t = await trip(undefined, {}, renamed);
    const error = await t.client
      .upload(csvOf(rows(1)), { accountIds: ["a"], filename: "lost.csv" })
      .catch((e) => e);
    expect(error).toMatchObject({ name: "UploadNotFoundError", mayHaveBeenAccepted: true });
    expect(error.message).toMatch(
      /^highlevel: finding the new import failed after set-accounts created the import of "lost\.csv"/,
    );
    expect(t.sent.filter((s) => s.method === "PATCH")).toEqual([]);
  });

  it("keeps the token out of the error when the file name holds it", async () => {
    const token = "hlSecretToken0123456789";
    const t = await trip(undefined, { accessToken: token }, renamed);
    const upload = t.client.upload(csvOf(rows(1)), { accountIds: ["a"], filename: `${token}.csv` });
    const error = (await caught(upload)) as Error;
    expect(error.message).toMatch(/finding the new import failed/);
    expect(JSON.stringify(error) + String(error) + error.stack).not.toContain(token);
  });
});
