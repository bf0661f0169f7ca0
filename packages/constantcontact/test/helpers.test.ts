import { documentedValues, itHonoursWaitLimits } from "@filestatus/testkit";
import { createSandbox, defaultUploads, DEMO_UPLOAD_IDS } from "@filestatus/sandbox";
import { serve, type SandboxServer } from "@filestatus/sandbox/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ApiError,
  chunkIds,
  createClient,
  MAX_IDS_BYTES,
  STATES,
  TimeoutError,
  toUploadStatus,
  UploadFailedError,
  UploadNotFoundError,
  type UploadStatus,
} from "../src/index.ts";

const TOKEN = "cc-Helper/Token+1";
// Library files with ids long enough (60 digits) that 30 of them do not fit in one URL.
const LONG_IDS = Array.from({ length: 30 }, (_, i) => "7" + String(i).padStart(59, "0"));
const makeSandbox = (speed = 20) =>
  createSandbox({
    speed,
    uploads: [
      ...defaultUploads(),
      ...LONG_IDS.map((id) => ({
        ...defaultUploads().find((u) => u.provider === "constantcontact" && u.id === "9")!,
        id,
        name: `library-${id}.png`,
      })),
    ],
  });
let sandbox = makeSandbox();
const named = (name: string) => sandbox.uploads("constantcontact").find((u) => u.name === name)!.id;
let server: SandboxServer;
let requests = 0;

beforeAll(async () => {
  server = await serve((request) => (requests++, sandbox.fetch(request)));
});
afterAll(() => server.close());

// A fresh key per client: the sandbox, like Constant Contact, allows 4 calls a second per api_key,
// and each client's own limiter keeps that key within it.
let keys = 0;
const client = (apiKey = `cc-Helper/Key+${++keys}`) =>
  createClient({ apiKey, accessToken: TOKEN, baseUrl: server.url });

describe("constantcontact status mapping", () => {
  it.each([
    ["Uploaded", "queued"],
    ["Processing", "processing"],
    ["Active", "complete"],
    ["Failed", "failed"],
    ["VirusFound", "failed"],
    ["Deleted", "deleted"],
    ["Archived", "unknown"],
  ])("status %j → %s, keeping the raw object", (status, state) => {
    const raw = { file_id: "9", status, description: status };
    expect(toUploadStatus(raw)).toEqual({
      provider: "constantcontact",
      id: "9",
      state,
      raw,
    });
  });

  it("accepts a numeric file_id, as one official SDK sends it", () => {
    expect(toUploadStatus({ file_id: 42, status: "Active" })).toMatchObject({
      id: "42",
      state: "complete",
    });
  });

  it("lists exactly the values specs/constantcontact.yaml documents for FileUploadStatus.status", () => {
    const { values, open } = documentedValues("constantcontact", "FileUploadStatus", "status");
    // The spec's list (FileUploadState) is open: any other string may arrive, and maps to "unknown".
    expect(open).toBe(true);
    expect(Object.keys(STATES).sort()).toEqual(values);
  });
});

describe("constantcontact uploadStatus against the sandbox", () => {
  it.each([
    ["customers.png", "complete", "Active"],
    ["broken-export.png", "failed", "Failed"],
    ["attachment.png", "failed", "VirusFound"],
    ["old-leads.png", "deleted", "Deleted"],
    ["signups.png", "queued", "Uploaded"],
    ["newsletter-audience.png", "processing", "Processing"],
  ])("%s is %s (%s), with no made-up progress", async (name, state, status) => {
    const id = named(name);
    const result = await client().uploadStatus(id);
    expect(result).toEqual({
      provider: "constantcontact",
      id,
      state,
      raw: { file_id: id, status, description: status },
    });
    expect(result.progress).toBeUndefined();
  });

  it("throws UploadNotFoundError for an id that matches no file, keeping the credentials out", async () => {
    const before = requests;
    const apiKey = "cc-Secret/Key+404";
    const error = await client(apiKey)
      .uploadStatus("404404")
      .catch((e: unknown) => e);
    expect(UploadNotFoundError.is(error)).toBe(true);
    expect(ApiError.is(error)).toBe(false); // the server answered 200: no made-up 404
    expect(error).toMatchObject({ provider: "constantcontact", id: "404404" });
    expect((error as Error).message).toBe("constantcontact: upload 404404 matches no library file");
    const text = JSON.stringify(error) + String((error as Error).stack) + (error as Error).message;
    expect(text).not.toContain(apiKey);
    expect(text).not.toContain(TOKEN);
    expect(requests).toBe(before + 1);
  });

  it("throws ApiError with Constant Contact's status and message when the token is refused", async () => {
    const refused = createClient({
      apiKey: "cc-Helper/Key+401",
      accessToken: "bad-token",
      baseUrl: server.url,
    });
    const error = await refused.uploadStatus(named("customers.png")).catch((e: unknown) => e);
    expect(ApiError.is(error)).toBe(true);
    expect(error).toMatchObject({ status: 401 });
    expect((error as ApiError).providerMessage).toContain("Invalid token.");
  });

  it("rejects an empty id before sending anything", async () => {
    const before = requests;
    await expect(client().uploadStatus("")).rejects.toThrow(TypeError);
    await expect(client().uploadStatus("   ")).rejects.toThrow(/an upload id is required/);
    expect(requests).toBe(before);
  });
});

