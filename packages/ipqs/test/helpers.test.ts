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
  type components,
  type UploadStatus,
  type UploadsQuery,
} from "../src/index.ts";

// The key travels as a path segment and comes back inside every status_url of /list.
const KEY = "ipqs-Helper/Key+1";
let sandbox = createSandbox({ speed: 20 });
const seeds = () => sandbox.uploads("ipqs");
const named = (name: string) => seeds().find((u) => u.name === name)!.id;
let server: SandboxServer;
let requests = 0;

beforeAll(async () => {
  server = await serve((request) => (requests++, sandbox.fetch(request)));
});
afterAll(() => server.close());

const client = () => createClient({ apiKey: KEY, baseUrl: `${server.url}/api/json/csv/{apiKey}` });

async function collect(query?: UploadsQuery): Promise<UploadStatus[]> {
  const items: UploadStatus[] = [];
  for await (const u of client().uploads(query)) items.push(u);
  return items;
}

type Csv = components["schemas"]["Csv"];

describe("ipqs status mapping", () => {
  it.each([
    ["NEW", undefined, "queued"],
    ["NEW", false, "queued"],
    ["PROCESSING", false, "processing"],
    ["FINISHED", false, "complete"],
    ["PROCESSING", true, "failed"],
    ["NEW", true, "failed"],
    ["FINISHED", true, "failed"],
    ["CANCELLED", false, "unknown"],
    ["", undefined, "unknown"],
  ])("status %j with aborted %j → %s, keeping the raw object", (status, aborted, state) => {
    const raw = { id: 3398874, file_name: "customers.csv", status, aborted } as Csv;
    expect(toUploadStatus(raw)).toStrictEqual({
      provider: "ipqs",
      id: "3398874",
      name: "customers.csv",
      state,
      raw,
    });
  });

  it("leaves the name out when IPQS gives none", () => {
    expect(toUploadStatus({ id: 7, status: "NEW" })).not.toHaveProperty("name");
  });

  it("lists exactly the values specs/ipqs.yaml documents for Csv.status", () => {
    const { values, open } = documentedValues("ipqs", "Csv", "status");
    // The spec's list (CsvStatusValue) is open: any other string maps to "unknown". A CSV that
    // failed keeps its status and says `aborted: true` (tested above).
    expect(open).toBe(true);
    expect(Object.keys(STATES).sort()).toEqual(values);
  });
});

describe("ipqs uploadStatus against the sandbox", () => {
  it.each([
    ["customers.csv", "complete", "FINISHED", false],
    ["broken-export.csv", "failed", "PROCESSING", true],
    ["attachment.csv", "failed", "PROCESSING", true],
    ["signups.csv", "queued", "NEW", false],
    ["newsletter-audience.csv", "processing", "PROCESSING", false],
  ])("%s is %s", async (name, state, status, aborted) => {
    const result = await client().uploadStatus(named(name));
    expect(result).toMatchObject({ provider: "ipqs", id: named(name), name, state });
    expect(result.raw).toMatchObject({ id: Number(named(name)), status, aborted });
    // IPQS reports neither a percentage nor an upload time.
    expect(result.progress).toBeUndefined();
    expect(result.createdAt).toBeUndefined();
  });

  it("gives a finished CSV its download links", async () => {
    const { raw } = await client().uploadStatus(named("customers.csv"));
    expect((raw as { downloads: { all: string } }).downloads.all).toMatch(/^http.*\/download\?/);
  });

  it.each([
    ["an unknown id", "999"],
    ["a deleted CSV (IPQS forgets it)", named("old-leads.csv")],
  ])("throws ApiError with IPQS's message for %s, and keeps the key out", async (_, id) => {
    const error = await client()
      .uploadStatus(id)
      .catch((e: unknown) => e);
    expect(ApiError.is(error)).toBe(true);
    expect(error).toMatchObject({ status: 200, providerMessage: "Invalid CSV ID specified." });
    const text = JSON.stringify(error) + String((error as Error).stack);
    expect(text).not.toContain(KEY);
    expect(text).not.toContain(encodeURIComponent(KEY));
  });

  it.each(["", "   "])(
    "rejects the empty id %j with a TypeError before sending anything",
    async (id) => {
      const before = requests;
      await expect(client().uploadStatus(id)).rejects.toThrow(/an upload id is required/);
      expect(requests).toBe(before);
    },
  );

  it.each(["abc", "12/3", "../1", "1.5", "-1", "3398874?x=1"])(
    "rejects the non-integer id %j with a TypeError before sending anything",
    async (id) => {
      const before = requests;
      const error = await client()
        .uploadStatus(id)
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TypeError);
      expect((error as Error).message).toMatch(/upload ids are positive integers/);
      await expect(client().waitForUpload(id, { intervalMs: 10 })).rejects.toThrow(TypeError);
      expect(requests).toBe(before);
    },
  );
});

