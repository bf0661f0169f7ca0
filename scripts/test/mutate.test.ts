/**
 * `pnpm mutate`'s table and its time limit, cheaply: the mutations themselves run only through
 * `pnpm mutate` (a suite run each, far too slow for `pnpm test`).
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runBounded } from "../lib/bounded.ts";
import { applyMutation, MUTATIONS, tableProblems, type Mutation } from "../lib/mutations.ts";

const repo = join(import.meta.dirname, "../..");

describe("the mutation table", () => {
  it("applies to the code as it is: every text occurs exactly once in its file", () => {
    expect(tableProblems(MUTATIONS, repo)).toEqual([]);
  });

  it("breaks the guarantees the transport must keep", () => {
    const required: Array<[file: string, text: string]> = [
      ["packages/core/src/helpers.ts", "redactStatus(client, status)"],
      ["packages/core/src/api-error.ts", "body: kept,"],
      ["packages/core/src/fetch.ts", "> retry.maxRetryAfterMs"],
      ["packages/core/src/redirect.ts", "home ? s.credentials : []"],
      ["packages/core/src/attempt.ts", "release?.();"],
      ["packages/core/src/body.ts", "MAX_ERROR_BODY_BYTES"],
    ];
    for (const [file, text] of required)
      expect(MUTATIONS.filter((m) => m.file === file && m.text.includes(text))).toHaveLength(1);
  });

  it("names each rotten entry, and a mutation changes only its text", () => {
    const rotten: Mutation[] = [
      { ...MUTATIONS[0]!, name: "gone", text: "no such text anywhere" },
      { ...MUTATIONS[0]!, name: "twice", text: "\n" },
      { ...MUTATIONS[0]!, name: "no file", file: "packages/core/src/none.ts" },
    ];
    expect(tableProblems(rotten, repo)).toEqual([
      expect.stringMatching(/"gone": the text occurs 0 times, not once$/),
      expect.stringMatching(/"twice": the text occurs \d+ times, not once$/),
      expect.stringMatching(/"no file": no such file$/),
    ]);
    const m = MUTATIONS[0]!;
    const source = readFileSync(join(repo, m.file), "utf8");
    const mutated = applyMutation(source, m);
    expect(mutated).toBe(source.replace(m.text, m.replacement));
    expect(() => applyMutation(mutated, m)).toThrow(/does not occur exactly once/);
  });
});

describe("runBounded", () => {
  it("kills the whole process group at the time limit, not only the process it started", async () => {
    // A shell that starts a sleep of its own and waits: killing the shell alone leaves the sleep.
    const started = performance.now();
    const run = await runBounded("sh", ["-c", "sleep 30 & echo $!; wait"], {
      cwd: repo,
      timeoutMs: 300,
    });
    expect(run.timedOut).toBe(true);
    expect(performance.now() - started).toBeLessThan(5_000);
    const sleeper = Number(run.output.trim());
    expect(sleeper).toBeGreaterThan(0);
    // Gone, or a zombie waiting to be reaped: either way no longer running.
    const stat = `/proc/${sleeper}/stat`;
    const state = existsSync(stat) ? readFileSync(stat, "utf8").split(") ")[1]?.[0] : "gone";
    expect(["gone", "Z", "X"]).toContain(state);
  });

  it("reports the exit code of a command that ends in time", async () => {
    const run = await runBounded("sh", ["-c", "echo out; exit 3"], { cwd: repo, timeoutMs: 5_000 });
    expect(run).toEqual({ code: 3, timedOut: false, output: "out\n" });
  });
});
