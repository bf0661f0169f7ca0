import { describe, expect, it } from "vitest";
import { demoId, harness, TRANSPORTS } from "./helpers.ts";

const status = (key: string | undefined, fileId?: string, path = "/v2/filestatus") => {
  const query = new URLSearchParams();
  if (key !== undefined) query.set("api_key", key);
  if (fileId !== undefined) query.set("file_id", fileId);
  return `${path}?${query}`;
};

describe.each(TRANSPORTS)("zerobounce (%s)", (transport) => {
  it("answers a known file with the documented fields", async () => {
    const h = await harness(transport);
    const { status: code, body } = await h.get(
      status("key", "aaaaaaaa-zzzz-xxxx-yyyy-5003727fffff"),
    );
    expect(code).toBe(200);
    expect(body).toEqual({
      success: true,
      file_id: "aaaaaaaa-zzzz-xxxx-yyyy-5003727fffff",
      file_name: "customers.csv",
      upload_date: "2024-12-31T00:00:00Z",
      file_status: "Complete",
      complete_percentage: "100%",
      file_phase_2_status: "N/A",
      error_reason: null,
      return_url: null,
    });
  });

  it.each([
    ["a bad key", "bad-key", "api_key is invalid."],
    ["no key", undefined, "api_key is invalid."],
    ["an empty key", "", "api_key is invalid."],
  ])("answers %s with HTTP 200 and success: false", async (_, key, message) => {
    const h = await harness(transport);
    const answer = await h.get(status(key, demoId(h.sandbox, "zerobounce")));
    expect(answer).toMatchObject({ status: 200, body: { success: false, message } });
  });

  it("answers an unknown or missing file_id with 'file_id is invalid.'", async () => {
    const h = await harness(transport);
    for (const path of [status("key", "nope"), status("key")]) {
      expect(await h.get(path)).toMatchObject({
        status: 200,
        body: { success: false, message: "file_id is invalid." },
      });
    }
  });

  it("walks the demo upload from Queued through rising percentages to Complete", async () => {
    const h = await harness(transport);
    const path = status("key", demoId(h.sandbox, "zerobounce"));
    const seen: string[] = [];
    for (const ms of [0, 1_999, 2_000, 3_500, 5_000, 6_500, 7_999, 8_000]) {
      h.clock.at(ms);
      const { body } = await h.get(path);
      seen.push(`${body.file_status} ${body.complete_percentage}`);
    }
    expect(seen).toEqual([
      "Queued 0%",
      "Queued 0%",
      "In Progress 0% Complete.",
      "In Progress 25% Complete.",
      "In Progress 50% Complete.",
      "In Progress 75% Complete.",
      "In Progress 99% Complete.",
      "Complete 100%",
    ]);
  });

  it("serves the A.I. scoring twin with the same shape, and speed shortens the timeline", async () => {
    const h = await harness(transport, { speed: 10 });
    const path = status("key", demoId(h.sandbox, "zerobounce"), "/v2/scoring/filestatus");
    h.clock.at(500);
    expect((await h.get(path)).body).toMatchObject({
      file_status: "In Progress",
      complete_percentage: "50% Complete.",
    });
    h.clock.at(800);
    expect((await h.get(path)).body).toMatchObject({ success: true, file_status: "Complete" });
  });

  it("reports Failed with its error_reason, Deleted, and no percentage for progress 'none'", async () => {
    const h = await harness(transport);
    const byName = (name: string) =>
      h.sandbox.uploads("zerobounce").find((u) => u.name.startsWith(name))!.id;
    expect((await h.get(status("key", byName("broken-export")))).body).toMatchObject({
      file_status: "Failed",
      complete_percentage: "0%",
      error_reason: "The file has no column of email addresses.",
    });
    expect((await h.get(status("key", byName("old-leads")))).body).toMatchObject({
      file_status: "Deleted",
    });
    const quiet = (await h.get(status("key", byName("attachment")))).body;
    expect(quiet.file_status).toBe("Failed");
    expect(quiet).not.toHaveProperty("complete_percentage");
  });

  it("blocks a key for one hour after 250 requests in a minute (HTTP 429, no Retry-After)", async () => {
    const h = await harness(transport);
    const path = status("busy-key", demoId(h.sandbox, "zerobounce"));
    for (let i = 0; i < 250; i++) expect((await h.send(path)).status).toBe(200);
    const blocked = await h.get(path);
    expect(blocked.status).toBe(429);
    expect(blocked.body).toMatchObject({ success: false });
    expect(blocked.headers.get("retry-after")).toBeNull();
    expect((await h.send(status("other-key", demoId(h.sandbox, "zerobounce")))).status).toBe(200);
    h.clock.advance(30 * 60_000); // the minute is long over, the hour is not
    expect((await h.send(path)).status).toBe(429);
    h.clock.advance(30 * 60_000);
    expect((await h.send(path)).status).toBe(200);
  });

  it("blocks a key after more than 200 bad requests in an hour", async () => {
    const h = await harness(transport);
    for (let i = 0; i < 200; i++) {
      h.clock.advance(1_000); // stay under 250 a minute
      expect((await h.get(status("sloppy-key", `missing-${i}`))).body.success).toBe(false);
    }
    expect((await h.send(status("sloppy-key", "missing"))).status).toBe(429);
  }, 30_000); // hundreds of requests or waits: seconds on a loaded machine

  it("refuses other methods", async () => {
    const h = await harness(transport);
    const answer = await h.get(status("key", "x"), { method: "POST" });
    expect(answer).toMatchObject({ status: 405, body: { success: false } });
  });
});
