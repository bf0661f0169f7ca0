/**
 * `pnpm demo`, the README's main job, run the way the README runs it (after the build).
 */
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { expect, it } from "vitest";

const repo = join(import.meta.dirname, "../..");

it("watches one upload per provider, then sends a list round trip, and exits 0 within 30 s", async () => {
  const started = performance.now();
  const { stdout } = await promisify(execFile)(
    join(repo, "node_modules/.bin/tsx"),
    ["scripts/demo.ts"],
    {
      cwd: repo,
      timeout: 30_000,
    },
  );
  expect(performance.now() - started).toBeLessThan(30_000);
  for (const provider of ["zerobounce", "ipqs", "sanitizeemail", "highlevel", "constantcontact"]) {
    expect(stdout).toMatch(new RegExp(`^${provider} +\\S+ +complete`, "m"));
  }
  expect(stdout).toMatch(/5 of 5 uploads complete in \d+\.\d s/);
  expect(stdout).toMatch(/^zerobounce +\S+ +processing \d+%/m); // progress was reported on the way
  // The round trip: 200 addresses, 80 of them malformed or on the sandbox's dead domains.
  expect(stdout).toMatch(/^round trip: 200 addresses \(80 malformed or on dead domains\)/m);
  for (const provider of ["zerobounce", "ipqs", "sanitizeemail"]) {
    const line = new RegExp(`^${provider} +120 valid, 80 invalid \\(as expected\\) → (.+)$`, "m");
    const path = line.exec(stdout)?.[1];
    expect(path, stdout).toBeDefined();
    // The saved results: a header and one row per address.
    expect(readFileSync(path!, "utf8").split(/\r?\n/).filter(Boolean)).toHaveLength(201);
  }
});
