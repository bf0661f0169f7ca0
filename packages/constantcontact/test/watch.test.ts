import { createSandbox, type SeedUpload } from "@filestatus/sandbox";
import { serve, type SandboxServer } from "@filestatus/sandbox/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createClient, UploadFailedError } from "../src/index.ts";

// 30 library files that finish within about a second of the sandbox starting; one fails.
const seeds: SeedUpload[] = Array.from({ length: 30 }, (_, i) => ({
  provider: "constantcontact",
  id: String(5_000 + i),
  name: `image-${i}.png`,
  createdAt: 0,
  queuedMs: 200,
  processingMs: 300 + 20 * i,
  outcome: i === 7 ? "failed" : "complete",
  progress: "none",
}));
const ids = seeds.map((s) => s.id);
let sandbox = createSandbox({ uploads: seeds });
const paths: string[] = [];
let server: SandboxServer;

beforeAll(async () => {
  server = await serve((request) => {
    paths.push(new URL(request.url).pathname);
    return sandbox.fetch(request);
  });
});
afterAll(() => server.close());

const client = () =>
  createClient({ apiKey: "cc-watch-key", accessToken: "cc-watch-token", baseUrl: server.url });

describe("constantcontact watchUploads against the sandbox", () => {
  it("asks for every watched id in one request per tick and reports each outcome", async () => {
    sandbox = createSandbox({ uploads: seeds });
    paths.length = 0;
    const outcomes = await client().watchUploads(ids, { intervalMs: 250 });
    expect(outcomes.map((o) => o.id)).toEqual(ids);
    expect(outcomes.filter((o) => o.status?.state === "complete")).toHaveLength(29);
    const failed = outcomes.find((o) => o.error !== undefined)!;
    expect(failed.id).toBe("5007");
    expect(UploadFailedError.is(failed.error)).toBe(true);
    // Coalesced: the first request names all 30 ids; one request per tick, not one per id.
    expect(paths[0]!.split("/").at(-1)!.split(",")).toHaveLength(30);
    expect(paths.length).toBeLessThan(10);
  });

  it("fails fast when asked, with the first failure", async () => {
    sandbox = createSandbox({ uploads: seeds });
    const error = await client()
      .watchUploads(ids, { intervalMs: 250, failFast: true })
      .catch((e: unknown) => e);
    expect(UploadFailedError.is(error)).toBe(true);
  });

  it("an abort stops every watcher at once", async () => {
    sandbox = createSandbox({ uploads: seeds.map((s) => ({ ...s, queuedMs: 60_000 })) });
    paths.length = 0;
    const controller = new AbortController();
    // Ticks 50 ms apart (the rate limit's 4 a second paces them to 250 ms): a watcher still
    // polling after the abort would show within the 600 ms below.
    const watching = client().watchUploads(ids, { signal: controller.signal, intervalMs: 50 });
    setTimeout(() => controller.abort(new Error("stop watching")), 100);
    await expect(watching).rejects.toThrow("stop watching");
    // A request already on its way when the abort came may still arrive on a loaded machine.
    await new Promise((resolve) => setTimeout(resolve, 100));
    const sent = paths.length;
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(paths.length).toBe(sent); // nothing polls after the abort
  });
});
