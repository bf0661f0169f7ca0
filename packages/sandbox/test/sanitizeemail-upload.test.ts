/**
 * SanitizeEmail uploads: the validation answers, the "requires email column selection" answer, and
 * an accepted file that stays pending until a job is started.
 */
import { describe, expect, it } from "vitest";
import { harness, TRANSPORTS } from "./helpers.ts";
import { sendUpload } from "./sanitizeemail-form.ts";

const LIST = "/v1/api/filesupload/";
const KEY = { "X-API-KEY": "se-key" };

const CSV = "Name,Email,Company\r\nAda,ada@example.com,A\r\nBob,bob@dead.example,B\r\n";

describe.each(TRANSPORTS)("sanitizeemail uploads (%s)", (transport) => {
  it.each([
    ["no X-API-KEY", {}, 401, { detail: "Authentication credentials were not provided." }],
    ["a bad X-API-KEY", { "X-API-KEY": "bad-key" }, 401, { detail: "Invalid API key." }],
  ])("refuses %s with %i and a detail", async (_, headers, status, body) => {
    const h = await harness(transport);
    expect(await sendUpload(h, CSV, {}, headers)).toMatchObject({ status, body });
    expect(h.sandbox.received("sanitizeemail")).toBe(0);
  });

  it.each([
    ["no file", { file: null }, { file: ["No file was submitted."] }],
    ["no name", { name: null }, { name: ["This field is required."] }],
    ["no is_file_organised", { is_file_organised: null }, { is_file_organised: expect.any(Array) }],
    ["a file_tag outside the enum", { file_tag: "shred" }, { file_tag: expect.any(Array) }],
    ["a .txt file", { filename: "list.txt" }, { error: expect.stringMatching(/CSV or XLSX/) }],
    ["an empty file", { file: new Blob([]) }, { file: ["The submitted file is empty."] }],
  ])("answers %s with 400 naming the problem, and stores nothing", async (_, fields, body) => {
    const h = await harness(transport);
    expect(await sendUpload(h, CSV, fields)).toMatchObject({ status: 400, body });
    expect(h.sandbox.received("sanitizeemail")).toBe(0);
  });

  it("answers a body that is not multipart with 400", async () => {
    const h = await harness(transport);
    const answer = await h.get(LIST, { method: "POST", headers: KEY, body: "email\na@b.co" });
    expect(answer).toMatchObject({ status: 400, body: { detail: expect.any(String) } });
  });

  it("asks for the email column when no header looks like one, with the first 3 rows", async () => {
    const h = await harness(transport);
    const csv =
      "Name,Contact\na,a@example.com\nb,b@example.com\nc,c@example.com\nd,d@example.com\n";
    const { status, body } = await sendUpload(h, csv);
    expect(status).toBe(200);
    expect(body).toEqual({
      error: expect.stringMatching(/requires email column selection/),
      is_first_time: true,
      available_columns: ["Name", "Contact"],
      sample_first_3_rows: [
        { Name: "a", Contact: "a@example.com" },
        { Name: "b", Contact: "b@example.com" },
        { Name: "c", Contact: "c@example.com" },
      ],
    });
    const again = await sendUpload(h, csv, { email_column: "Mail" });
    expect(again.body).toMatchObject({
      is_first_time: false,
      available_columns: ["Name", "Contact"],
    });
    expect(h.sandbox.received("sanitizeemail")).toBe(0);
    const chosen = await sendUpload(h, csv, { email_column: "Contact" });
    expect(chosen).toMatchObject({ status: 201, body: { total_email: 4 } });
  });

  it.each(["email", "EMAIL_ADDRESS", "E-Mail"])(
    "finds a column named %s by itself",
    async (name) => {
      const h = await harness(transport);
      const { status, body } = await sendUpload(h, `${name},x\na@example.com,1\n`);
      expect([status, body.total_email]).toEqual([201, 1]);
    },
  );

  it("accepts a file as pending, and it stays pending while no job is started", async () => {
    const h = await harness(transport);
    const { status, body } = await sendUpload(h, CSV, { name: "Leads", file_tag: "clean" });
    expect(status).toBe(201);
    expect(body).toMatchObject({
      name: "Leads",
      file_name: "list.csv",
      status: "pending",
      file_tag: "clean",
      progress_percentage: 0,
      total_email: 2,
      is_file_organised: true,
    });
    expect(h.sandbox.received("sanitizeemail")).toBe(1);
    h.clock.advance(24 * 3_600_000);
    const later = await h.get(`${LIST}${body.id}`, { headers: KEY });
    expect(later.body).toMatchObject({ id: body.id, status: "pending", progress_percentage: 0 });
    const listed = await h.get(`${LIST}?file_tag=clean`, { headers: KEY });
    expect(listed.body.results[0]).toMatchObject({ id: body.id, status: "pending" });
  });

  it("pulls every address out of an unorganised file", async () => {
    const h = await harness(transport);
    const csv = "hello ann@example.com,x\nnothing here,bob@example.com\n";
    const { body } = await sendUpload(h, csv, { is_file_organised: "false" });
    expect(body).toMatchObject({ status: "pending", total_email: 2, is_file_organised: false });
  });

  it("gives every upload a new id that the seeded files do not have", async () => {
    const h = await harness(transport);
    const seeded = new Set(h.sandbox.uploads("sanitizeemail").map((u) => u.id));
    const ids = [(await sendUpload(h, CSV)).body.id, (await sendUpload(h, CSV)).body.id];
    expect(new Set(ids).size).toBe(2);
    for (const id of ids) expect(seeded.has(String(id))).toBe(false);
  });
});
