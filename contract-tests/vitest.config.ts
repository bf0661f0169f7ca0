import type { ViteUserConfig } from "vitest/config";
import { workspaceConfig } from "../packages/testkit/vitest-config.ts";

// The clients and the sandbox resolve to their source (not their last build). Prism takes a few
// seconds to start per spec, hence the generous hook timeout.
const config: ViteUserConfig = workspaceConfig({
  test: {
    include: ["**/*.test.ts"],
    exclude: ["node_modules/**"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
export default config;
