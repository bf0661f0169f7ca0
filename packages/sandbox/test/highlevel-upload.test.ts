/**
 * HighLevel uploadCsv and setAccounts: what a file must hold to be stored, and what set-accounts
 * checks before it creates an import.
 */
import { describe, expect, it } from "vitest";
import { harness, TRANSPORTS, type Harness } from "./helpers.ts";

const LOCATION = "sbxLocationUpload001";
const BASE = `/social-media-posting/${LOCATION}`;
const GOOD = { Authorization: "Bearer hl-token", Version: "2021-07-28" };
const HEADER = "postAtSpecificTime (yyyy-MM-dd HH:mm:ss),content,link (OGmetaUrl),imageUrls";

const form = (text: string | null, name = "posts.csv", field = "file") => {
  const body = new FormData();
  if (text !== null) body.append(field, new File([text], name, { type: "text/csv" }));
  return body;
};

const upload = (h: Harness, body: BodyInit, headers: Record<string, string> = GOOD) =>
  h.get(`${BASE}/csv`, { method: "POST", body, headers });

const setAccounts = (h: Harness, dto: unknown, location = LOCATION) =>
  h.get(`/social-media-posting/${location}/set-accounts`, {
    method: "POST",
    body: JSON.stringify(dto),
    headers: { ...GOOD, "Content-Type": "application/json" },
  });

describe.each(TRANSPORTS)("highlevel uploadCsv (%s)", (transport) => {
  it("stores the file: 201 with its filePath, the rows that hold something, its name and size", async () => {
    const h = await harness(transport);
    const text = `${HEADER}\n2025-02-01 09:00:00,Hello,,\n,,,\n2025-02-02 09:00:00,World,,\n`;
    const { status, body, headers } = await upload(h, form(text, "march.csv"));
    expect(status).toBe(201);
    expect(body).toEqual({
      success: true,
      statusCode: 201,
      message: "Uploaded CSV",
      results: {
        filePath: expect.stringMatching(new RegExp(`^${LOCATION}/social-import/[\\w-]+\\.csv$`)),
        rowsCount: 2,
        fileName: "march.csv",
        fileSize: new TextEncoder().encode(text).length,
        csvFileType: "basic",
      },
    });
    expect(headers.get("x-ratelimit-remaining")).toBe("99");
    expect(h.sandbox.received("highlevel")).toBe(0);
  });

  it("reads the headers without their hints and in any case", async () => {
    const h = await harness(transport);
    const { status, body } = await upload(h, form("PostAtSpecificTime,Content\n2025-02-01,Hi\n"));
    expect(status).toBe(201);
    expect(body.results.rowsCount).toBe(1);
  });

  const fileRequired = {
    status: 400,
    options: {},
    message: "File is required",
    name: "BadRequestException",
    error: "Bad Request",
    statusCode: 400,
    traceId: expect.any(String),
  };
  it.each([
    ["no file field", () => form(null)],
    ["the file under another field", () => form(`${HEADER}\nx,y,,\n`, "a.csv", "upload")],
    ["a JSON body", () => JSON.stringify({ file: "x" })],
  ])("answers %s with S3's 400 File is required", async (_, body) => {
    const h = await harness(transport);
    expect(await upload(h, body())).toMatchObject({ status: 400, body: fileRequired });
  });

  it.each([
    ["an empty file", "", "posts.csv", { code: "CSV_EMPTY_FILE", fileType: "CSV" }],
    ["a blank file", " \n\n", "posts.csv", { code: "CSV_EMPTY_FILE" }],
    ["a .txt file", `${HEADER}\nx,y,,\n`, "posts.txt", { code: "CSV_UNSUPPORTED_EXTENSION" }],
    [
      "a file without content",
      "postAtSpecificTime,text\n2025-02-01,Hi\n",
      "posts.csv",
      { code: "CSV_MISSING_HEADERS", missingHeaders: ["content"] },
    ],
    ["headers and no rows", `${HEADER}\n`, "posts.csv", { code: "CSV_MISSING_REQUIRED_ROWS" }],
  ])("answers %s with 400 and S3's code", async (_, text, name, expected) => {
    const h = await harness(transport);
    const answer = await upload(h, form(text, name));
    expect(answer).toMatchObject({
      status: 400,
      body: { ...expected, message: expect.any(String) },
    });
  });

  it.each([
    ["a bad token", { ...GOOD, Authorization: "Bearer bad-token" }, 401],
    ["no Version", { Authorization: GOOD.Authorization }, 422],
    ["a wrong Version", { ...GOOD, Version: "v3" }, 422],
  ])("answers %s before reading the file", async (_, headers, status) => {
    const h = await harness(transport);
    const answer = await upload(h, form(`${HEADER}\nx,y,,\n`), headers);
    expect(answer.status).toBe(status);
    expect(answer.body.statusCode).toBe(status);
  });
});

