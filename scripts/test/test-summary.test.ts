/**
 * CI's closing line, read from logs as the three runners print them: skipped tests are counted,
 * never folded into "passed", and a log where nothing ran (or everything was skipped) fails.
 */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const SCRIPT = join(import.meta.dirname, "../test-summary.mjs");

function summary(log: string): { line: string; code: number | null } {
  const r = spawnSync(process.execPath, [SCRIPT], { input: log, encoding: "utf8" });
  return { line: r.stdout.trim(), code: r.status };
}

describe("test-summary.mjs", () => {
  it("sums vitest, deno and bun, skipped tests included", () => {
    const log = [
      "@filestatus/core:test:       Tests  318 passed (318)",
      "@filestatus/redis:test:       Tests  2 failed | 9 passed | 2 skipped (13)",
      "@filestatus/cli:test:       Tests  40 passed | 1 todo (41)",
      "@filestatus/runtime-tests:test: ok | 11 passed | 0 failed | 1 ignored (3s)",
      "FAILED | 10 passed | 1 failed (2s)",
      " 12 pass",
      " 1 skip",
      " 0 fail",
    ].join("\n");
    expect(summary(log)).toEqual({ line: "400 passed, 3 failed, 5 skipped", code: 0 });
  });

  it("counts a suite skipped for want of redis-server as skipped, not passed", () => {
    const log = "@filestatus/redis:test:       Tests  13 skipped (13)\n Tests  5 passed (5)";
    expect(summary(log).line).toBe("5 passed, 0 failed, 13 skipped");
  });

  it("fails a log in which nothing ran, or everything was skipped", () => {
    expect(summary("no runner here\n")).toEqual({ line: "0 passed, 0 failed, 0 skipped", code: 1 });
    expect(summary(" Tests  13 skipped (13)\n")).toEqual({
      line: "0 passed, 0 failed, 13 skipped",
      code: 1,
    });
  });

  it("is not fooled by counts elsewhere in a line", () => {
    const log = "expected 5 passed to be 3 passed\nok | checked 4 pass\n 3 skipped tests";
    expect(summary(log).line).toBe("0 passed, 0 failed, 0 skipped");
  });
});
