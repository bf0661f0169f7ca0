import type { ViteUserConfig } from "vitest/config";
import { workspaceConfig } from "../testkit/vitest-config.ts";

// Workspace packages resolve to their source: the suite tests the code as it is, not the last build.
const config: ViteUserConfig = workspaceConfig();
export default config;
