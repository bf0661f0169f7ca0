import { documentedValues, itHonoursWaitLimits } from "@filestatus/testkit";
import { createSandbox, DEMO_UPLOAD_IDS } from "@filestatus/sandbox";
import { serve, type SandboxServer } from "@filestatus/sandbox/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ApiError,
  createClient,
  STATES,
  TimeoutError,
  toUploadStatus,
  UploadFailedError,
  type UploadStatus,
} from "../src/index.ts";

const KEY = "zb-Helper/Key+1";
let sandbox = createSandbox({ speed: 20 });
const named = (name: string) => sandbox.uploads("zerobounce").find((u) => u.name === name)!.id;
let server: SandboxServer;
let requests = 0;

beforeAll(async () => {
  server = await serve((request) => (requests++, sandbox.fetch(request)));
});
afterAll(() => server.close());

const client = () => createClient({ apiKey: KEY, baseUrl: server.url });

describe("zerobounce status mapping", () => {
  it.each([
    ["Queued", "queued"],
    ["In Progress", "processing"],
    ["Processing", "processing"],
    ["Complete", "complete"],
    ["Failed", "failed"],
    ["Deleted", "deleted"],
    ["Paused For Review", "unknown"],
  ])("file_status %j → %s, keeping the raw object", (file_status, state) => {
    const raw = {
      success: true as const,
      file_id: "f",
      file_status,
      complete_percentage: "42% Complete.",
    };
    expect(toUploadStatus(raw)).toEqual({
      provider: "zerobounce",
      id: "f",
      state,
      progress: 42,
      raw,
    });
  });

  it("lists exactly the values specs/zerobounce.yaml documents for FileStatus.file_status", () => {
    const { values, open } = documentedValues("zerobounce", "FileStatus", "file_status");
    // The spec's list (FileProcessingStatus) is open: any other string may arrive, and maps to "unknown".
    expect(open).toBe(true);
    expect(Object.keys(STATES).sort()).toEqual(values);
  });
});

describe("zerobounce uploadStatus against the sandbox", () => {
  it.each([
    ["customers.csv", "complete", 100],
    ["broken-export.csv", "failed", undefined],
    ["old-leads.csv", "deleted", undefined],
    ["signups.csv", "queued", 0],
  ])("%s is %s", async (name, state, progress) => {
    const status = await client().uploadStatus(named(name));
    expect(status).toMatchObject({ provider: "zerobounce", id: named(name), name, state });
    if (progress !== undefined) expect(status.progress).toBe(progress);
    expect(status.createdAt).toEqual(expect.any(String));
  });

  it("reports a processing upload with its percentage", async () => {
    const status = await client().uploadStatus(named("newsletter-audience.csv"));
    expect(status.state).toBe("processing");
    expect(status.progress).toBeGreaterThan(0);
    expect(status.progress).toBeLessThan(100);
  });

  it("throws ApiError with ZeroBounce's message for an unknown id, and keeps the key out", async () => {
    const error = await client()
      .uploadStatus("no-such-file")
      .catch((e: unknown) => e);
    expect(ApiError.is(error)).toBe(true);
    expect(error).toMatchObject({ status: 200, providerMessage: "file_id is invalid." });
    expect(JSON.stringify(error) + String((error as Error).stack)).not.toContain(KEY);
  });

  it("rejects an empty id before sending anything", async () => {
    const before = requests;
    await expect(client().uploadStatus("")).rejects.toThrow(/an upload id is required/);
    expect(requests).toBe(before);
  });
});

describe("zerobounce waitForUpload against the sandbox", () => {
  it("resolves when the demo upload completes, reporting rising progress", async () => {
    // The demo's clock starts now, so its whole life is seen: 0.4 s queued, 1.2 s processing (a
    // stall on a loaded machine must not outlast the processing phase).
    sandbox = createSandbox({ speed: 5 });
    const seen: UploadStatus[] = [];
    const done = await createClient({ apiKey: KEY, baseUrl: server.url }).waitForUpload(
      DEMO_UPLOAD_IDS.zerobounce,
      {
        intervalMs: 40,
        onProgress: (s) => seen.push(s),
      },
    );
    expect(done.state).toBe("complete");
    const states = seen.map((s) => s.state);
    expect(states.at(-1)).toBe("complete");
    expect(states).toContain("processing");
    const progress = seen.map((s) => s.progress ?? 0);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
  });

  it("rejects with UploadFailedError carrying the failed status", async () => {
    const error = await client()
      .waitForUpload(named("broken-export.csv"), { intervalMs: 40 })
      .catch((e: unknown) => e);
    expect(UploadFailedError.is(error)).toBe(true);
    expect((error as UploadFailedError).status).toMatchObject({
      state: "failed",
      name: "broken-export.csv",
    });
  });

  itHonoursWaitLimits({ client, queuedId: named("signups.csv"), TimeoutError });
});
