import { caught } from "@filestatus/testkit";
import { describe, expect, it } from "vitest";
import {
  ApiError,
  UploadFailedError,
  type IpqsUploadInput,
  type RoundTripProgress,
  type UploadOptions,
} from "../src/index.ts";
import { isValidEmail, KEY, rowsOf, useWorld } from "./roundtrip-setup.ts";

const world = useWorld();
const FAST = { intervalMs: 10, timeoutMs: 10_000 };

const EMAILS = ["alice@example.com", "bob@dead.example", "not-an-email", "dan@example.org"];
const CSV = ["email,name", ...EMAILS.map((e, i) => `${e},n${i}`)].join("\r\n") + "\r\n";

describe("ipqs processFile against the sandbox", () => {
  it("uploads a CSV, waits, and streams the results judged by the documented rule", async () => {
    const client = world.client();
    const { status, results } = await client.processFile(CSV, {
      type: "email",
      filename: "leads.csv",
      ...FAST,
    });
    expect(status).toMatchObject({ provider: "ipqs", name: "leads.csv", state: "complete" });
    expect(results.headers.get("content-type")).toBe("text/csv");
    const rows = rowsOf(await results.text());
    expect(rows.map((row) => row.slice(0, 3))).toEqual([
      ["email", "name", "valid"],
      ...EMAILS.map((e, i) => [e, `n${i}`, String(isValidEmail(e))]),
    ]);
    const invalid = EMAILS.filter((e) => !isValidEmail(e)).length;
    expect((status.raw as { invalid_records: number }).invalid_records).toBe(invalid);
    expect(world.sandbox.received("ipqs")).toBe(1);
  });

  it("takes JSON rows and downloads the result file asked for (which: bad)", async () => {
    const rows = EMAILS.map((e) => [e]);
    const { results } = await world
      .client()
      .processFile({ rows }, { type: "email", which: "bad", ...FAST });
    const bad = rowsOf(await results.text()).slice(1);
    expect(bad.map((row) => row[0])).toEqual(EMAILS.filter((e) => !isValidEmail(e)));
  });

  it("reports uploading, processing and downloading, in that order", async () => {
    const phases: RoundTripProgress["phase"][] = [];
    const { results } = await world.client().processFile(new TextEncoder().encode(CSV), {
      type: "email",
      ...FAST,
      onProgress: (p) => void phases.push(p.phase),
    });
    await results.text();
    const order = [...new Set(phases)];
    expect(order).toEqual(["uploading", "processing", "downloading"]);
    expect(phases.indexOf("downloading")).toBeGreaterThan(phases.lastIndexOf("processing"));
  });
});

