import { describe, expect, it } from "vitest";
import { parseCsv, processingMs, QUEUED_MS, toCsv, verdict } from "../src/lists.ts";
import { harness, TRANSPORTS, type Harness } from "./helpers.ts";

const KEY = "ipqs-Secret/Key+123";
const BASE = `/api/json/csv/${encodeURIComponent(KEY)}`;

const EMAILS = [
  ["email", "name"],
  ["alice@example.com", "Alice"],
  ["bob@dead.example", "Bob"],
  ["not an email", "Carol"],
  ["dan@example.org", "Dan"],
];

function fileForm(text: string, field = "file", name = "list.csv"): FormData {
  const form = new FormData();
  form.set(field, new Blob([text], { type: "text/csv" }), name);
  return form;
}

const post = (h: Harness, path: string, body?: BodyInit, headers?: HeadersInit) =>
  h.get(`${BASE}${path}`, { method: "POST", ...(body !== undefined && { body }), headers });

/** Status, then each of the four result files through the fresh links it hands out. */
async function results(h: Harness, id: number): Promise<Record<string, string[][]>> {
  const { body } = await h.get(`${BASE}/status/${id}`);
  expect(body.status).toBe("FINISHED");
  const files: Record<string, string[][]> = {};
  for (const which of ["all", "bad", "clean", "pristine"]) {
    const response = await h.send(body.downloads[which]);
    expect(response.headers.get("content-type")).toBe("text/csv");
    files[which] = parseCsv(await response.text());
  }
  return files;
}

const done = (h: Harness, rows: number) => h.clock.advance(QUEUED_MS + processingMs(rows) + 1);

