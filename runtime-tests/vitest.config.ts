import { defineConfig } from "vitest/config";

// Only the Node runner: deno/ and bun/ use their own runtimes' test runners. One file at a time,
// as `deno test` and `bun test` run them: the store test's redis-server and clients must not slow
// the flows' sandboxes, whose demo uploads finish within a second.
export default defineConfig({
  test: { include: ["node/**/*.test.ts"], fileParallelism: false },
});