describe("ipqs upload", () => {
  it("resolves the new CSV queued from the answer alone, its key and links redacted", async () => {
    const status = await world.client().upload(new Blob([CSV]), { type: "email" });
    expect(world.seen).toEqual([`POST /api/json/csv/${encodeURIComponent(KEY)}/email/upload`]);
    expect(status).toMatchObject({ provider: "ipqs", state: "queued", id: /^\d+$/ });
    expect(status.name).toMatch(/^email_\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    expect((status.raw as { status_url: string }).status_url).toMatch(/\/csv\/\*\*\*\/status\//);
    expect(JSON.stringify(status)).not.toContain(encodeURIComponent(KEY));
  });

  it("lets IPQS fetch a url (here one of the sandbox's own files)", async () => {
    const client = world.client();
    const url = `${world.origin}/sandbox/ipqs/files/emails.csv`;
    const sample = rowsOf(await (await fetch(url)).text());
    const queued = await client.upload({ url }, { type: "email", filename: "linked.csv" });
    expect(queued.name).toBe("linked.csv");
    await client.waitForUpload(queued.id, FAST);
    const clean = rowsOf(
      await (await client.downloadResults(queued.id, { which: "clean" })).text(),
    );
    const good = sample.slice(1).filter(([email]) => isValidEmail(email!));
    expect(clean.slice(1).map((row) => row.slice(0, 2))).toEqual(good);
  });

  it.each<[string, unknown, Partial<UploadOptions>, RegExp, ErrorConstructor]>([
    ["an empty file", "", {}, /file is empty; nothing was sent/, RangeError],
    ["no type", CSV, { type: undefined }, /"type" option is required/, TypeError],
    [
      "an undocumented type",
      CSV,
      { type: "leaked_email" as never },
      /"type" must be one of/,
      RangeError,
    ],
    ["rows without records", { rows: [[""], []] }, {}, /"rows" holds no records/, RangeError],
    [
      "rows that are not strings",
      { rows: [[1]] },
      {},
      /"rows" must be an array of rows/,
      TypeError,
    ],
    [
      "a url that is no link",
      { url: "file:///etc/passwd" },
      {},
      /"url" must be an absolute/,
      TypeError,
    ],
    ["a filename with a line break", CSV, { filename: "a\nb" }, /"filename" must be/, TypeError],
    ["an input of another kind", 42, {}, /input must be a file/, TypeError],
  ])("refuses %s before sending anything", async (_, input, options, message, kind) => {
    const error = await caught(
      world.client().upload(input as IpqsUploadInput, { type: "email", ...options } as never),
    );
    expect(error).toBeInstanceOf(kind);
    expect(String(error)).toMatch(message);
    expect(world.seen).toEqual([]);
    expect(world.sandbox.received("ipqs")).toBe(0);
  });

  it("returns IPQS's HTTP-200 refusal as an ApiError that is surely not accepted", async () => {
    const error = await caught(world.client({ apiKey: "bad-key" }).upload(CSV, { type: "email" }));
    expect(ApiError.is(error)).toBe(true);
    expect(error).toMatchObject({ status: 200, mayHaveBeenAccepted: false });
    expect((error as ApiError).providerMessage).toMatch(/Invalid or unauthorized key/);
  });
});

describe("ipqs downloadResults", () => {
  it("refuses a CSV that is not FINISHED, or was aborted, and an unknown `which` before sending", async () => {
    const client = world.client();
    // 3,000 rows take 3 s at the sandbox's speed: not FINISHED yet, even on a loaded machine.
    const long = ["email", ...Array.from({ length: 3_000 }, (_, i) => `u${i}@example.com`)].join(
      "\n",
    );
    const queued = await client.upload(long, { type: "email" });
    const early = await caught(client.downloadResults(queued.id));
    expect(ApiError.is(early)).toBe(true);
    expect(String(early)).toMatch(
      /is (NEW|PROCESSING), not FINISHED: its results are not ready yet/,
    );
    const broken = world.sandbox.uploads("ipqs").find((u) => u.name.startsWith("broken-export"))!;
    expect(UploadFailedError.is(await caught(client.downloadResults(broken.id)))).toBe(true);
    const before = world.seen.length;
    const which = await caught(client.downloadResults(queued.id, { which: "good" as never }));
    expect(which).toBeInstanceOf(RangeError);
    expect(world.seen.length).toBe(before);
  });

  it("asks for a fresh status each time, since a link works only once", async () => {
    const client = world.client();
    const queued = await client.upload(CSV, { type: "email" });
    await client.waitForUpload(queued.id, FAST);
    const first = await (await client.downloadResults(queued.id)).text();
    const second = await (await client.downloadResults(queued.id)).text();
    expect(second).toBe(first);
    expect(world.seen.filter((s) => s.endsWith(`/status/${queued.id}`)).length).toBeGreaterThan(2);
  });

  it("keeps the one-time links out of the statuses it returns", async () => {
    const client = world.client();
    const queued = await client.upload(CSV, { type: "email" });
    const done = await client.waitForUpload(queued.id, FAST);
    const all = (done.raw as { downloads: { all: string } }).downloads.all;
    expect(all).toMatch(/\/download\?download=\*\*\*&filename=\*\*\*$/);
  });
});