describe.each(TRANSPORTS)("highlevel setAccounts (%s)", (transport) => {
  async function stored(h: Harness, rows = 2) {
    const lines = Array.from({ length: rows }, (_, i) => `2025-02-0${i + 1} 09:00:00,Post ${i},,`);
    const { body } = await upload(h, form([HEADER, ...lines].join("\n")));
    return body.results as { filePath: string; rowsCount: number; fileName: string };
  }

  it("creates a pending import and answers its csvId", async () => {
    const h = await harness(transport);
    const file = await stored(h);
    const answer = await setAccounts(h, { accountIds: ["acc_1"], ...file });
    expect(answer).toMatchObject({
      status: 201,
      body: {
        success: true,
        statusCode: 201,
        message: "Accounts Set Successfully",
        results: { csvId: expect.stringMatching(/^[0-9a-f]{24}$/) },
      },
    });
  });

  const invalid = async (h: Harness, dto: unknown, location?: string) => {
    const answer = await setAccounts(h, dto, location);
    expect(answer.status).toBe(422);
    expect(answer.body.error).toBe("Unprocessable Entity");
    return answer.body.message as string[];
  };

  it("answers 422 with S3's messages for empty or blank accountIds", async () => {
    const h = await harness(transport);
    const file = await stored(h);
    expect(await invalid(h, { ...file, accountIds: [] })).toEqual([
      "accountIds should not be empty",
    ]);
    expect(await invalid(h, { ...file, accountIds: ["a", " "] })).toEqual([
      "Invalid account id in accountIds list",
    ]);
    expect(await invalid(h, { filePath: file.filePath })).toEqual([
      "accountIds must be an array",
      "rowsCount must be an integer number",
      "fileName must be a string",
    ]);
  });

  it("answers 422 for a filePath it did not store, or stored for another location", async () => {
    const h = await harness(transport);
    const file = await stored(h);
    const dto = { ...file, accountIds: ["a"] };
    expect(await invalid(h, { ...dto, filePath: `${LOCATION}/social-import/nope.csv` })).toEqual([
      "filePath does not name an uploaded file",
    ]);
    expect(await invalid(h, dto, "sbxOtherLocation0001")).toEqual([
      "filePath does not name an uploaded file",
    ]);
  });

  it("answers 422 for a rowsCount outside 1 to the file's rows", async () => {
    const h = await harness(transport);
    const file = await stored(h, 2);
    const dto = { ...file, accountIds: ["a"] };
    expect(await invalid(h, { ...dto, rowsCount: 3 })).toEqual([
      "rowsCount must not be greater than 2",
    ]);
    expect(await invalid(h, { ...dto, rowsCount: 0 })).toEqual([
      "rowsCount must not be less than 1",
    ]);
  });

  it("answers 400 for a body that is not JSON", async () => {
    const h = await harness(transport);
    const answer = await h.get(`${BASE}/set-accounts`, {
      method: "POST",
      body: "accountIds=a",
      headers: GOOD,
    });
    expect(answer).toMatchObject({ status: 400, body: { statusCode: 400 } });
  });
});
