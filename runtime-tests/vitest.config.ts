import { defineConfig } from "vitest/config";

// Only the Node runner: deno/ and bun/ use their own runtimes' test runners.
export default defineConfig({
  test: { include: ["node/**/*.test.ts"] },
});
