import { createSandbox, type SeedUpload } from "@filestatus/sandbox";
import { serve, type SandboxServer } from "@filestatus/sandbox/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createClient, UploadFailedError } from "../src/index.ts";

// ZeroBounce answers one file per request: its watchers poll on their own, on one shared budget.
const seeds: SeedUpload[] = Array.from({ length: 12 }, (_, i) => ({
  provider: "zerobounce",
  id: `5b7e0c3a-9d41-4f2e-8c6a-${String(900 + i).padStart(12, "0")}`,
  name: `list-${i}.csv`,
  createdAt: 0,
  queuedMs: 200,
  processingMs: 400,
  outcome: i === 5 ? "failed" : "complete",
  progress: "linear",
}));
const sandbox = createSandbox({ uploads: seeds });
const sent: number[] = [];
let server: SandboxServer;

beforeAll(async () => {
  server = await serve((request) => {
    sent.push(performance.now());
    return sandbox.fetch(request);
  });
});
afterAll(() => server.close());

describe("zerobounce watchUploads against the sandbox", () => {
  it("watches each file on the client's one rate limit and keeps the others when one fails", async () => {
    const rateLimit = { requests: 6, perMs: 500 };
    const client = createClient({ apiKey: "zb-watch-key", baseUrl: server.url, rateLimit });
    const outcomes = await client.watchUploads(
      seeds.map((s) => s.id),
      { intervalMs: 100 },
    );
    expect(outcomes.filter((o) => o.status?.state === "complete")).toHaveLength(11);
    expect(UploadFailedError.is(outcomes[5]!.error)).toBe(true);
    for (let i = rateLimit.requests; i < sent.length; i++) {
      expect(sent[i]! - sent[i - rateLimit.requests]!).toBeGreaterThanOrEqual(rateLimit.perMs - 5);
    }
  });
});
