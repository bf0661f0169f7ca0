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
  type UploadsQuery,
} from "../src/index.ts";

const KEY = "se-Helper/Key+1";
let sandbox = createSandbox({ speed: 20 });
const seeds = sandbox.uploads("sanitizeemail");
const named = (name: string) => seeds.find((u) => u.name === name)!.id;
let server: SandboxServer;
let requests = 0;

beforeAll(async () => {
  server = await serve((request) => (requests++, sandbox.fetch(request)));
});
afterAll(() => server.close());

const client = () => createClient({ apiKey: KEY, baseUrl: server.url });

/** The ids the sandbox lists for `tag`, newest first: deleted files are gone from the API. */
const listed = (tag?: string) =>
  seeds
    .filter((u) => u.outcome !== "deleted" && (!tag || (u.tag ?? "validate") === tag))
    .sort((a, b) => b.createdAt - a.createdAt || Number(b.id) - Number(a.id))
    .map((u) => u.id);

const collect = async (query?: UploadsQuery) => {
  const items: UploadStatus[] = [];
  for await (const item of client().uploads(query)) items.push(item);
  return items;
};

describe("sanitizeemail status mapping", () => {
  it.each([
    ["pending", "queued"],
    ["processing", "processing"],
    ["validated", "complete"],
    ["cleaned", "complete"],
    ["failed", "failed"],
    ["Validated", "unknown"],
    ["deleted", "unknown"],
  ])("status %j → %s, keeping the raw object", (status, state) => {
    const raw = {
      id: 745,
      name: "Customer Email List",
      file_name: "customers.csv",
      status,
      progress_percentage: 42,
      created_date: "2024-05-01T10:00:04.351377+05:45",
    };
    expect(toUploadStatus(raw)).toEqual({
      provider: "sanitizeemail",
      id: "745",
      name: "Customer Email List",
      state,
      progress: 42,
      createdAt: "2024-05-01T10:00:04.351377+05:45",
      raw,
    });
  });

  it("falls back to file_name when the file has no display name", () => {
    expect(toUploadStatus({ id: 9, file_name: "a.csv", status: "pending" }).name).toBe("a.csv");
  });

  it("lists exactly the values specs/sanitizeemail.yaml documents for UploadedFile.status", () => {
    const { values, open } = documentedValues("sanitizeemail", "UploadedFile", "status");
    // The spec's list (KnownFileStatus) is open: any other string may arrive, and maps to "unknown".
    expect(open).toBe(true);
    expect(Object.keys(STATES).sort()).toEqual(values);
  });
});

describe("sanitizeemail uploadStatus against the sandbox", () => {
  it.each([
    ["customers.csv", "complete", 100],
    ["broken-export.csv", "failed", 0],
    ["attachment.csv", "failed", 0],
    ["signups.csv", "queued", 0],
  ])("%s is %s", async (file, state, progress) => {
    const status = await client().uploadStatus(named(file));
    const name = file.replace(/\.csv$/, "");
    expect(status).toMatchObject({ provider: "sanitizeemail", id: named(file), name, state });
    expect(status.progress).toBe(progress);
    expect(status.createdAt).toEqual(expect.any(String));
    expect(status.raw).toMatchObject({ file_name: file });
  });

  it("reports a processing upload with its percentage", async () => {
    const status = await client().uploadStatus(named("newsletter-audience.csv"));
    expect(status.state).toBe("processing");
    expect(status.progress).toBeGreaterThan(0);
    expect(status.progress).toBeLessThan(100);
  });

  it.each([
    ["a deleted file (gone from the API)", named("old-leads.csv")],
    ["an unknown id", "999999"],
  ])("throws ApiError 404 for %s, and keeps the key out", async (_, id) => {
    const error = await client()
      .uploadStatus(id)
      .catch((e: unknown) => e);
    expect(ApiError.is(error)).toBe(true);
    expect(error).toMatchObject({ status: 404, providerMessage: "Not found." });
    expect(JSON.stringify(error) + String((error as Error).stack)).not.toContain(KEY);
  });

  it.each(["", " ", "abc", "12.5", "-3", "1e3", "745/x"])(
    "rejects the id %j with a TypeError before sending anything",
    async (id) => {
      const before = requests;
      const error = await client()
        .uploadStatus(id)
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TypeError);
      expect(requests).toBe(before);
    },
  );
});

