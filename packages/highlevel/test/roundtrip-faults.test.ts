/**
 * HighLevel's round trip under faults: every POST and PATCH is sent at most once, retried only
 * when the sandbox surely did not take it, and an error after the file went out names the step
 * and says whether the upload may have been accepted. The token never shows in an error.
 */
import { caught } from "@filestatus/testkit";
import { describe, expect, it } from "vitest";
import {
  csvOf,
  first,
  LOCATION,
  ONE_IMPORT,
  SET_ACCOUNTS,
  TOKEN,
  trip,
  UPLOAD,
} from "./roundtrip-helpers.ts";

const CSV = csvOf([
  ["2025-06-01 09:00:00", "One"],
  ["2025-06-02 09:00:00", "Two"],
]);
const OPTIONS = { accountIds: ["acc_1"], filename: "june.csv" };

/** The error's message, cause chain and own fields, as a log would show them. */
const everything = (error: unknown) =>
  JSON.stringify(error) + String(error) + String((error as Error).stack);

async function imports(t: Awaited<ReturnType<typeof trip>>) {
  const list = [];
  for await (const status of t.client.uploads({ limit: 100 })) list.push(status);
  return list.filter((s) => s.name === "june.csv");
}

describe("highlevel upload under faults", () => {
  it("a reset while sending the file: mayHaveBeenAccepted, sent once, nothing imported", async () => {
    const t = await trip(first("POST", UPLOAD, "reset"));
    const error = await caught(t.client.upload(CSV, OPTIONS));
    expect(error).toMatchObject({ name: "ConnectionError", mayHaveBeenAccepted: true });
    expect((error as Error).message).toMatch(/look for "june\.csv"/);
    expect(t.count("POST", UPLOAD)).toBe(1);
    expect(t.count("POST", SET_ACCOUNTS)).toBe(0);
    expect(t.sandbox.received("highlevel")).toBe(0);
    expect(everything(error)).not.toContain(TOKEN);
  });

  it.each([
    ["503", "503"],
    ["429 with Retry-After", "429"],
  ])("a %s on the file is retried; one import results", async (_, fault) => {
    const t = await trip(first("POST", UPLOAD, fault));
    const status = await t.client.upload(CSV, OPTIONS);
    // The sandbox runs 200× faster: a retry after Retry-After: 1 finds it well under way.
    expect(["queued", "processing", "complete"]).toContain(status.state);
    expect(t.count("POST", UPLOAD)).toBe(2);
    expect([t.count("POST", SET_ACCOUNTS), t.count("PATCH", ONE_IMPORT)]).toEqual([1, 1]);
    expect(t.sandbox.received("highlevel")).toBe(1);
    expect(await imports(t)).toHaveLength(1);
  });

  it("a reset on set-accounts names the step and the stored file, sent once", async () => {
    const t = await trip(first("POST", SET_ACCOUNTS, "reset"));
    const error = await caught(t.client.upload(CSV, OPTIONS));
    expect(error).toMatchObject({ name: "ConnectionError", mayHaveBeenAccepted: true });
    expect((error as Error).message).toMatch(
      new RegExp(
        `^highlevel: set-accounts failed after the file was uploaded \\(filePath ${LOCATION}/social-import/`,
      ),
    );
    expect(t.count("POST", SET_ACCOUNTS)).toBe(1);
    expect(t.sandbox.received("highlevel")).toBe(0);
  });

  it("a 503 on set-accounts with retries off: refused, so not accepted", async () => {
    const t = await trip(first("POST", SET_ACCOUNTS, "503"), { retry: false });
    const error = await caught(t.client.upload(CSV, OPTIONS));
    expect(error).toMatchObject({ name: "ApiError", status: 503, mayHaveBeenAccepted: false });
    expect((error as Error).message).toMatch(/^highlevel: set-accounts failed/);
    expect(await imports(t)).toEqual([]);
  });

  it.each([
    ["a reset", "reset", "ConnectionError"],
    ["a refusal (503, retries off)", "503", "ApiError"],
  ])(
    "%s on finalize: the import exists, so mayHaveBeenAccepted, and the error names it",
    async (_, fault, name) => {
      const t = await trip(first("PATCH", ONE_IMPORT, fault), { retry: false });
      const error = await caught(t.client.upload(CSV, OPTIONS));
      const [pending] = await imports(t);
      expect(pending).toMatchObject({ state: "queued", raw: { status: "pending" } });
      expect(error).toMatchObject({ name, mayHaveBeenAccepted: true });
      expect((error as Error).message).toContain(`finalize failed (import ${pending!.id} exists`);
      expect(t.count("PATCH", ONE_IMPORT)).toBe(1);
      expect(t.sandbox.received("highlevel")).toBe(0);
    },
  );

  it("an upload answer cut in half: the file was taken, so mayHaveBeenAccepted", async () => {
    const t = await trip(first("POST", UPLOAD, "truncate"));
    const error = await caught(t.client.upload(CSV, OPTIONS));
    expect(error).toMatchObject({ mayHaveBeenAccepted: true });
    expect(t.count("POST", UPLOAD)).toBe(1);
  });

  it("a bad token: 401 on the file, nothing else sent, the token nowhere in the error", async () => {
    const t = await trip(undefined, { accessToken: `bad-${TOKEN}` });
    const error = await caught(t.client.upload(CSV, OPTIONS));
    expect(error).toMatchObject({ name: "ApiError", status: 401, mayHaveBeenAccepted: false });
    expect(t.sent.map((s) => `${s.method} ${s.path}`)).toEqual(["POST /csv"]);
    expect(everything(error)).not.toContain(TOKEN);
  });
});

describe("highlevel csvImport under faults", () => {
  it("a reset mid-body rejects: never a short list of posts", async () => {
    const t = await trip(first("GET", ONE_IMPORT, "reset-body", 10));
    const status = await t.client.upload(CSV, OPTIONS);
    await expect(t.client.csvImport(status.id)).rejects.toThrow();
    expect(t.count("GET", ONE_IMPORT)).toBeGreaterThanOrEqual(1);
  });

  it("a slow body still completes", async () => {
    const t = await trip(first("GET", ONE_IMPORT, "slow-body=20", 10));
    const status = await t.client.upload(CSV, OPTIONS);
    const { posts } = await t.client.csvImport(status.id);
    expect(posts.map((p) => p.summary)).toEqual(["One", "Two"]);
  });
});
