/**
 * The large-file sections' machinery on a 1 MiB list: the list generator, the sandbox and client
 * processes, the phase measurements and the results check. No figure is asserted; the sections
 * measure, `pnpm bench` reports.
 */
import { rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { largeList, MIB, row, scratchDir } from "./lib/large-list.ts";
import { checkResults, runChild, runClient, withSandbox } from "./lib/large-run.ts";
import type { Transfer } from "./lib/large-throughput.ts";
import { drain } from "./lib/rss.ts";

// The run's directory goes at exit, but a test worker may be stopped without one.
afterAll(() => rmSync(scratchDir(), { recursive: true, force: true }));

describe("large-file sections on a small list", () => {
  it("generates a list whose size, rows and invalid addresses are known", async () => {
    const list = await largeList(MIB);
    expect(list.bytes).toBeLessThanOrEqual(MIB);
    expect(list.bytes).toBeGreaterThan(MIB - 64);
    expect(row(3)).toEqual({ text: "user3@dead.example,Ann\n", invalid: true });
    expect(list.invalid).toBeGreaterThan(list.rows / 10);
    expect(await largeList(MIB)).toBe(list); // made once per run
  });

  it("sends the list through the sandbox and back, measuring each phase; the check finds a wrong file", async () => {
    const list = await largeList(MIB);
    const out = join(scratchDir(), "results-test.csv");
    const { value: report, sandboxMaxRss } = await withSandbox(list.path, (origin) =>
      runClient({ kind: "ours", origin, file: list.path, out }),
    );
    expect(report.phases.map((p) => p.name)).toEqual(["upload", "processing", "download"]);
    for (const { report: r } of report.phases) {
      expect(r.ms).toBeGreaterThan(0);
      expect(r.rssBefore).toBeGreaterThan(0);
      expect(r.samples).toBeGreaterThan(0);
    }
    expect(sandboxMaxRss).toBeGreaterThan(0);
    expect(await checkResults(out, list)).toEqual({ lines: list.rows + 1, invalid: list.invalid });
    const other = await largeList(MIB / 2);
    expect((await checkResults(out, other)).problem).toMatch(/lines for .* rows/);
  }, 60_000);

  it("times ours and raw fetch on the same bytes, and the SDK fails to save in Node", async () => {
    const list = await largeList(MIB);
    const { value } = await withSandbox(list.path, async (origin) => ({
      transfers: await runChild<Transfer[]>(new URL("./lib/large-throughput.ts", import.meta.url), {
        origin,
        file: list.path,
        rounds: { sandbox: 1, sink: 1 },
      }),
      sdk: await runClient({ kind: "sdk", origin, file: list.path, out: "" }),
      sink: await drain((await fetch(`${origin}/sink/v2/getfile`)).body),
    }));
    const uploads = value.transfers.filter((t) => t.direction === "upload");
    expect(uploads.map((t) => `${t.target} ${t.contender}`).sort()).toEqual([
      "sandbox ours",
      "sandbox raw fetch",
      "sink ours",
      "sink raw fetch",
      'sink raw fetch, redirect "error"',
    ]);
    const downloads = value.transfers.filter((t) => t.direction === "download");
    expect(new Set(downloads.filter((t) => t.target === "sandbox").map((t) => t.bytes)).size).toBe(
      1,
    );
    expect(value.sink).toBe(list.bytes);
    expect(value.sdk.phases.at(-1)).toMatchObject({
      failed: true,
      outcome: /window is not defined/,
    });
  }, 60_000);
});