describe("sanitizeemail waitForUpload against the sandbox", () => {
  it("resolves when the demo upload completes, reporting each change", async () => {
    sandbox = createSandbox({ speed: 20 }); // the demo's clock starts now
    const seen: UploadStatus[] = [];
    const done = await client().waitForUpload(DEMO_UPLOAD_IDS.sanitizeemail, {
      intervalMs: 40,
      onProgress: (s) => seen.push(s),
    });
    expect(done).toMatchObject({ state: "complete", progress: 100, name: "demo-list" });
    const states = seen.map((s) => s.state);
    expect(states[0]).toBe("queued");
    expect(states).toContain("processing");
    expect(states.at(-1)).toBe("complete");
    const progress = seen.map((s) => s.progress ?? 0);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    const changes = seen.map((s) => `${s.state} ${s.progress}`);
    expect(new Set(changes).size).toBe(changes.length);
  });

  it("rejects with UploadFailedError carrying the failed status", async () => {
    const error = await client()
      .waitForUpload(named("broken-export.csv"), { intervalMs: 40 })
      .catch((e: unknown) => e);
    expect(UploadFailedError.is(error)).toBe(true);
    expect((error as UploadFailedError).status).toMatchObject({
      state: "failed",
      name: "broken-export",
    });
  });

  itHonoursWaitLimits({
    client,
    queuedId: named("signups.csv"),
    TimeoutError,
    lastStatus: { progress: 0 },
  });

  it("rejects a non-integer id with a TypeError without polling", async () => {
    const before = requests;
    await expect(client().waitForUpload("abc", { intervalMs: 40 })).rejects.toThrow(TypeError);
    expect(requests).toBe(before);
  });
});

describe("sanitizeemail uploads against the sandbox", () => {
  it("walks every page (10 a page), newest first, without duplicates or the key", async () => {
    const before = requests;
    const items = await collect();
    expect(requests - before).toBe(Math.ceil(listed().length / 10));
    expect(requests - before).toBeGreaterThanOrEqual(3);
    const ids = items.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(listed());
    expect(items.every((s) => s.provider === "sanitizeemail")).toBe(true);
    expect(JSON.stringify(items)).not.toContain(KEY);
    expect(JSON.stringify(items)).not.toContain(encodeURIComponent(KEY));
  });

  it("applies file_tag and size, and maps cleaned files to complete", async () => {
    const before = requests;
    const items = await collect({ file_tag: "clean", size: 5 });
    expect(items.map((s) => s.id)).toEqual(listed("clean"));
    expect(requests - before).toBe(Math.ceil(listed("clean").length / 5));
    expect(requests - before).toBeGreaterThanOrEqual(3);
    expect(items.every((s) => (s.raw as { file_tag: string }).file_tag === "clean")).toBe(true);
    const complete = items.filter((s) => s.state === "complete");
    expect(complete.length).toBeGreaterThan(0);
    expect(complete.every((s) => (s.raw as { status: string }).status === "cleaned")).toBe(true);
  });

  it("honours size for the first page", async () => {
    const before = requests;
    const items = await collect({ file_tag: "validate", size: 100 });
    expect(items.map((s) => s.id)).toEqual(listed("validate"));
    expect(requests - before).toBe(1);
  });

  it("fetches no further page after a break at the end of the first page", async () => {
    const before = requests;
    let seen = 0;
    for await (const _ of client().uploads({ size: 4 })) if (++seen === 4) break;
    expect(seen).toBe(4);
    expect(requests - before).toBe(1);
  });
});
