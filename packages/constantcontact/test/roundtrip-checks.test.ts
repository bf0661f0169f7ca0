import { caught } from "@filestatus/testkit";
import { describe, expect, it } from "vitest";
import type { UploadOptions } from "../src/index.ts";
import { PDF, PNG, running } from "./roundtrip-kit.ts";

const csv = new TextEncoder().encode("email\r\na@example.com\r\n");

describe("constantcontact upload checks before sending", () => {
  it.each<[string, unknown, UploadOptions, ErrorConstructor, RegExp]>([
    ["an empty file", new Uint8Array(0), { filename: "a.png" }, RangeError, /empty/],
    ["bytes without a name or fileType", PNG, {}, TypeError, /filename.*fileType/],
    ["a CSV (not an image or document)", csv, { filename: "list.csv" }, RangeError, /list\.csv/],
    ["a fileType the Library does not take", csv, { fileType: "CSV" as never }, RangeError, /CSV/],
    [
      "a fileType the name contradicts",
      PNG,
      { filename: "a.png", fileType: "PDF" },
      RangeError,
      /match/,
    ],
    [
      "an unknown source",
      PNG,
      { filename: "a.png", source: "Dropbox" as never },
      RangeError,
      /source/,
    ],
    [
      "a folderId that is no id",
      PNG,
      { filename: "a.png", folderId: "images" },
      RangeError,
      /folderId/,
    ],
    [
      "a 101-character description",
      PNG,
      { filename: "a.png", description: "x".repeat(101) },
      RangeError,
      /description/,
    ],
    [
      "a description that is no text",
      PNG,
      { filename: "a.png", description: {} as never },
      TypeError,
      /description/,
    ],
    ["a filename with a slash", PNG, { filename: "a/b.png" }, TypeError, /filename/],
    ["options that are null", PNG, null as never, TypeError, /options must be an object/],
  ])(
    "refuses %s with a clear error and sends nothing",
    async (_, input, options, kind, message) => {
      const run = await running();
      const error = await caught(run.client().upload(input as Uint8Array, options));
      expect(error).toBeInstanceOf(kind);
      expect((error as Error).message).toMatch(message);
      expect(run.seen).toEqual([]);
      expect(run.sandbox.received("constantcontact")).toBe(0);
    },
  );

  it("refuses a file over max_upload_size_limit after asking for it, naming the limit", async () => {
    const run = await running();
    const big = new Uint8Array(5_242_881);
    big.set(PNG);
    const error = await caught(run.client().upload(big, { filename: "big.png" }));
    expect(error).toBeInstanceOf(RangeError);
    expect((error as Error).message).toMatch(/5242881 bytes.*max_upload_size_limit of 5242880/);
    expect(run.seen.map((s) => s.method)).toEqual(["GET"]);
    expect(run.sandbox.received("constantcontact")).toBe(0);
  });

  it("accepts the documented spellings: lower-case fileType, MYCOMPUTER, folder -1, .jpeg as JPG", async () => {
    const run = await running();
    const client = run.client();
    await client.upload(PDF, { filename: "a.pdf", fileType: "pdf" as never, source: "MYCOMPUTER" });
    await client.upload(PDF, { filename: "b.pdf", folderId: -1 });
    const jpeg = Uint8Array.of(0xff, 0xd8, 0xff, 0xe0, 0, 0x10);
    const status = await client.upload(jpeg, { filename: "photo.jpeg" });
    expect((await client.file(status.id)).file_type).toBe("JPG");
    expect(run.sandbox.received("constantcontact")).toBe(3);
  });
});
