import { caught, placesOf } from "@filestatus/testkit";
import { describe, expect, it } from "vitest";
import { ApiError, type RoundTripProgress } from "../src/index.ts";
import {
  expectedStatus,
  formFields,
  KEY,
  LIST,
  rows,
  useRoundTripSandbox,
} from "./roundtrip-setup.ts";

const setup = useRoundTripSandbox();
const FAST = { intervalMs: 5, timeoutMs: 10_000 };

describe("zerobounce round trip against the sandbox", () => {
  it("processFile sends the list, waits, and streams back its rows with ZB Status", async () => {
    const zb = setup.client();
    const { status, results } = await zb.processFile(LIST, {
      emailColumn: 2,
      hasHeaderRow: true,
      filename: "leads.csv",
      ...FAST,
    });
    expect(status).toMatchObject({ provider: "zerobounce", state: "complete", name: "leads.csv" });
    expect(results.headers.get("content-disposition")).toContain('filename="leads.csv"');
    const [header, ...data] = rows(LIST);
    expect(rows(await results.text())).toEqual([
      [...header!, "ZB Status"],
      ...data.map((row) => [...row, expectedStatus(row[1]!)]),
    ]);
    expect(setup.sandbox().received("zerobounce")).toBe(1);
  });

  it("reports uploading, then processing, then downloading, to one onProgress", async () => {
    const seen: RoundTripProgress[] = [];
    const { results } = await setup.client().processFile(new TextEncoder().encode(LIST), {
      emailColumn: 2,
      hasHeaderRow: true,
      onProgress: (p) => void seen.push(p),
      ...FAST,
    });
    await results.text();
    const phases = seen.map((p) => p.phase).filter((p, i, all) => p !== all[i - 1]);
    expect(phases).toEqual(["uploading", "processing", "downloading"]);
    const uploaded = seen.filter((p) => p.phase === "uploading").at(-1)!;
    expect(uploaded).toMatchObject({ progress: 100, bytes: uploaded.totalBytes });
    expect(seen.filter((p) => p.phase === "processing").at(-1)!.status!.state).toBe("complete");
    const downloaded = seen.filter((p) => p.phase === "downloading").at(-1)!;
    expect(downloaded.bytes).toBe(new TextEncoder().encode(await rowsText()).length);

    async function rowsText() {
      const [header, ...data] = rows(LIST);
      const lines = [[...header!, "ZB Status"], ...data.map((r) => [...r, expectedStatus(r[1]!)])];
      return lines.map((line) => line.join(",") + "\r\n").join("");
    }
  });

  it("scoring: true goes through the A.I. scoring endpoints and scores 10 or 0", async () => {
    const zb = setup.client();
    const list = "ada@example.com\nbob@dead.example\n";
    const { status, results } = await zb.processFile(list, {
      emailColumn: 1,
      scoring: true,
      ...FAST,
    });
    expect(rows(await results.text())).toEqual([
      ["ada@example.com", "10"],
      ["bob@dead.example", "0"],
    ]);
    const paths = new Set(setup.sent.map((s) => s.url.pathname));
    expect([...paths].sort()).toEqual([
      "/v2/scoring/filestatus",
      "/v2/scoring/getfile",
      "/v2/scoring/sendfile",
    ]);
    expect(await zb.scoring.uploadStatus(status.id)).toMatchObject({ state: "complete" });
    // A scoring file is unknown to the validation status endpoint.
    const error = await caught(zb.uploadStatus(status.id));
    expect(ApiError.is(error) && error.message).toMatch(/file_id is invalid/);
  });

  it("upload resolves the queued upload from sendfile's answer alone, the key in the form only", async () => {
    const zb = setup.client();
    const upload = await zb.upload(new File([LIST], "mine.csv"), {
      emailColumn: 2,
      hasHeaderRow: true,
      removeDuplicate: false,
      allowPhase2: true,
      ipAddressColumn: 3,
      returnUrl: "https://example.com/zb-done",
    });
    expect(upload).toMatchObject({ provider: "zerobounce", state: "queued", name: "mine.csv" });
    expect(upload.id).toMatch(/^[\w-]+$/);
    expect(setup.sent).toHaveLength(1);
    const [sent] = setup.sent;
    expect(sent!.url.pathname).toBe("/v2/sendfile");
    expect(sent!.url.searchParams.has("api_key")).toBe(false);
    expect(await formFields(sent!)).toEqual({
      api_key: KEY,
      email_address_column: "2",
      ip_address_column: "3",
      has_header_row: "true",
      remove_duplicate: "false",
      allow_phase_2: "true",
      return_url: "https://example.com/zb-done",
    });
    expect(placesOf({ ...sent!, target: "", headers: {} }, KEY)).toEqual(["body"]);
    const status = await zb.uploadStatus(upload.id);
    expect(status.raw).toMatchObject({ return_url: "https://example.com/zb-done" });
  });

  it("downloadResults says 'File not ready' before the end; deleteUpload removes the results", async () => {
    setup.restart(2); // queued for 250 ms: long enough to ask too early, even on a busy machine
    const zb = setup.client();
    const { id } = await zb.upload(LIST, { emailColumn: 2, hasHeaderRow: true });
    const early = await caught(zb.downloadResults(id));
    expect(ApiError.is(early) && [early.status, early.message]).toEqual([
      200,
      expect.stringContaining("File not ready"),
    ]);
    await zb.waitForUpload(id, { intervalMs: 5 });
    expect(await zb.deleteUpload(id)).toMatchObject({
      success: true,
      message: "File Deleted",
      file_id: id,
    });
    expect(await caught(zb.downloadResults(id))).toMatchObject({
      message: expect.stringContaining("File deleted."),
    });
    expect(await caught(zb.deleteUpload(id))).toMatchObject({
      message: expect.stringContaining("File cannot be found."),
    });
    expect((await zb.uploadStatus(id)).state).toBe("deleted");
  });

  it("downloadResults passes download_type and activity_data as ZeroBounce names them", async () => {
    const zb = setup.client();
    const { status } = await zb.processFile(LIST, { emailColumn: 2, hasHeaderRow: true, ...FAST });
    const phase2 = await caught(zb.downloadResults(status.id, { downloadType: "phase_2" }));
    expect(ApiError.is(phase2)).toBe(true); // the sandbox never runs phase 2
    const results = await zb.downloadResults(status.id, {
      downloadType: "phase_1",
      activityData: false,
    });
    expect(await results.text()).toContain("ZB Status");
    const query = setup.sent.at(-1)!.url.searchParams;
    expect([query.get("download_type"), query.get("activity_data")]).toEqual(["phase_1", "false"]);
  });
});
