import { defineConfig } from "vitest/config";

// Each test runs the built command as a child process (its own Node start, up to 10 s in
// test/run.ts). With every package's suite running at once on a 2-core machine, a start alone can
// take seconds, so vitest's 5 s default would fail tests that are only waiting their turn.
// One file at a time: test/run.ts limits how many children start at once, but only within a file;
// files side by side would start several at once and starve the watches that must see an upload
// while it is still queued. The children, not vitest's workers, are what use the cores.
export default defineConfig({ test: { testTimeout: 30_000, fileParallelism: false } });