describe.each(TRANSPORTS)("ipqs uploads (%s)", (transport) => {
  it("takes one multipart file under any field name and answers the new CSV, NEW", async () => {
    const h = await harness(transport);
    const form = fileForm(toCsv(EMAILS), "whatever");
    const { status, body } = await post(h, "/email/upload?file_name=leads.csv", form);
    expect(status).toBe(200);
    expect(body).toEqual({
      message: "Success",
      success: true,
      id: expect.any(Number),
      file_name: "leads.csv",
      type: "email",
      strictness: 0,
      status: "NEW",
      aborted: null,
      invalid_records: 0,
      status_url: `${h.origin}${BASE}/status/${body.id}`,
      downloads: { pristine: null, clean: null, bad: null, all: null },
      request_id: expect.any(String),
      api_version: 1,
    });
    expect(h.sandbox.received("ipqs")).toBe(1);
    const listed = (await h.get(`${BASE}/list`)).body.csvs[0];
    expect(listed).toMatchObject({ id: body.id, file_name: "leads.csv", status: "NEW" });
  });

  it("processes without progress to FINISHED, then serves results judged by the email verdict", async () => {
    const h = await harness(transport);
    const { body } = await post(h, "/email/upload", fileForm(toCsv(EMAILS)));
    h.clock.advance(QUEUED_MS);
    expect((await h.get(`${BASE}/status/${body.id}`)).body.status).toBe("PROCESSING");
    done(h, 4);
    const valid = EMAILS.slice(1).map(([email]) => verdict(email!) === "valid");
    const finished = (await h.get(`${BASE}/status/${body.id}`)).body;
    expect(finished.invalid_records).toBe(valid.filter((v) => !v).length);

    const files = await results(h, body.id);
    expect(files.all!.map((row) => row.slice(0, 3))).toEqual([
      ["email", "name", "valid"],
      ...EMAILS.slice(1).map((row, i) => [...row, String(valid[i])]),
    ]);
    const scores = files.all!.slice(1).map((row) => Number(row[3]));
    expect(scores.every((s) => Number.isInteger(s) && s >= 0 && s <= 100)).toBe(true);
    const ofKind = (ok: boolean) => files.all!.filter((row, i) => i === 0 || valid[i - 1] === ok);
    expect(files.bad).toEqual(ofKind(false));
    expect(files.clean).toEqual(ofKind(true));
    expect(files.pristine).toEqual(ofKind(true));
    // Deterministic: the next status hands out fresh links to the same results.
    expect((await results(h, body.id)).all).toEqual(files.all);
  });

  it("takes JSON rows without a header and names the columns in the results", async () => {
    const h = await harness(transport);
    const input = [
      ["eve@example.com", "x"],
      ["eve@bounce.example", "y"],
    ];
    const { body } = await post(h, "/email/upload", JSON.stringify({ input }), {
      "content-type": "application/json",
    });
    expect(body).toMatchObject({ success: true, status: "NEW" });
    // No file_name: IPQS names it after the type and the upload time (sandbox clock, UTC).
    expect(body.file_name).toBe("email_2025-01-01 00:00:00");
    done(h, 2);
    expect((await results(h, body.id)).all!.map((row) => row.slice(0, 3))).toEqual([
      ["email", "column_2", "valid"],
      ["eve@example.com", "x", "true"],
      ["eve@bounce.example", "y", "false"],
    ]);
  });

  it("fetches a url only from its own sample files, and says why it refuses any other", async () => {
    const h = await harness(transport);
    const sample = `${h.origin}/sandbox/ipqs/files/emails.csv`;
    const served = await h.send(sample);
    expect(served.status).toBe(200);
    const rows = parseCsv(await served.text());
    const { body } = await post(h, `/email/upload?url=${encodeURIComponent(sample)}`);
    expect(body).toMatchObject({ success: true, status: "NEW" });
    done(h, rows.length);
    expect((await results(h, body.id)).all!.length).toBe(rows.length);

    // The documentation also takes the link as a POST form field, named url or input.
    const form = new URLSearchParams({ input: sample, file_name: "linked.csv" });
    expect((await post(h, "/email/upload", form)).body).toMatchObject({ file_name: "linked.csv" });

    const elsewhere = encodeURIComponent("https://example.com/list.csv");
    const refused = (await post(h, `/email/upload?url=${elsewhere}`)).body;
    expect(refused).toMatchObject({ success: false, message: expect.stringContaining(sample) });
    const noScheme = (await post(h, "/email/upload?input=example.com/list.csv")).body;
    expect(noScheme.message).toMatch(/http:\/\/, https:\/\/ or ftp:\/\//);
    expect(h.sandbox.received("ipqs")).toBe(2);
  });

  it.each([
    ["a bad key", "/api/json/csv/bad-key/email/upload", () => fileForm("a@b.co\n")],
    ["an unknown file type", `${BASE}/fax/upload`, () => fileForm("a@b.co\n")],
    ["an empty file", `${BASE}/email/upload`, () => fileForm("")],
    ["blank lines only", `${BASE}/email/upload`, () => fileForm("\r\n \r\n")],
    ["a header without records", `${BASE}/email/upload`, () => fileForm("email,name\n")],
    ["no file, rows or url", `${BASE}/email/upload`, () => undefined],
    [
      "two files",
      `${BASE}/email/upload`,
      () => {
        const form = fileForm("a@b.co\n");
        form.set("second", new Blob(["c@d.co\n"]), "b.csv");
        return form;
      },
    ],
    ["JSON that is not rows", `${BASE}/email/upload`, () => JSON.stringify({ input: ["a@b.co"] })],
    ["a JSON body that does not parse", `${BASE}/email/upload`, () => "{input:"],
  ])("refuses %s with HTTP 200 and success: false, registering nothing", async (_, path, body) => {
    const h = await harness(transport);
    const init = body();
    const headers = typeof init === "string" ? { "content-type": "application/json" } : undefined;
    const { status, body: answer } = await h.get(path, { method: "POST", body: init, headers });
    expect(status).toBe(200);
    expect(answer).toEqual({
      success: false,
      message: expect.stringMatching(/\w/),
      request_id: expect.any(String),
    });
    expect(h.sandbox.received("ipqs")).toBe(0);
  });
});

describe.each(TRANSPORTS)("ipqs download links (%s)", (transport) => {
  it("work once, and expire 15 minutes after the status call that made them", async () => {
    const h = await harness(transport);
    const { body } = await post(h, "/phone/upload", fileForm("phone\n+1 555 010 0199\n"));
    done(h, 1);
    const status = async () => (await h.get(`${BASE}/status/${body.id}`)).body.downloads;
    const first = await status();
    expect(first.all).toMatch(
      new RegExp(`^${h.origin}/download\\?download=\\w{32}&filename=.*-All-Results\\.csv$`),
    );
    expect((await h.send(first.all)).status).toBe(200);
    const used = await h.send(first.all);
    expect([used.status, await used.text()]).toEqual([404, expect.stringMatching(/already used/)]);

    const second = await status();
    expect(second.all).not.toBe(first.all);
    h.clock.advance(15 * 60_000);
    expect((await h.send(second.bad)).status).toBe(200);
    h.clock.advance(1);
    const expired = await h.send(second.clean);
    expect([expired.status, await expired.text()]).toEqual([410, expect.stringMatching(/expired/)]);
  });
});
