import { caught, documentedValues, itHonoursWaitLimits } from "@filestatus/testkit";
import {
  createSandbox,
  defaultUploads,
  DEMO_UPLOAD_IDS,
  type SeedUpload,
} from "@filestatus/sandbox";
import { serve, type SandboxServer } from "@filestatus/sandbox/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ApiError,
  createClient,
  SEARCH_LIMIT,
  STATES,
  TimeoutError,
  toUploadStatus,
  UploadFailedError,
  UploadNotFoundError,
  type UploadsQuery,
  type UploadStatus,
} from "../src/index.ts";
import { csvsOf } from "../src/status.ts";

const TOKEN = "hl-Helper/Token+1";
const LOCATION = "sbxLocationHelper001";
const sandbox = createSandbox({ speed: 20 });
const named = (name: string) => sandbox.uploads("highlevel").find((u) => u.name === name)!.id;
const servers: SandboxServer[] = [];
let requests = 0;
let url: string;

/** Serves `handler` on 127.0.0.1, counting every request that reaches it. */
async function open(handler: (request: Request) => Promise<Response>): Promise<string> {
  const server = await serve((request) => (requests++, handler(request)));
  servers.push(server);
  return server.url;
}

beforeAll(async () => {
  url = await open(sandbox.fetch);
});
afterAll(() => Promise.all(servers.map((s) => s.close())));

const client = (locationId: string | null = LOCATION, baseUrl = url) =>
  createClient({ accessToken: TOKEN, baseUrl, ...(locationId !== null && { locationId }) });

async function all(query?: UploadsQuery, c = client()): Promise<UploadStatus[]> {
  const out: UploadStatus[] = [];
  for await (const status of c.uploads(query)) out.push(status);
  return out;
}

async function first(query?: UploadsQuery, c = client()): Promise<UploadStatus | undefined> {
  for await (const status of c.uploads(query)) return status;
}

describe("highlevel status mapping", () => {
  const createdAt = "2024-01-02T03:04:05.000Z";
  const csv = (status: string) => ({ _id: "u1", fileName: "a.csv", status, createdAt });

  it.each([
    ["pending", "queued"],
    ["in_progress", "processing"],
    ["importing", "processing"],
    ["in_review", "processing"],
    ["completed", "complete"],
    ["failed", "failed"],
    ["deleted", "deleted"],
    ["archived", "unknown"],
  ])("status %j → %s, keeping the raw object", (status, state) => {
    const raw = csv(status);
    const expected = { provider: "highlevel", id: "u1", name: "a.csv", state, createdAt, raw };
    expect(toUploadStatus(raw)).toEqual(expected);
  });

  it("lists exactly the values specs/highlevel.yaml documents for CsvUpload.status", () => {
    const { values, open } = documentedValues("highlevel", "CsvUpload", "status");
    // The spec's list (CsvUploadStatus) is open: any other string may arrive, and maps to "unknown".
    expect(open).toBe(true);
    expect(Object.keys(STATES).sort()).toEqual(values);
  });

  it("accepts results.csvs as the spec's single object, an array, or nothing", () => {
    const one = csv("pending");
    expect(csvsOf(one)).toEqual([one]);
    expect(csvsOf([one, csv("failed")])).toEqual([one, csv("failed")]);
    expect(csvsOf(undefined)).toEqual([]);
  });
});

describe("highlevel uploads against the sandbox", () => {
  const held = sandbox.uploads("highlevel");

  it("walks every page, newest first, without duplicates", async () => {
    const before = requests;
    const items = await all();
    expect(held.length).toBeGreaterThan(30);
    expect(requests - before).toBe(Math.ceil(held.length / 10));
    expect(new Set(items.map((s) => s.id))).toEqual(new Set(held.map((u) => u.id)));
    expect(items).toHaveLength(held.length);
    const created = items.map((s) => s.createdAt!);
    expect(created).toEqual([...created].sort().reverse());
    expect(items[0]).toMatchObject({ provider: "highlevel", raw: { locationId: LOCATION } });
  });

  it("fetches no further page after a break", async () => {
    const before = requests;
    const firstPage: string[] = [];
    for await (const status of client().uploads()) {
      firstPage.push(status.id);
      if (firstPage.length === 10) break;
    }
    expect(firstPage).toHaveLength(10);
    expect(requests - before).toBe(1);
  });

  it("asks for limit uploads a page", async () => {
    const before = requests;
    expect(await all({ limit: 20 })).toHaveLength(held.length);
    expect(requests - before).toBe(Math.ceil(held.length / 20));
  });

  it("uses the query's locationId over the client's, or the query's alone", async () => {
    const other = await first({ locationId: "sbxOtherLocation0002", limit: 1 });
    expect(other!.raw).toMatchObject({ locationId: "sbxOtherLocation0002" });
    const only = await first({ locationId: "sbxThirdLocation0003", limit: 1 }, client(null));
    expect(only!.raw).toMatchObject({ locationId: "sbxThirdLocation0003" });
  });

  it("passes userId on, listing nothing for another user", async () => {
    expect(await all({ userId: "someone-else" })).toEqual([]);
  });

  it("reads the spec's single-object results.csvs", async () => {
    // Both reads answer from the one page served, so an upload that moves on between two sandbox
    // reads (the sandbox's time runs 20 times faster) cannot tell them apart.
    let page: { results: { csvs: unknown[] } } | undefined;
    const answer = (csvs: unknown) => Response.json({ ...page, results: { csvs, count: 1 } });
    const single = await open(async (request) => {
      page = (await (await sandbox.fetch(request)).json()) as typeof page;
      return answer(page!.results.csvs[0]);
    });
    const items = await all({}, client(LOCATION, single));
    const asArray = await open(async () => answer([page!.results.csvs[0]]));
    expect(items).toHaveLength(1);
    expect(items).toEqual(await all({}, client(LOCATION, asArray)));
  });

  it("rejects a missing locationId with a TypeError before sending anything", async () => {
    const before = requests;
    await expect(all({}, client(null))).rejects.toThrow(TypeError);
    await expect(client(null).uploadStatus(named("customers.csv"))).rejects.toThrow(
      /locationId is required/,
    );
    expect(requests).toBe(before);
  });
});

