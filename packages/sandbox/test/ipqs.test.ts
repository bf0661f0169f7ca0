import { describe, expect, it } from "vitest";
import { demoId, harness, TRANSPORTS } from "./helpers.ts";

// A key with characters that must be percent-encoded in a path segment, as the client sends it.
const KEY = "ipqs-Secret/Key+123";
const BASE = `/api/json/csv/${encodeURIComponent(KEY)}`;

describe.each(TRANSPORTS)("ipqs (%s)", (transport) => {
  it("answers a bad or empty key with HTTP 200, success: false and a request_id", async () => {
    const h = await harness(transport);
    for (const path of [
      "/api/json/csv/bad-key/list",
      "/api/json/csv//list",
      "/api/json/csv/bad/status/3398874",
    ]) {
      const { status, body } = await h.get(path);
      expect(status).toBe(200);
      expect(body).toEqual({
        success: false,
        message: expect.any(String),
        request_id: expect.any(String),
      });
    }
  });

  it("lists 50 CSVs a page, newest first, over 3+ pages, with the key in every status_url", async () => {
    const h = await harness(transport);
    const first = (await h.get(`${BASE}/list`)).body;
    expect(first).toMatchObject({ success: true, message: "Success", page: 1, api_version: 1 });
    expect(first.total_csvs).toBeGreaterThanOrEqual(120);
    expect(first.total_pages).toBe(Math.ceil(first.total_csvs / 50));
    expect(first.total_pages).toBeGreaterThanOrEqual(3);
    const ids: number[] = [];
    for (let page = 1; page <= first.total_pages; page++) {
      const { body } = await h.get(`${BASE}/list?page=${page}`);
      expect(body.page).toBe(page);
      expect(body.csvs.length).toBe(
        page < first.total_pages ? 50 : first.total_csvs - 50 * (page - 1),
      );
      for (const csv of body.csvs) {
        expect(csv.status_url).toBe(`${h.origin}${BASE}/status/${csv.id}`);
        ids.push(csv.id);
      }
    }
    expect(new Set(ids).size).toBe(first.total_csvs);
    // Newest first: the uploads made at the sandbox's start come before the day-old ones.
    expect(ids.indexOf(Number(demoId(h.sandbox, "ipqs")))).toBeLessThan(ids.indexOf(3398874));
  });

  it.each([
    ["page=0", "Invalid page specified."],
    ["page=abc", "Invalid page specified."],
    ["page=99", "Invalid page specified."],
    ["type=fax", "Invalid type specified."],
  ])("answers %s with success: false", async (query, message) => {
    const h = await harness(transport);
    expect(await h.get(`${BASE}/list?${query}`)).toMatchObject({
      status: 200,
      body: { success: false, message },
    });
  });

  it("filters by type, by query or by form POST", async () => {
    const h = await harness(transport);
    const byQuery = (await h.get(`${BASE}/list?type=phone`)).body;
    expect(byQuery.csvs.length).toBeGreaterThan(0);
    expect(byQuery.csvs.every((c: { type: string }) => c.type === "phone")).toBe(true);
    const byForm = await h.get(`${BASE}/list`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "type=phone&page=1",
    });
    expect(byForm.body.csvs.map((c: { id: number }) => c.id)).toEqual(
      byQuery.csvs.map((c: { id: number }) => c.id),
    );
  });

  it("walks a CSV from NEW to PROCESSING to FINISHED, with one-time download links at the end", async () => {
    const h = await harness(transport);
    const path = `${BASE}/status/${demoId(h.sandbox, "ipqs")}`;
    const { body: queued } = await h.get(path);
    expect(queued).toMatchObject({ success: true, status: "NEW", aborted: false });
    expect(queued.downloads).toEqual({ pristine: null, clean: null, bad: null, all: null });
    h.clock.at(4_000);
    expect((await h.get(path)).body.status).toBe("PROCESSING");
    h.clock.at(8_000);
    const { body: done } = await h.get(path);
    expect(done).toMatchObject({ status: "FINISHED", id: Number(demoId(h.sandbox, "ipqs")) });
    expect(done.downloads.all).toMatch(
      new RegExp(`^${h.origin}/download\\?download=\\w+&filename=`),
    );
    const download = await h.send(done.downloads.all);
    expect(download.status).toBe(200);
    expect(await download.text()).toMatch(/^email,/);
    expect((await h.send(done.downloads.all)).status).toBe(404);
  });

  it("reports a failed CSV as aborted, and a deleted or unknown one as an invalid id", async () => {
    const h = await harness(transport);
    const byName = (name: string) =>
      h.sandbox.uploads("ipqs").find((u) => u.name.startsWith(name))!.id;
    const { body: failed } = await h.get(`${BASE}/status/${byName("broken-export")}`);
    expect(failed).toMatchObject({ status: "PROCESSING", aborted: true, downloads: { all: null } });
    for (const id of [byName("old-leads"), "1", "abc"]) {
      expect((await h.get(`${BASE}/status/${id}`)).body).toMatchObject({
        success: false,
        message: "Invalid CSV ID specified.",
      });
    }
  });
});
