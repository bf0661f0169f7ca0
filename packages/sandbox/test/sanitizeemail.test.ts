import { describe, expect, it } from "vitest";
import { demoId, harness, TRANSPORTS } from "./helpers.ts";

const LIST = "/v1/api/filesupload/";
const auth = { headers: { "X-API-KEY": "se-key" } };

describe.each(TRANSPORTS)("sanitizeemail (%s)", (transport) => {
  it.each([
    ["no X-API-KEY", {}, "Authentication credentials were not provided."],
    ["a bad X-API-KEY", { "X-API-KEY": "bad-key" }, "Invalid API key."],
  ])("answers %s with 401 and a detail", async (_, headers, detail) => {
    const h = await harness(transport);
    for (const path of [LIST, `${LIST}745`])
      expect(await h.get(path, { headers })).toMatchObject({ status: 401, body: { detail } });
  });

  it("answers one file with the documented fields, and unknown ids with 404", async () => {
    const h = await harness(transport);
    const { status, body } = await h.get(`${LIST}745`, auth);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      id: 745,
      file_name: "customers.csv",
      status: "validated",
      file_tag: "validate",
      progress_percentage: 100,
      created_date: "2024-12-31T00:00:00.000000+00:00",
      clean_email_id: null,
    });
    expect(typeof body.file_size).toBe("string");
    expect(body.validate_email_id).toEqual(expect.any(Number));
    for (const id of ["999999", "abc", "745/"])
      expect(await h.get(`${LIST}${id}`, auth)).toMatchObject({
        status: 404,
        body: { detail: "Not found." },
      });
  });

  it("walks the demo file from pending through rising progress to validated", async () => {
    const h = await harness(transport);
    const path = `${LIST}${demoId(h.sandbox, "sanitizeemail")}`;
    const seen: string[] = [];
    for (const ms of [0, 2_600, 5_000, 7_400, 8_000]) {
      h.clock.at(ms);
      const { body } = await h.get(path, auth);
      seen.push(`${body.status} ${body.progress_percentage}`);
    }
    expect(seen).toEqual([
      "pending 0",
      "processing 10",
      "processing 50",
      "processing 90",
      "validated 100",
    ]);
  });

  it("pages with next/previous built from the request's own origin, null at the ends", async () => {
    const h = await harness(transport);
    const first = (await h.get(`${LIST}?file_tag=validate&size=6`, auth)).body;
    expect(first.previous).toBeNull();
    expect(first.next).toBe(`${h.origin}${LIST}?file_tag=validate&page=2&size=6`);
    const pages = [first];
    while (pages.at(-1).next) pages.push((await h.get(pages.at(-1).next, auth)).body);
    expect(pages.length).toBeGreaterThanOrEqual(3);
    expect(pages[1].previous).toBe(`${h.origin}${LIST}?file_tag=validate&page=1&size=6`);
    expect(pages.at(-1).next).toBeNull();
    const files = pages.flatMap((p) => p.results);
    expect(files).toHaveLength(first.count);
    expect(files.every((f: { file_tag: string }) => f.file_tag === "validate")).toBe(true);
    expect(new Set(files.map((f: { id: number }) => f.id)).size).toBe(first.count);
  });

  it("defaults to 10 a page, caps size at 100, and answers a page past the end with 404", async () => {
    const h = await harness(transport);
    const all = (await h.get(LIST, auth)).body;
    expect(all.results).toHaveLength(10);
    expect(all.count).toBeGreaterThan(30);
    expect((await h.get(`${LIST}?size=1000`, auth)).body.results).toHaveLength(
      Math.min(100, all.count),
    );
    expect((await h.get(`${LIST}?size=0`, auth)).body.results).toHaveLength(10);
    const pages = Math.ceil(all.count / 10);
    const last = (await h.get(`${LIST}?page=${pages}`, auth)).body;
    expect(last.next).toBeNull();
    for (const page of [pages + 1, 0])
      expect(await h.get(`${LIST}?page=${page}`, auth)).toMatchObject({
        status: 404,
        body: { detail: "Invalid page." },
      });
  });

  it("filters by file_tag (cleaned files say so) and rejects an unknown tag with 400", async () => {
    const h = await harness(transport);
    const { body } = await h.get(`${LIST}?file_tag=clean&size=100`, auth);
    expect(body.results.length).toBeGreaterThan(0);
    expect(body.results.every((f: { file_tag: string }) => f.file_tag === "clean")).toBe(true);
    expect(body.results.some((f: { status: string }) => f.status === "cleaned")).toBe(true);
    const bad = await h.get(`${LIST}?file_tag=shred`, auth);
    expect(bad.status).toBe(400);
    expect(bad.body.file_tag[0]).toContain("shred");
  });
});
