import { caught } from "@filestatus/testkit";
import { describe, expect, it } from "vitest";
import type { ProcessFileOptions, UploadOptions } from "../src/index.ts";
import { LIST, useRoundTripSandbox } from "./roundtrip-setup.ts";

const setup = useRoundTripSandbox();

/** The first line of LIST has three columns: name, email, ip. */
const base: UploadOptions = { emailColumn: 2, hasHeaderRow: true };

describe("zerobounce upload: checked before anything is sent", () => {
  it.each<[string, unknown, Partial<UploadOptions> | undefined, ErrorConstructor, RegExp]>([
    ["an empty file", "", {}, RangeError, /empty; nothing was sent/],
    ["no options", LIST, undefined, TypeError, /options object/],
    ["no emailColumn", LIST, { emailColumn: undefined as never }, TypeError, /emailColumn/],
    [
      "emailColumn 0 (columns count from 1)",
      LIST,
      { emailColumn: 0 },
      RangeError,
      /emailColumn must be an integer ≥ 1/,
    ],
    ["emailColumn 1.5", LIST, { emailColumn: 1.5 }, RangeError, /emailColumn/],
    [
      "emailColumn beyond the file",
      LIST,
      { emailColumn: 4 },
      RangeError,
      /emailColumn is 4 but the file's first line has 3 columns/,
    ],
    [
      "firstNameColumn beyond the file",
      LIST,
      { firstNameColumn: 9 },
      RangeError,
      /firstNameColumn is 9/,
    ],
    ["ipAddressColumn '3'", LIST, { ipAddressColumn: "3" as never }, TypeError, /ipAddressColumn/],
    [
      "allowPhase2 with scoring",
      LIST,
      { allowPhase2: true, scoring: true },
      TypeError,
      /allowPhase2 is for validation/,
    ],
    [
      "genderColumn with scoring",
      LIST,
      { genderColumn: 1, scoring: true },
      TypeError,
      /genderColumn is for validation/,
    ],
    [
      "hasHeaderRow 'yes'",
      LIST,
      { hasHeaderRow: "yes" as never },
      TypeError,
      /hasHeaderRow must be true or false/,
    ],
    [
      "a relative returnUrl",
      LIST,
      { returnUrl: "/done" },
      TypeError,
      /returnUrl must be an absolute http\(s\) URL/,
    ],
    ["an ftp returnUrl", LIST, { returnUrl: "ftp://example.com/x" }, TypeError, /returnUrl/],
    ["a spreadsheet", LIST, { filename: "leads.xlsx" }, TypeError, /\.csv and \.txt/],
    ["a number for a file", 42, {}, TypeError, /Blob, File/],
  ])("refuses %s", async (_, input, options, kind, message) => {
    const zb = setup.client();
    const all = options === undefined ? undefined : { ...base, ...options };
    const error = await caught(zb.upload(input as string, all as UploadOptions));
    expect(error).toBeInstanceOf(kind);
    expect((error as Error).message).toMatch(message);
    expect(setup.sent).toEqual([]);
    expect(setup.sandbox().received("zerobounce")).toBe(0);
  });

  it.each<[string, Partial<ProcessFileOptions>, RegExp]>([
    ["an unknown downloadType", { downloadType: "valid" as never }, /downloadType must be one of/],
    [
      "activityData with scoring",
      { scoring: true, activityData: true },
      /activityData is for validation/,
    ],
    ["a NaN timeoutMs", { timeoutMs: NaN }, /timeoutMs/],
  ])("processFile refuses %s before sending the file", async (_, options, message) => {
    const zb = setup.client();
    const error = await caught(zb.processFile(LIST, { ...base, ...options }));
    expect((error as Error).message).toMatch(message);
    expect(setup.sandbox().received("zerobounce")).toBe(0);
    expect(setup.sent).toEqual([]);
  });

  it("downloadResults and deleteUpload refuse an empty id or a bad option without a request", async () => {
    const zb = setup.client();
    await expect(zb.downloadResults("")).rejects.toThrow(TypeError);
    await expect(zb.downloadResults("x", { downloadType: "all" as never })).rejects.toThrow(
      /downloadType/,
    );
    await expect(zb.deleteUpload("  ")).rejects.toThrow(TypeError);
    expect(setup.sent).toEqual([]);
  });

  it("a refusal only ZeroBounce can make (mostly duplicates) is an ApiError, not accepted", async () => {
    const dupes = "email\na@example.com\na@example.com\na@example.com\n";
    const error = await caught(
      setup.client().upload(dupes, { emailColumn: 1, hasHeaderRow: true }),
    );
    expect(error).toMatchObject({ status: 400, mayHaveBeenAccepted: false });
    expect((error as Error).message).toMatch(/Over 50%/);
    expect(setup.sent).toHaveLength(1);
  });
});