describe("constantcontact uploadStatuses against the sandbox", () => {
  it("returns every existing id of a few in one request, leaving out those that match nothing", async () => {
    const before = requests;
    const ids = [named("customers.png"), "404404", named("signups.png"), named("old-leads.png")];
    const statuses = await client().uploadStatuses(ids);
    expect(requests).toBe(before + 1);
    expect(statuses.map((s) => [s.id, s.state])).toEqual([
      [named("customers.png"), "complete"],
      [named("signups.png"), "queued"],
      [named("old-leads.png"), "deleted"],
    ]);
  });

  it("sends an id holding ',' or '/' as one id, not as several or another path", async () => {
    const before = requests;
    expect(await client().uploadStatuses(["9,8", "../9", "404404"])).toEqual([]);
    expect(requests).toBe(before + 1);
  });

  it("splits ids past MAX_IDS_BYTES into several requests and still returns them all", async () => {
    const ids = [...LONG_IDS, "no-such-file", named("customers.png")];
    const chunks = chunkIds(ids);
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.flat()).toEqual(ids);
    for (const chunk of chunks)
      expect(chunk.map(encodeURIComponent).join(",").length).toBeLessThanOrEqual(MAX_IDS_BYTES);
    const before = requests;
    const statuses = await client().uploadStatuses(ids);
    expect(requests - before).toBe(chunks.length);
    expect(statuses.map((s) => s.id).sort()).toEqual([...LONG_IDS, named("customers.png")].sort());
    expect(statuses.every((s) => s.state === "complete")).toBe(true);
  });

  it("chunkIds measures ids percent-encoded", () => {
    expect(chunkIds(["a b", "c"], 6)).toEqual([["a b"], ["c"]]);
    expect(chunkIds(["ab", "c"], 6)).toEqual([["ab", "c"]]);
    expect(chunkIds([])).toEqual([]);
  });
});

describe("constantcontact waitForUpload against the sandbox", () => {
  it("resolves when the demo upload completes, reporting each change of state", async () => {
    // The demo starts now: queued 500 ms, processing 1.5 s at speed 4, long enough for a 40 ms poll
    // to see each state on a loaded machine.
    sandbox = makeSandbox(4);
    const seen: UploadStatus[] = [];
    const done = await client().waitForUpload(DEMO_UPLOAD_IDS.constantcontact, {
      intervalMs: 40,
      onProgress: (s) => seen.push(s),
    });
    expect(done).toMatchObject({ id: DEMO_UPLOAD_IDS.constantcontact, state: "complete" });
    expect(seen.map((s) => s.state)).toEqual(["queued", "processing", "complete"]);
  });

  it.each([
    ["broken-export.png", "Failed"],
    ["attachment.png", "VirusFound"],
  ])("rejects %s with UploadFailedError carrying the failed status", async (name, status) => {
    const error = await client()
      .waitForUpload(named(name), { intervalMs: 40 })
      .catch((e: unknown) => e);
    expect(UploadFailedError.is(error)).toBe(true);
    expect((error as UploadFailedError).status).toMatchObject({
      id: named(name),
      state: "failed",
      raw: { status },
    });
  });

  itHonoursWaitLimits({
    client,
    queuedId: named("signups.png"),
    TimeoutError,
    lastStatus: { raw: { status: "Uploaded" } },
  });
});
