/**
 * The SanitizeEmail round trip against the sandbox over loopback: upload → job → wait → CSV, the
 * checks made before anything is sent, the email-column question, and results asked for too soon.
 */
import { caught } from "@filestatus/testkit";
import { describe, expect, it } from "vitest";
import {
  ApiError,
  isEmailColumnError,
  type RoundTripProgress,
  type UploadOptions,
} from "../src/index.ts";
import { CSV, DISTINCT, isValid, kit, rows, uploadsSent } from "./roundtrip-kit.ts";

describe("sanitizeemail processFile", () => {
  it("clean: resolves the cleaned status and a CSV of the valid addresses, each once", async () => {
    const k = await kit();
    const { status, results } = await k.client().processFile(CSV, {
      job: "clean",
      filename: "leads.csv",
      intervalMs: 20,
    });
    expect(status).toMatchObject({ provider: "sanitizeemail", state: "complete" });
    expect((status.raw as { status: string }).status).toBe("cleaned");
    expect(results.headers.get("content-type")).toBe("text/csv");
    expect(rows(await results.text())).toEqual([
      ["email"],
      ...DISTINCT.filter(isValid).map((e) => [e]),
    ]);
    expect(k.sandbox.received("sanitizeemail")).toBe(1);
  });

  it("validate: every address once, with its status and normalized_email", async () => {
    const k = await kit();
    const file = new File([CSV], "leads.csv", { type: "text/csv" });
    const { status, results } = await k
      .client()
      .processFile(file, { job: "validate", intervalMs: 20 });
    expect((status.raw as { status: string }).status).toBe("validated");
    const [header, ...data] = rows(await results.text());
    expect(header!.slice(0, 3)).toEqual(["email", "status", "normalized_email"]);
    expect(data.map((r) => r.slice(0, 3))).toEqual(
      DISTINCT.map((e) => [e, isValid(e) ? "valid" : "invalid", e.toLowerCase()]),
    );
    const started = k.attempts.find((a) => a.path === "/v1/api/email-validation/");
    expect(JSON.parse(started!.body!)).toEqual({
      file_id: Number(status.id),
      file_tag: "validate",
      options: {
        validate_syntax: true,
        check_dmarc: false,
        validate_smtp: false,
        validate_mx: false,
      },
    });
  });

  it("reports uploading, then processing, then downloading, in that order", async () => {
    const k = await kit();
    const phases: string[] = [];
    const onProgress = (p: RoundTripProgress) => void phases.push(p.phase);
    const { results } = await k
      .client()
      .processFile(CSV, { job: "clean", onProgress, intervalMs: 20 });
    await results.text();
    const order = phases.filter((p, i) => p !== phases[i - 1]);
    expect(order).toEqual(["uploading", "processing", "downloading"]);
  });
});

describe("sanitizeemail upload", () => {
  it("resolves the new file as queued from the upload's answer, after starting its job", async () => {
    const k = await kit();
    const status = await k.client().upload(CSV, {
      job: "clean",
      name: "Leads",
      listName: "Leads - kept",
      validateMx: true,
    });
    expect(status).toMatchObject({ provider: "sanitizeemail", name: "Leads", state: "queued" });
    expect(k.attempts.map((a) => `${a.method} ${a.path}`)).toEqual([
      "POST /v1/api/filesupload/",
      "POST /v1/api/cleanemail/",
    ]);
    expect(JSON.parse(k.attempts[1]!.body!)).toMatchObject({
      file_id: Number(status.id),
      list_name: "Leads - kept",
      options: { validate_syntax: true, validate_mx: true },
    });
  });

  const refused: [string, unknown, Partial<UploadOptions> | undefined, RegExp][] = [
    ["an empty file", "", { job: "clean" }, /empty; nothing was sent/],
    ["a missing job", CSV, {}, /job is required/],
    ["no options at all", CSV, undefined, /options are required/],
    ["an unknown job", CSV, { job: "analyze" as "clean" }, /job is required/],
    [
      "an emailColumn the first line lacks",
      CSV,
      { job: "clean", emailColumn: "Mail" },
      /"Mail" is not a column.*"Name", "Email"/,
    ],
    [
      "emailColumn without a header row",
      CSV,
      { job: "clean", emailColumn: "Email", hasHeaderRow: false },
      /hasHeaderRow/,
    ],
    ["a .txt file", CSV, { job: "clean", filename: "leads.txt" }, /\.csv and \.xlsx/],
    [
      "a name ending in .constructor",
      CSV,
      { job: "clean", filename: "x.constructor" },
      /\.csv and \.xlsx/,
    ],
    ["listName on a validation", CSV, { job: "validate", listName: "x" }, /listName/],
    [
      "a check that is not a boolean",
      CSV,
      { job: "clean", validateSmtp: "yes" as never },
      /validateSmtp/,
    ],
  ];
  it.each(refused)("refuses %s before sending anything", async (_, input, options, message) => {
    const k = await kit();
    const error = await caught(k.client().upload(input as string, options as UploadOptions));
    expect(error).toBeInstanceOf(Error);
    expect(["TypeError", "RangeError"]).toContain((error as Error).name);
    expect((error as Error).message).toMatch(message);
    const processed = await caught(
      k.client().processFile(input as string, options as UploadOptions),
    );
    expect((processed as Error).message).toMatch(message);
    expect(k.attempts).toEqual([]);
    expect(k.sandbox.received("sanitizeemail")).toBe(0);
  });

  it("passes on the API's email-column question with the columns, and starts no job", async () => {
    const k = await kit();
    const csv = "Name,Contact\nAnn,ann@example.com\n";
    const error = await caught(k.client().upload(csv, { job: "clean" }));
    expect(isEmailColumnError(error)).toBe(true);
    expect(error).toMatchObject({ status: 200, availableColumns: ["Name", "Contact"] });
    expect((error as Error).message).toMatch(/pass emailColumn, one of: "Name", "Contact"/);
    expect(k.attempts.map((a) => a.path)).toEqual(["/v1/api/filesupload/"]);
    const chosen = await k.client().upload(csv, { job: "clean", emailColumn: "Contact" });
    expect(chosen.state).toBe("queued");
  });
});

describe("sanitizeemail downloadResults", () => {
  it("says the results are not ready yet while the job runs (HTTP 409)", async () => {
    const k = await kit(2); // the job takes 0.55 s of real time
    const { id } = await k.client().upload(CSV, { job: "validate" });
    const error = await caught(k.client().downloadResults(id, { job: "validate" }));
    expect(ApiError.is(error) && error.status).toBe(409);
    expect((error as Error).message).toMatch(/not ready yet/);
    await k.client().waitForUpload(id, { intervalMs: 20 });
    const other = await caught(k.client().downloadResults(id, { job: "clean" }));
    expect(ApiError.is(other) && other.status).toBe(404);
  });

  it.each([
    ["no job", "745", {}, /job/],
    ["an id that is not an integer", "../745", { job: "clean" }, /positive integers/],
  ])("refuses %s before sending anything", async (_, id, options, message) => {
    const k = await kit();
    const error = await caught(k.client().downloadResults(id, options as { job: "clean" }));
    expect((error as Error).name).toBe("TypeError");
    expect((error as Error).message).toMatch(message);
    expect(k.attempts).toEqual([]);
  });
});
