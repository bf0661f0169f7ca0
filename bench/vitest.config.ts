import { defineConfig, type ViteUserConfig } from "vitest/config";

// Only the size budget is a test; the benchmarks run through `pnpm bench`, never as tests.
const config: ViteUserConfig = defineConfig({
  test: {
    include: ["*.test.ts"],
    testTimeout: 30_000,
  },
});
export default config;
