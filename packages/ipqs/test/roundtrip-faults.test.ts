import { FAULT_HEADER } from "@filestatus/sandbox";
import { caught } from "@filestatus/testkit";
import { describe, expect, it } from "vitest";
import { ApiError, ConnectionError, TimeoutError } from "../src/index.ts";
import { faultOnce, KEY, useWorld } from "./roundtrip-setup.ts";

const world = useWorld();
const FAST = { intervalMs: 10, timeoutMs: 10_000 };
const CSV = "email\r\nalice@example.com\r\nbob@dead.example\r\n";
const UPLOAD = /\/email\/upload$/;
const DOWNLOAD = /^\/download$/;

const uploads = () => world.seen.filter((s) => UPLOAD.test(s)).length;

/** An upload that has finished, and a client whose `fetch` is `fetch`. */
async function finished(fetch?: (request: Request) => Promise<Response>) {
  const client = world.client(fetch && { fetch });
  const queued = await client.upload(CSV, { type: "email", filename: "faults.csv" });
  await client.waitForUpload(queued.id, FAST);
  return { client, id: queued.id };
}

describe("ipqs upload under faults: sent at most once", () => {
  it("a reset while sending: an error saying it may have been accepted, never sent again", async () => {
    const client = world.client({ fetch: faultOnce(UPLOAD, "reset") });
    const error = await caught(client.upload(CSV, { type: "email", filename: "reset.csv" }));
    expect(ConnectionError.is(error)).toBe(true);
    expect(error).toMatchObject({ mayHaveBeenAccepted: true });
    expect(String(error)).toMatch(/look for "reset\.csv" among your uploads/);
    expect(uploads()).toBe(1);
  });

  it("a reset after IPQS took it: exactly one upload received, marked as maybe accepted", async () => {
    const client = world.client({ fetch: faultOnce(UPLOAD, "reset-body") });
    const error = await caught(client.upload(CSV, { type: "email" }));
    expect(error).toMatchObject({ mayHaveBeenAccepted: true });
    expect(world.sandbox.received("ipqs")).toBe(1);
    expect(uploads()).toBe(1);
  });

  it.each(["503", "429"])("a %s asking to come back: sent again, received once", async (fault) => {
    const client = world.client({ fetch: faultOnce(UPLOAD, fault) });
    const status = await client.upload(CSV, { type: "email" });
    expect(status.state).toBe("queued");
    expect(uploads()).toBe(2);
    expect(world.sandbox.received("ipqs")).toBe(1);
  });
});

describe("ipqs results under faults", () => {
  it("a body cut mid-way makes reading it reject: never a silently short file", async () => {
    // Large enough that the first half is surely on the wire before the reset.
    const rows = Array.from({ length: 300 }, (_, i) => [`user${i}@example.com`, "x".repeat(100)]);
    const client = world.client({ fetch: faultOnce(DOWNLOAD, "reset-body") });
    const queued = await client.upload({ rows }, { type: "email" });
    await client.waitForUpload(queued.id, FAST);
    const results = await client.downloadResults(queued.id);
    expect(ConnectionError.is(await caught(results.text()))).toBe(true);
  });

  it("a link lost before its answer is never asked again: a fresh status gives a fresh link", async () => {
    const { client, id } = await finished(faultOnce(DOWNLOAD, "reset"));
    world.seen.length = 0;
    const text = await (await client.downloadResults(id)).text();
    expect(text.split("\r\n").filter(Boolean)).toHaveLength(3);
    // status → link (reset) → status → a new link: the used-up link is not repeated.
    expect(
      world.seen.map((s) => s.split(" ")[1]!.replace(/\/api.*\/status\/.*/, "status")),
    ).toEqual(["status", "/download", "status", "/download"]);
  });

  it("a slow body still arrives whole", async () => {
    const { client, id } = await finished(faultOnce(DOWNLOAD, "slow-body=30"));
    const slow = await (await client.downloadResults(id)).text();
    expect(slow).toBe(await (await client.downloadResults(id)).text());
    expect(slow.split("\r\n").filter(Boolean)).toHaveLength(3);
  });

  it("never shows a download link or the key in an error", async () => {
    const links: string[] = [];
    const { client, id } = await finished((request) => {
      if (DOWNLOAD.test(new URL(request.url).pathname)) {
        links.push(request.url);
        request.headers.set(FAULT_HEADER, "503");
      }
      return fetch(request);
    });
    const error = await caught(client.downloadResults(id));
    expect(ApiError.is(error)).toBe(true);
    expect(error).toMatchObject({ status: 503 });
    const token = new URL(links[0]!).searchParams.get("download")!;
    const shown = `${String(error)} ${JSON.stringify(error)} ${(error as Error).stack}`;
    for (const secret of [token, links[0]!, KEY, encodeURIComponent(KEY)])
      expect(shown).not.toContain(secret);
  });

  it("processFile gives up at its deadline, naming the phase", async () => {
    const client = world.client({
      fetch: (request) => {
        if (/\/status\//.test(request.url)) request.headers.set(FAULT_HEADER, "delay=2000");
        return fetch(request);
      },
    });
    const error = await caught(client.processFile(CSV, { type: "email", timeoutMs: 300 }));
    expect(TimeoutError.is(error)).toBe(true);
    expect(String(error)).toMatch(/within 300 ms \(it was processing\)/);
  });
});
