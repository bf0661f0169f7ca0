import { defineConfig } from "vitest/config";

// The generator's own suite. It lives beside the scripts, not at the root, so that each package's
// `vitest run` does not pick it up as its config. Each test spawns the generator (a second or two,
// more while turbo runs the package suites beside it), hence the generous timeout.
export default defineConfig({
  test: { include: ["scripts/test/**/*.test.ts"], root: ".", testTimeout: 60_000 },
});
