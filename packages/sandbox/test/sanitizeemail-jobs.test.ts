/**
 * SanitizeEmail jobs and results: a received file is cleaned or validated once its job starts,
 * the download endpoints answer 409 until then and a pre-signed link after, and the link serves
 * the CSV the documented rule gives, without a key, for 15 minutes.
 */
import { describe, expect, it } from "vitest";
import { DEAD_DOMAINS, parseCsv, verdict } from "../src/lists.ts";
import { harness, TRANSPORTS, type Harness } from "./helpers.ts";
import { sendUpload } from "./sanitizeemail-form.ts";

const KEY = { "X-API-KEY": "se-key" };
const EMAILS = [
  "Ann@Example.com",
  "bob@dead.example",
  "not-an-email",
  "ann@example.com",
  "cy@example.org",
];
const CSV = `email,name\n${EMAILS.map((e, i) => `${e},n${i}`).join("\n")}\n`;

/** The distinct addresses (compared lower-case, first kept): what both jobs work on. */
const distinct = EMAILS.filter(
  (e, i) => EMAILS.findIndex((other) => other.toLowerCase() === e.toLowerCase()) === i,
);

const post = (h: Harness, path: string, body: unknown) =>
  h.get(path, {
    method: "POST",
    headers: { ...KEY, "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
const link = (h: Harness, kind: "clean" | "validate", id: number) =>
  h.get(
    kind === "clean"
      ? `/v1/api/cleanedemail/download-cleaned-emails/?file_id=${id}`
      : `/v1/api/email-validation/download-validation-results/?file_id=${id}`,
    { headers: KEY },
  );
const status = async (h: Harness, id: number) =>
  (await h.get(`/v1/api/filesupload/${id}`, { headers: KEY })).body;

async function uploaded(h: Harness): Promise<number> {
  const { status, body } = await sendUpload(h, CSV);
  expect(status).toBe(201);
  return body.id;
}

describe.each(TRANSPORTS)("sanitizeemail jobs and results (%s)", (transport) => {
  it("cleans: pending → processing with rising progress → cleaned, then a link to the valid emails", async () => {
    const h = await harness(transport);
    const id = await uploaded(h);
    expect((await link(h, "clean", id)).status).toBe(409);
    const started = await post(h, "/v1/api/cleanemail/", { file_id: id, list_name: "Kept" });
    expect(started).toMatchObject({
      status: 200,
      body: { status: "queued", file_id: id, list_name: "Kept", total_emails: EMAILS.length },
    });
    const seen: string[] = [];
    for (const ms of [0, 600, 200, 2_000]) {
      h.clock.advance(ms);
      const file = await status(h, id);
      seen.push(`${file.status} ${file.progress_percentage}`);
    }
    expect(seen).toEqual(["pending 0", "processing 20", "processing 60", "cleaned 100"]);
    const { status: code, body } = await link(h, "clean", id);
    expect(code).toBe(200);
    const valid = distinct.filter((e) => verdict(e) === "valid");
    expect(body).toMatchObject({ file_id: String(id), record_count: valid.length, format: "csv" });
    expect(body.filename).toMatch(new RegExp(`^cleaned_emails_${id}_\\d+\\.csv$`));
    expect(body.download_url).toMatch(/X-Amz-Signature=\w+&X-Amz-Expires=900$/);
    const csv = await h.send(body.download_url); // no X-API-KEY
    expect(csv.headers.get("content-type")).toBe("text/csv");
    expect(parseCsv(await csv.text())).toEqual([["email"], ...valid.map((e) => [e])]);
    expect((await link(h, "validate", id)).status).toBe(404);
  });

  it("validates: every distinct address with its status, in the documented columns", async () => {
    const h = await harness(transport);
    const id = await uploaded(h);
    const started = await post(h, "/v1/api/email-validation/", {
      file_id: id,
      file_tag: "validate",
    });
    expect(started.body).toMatchObject({
      file_id: String(id),
      remaining_processing: distinct.length,
    });
    expect((await link(h, "validate", id)).body.error).toMatch(/not been validated/);
    h.clock.advance(10_000);
    expect((await status(h, id)).status).toBe("validated");
    const { body } = await link(h, "validate", id);
    const [header, ...rows] = parseCsv(await (await h.send(body.download_url)).text());
    expect(header).toEqual([
      "email",
      "status",
      "normalized_email",
      "is_disposable",
      "is_role_account",
      "type",
      "mx_records",
      "validation_reasons",
      "dmarc_policy",
      "created_date",
    ]);
    expect(rows.map((r) => [r[0], r[1], r[2]])).toEqual(
      distinct.map((e) => [e, verdict(e), e.toLowerCase()]),
    );
    const pages = await h.get(`/v1/api/email-validation/?file_id=${id}&size=2`, { headers: KEY });
    expect(pages.body.count).toBe(distinct.length);
    expect(pages.body.results.map((r: { email: string }) => r.email)).toEqual(distinct.slice(0, 2));
  });

  it("serves a link until it expires 15 minutes later, and only with its signature", async () => {
    const h = await harness(transport);
    const id = await uploaded(h);
    await post(h, "/v1/api/cleanemail/", { file_id: id });
    h.clock.advance(10_000);
    const url = new URL((await link(h, "clean", id)).body.download_url);
    const forged = new URL(url);
    forged.searchParams.set("X-Amz-Signature", "forged");
    expect((await h.send(forged.href)).status).toBe(403);
    h.clock.advance(14 * 60_000);
    expect((await h.send(url.href)).status).toBe(200);
    h.clock.advance(2 * 60_000);
    const expired = await h.send(url.href);
    expect([expired.status, await expired.text()]).toEqual([403, expect.stringMatching(/expired/)]);
  });

  it("pages the cleaned emails, empty while cleaning", async () => {
    const h = await harness(transport);
    const id = await uploaded(h);
    await post(h, "/v1/api/cleanemail/", { file_id: id });
    const path = `/v1/api/cleanedemail/?file_id=${id}`;
    expect((await h.get(path, { headers: KEY })).body).toMatchObject({ count: 0, results: [] });
    h.clock.advance(10_000);
    const { body } = await h.get(path, { headers: KEY });
    expect(body.results.map((r: { valid_email: string }) => r.valid_email)).toEqual(
      distinct.filter((e) => verdict(e) === "valid"),
    );
    expect(body.results[0].clean_email.file_id).toMatchObject({ id, status: "cleaned" });
  });

  it("refuses a job while one runs, runs it anew once done, and refuses unknown files and bad bodies", async () => {
    const h = await harness(transport);
    const id = await uploaded(h);
    expect((await post(h, "/v1/api/cleanemail/", { file_id: id })).status).toBe(200);
    const running = await post(h, "/v1/api/email-validation/", {
      file_id: id,
      file_tag: "validate",
    });
    expect(running).toMatchObject({
      status: 400,
      body: { error: expect.stringMatching(/running/) },
    });
    h.clock.advance(10_000);
    expect((await status(h, id)).status).toBe("cleaned");
    const again = await post(h, "/v1/api/email-validation/", { file_id: id, file_tag: "validate" });
    expect(again.status).toBe(200);
    expect((await status(h, id)).status).toBe("pending");
    expect((await link(h, "validate", id)).status).toBe(409);
    expect((await post(h, "/v1/api/cleanemail/", { file_id: 999_999 })).status).toBe(404);
    expect((await post(h, "/v1/api/cleanemail/", {})).body).toEqual({
      file_id: ["This field is required."],
    });
    const both = await post(h, "/v1/api/email-validation/", { file_id: id, emails: ["a@b.co"] });
    expect(both.status).toBe(400);
    const noTag = await post(h, "/v1/api/email-validation/", { file_id: id });
    expect(noTag.body).toHaveProperty("file_tag");
    for (const query of ["", "?file_id=abc"]) {
      const path = `/v1/api/cleanedemail/download-cleaned-emails/${query}`;
      expect((await h.get(path, { headers: KEY })).status).toBe(400);
    }
    expect((await link(h, "clean", 999_999)).status).toBe(404);
  });

  it("serves a seeded cleaned file's results, as many as its file object counts", async () => {
    const h = await harness(transport);
    const cleaned = (
      await h.get("/v1/api/filesupload/?file_tag=clean&size=100", { headers: KEY })
    ).body.results.find((f: { status: string }) => f.status === "cleaned");
    const { body } = await link(h, "clean", cleaned.id);
    expect(body.record_count).toBe(cleaned.clean_email_count);
    const rows = parseCsv(await (await h.send(body.download_url)).text());
    expect(rows.length - 1).toBe(cleaned.clean_email_count);
    expect(rows.slice(1).every(([email]) => verdict(email!) === "valid")).toBe(true);
    expect(await status(h, cleaned.id)).toEqual(cleaned);
    const failed = (
      await h.get("/v1/api/filesupload/?size=100", { headers: KEY })
    ).body.results.find((f: { status: string }) => f.status === "failed");
    expect((await link(h, "validate", failed.id)).status).toBe(404);
  });

  it("validates emails at once in emails mode and lists them with type=list", async () => {
    const h = await harness(transport);
    const emails = ["info@example.com", `x@${DEAD_DOMAINS[0]}`];
    const { body } = await post(h, "/v1/api/email-validation/", {
      emails,
      file_tag: "quickstart-test",
    });
    expect(body.results.map((r: { status: string }) => r.status)).toEqual(emails.map(verdict));
    expect(body.results[0]).toMatchObject({
      is_role_account: true,
      reason: { format: { status: "pass" } },
    });
    const history = await h.get("/v1/api/email-validation/?type=list", { headers: KEY });
    expect(history.body.results.map((r: { email: string }) => r.email)).toEqual(
      [...emails].reverse(),
    );
  });
});
