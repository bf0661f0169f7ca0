/**
 * The vitest config the workspace's suites share. A package name such as `@filestatus/core`
 * resolves through its package.json `exports` to the built `dist/`, so a suite run after editing
 * core's source would test the last build instead. Here every export of every workspace package
 * points at the source file it is built from (`./dist/x.js` → `src/x.ts`): a suite always tests the
 * code as it is, with no build in between.
 *
 * Not for suites that test what is shipped (the bundle-size budget, the runtime smoke tests): they
 * keep their own config and import the built packages on purpose.
 */
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { defineConfig, mergeConfig, type ViteUserConfig } from "vitest/config";

interface Alias {
  find: RegExp;
  replacement: string;
}

type Exports = Record<string, string | { default?: string }>;

const PACKAGES = fileURLToPath(new URL("..", import.meta.url));

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");

/** `@filestatus/<name>[/<subpath>]` → `packages/<name>/src/<file>.ts`, for every built export. */
export function sourceAliases(): Alias[] {
  const aliases: Alias[] = [];
  for (const dir of readdirSync(PACKAGES, { withFileTypes: true })) {
    if (!dir.isDirectory()) continue;
    let manifest: { name?: string; exports?: Exports };
    try {
      manifest = JSON.parse(readFileSync(`${PACKAGES}${dir.name}/package.json`, "utf8"));
    } catch {
      continue; // not a package
    }
    for (const [subpath, target] of Object.entries(manifest.exports ?? {})) {
      const file = typeof target === "string" ? target : target.default;
      const built = file?.match(/^\.\/dist\/(.+)\.js$/);
      if (!manifest.name || !built) continue; // testkit exports its source already
      aliases.push({
        find: new RegExp(`^${escape(manifest.name + subpath.slice(1))}$`),
        replacement: `${PACKAGES}${dir.name}/src/${built[1]}.ts`,
      });
    }
  }
  return aliases;
}

/**
 * A test's limit: a bound on a hang, not a measure of speed. Suites serve real HTTP on loopback and
 * every package's suite runs at once on a 2-core machine, where vitest's 5 s default failed tests
 * that were only waiting for a core (a 32 MiB upload, a watch paced by its rate limit).
 */
export const TEST_TIMEOUT_MS = 20_000;

/** The shared config, with `overrides` (a suite's own `test` options) on top. */
export function workspaceConfig(overrides: ViteUserConfig = {}): ViteUserConfig {
  const shared = defineConfig({
    resolve: { alias: sourceAliases() },
    test: { testTimeout: TEST_TIMEOUT_MS },
  });
  return mergeConfig(shared, overrides);
}
