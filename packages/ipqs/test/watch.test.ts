import { createSandbox, type SeedUpload } from "@filestatus/sandbox";
import { serve, type SandboxServer } from "@filestatus/sandbox/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createClient, UploadFailedError } from "../src/index.ts";

// 20 CSVs that finish within about a second of the sandbox starting; one is aborted.
const seeds: SeedUpload[] = Array.from({ length: 20 }, (_, i) => ({
  provider: "ipqs",
  id: String(4_000_000 + i),
  name: `list-${i}.csv`,
  createdAt: -i,
  queuedMs: 200,
  processingMs: 300 + 25 * i,
  outcome: i === 3 ? "failed" : "complete",
  progress: "none",
  tag: "email",
}));
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

describe("ipqs watchUploads against the sandbox", () => {
  it("polls the list once per tick for every watched id, not each id on its own", async () => {
    paths.length = 0;
    const client = createClient({
      apiKey: "ipqs-watch-key",
      baseUrl: `${server.url}/api/json/csv/{apiKey}`,
    });
    const ids = seeds.map((s) => s.id);
    const outcomes = await client.watchUploads(ids, { intervalMs: 250 });
    expect(outcomes.filter((o) => o.status?.state === "complete")).toHaveLength(19);
    expect(UploadFailedError.is(outcomes[3]!.error)).toBe(true);
    expect(new Set(paths.map((p) => p.split("/").at(-1)))).toEqual(new Set(["list"])); // never /status/{id}
    expect(paths.length).toBeLessThan(10);
  });
});
