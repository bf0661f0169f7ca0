/**
 * HighLevel's round trip against the sandbox over loopback: processFile, upload without
 * finalizing, the delete helpers, and the checks made before anything is sent.
 */
import { caught } from "@filestatus/testkit";
import { describe, expect, it } from "vitest";
import { createClient, type RoundTripProgress, type UploadOptions } from "../src/index.ts";
import { csvOf, LOCATION, ONE_IMPORT, SET_ACCOUNTS, trip, UPLOAD } from "./roundtrip-helpers.ts";

const ROWS = [
  ["2025-05-01 09:00:00", "Launch day, finally"],
  ["2025-05-02 09:00:00", ""],
  ["2025-05-03 09:00:00", 'She said "ship it"'],
] as const;
const ACCOUNTS = ["acc_fb_1", "acc_ig_2"];

describe("highlevel processFile", () => {
  it("uploads, imports for the accounts, waits, and returns the import with one post per row", async () => {
    const { client, sandbox, count } = await trip();
    const seen: RoundTripProgress[] = [];
    const { status, results } = await client.processFile(csvOf(ROWS), {
      accountIds: ACCOUNTS,
      userId: "sbxUserTrip000000001",
      filename: "may.csv",
      intervalMs: 10,
      onProgress: (p) => void seen.push(p),
    });
    expect(status).toMatchObject({ provider: "highlevel", name: "may.csv", state: "complete" });
    expect(results.csv).toMatchObject({ fileName: "may.csv", status: "completed", count: 3 });
    expect(results.csv._id ?? results.csv.id).toBe(status.id);
    // HighLevel's rule as the help pages state it: a row's text is the post; no text, an error.
    expect(results.posts.map((p) => [p.summary, p.scheduleDate, p.accountIds])).toEqual(
      ROWS.map(([date, text]) => [text, date, ACCOUNTS]),
    );
    expect(results.posts.map((p) => p.errorMessage !== undefined)).toEqual(
      ROWS.map(([, text]) => text === ""),
    );
    expect(sandbox.received("highlevel")).toBe(1);
    expect([
      count("POST", UPLOAD),
      count("POST", SET_ACCOUNTS),
      count("PATCH", ONE_IMPORT),
    ]).toEqual([1, 1, 1]);
    const phases = seen.map((p) => p.phase).filter((p, i, all) => p !== all[i - 1]);
    expect(phases).toEqual(["uploading", "processing", "downloading"]);
    const uploaded = seen.filter((p) => p.phase === "uploading").at(-1)!;
    expect(uploaded).toMatchObject({ progress: 100 });
    expect(seen.at(-1)).toMatchObject({ phase: "downloading", progress: 100 });
  });

  it("refuses finalize: false, which would wait forever, before sending", async () => {
    const { client, sent } = await trip();
    const call = client.processFile(csvOf(ROWS), { accountIds: ACCOUNTS, finalize: false });
    await expect(call).rejects.toThrow(/finalize/);
    expect(sent).toEqual([]);
  });
});

describe("highlevel upload", () => {
  it("with finalize: false leaves the import pending for review; finalized later, it completes", async () => {
    const { client, sandbox, count } = await trip();
    const status = await client.upload(new File([csvOf(ROWS)], "review.csv"), {
      accountIds: ACCOUNTS,
      finalize: false,
    });
    expect(status).toMatchObject({
      name: "review.csv",
      state: "queued",
      raw: { status: "pending" },
    });
    expect(count("PATCH", ONE_IMPORT)).toBe(0);
    expect(sandbox.received("highlevel")).toBe(0);
    const { posts } = await client.csvImport(status.id);
    const bad = posts.find((p) => p.errorMessage)!;
    await client.deletePost(status.id, bad._id ?? bad.id!);
    const after = await client.csvImport(status.id);
    expect(after.posts.map((p) => p.summary)).toEqual(ROWS.map((r) => r[1]).filter(Boolean));
    const params = { path: { locationId: LOCATION, id: status.id } };
    await client.unwrap(client.PATCH("/social-media-posting/{locationId}/csv/{id}", { params }));
    expect((await client.waitForUpload(status.id, { intervalMs: 10 })).state).toBe("complete");
  });

  it("deleteUpload deletes the import: its status says deleted, its posts are gone", async () => {
    const { client } = await trip();
    const status = await client.upload(csvOf(ROWS), { accountIds: ACCOUNTS, filename: "gone.csv" });
    await client.deleteUpload(status.id);
    expect((await client.uploadStatus(status.id)).state).toBe("deleted");
    expect((await client.csvImport(status.id)).posts).toEqual([]);
  });

  const bad: [string, unknown, UploadOptions | undefined, RegExp][] = [
    ["no options", csvOf(ROWS), undefined, /accountIds/],
    ["no accountIds", csvOf(ROWS), {} as UploadOptions, /accountIds is required/],
    ["an empty accountIds", csvOf(ROWS), { accountIds: [] }, /accountIds is required/],
    ["a blank account id", csvOf(ROWS), { accountIds: ["a", " "] }, /every one of accountIds/],
    ["accountIds as a string", csvOf(ROWS), { accountIds: "a" as never }, /accountIds/],
    ["an empty userId", csvOf(ROWS), { accountIds: ["a"], userId: "" }, /userId/],
    ["a numeric approver", csvOf(ROWS), { accountIds: ["a"], approver: 7 as never }, /approver/],
    ["finalize as text", csvOf(ROWS), { accountIds: ["a"], finalize: "no" as never }, /finalize/],
    ["an empty file", "", { accountIds: ["a"] }, /empty; nothing was sent/],
    ["a .txt file", csvOf(ROWS), { accountIds: ["a"], filename: "posts.txt" }, /\.csv and \.xlsx/],
    ["a number as the file", 42, { accountIds: ["a"] }, /must be a Blob/],
  ];
  it.each(bad)("refuses %s before sending anything", async (_, input, options, message) => {
    const { client, sent, sandbox } = await trip();
    const error = await caught(client.upload(input as string, options as UploadOptions));
    expect(error).toBeInstanceOf(Error);
    expect(["TypeError", "RangeError"]).toContain((error as Error).name);
    expect((error as Error).message).toMatch(message);
    expect(sent).toEqual([]);
    expect(sandbox.received("highlevel")).toBe(0);
  });

  it("refuses an upload without a locationId before sending anything", async () => {
    const { sent } = await trip();
    const client = createClient({ accessToken: "t", baseUrl: "http://127.0.0.1:9" });
    await expect(client.upload(csvOf(ROWS), { accountIds: ["a"] })).rejects.toThrow(/locationId/);
    await expect(client.csvImport("x")).rejects.toThrow(/locationId/);
    expect(sent).toEqual([]);
  });

  it("answers the sandbox's file checks as ApiErrors that leave nothing to look for", async () => {
    const { client, count } = await trip();
    const error = await caught(
      client.upload("content,other\nhello,1\n", { accountIds: ["a"], filename: "no-date.csv" }),
    );
    expect(error).toMatchObject({
      name: "ApiError",
      status: 400,
      mayHaveBeenAccepted: false,
      body: {
        code: "CSV_MISSING_HEADERS",
        missingHeaders: ["postAtSpecificTime (yyyy-MM-dd HH:mm:ss)"],
      },
    });
    expect([count("POST", UPLOAD), count("POST", SET_ACCOUNTS)]).toEqual([1, 0]);
  });
});
