/**
 * The SanitizeEmail round trip under the sandbox's faults, each added to the requests of one kind
 * only: an upload is sent at most once, a cut results body errors, a slow one completes, and
 * neither the key nor a pre-signed link shows in any error.
 */
import { caught } from "@filestatus/testkit";
import { describe, expect, it } from "vitest";
import {
  CSV,
  DISTINCT,
  isValid,
  KEY,
  kit,
  rows,
  uploadsSent,
  type Attempt,
} from "./roundtrip-kit.ts";

const isUpload = (a: Attempt) => a.method === "POST" && a.path === "/v1/api/filesupload/";
const isLink = (a: Attempt) => a.path.startsWith("/sandbox/presigned/");

/** `fault` on the requests `which` picks, on their first `times` attempts only. */
function first(which: (a: Attempt) => boolean, fault: string, times = 1) {
  let n = 0;
  return (a: Attempt) => (which(a) && n++ < times ? fault : undefined);
}

describe("sanitizeemail upload faults", () => {
  it("reset while sending: mayHaveBeenAccepted, sent once, no job started", async () => {
    const k = await kit();
    const error = await caught(
      k.client({ fault: first(isUpload, "reset") }).upload(CSV, { job: "clean" }),
    );
    expect(error).toMatchObject({ name: "ConnectionError", mayHaveBeenAccepted: true });
    expect((error as Error).message).toMatch(/look for "upload.csv" among your uploads/);
    expect(uploadsSent(k)).toBe(1);
    expect(k.attempts.some((a) => a.path === "/v1/api/cleanemail/")).toBe(false);
  });

  it("answer cut after the sandbox took the file: mayHaveBeenAccepted, received once", async () => {
    const k = await kit();
    const client = k.client({ fault: first(isUpload, "reset-body") });
    const error = await caught(client.upload(CSV, { job: "clean", name: "Leads" }));
    expect(error).toMatchObject({ mayHaveBeenAccepted: true });
    expect((error as Error).message).toMatch(/look for "Leads"/);
    expect([uploadsSent(k), k.sandbox.received("sanitizeemail")]).toEqual([1, 1]);
  });

  it.each([
    ["503 then the answer", "503"],
    ["429 with Retry-After", "429"],
  ])("%s: sent again, and received exactly once", async (_, fault) => {
    const k = await kit();
    const status = await k
      .client({ fault: first(isUpload, fault) })
      .upload(CSV, { job: "validate" });
    expect(status.state).toBe("queued");
    expect([uploadsSent(k), k.sandbox.received("sanitizeemail")]).toEqual([2, 1]);
  });

  it("a job start that fails says which file was stored", async () => {
    const k = await kit();
    const isJob = (a: Attempt) => a.path === "/v1/api/cleanemail/";
    const error = await caught(
      k.client({ fault: first(isJob, "reset") }).upload(CSV, { job: "clean" }),
    );
    expect(error).toMatchObject({
      mayHaveBeenAccepted: true,
      uploadId: expect.stringMatching(/^\d+$/),
    });
    expect((error as Error).message).toMatch(/the file was uploaded as \d+/);
    expect(k.sandbox.received("sanitizeemail")).toBe(1);
  });
});

describe("sanitizeemail results faults", () => {
  it("reset mid-body: reading the results rejects, never a short file", async () => {
    const k = await kit();
    const client = k.client({ fault: first(isLink, "reset-body", 99) });
    // Large enough that the half sent before the reset leaves the server in several pieces.
    const big = `email\n${Array.from({ length: 1_000 }, (_, i) => `user${i}@example.com`).join("\n")}\n`;
    const { results } = await client.processFile(big, { job: "validate", intervalMs: 20 });
    const error = await caught(results.text());
    expect(error).toBeInstanceOf(Error);
    expect(`${(error as Error).message} ${JSON.stringify(error)}`).not.toMatch(/Signature=[^*]/);
    expect(k.attempts.filter(isLink)).toHaveLength(1); // a body already started is not sent again
  });

  it("slow-body: the results still arrive whole", async () => {
    const k = await kit();
    const client = k.client({ fault: first(isLink, "slow-body=30") });
    const { results } = await client.processFile(CSV, { job: "clean", intervalMs: 20 });
    expect(rows(await results.text())).toEqual([
      ["email"],
      ...DISTINCT.filter(isValid).map((e) => [e]),
    ]);
  });

  it("never shows the key or the pre-signed link in an error", async () => {
    const k = await kit();
    const links: string[] = [];
    const client = k.client({ fault: (a) => (isLink(a) ? "503" : undefined) });
    client.use({
      onResponse: async ({ response }) => {
        if (response.url.includes("download-"))
          links.push((await response.clone().json()).download_url);
      },
    });
    const error = await caught(client.processFile(CSV, { job: "clean", intervalMs: 20 }));
    expect(error).toMatchObject({ name: "ApiError", status: 503 });
    const link = new URL(links[0]!);
    const secrets = [KEY, links[0]!, link.searchParams.get("X-Amz-Signature")!];
    const shown = [(error as Error).message, (error as Error).stack, JSON.stringify(error)].join(
      "\n",
    );
    for (const secret of secrets) expect(shown).not.toContain(secret);
  });
});
