import { defineConfig } from "vitest/config";

// Prism takes a few seconds to start per spec, hence the generous hook timeout.
export default defineConfig({
  test: {
    include: ["**/*.test.ts"],
    exclude: ["node_modules/**"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
