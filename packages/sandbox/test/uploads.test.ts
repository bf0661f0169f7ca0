import { describe, expect, it } from "vitest";
import {
  createSandbox,
  defaultUploads,
  DEMO_UPLOAD_IDS,
  PROVIDERS,
  type SeedUpload,
} from "../src/index.ts";
import { viewAt } from "../src/uploads.ts";
import { manualClock } from "./helpers.ts";

const upload = (over: Partial<SeedUpload> = {}): SeedUpload => ({
  provider: "zerobounce",
  id: "u-1",
  name: "u.csv",
  createdAt: 1_000,
  queuedMs: 1_000,
  processingMs: 4_000,
  outcome: "complete",
  progress: "linear",
  ...over,
});

const at = (u: SeedUpload, ms: number) => {
  const view = viewAt(u, 0, ms);
  return view && `${view.phase} ${view.percent}`;
};

describe("upload lifecycle", () => {
  it("does not exist before createdAt, then is queued, processing with rising percent, then its outcome", () => {
    const u = upload();
    expect([999, 1_000, 2_000, 3_000, 5_999, 6_000].map((ms) => at(u, ms))).toEqual([
      undefined,
      "queued 0",
      "processing 0",
      "processing 25",
      "processing 99",
      "complete 100",
    ]);
  });

  it("reports steps of 25, or no percentage at all", () => {
    const steps = upload({ progress: "steps" });
    expect([2_000, 2_999, 3_000, 4_000, 5_999].map((ms) => at(steps, ms))).toEqual([
      "processing 0",
      "processing 0",
      "processing 25",
      "processing 50",
      "processing 75",
    ]);
    const none = upload({ progress: "none", outcome: "failed" });
    expect([1_000, 3_000, 6_000].map((ms) => at(none, ms))).toEqual([
      "queued undefined",
      "processing undefined",
      "failed undefined",
    ]);
  });

  it("ends failed at 0 % and deleted at 100 %", () => {
    expect(at(upload({ outcome: "failed" }), 9_000)).toBe("failed 0");
    expect(at(upload({ outcome: "deleted" }), 9_000)).toBe("deleted 100");
  });
});

describe("seeds", () => {
  it("give every provider one demo upload that completes within 10 s with linear progress", () => {
    const sandbox = createSandbox();
    for (const provider of PROVIDERS) {
      const demos = sandbox.uploads(provider).filter((u) => u.name.includes("demo"));
      expect(demos).toHaveLength(1);
      const demo = demos[0]!;
      expect(demo.id).toBe(DEMO_UPLOAD_IDS[provider]);
      expect(demo).toMatchObject({ outcome: "complete", progress: "linear", createdAt: 0 });
      expect(demo.queuedMs + demo.processingMs).toBeLessThanOrEqual(10_000);
    }
  });

  it("cover every outcome and progress mode per provider, with ids in each provider's format", () => {
    const formats = {
      zerobounce: /^[0-9a-z]{8}-[0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{12}$/,
      ipqs: /^\d+$/,
      sanitizeemail: /^\d+$/,
      highlevel: /^[A-Za-z0-9]{20}$/,
      constantcontact: /^\d+$/,
    };
    const sandbox = createSandbox();
    for (const provider of PROVIDERS) {
      const seeds = sandbox.uploads(provider);
      expect(new Set(seeds.map((u) => u.outcome))).toEqual(
        new Set(["complete", "failed", "deleted"]),
      );
      expect(new Set(seeds.map((u) => u.progress))).toEqual(new Set(["linear", "steps", "none"]));
      for (const seed of seeds) expect(seed.id).toMatch(formats[provider]);
    }
    expect(sandbox.uploads("ipqs").length).toBeGreaterThanOrEqual(130);
  });

  it("are copies: changing them changes nothing in the sandbox", () => {
    const clock = manualClock();
    const sandbox = createSandbox({ now: clock.now });
    sandbox.uploads("zerobounce")[0]!.outcome = "failed";
    expect(sandbox.uploads("zerobounce")[0]!.outcome).toBe("complete");
  });

  it("can be replaced, and unservable ones are refused at once", async () => {
    const clock = manualClock();
    const mine = upload({ id: "mine", createdAt: -10_000 });
    const sandbox = createSandbox({ now: clock.now, uploads: [mine] });
    expect(sandbox.uploads("zerobounce")).toEqual([mine]);
    expect(sandbox.uploads("ipqs")).toEqual([]);
    const response = await sandbox.fetch(
      new Request("http://s.test/v2/filestatus?api_key=k&file_id=mine"),
    );
    expect(await response.json()).toMatchObject({ file_status: "Complete" });
    expect(() => createSandbox({ uploads: [upload({ provider: "ipqs", id: "abc" })] })).toThrow(
      /not a valid ipqs id/,
    );
    expect(() => createSandbox({ uploads: [mine, mine] })).toThrow(/duplicate/);
    expect(() => createSandbox({ uploads: [upload({ queuedMs: -1 })] })).toThrow(/queuedMs/);
    expect(() => createSandbox({ speed: 0 })).toThrow(RangeError);
    expect(defaultUploads()).toEqual(defaultUploads());
  });

  it("GET / lists the endpoints and the named uploads of every provider", async () => {
    const response = await createSandbox().fetch(new Request("http://s.test/"));
    const body = await response.json();
    expect(Object.keys(body.providers)).toEqual([...PROVIDERS]);
    expect(body.providers.constantcontact.uploads.map((u: { id: string }) => u.id)).toContain(
      "101",
    );
    const missing = await createSandbox().fetch(new Request("http://s.test/nothing/here"));
    expect(missing.status).toBe(404);
  });
});
