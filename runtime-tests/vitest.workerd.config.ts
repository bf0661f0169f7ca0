import { defineConfig } from "vitest/config";

// The Workers runner: its own config, so that `test:node` stays Node's alone. Building the Worker
// (packing, installing the tarballs, bundling) happens once, in the file's beforeAll.
export default defineConfig({
  test: { include: ["workerd/**/*.test.ts"], testTimeout: 30_000 },
});
