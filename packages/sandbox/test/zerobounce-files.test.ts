import { describe, expect, it } from "vitest";
import { parseCsv, verdict } from "../src/lists.ts";
import { demoId, harness, TRANSPORTS, type Harness } from "./helpers.ts";

const KEY = "zb-files-key";
const LIST = "name,email\r\nAda,ada@example.com\r\nBob,bob@dead.example\r\nCy,not-an-email\r\n";

/** A sendfile form: the fields given (api_key and email_address_column by default) and a file. */
function form(fields: Record<string, string | undefined> = {}, file: File | null = csv(LIST)) {
  const body = new FormData();
  const all = { api_key: KEY, email_address_column: "2", has_header_row: "true", ...fields };
  for (const [name, value] of Object.entries(all)) if (value !== undefined) body.set(name, value);
  if (file) body.set("file", file);
  return { method: "POST", body };
}

const csv = (text: string, name = "list.csv") => new File([text], name, { type: "text/csv" });

const query = (path: string, params: Record<string, string>) =>
  `${path}?${new URLSearchParams({ api_key: KEY, ...params })}`;

async function send(h: Harness, init: RequestInit = form(), path = "/v2/sendfile") {
  return h.get(path, init);
}

describe.each(TRANSPORTS)("zerobounce files (%s)", (transport) => {
  it("accepts a list, processes it, then serves its rows with a ZB Status column", async () => {
    const h = await harness(transport);
    const sent = await send(h);
    expect(sent).toMatchObject({
      status: 200,
      body: { success: true, message: "File Accepted", file_name: "list.csv" },
    });
    const id: string = sent.body.file_id;
    expect(h.sandbox.received("zerobounce")).toBe(1);
    const status = () => h.get(query("/v2/filestatus", { file_id: id }));
    expect((await status()).body).toMatchObject({ file_id: id, file_status: "Queued" });
    const early = await h.send(query("/v2/getfile", { file_id: id }));
    expect([early.status, await early.json()]).toEqual([
      200,
      { success: false, message: "File not ready" },
    ]);

    h.clock.advance(60_000);
    expect((await status()).body).toMatchObject({ file_status: "Complete" });
    const file = await h.send(query("/v2/getfile", { file_id: id }));
    expect(file.headers.get("content-type")).toBe("application/octet-stream");
    expect(file.headers.get("content-disposition")).toMatch(/^attachment; filename="list\.csv"/);
    const rows = parseCsv(LIST);
    const expected = [
      [...rows[0]!, "ZB Status"],
      ...rows.slice(1).map((row) => [...row, verdict(row[1]!)]),
    ];
    expect(parseCsv(await file.text())).toEqual(expected);
  });

  it("adds no header row when has_header_row is false, and scores A.I. files from 0 to 10", async () => {
    const h = await harness(transport, { speed: 1000 });
    const plain = "ada@example.com\nbob@dead.example\n";
    const sent = await send(
      h,
      form({ email_address_column: "1", has_header_row: undefined }, csv(plain)),
      "/v2/scoring/sendfile",
    );
    const id: string = sent.body.file_id;
    h.clock.advance(100);
    const file = await h.send(
      query("/v2/scoring/getfile", { file_id: id, download_type: "combined" }),
    );
    expect(parseCsv(await file.text())).toEqual([
      ["ada@example.com", "10"],
      ["bob@dead.example", "0"],
    ]);
    // A scoring file is unknown to the validation endpoints.
    expect((await h.get(query("/v2/filestatus", { file_id: id }))).body).toMatchObject({
      success: false,
      message: "file_id is invalid.",
    });
    expect((await h.get(query("/v2/getfile", { file_id: id }))).body).toMatchObject({
      message: "File cannot be found.",
    });
  });

  it.each([
    ["a bad key", form({ api_key: "bad-key" }), 200, ["api_key is invalid"]],
    ["no key", form({ api_key: undefined }), 200, ["api_key is invalid"]],
    ["no file", form({}, null), 400, ["file is required."]],
    ["no email_address_column", form({ email_address_column: undefined }), 400, [/required/]],
    ["email_address_column 0", form({ email_address_column: "0" }), 400, [/from 1/]],
    [
      "a column beyond the file",
      form({ email_address_column: "3" }),
      400,
      [/3 but the file has 2 columns/],
    ],
    ["a name column beyond the file", form({ first_name_column: "9" }), 400, [/first_name_column/]],
    ["an empty file", form({}, csv("")), 400, ["The file is empty."]],
    ["only a header row", form({}, csv("name,email\n")), 400, [/no rows/]],
    ["a spreadsheet", form({}, csv(LIST, "list.xlsx")), 400, [/\.csv and \.txt/]],
    ["a relative return_url", form({ return_url: "/done" }), 400, [/return_url/]],
    ["has_header_row 'yes'", form({ has_header_row: "yes" }), 400, [/has_header_row/]],
  ])(
    "refuses %s, in ZeroBounce's error shape, and keeps nothing",
    async (_, init, status, message) => {
      const h = await harness(transport);
      const answer = await send(h, init);
      expect(answer.status).toBe(status);
      // A RegExp inside toMatchObject matches anything: each one goes through stringMatching.
      const expected = message.map((m) => (typeof m === "string" ? m : expect.stringMatching(m)));
      expect(answer.body.message).toEqual(expected);
      expect([false, "False"]).toContain(answer.body.success);
      expect(h.sandbox.received("zerobounce")).toBe(0);
    },
  );

  it("refuses a body that is not multipart, and GET on sendfile", async () => {
    const h = await harness(transport);
    const json = await send(h, { method: "POST", body: JSON.stringify({ api_key: KEY }) });
    expect(json).toMatchObject({ status: 400, body: { success: false } });
    expect((await h.get(query("/v2/sendfile", {}))).status).toBe(405);
    expect(h.sandbox.received("zerobounce")).toBe(0);
  });

  it("removes duplicate emails unless remove_duplicate is false, and refuses >50% duplicates", async () => {
    const h = await harness(transport, { speed: 1000 });
    const dupes = "email\na@example.com\nA@example.com\nb@example.com\n";
    const rows = async (init: RequestInit) => {
      const id = (await send(h, init)).body.file_id;
      h.clock.advance(100);
      return parseCsv(await (await h.send(query("/v2/getfile", { file_id: id }))).text()).length;
    };
    expect(await rows(form({ email_address_column: "1" }, csv(dupes)))).toBe(3);
    const keep = form({ email_address_column: "1", remove_duplicate: "False" }, csv(dupes));
    expect(await rows(keep)).toBe(4);
    const mostly = "email\na@x.com\na@x.com\na@x.com\n";
    expect(await send(h, form({ email_address_column: "1" }, csv(mostly)))).toMatchObject({
      status: 400,
      body: { success: false, message: [expect.stringMatching(/Over 50%/)] },
    });
  });

  it("deletes only a Complete file; then getfile says 'File deleted.' and the status is Deleted", async () => {
    const h = await harness(transport);
    const id: string = (await send(h)).body.file_id;
    const remove = () => h.get(query("/v2/deletefile", { file_id: id }));
    expect((await remove()).body).toMatchObject({ success: false });
    h.clock.advance(60_000);
    expect(await remove()).toMatchObject({
      status: 200,
      body: { success: true, message: "File Deleted", file_name: "list.csv", file_id: id },
    });
    expect((await h.get(query("/v2/getfile", { file_id: id }))).body).toEqual({
      success: false,
      message: "File deleted.",
    });
    expect((await h.get(query("/v2/filestatus", { file_id: id }))).body).toMatchObject({
      file_status: "Deleted",
    });
    expect((await remove()).body).toEqual({ success: false, message: "File cannot be found." });
  });

  it("answers unknown files, phase 2 downloads and bad keys on getfile with HTTP-200 errors", async () => {
    const h = await harness(transport);
    const cases: [Record<string, string>, string][] = [
      [{ file_id: "nope" }, "File cannot be found."],
      [{ file_id: demoId(h.sandbox, "zerobounce"), download_type: "phase_2" }, "File not ready"],
      [{ file_id: "aaaaaaaa-zzzz-xxxx-yyyy-5003727fffff", download_type: "phase_2" }, "Phase 2"],
      [{ file_id: "aaaaaaaa-zzzz-xxxx-yyyy-5003727fffff", api_key: "bad" }, "api_key is invalid."],
    ];
    for (const [params, message] of cases) {
      const answer = await h.get(query("/v2/getfile", params));
      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({
        success: false,
        message: expect.stringContaining(message),
      });
    }
  });

  it("serves a seeded Complete file too, and echoes return_url in filestatus", async () => {
    const h = await harness(transport);
    const seeded = await h.send(
      query("/v2/getfile", { file_id: "aaaaaaaa-zzzz-xxxx-yyyy-5003727fffff" }),
    );
    const rows = parseCsv(await seeded.text());
    expect(rows[0]).toEqual(["email", "ZB Status"]);
    for (const [email, status] of rows.slice(1)) expect(status).toBe(verdict(email!));
    const id = (await send(h, form({ return_url: "https://example.com/done" }))).body.file_id;
    expect((await h.get(query("/v2/filestatus", { file_id: id }))).body).toMatchObject({
      return_url: "https://example.com/done",
    });
  });

  it("counts uploads and downloads towards the 250 requests a minute", async () => {
    const h = await harness(transport);
    const id = demoId(h.sandbox, "zerobounce");
    for (let i = 0; i < 248; i++) await h.send(query("/v2/filestatus", { file_id: id }));
    expect((await send(h)).status).toBe(200);
    expect((await h.send(query("/v2/getfile", { file_id: id }))).status).toBe(200);
    expect((await send(h)).status).toBe(429);
    expect((await h.send(query("/v2/deletefile", { file_id: id }))).status).toBe(429);
  }, 30_000); // a hundred or more requests in a row: seconds on a loaded machine
});