describe("ipqs waitForUpload against the sandbox", () => {
  it("resolves when the demo upload finishes, reporting each change once", async () => {
    sandbox = createSandbox({ speed: 20 }); // the demo starts queued now: 100 ms, then 300 ms
    const before = requests;
    const seen: UploadStatus[] = [];
    const done = await client().waitForUpload(DEMO_UPLOAD_IDS.ipqs, {
      intervalMs: 20,
      onProgress: (s) => seen.push(s),
    });
    expect(done).toMatchObject({
      id: DEMO_UPLOAD_IDS.ipqs,
      name: "demo-list.csv",
      state: "complete",
    });
    expect(seen.map((s) => s.state)).toEqual(["queued", "processing", "complete"]);
    expect(requests - before).toBeGreaterThan(seen.length);
  });

  it("rejects with UploadFailedError carrying the aborted CSV's status", async () => {
    const error = await client()
      .waitForUpload(named("broken-export.csv"), { intervalMs: 40 })
      .catch((e: unknown) => e);
    expect(UploadFailedError.is(error)).toBe(true);
    expect((error as UploadFailedError).status).toMatchObject({
      state: "failed",
      name: "broken-export.csv",
      raw: { status: "PROCESSING", aborted: true },
    });
  });

  itHonoursWaitLimits({ client, queuedId: named("signups.csv"), TimeoutError });
});

describe("ipqs uploads against the sandbox", () => {
  const listed = (type?: string) =>
    seeds().filter((u) => u.outcome !== "deleted" && (!type || (u.tag ?? "email") === type));

  it("walks every page, newest first, without duplicates or the key", async () => {
    const before = requests;
    const all = await collect();
    const expected = listed();
    expect(expected.length).toBeGreaterThan(100);
    expect(requests - before).toBe(Math.ceil(expected.length / 50));
    expect(requests - before).toBeGreaterThanOrEqual(3);
    expect(all.map((u) => u.id).sort()).toEqual(expected.map((u) => u.id).sort());
    expect(new Set(all.map((u) => u.id)).size).toBe(all.length);
    const created = all.map((u) => expected.find((s) => s.id === u.id)!.createdAt);
    expect(created).toEqual([...created].sort((a, b) => b - a));
    expect(all.find((u) => u.name === "broken-export.csv")?.state).toBe("failed");
    for (const u of all)
      expect((u.raw as Csv).status_url).toBe(`${server.url}/api/json/csv/***/status/${u.id}`);
    const text = JSON.stringify(all);
    expect(text).not.toContain(KEY);
    expect(text).not.toContain(encodeURIComponent(KEY));
  });

  it("fetches no further page after a break at the end of the first", async () => {
    const before = requests;
    let count = 0;
    for await (const _ of client().uploads()) if (++count === 50) break;
    expect(count).toBe(50);
    expect(requests - before).toBe(1);
  });

  it.each(["email", "phone", "proxy", "url"] as const)("filters by type %s", async (type) => {
    const before = requests;
    const items = await collect({ type });
    const expected = listed(type);
    expect(expected.length).toBeGreaterThan(0);
    expect(items.map((u) => u.id).sort()).toEqual(expected.map((u) => u.id).sort());
    expect(items.every((u) => (u.raw as Csv).type === type)).toBe(true);
    expect(requests - before).toBe(Math.ceil(expected.length / 50));
  });

  it("throws ApiError with IPQS's message for a type it does not know", async () => {
    const error = await collect({ type: "fax" as UploadsQuery["type"] }).catch((e: unknown) => e);
    expect(ApiError.is(error)).toBe(true);
    expect(error).toMatchObject({ status: 200, providerMessage: "Invalid type specified." });
  });
});
