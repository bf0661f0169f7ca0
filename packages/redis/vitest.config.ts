import type { ViteUserConfig } from "vitest/config";
import { workspaceConfig } from "../testkit/vitest-config.ts";

// Workspace packages resolve to their source: the suite tests the code as it is, not the last build.
// One file at a time: each starts its own redis-server, and the worker teams count requests against
// time-scaled limits, which a neighbouring file's load would only make noisier.
const config: ViteUserConfig = workspaceConfig({ test: { fileParallelism: false } });
export default config;