describe("highlevel uploadStatus against the sandbox", () => {
  it.each([
    ["customers.csv", "complete"],
    ["broken-export.csv", "failed"],
    ["attachment.csv", "failed"],
    ["old-leads.csv", "deleted"],
    ["signups.csv", "queued"],
    ["newsletter-audience.csv", "processing"],
  ])("%s is %s, with no progress (HighLevel reports none)", async (name, state) => {
    const status = await client().uploadStatus(named(name));
    expect(status).toMatchObject({ provider: "highlevel", id: named(name), name, state });
    expect(status.progress).toBeUndefined();
    expect(status.createdAt).toEqual(expect.any(String));
  });

  it("throws UploadNotFoundError, not a made-up HTTP 404, for an id not in the list", async () => {
    const error = await caught(client().uploadStatus("sbxNoSuchUpload00099"));
    expect(UploadNotFoundError.is(error)).toBe(true);
    expect(ApiError.is(error)).toBe(false);
    expect(error).toMatchObject({ provider: "highlevel", id: "sbxNoSuchUpload00099" });
    expect(error).not.toHaveProperty("status");
    expect((error as Error).message).toBe(
      "highlevel: upload sbxNoSuchUpload00099 is not among the location's latest 1000 uploads",
    );
  });

  it.each(["", "   "])("rejects the id %j before sending anything", async (id) => {
    const before = requests;
    await expect(client().uploadStatus(id)).rejects.toThrow(/an upload id is required/);
    expect(requests).toBe(before);
  });

  it(`searches page by page, up to ${SEARCH_LIMIT.pageSize * SEARCH_LIMIT.pages} uploads`, async () => {
    const extra: SeedUpload[] = Array.from({ length: 1000 }, (_, i) => ({
      provider: "highlevel",
      id: `sbxOlder${String(i).padStart(12, "0")}`,
      name: `older-${i}.csv`,
      createdAt: -30 * 86_400_000 - i * 60_000,
      queuedMs: 0,
      processingMs: 0,
      outcome: "complete",
      progress: "linear",
    }));
    const big = createSandbox({ speed: 20, uploads: [...defaultUploads(), ...extra] });
    const base = await open(big.fetch);
    const newer = sandbox.uploads("highlevel").length; // listed before every extra upload
    const find = async (i: number) => {
      const before = requests;
      const found = await caught(client(LOCATION, base).uploadStatus(extra[i]!.id));
      return { found, requests: requests - before };
    };
    const last = 1000 - newer - 1; // the 1000th upload of the list
    expect(await find(last)).toMatchObject({
      found: { id: extra[last]!.id, state: "complete" },
      requests: SEARCH_LIMIT.pages,
    });
    const beyond = await find(last + 1);
    expect(beyond.requests).toBe(SEARCH_LIMIT.pages);
    expect(beyond.found).toMatchObject({ name: "UploadNotFoundError", id: extra[last + 1]!.id });
  });
});

describe("highlevel waitForUpload against the sandbox", () => {
  it("resolves when the demo upload completes, reporting each change once", async () => {
    const demo = await open(createSandbox({ speed: 20 }).fetch);
    const seen: UploadStatus[] = [];
    // No rate limit: under the default one, a look (up to 20 pages) comes at most every 2 s.
    const fast = createClient({
      accessToken: TOKEN,
      baseUrl: demo,
      locationId: LOCATION,
      rateLimit: false,
    });
    const done = await fast.waitForUpload(DEMO_UPLOAD_IDS.highlevel, {
      intervalMs: 20,
      onProgress: (s) => seen.push(s),
    });
    expect(done).toMatchObject({ state: "complete", name: "demo-list.csv" });
    expect(["queued,processing,complete", "processing,complete"]).toContain(
      seen.map((s) => s.state).join(),
    );
  });

  it.each([
    ["broken-export.csv", "failed"],
    ["old-leads.csv", "deleted"],
  ])("rejects %s with UploadFailedError carrying the %s status", async (name, state) => {
    const error = await caught(client().waitForUpload(named(name), { intervalMs: 20 }));
    expect(UploadFailedError.is(error)).toBe(true);
    expect((error as UploadFailedError).status).toMatchObject({ state, name });
  });

  itHonoursWaitLimits({
    client,
    queuedId: named("signups.csv"),
    TimeoutError,
    lastStatus: { name: "signups.csv" },
  });
});

describe("highlevel uploadStatus by the newer `id`", () => {
  it("finds an upload whose `id` differs from its `_id`", async () => {
    const csv = {
      _id: "legacy0000000000000A",
      id: "newer000000000000000B",
      status: "completed",
      fileName: "a.csv",
    };
    const body = {
      success: true,
      statusCode: 200,
      message: "ok",
      results: { csvs: [csv], count: 1 },
    };
    const client = createClient({
      accessToken: "t",
      locationId: "loc",
      fetch: async () => Response.json(body),
    });
    const status = await client.uploadStatus("newer000000000000000B");
    // The status carries the id it was asked by.
    expect(status).toMatchObject({ id: "newer000000000000000B", state: "complete", name: "a.csv" });
  });
});
