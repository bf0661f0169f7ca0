/**
 * The files of a new provider package, derived from its spec. Written once, when
 * `packages/<name>/package.json` does not exist yet; from then on the package is hand-maintained
 * and only `src/generated/` is regenerated.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import * as prettier from "prettier";
import type { CredentialFact, Spec } from "./spec.ts";

interface Output {
  path: string;
  content: string;
}

const OPTION_DOCS: Record<CredentialFact["in"], (f: CredentialFact) => string> = {
  query: (f) => `sent as the \`${"name" in f ? f.name : ""}\` query parameter`,
  header: (f) => `sent in the \`${"name" in f ? f.name : ""}\` header`,
  path: (f) => `sent as the \`{${"name" in f ? f.name : ""}}\` segment of the server URL`,
  bearer: () => "sent as `Authorization: Bearer <token>`",
};

function credentialLiteral(spec: Spec, f: CredentialFact): string {
  const value = `requireCredential(${JSON.stringify(spec.name)}, ${JSON.stringify(f.option)}, options?.${f.option})`;
  return f.in === "bearer"
    ? `{ in: "bearer", value: ${value} }`
    : `{ in: "${f.in}", name: ${JSON.stringify(f.name)}, value: ${value} }`;
}

function clientSource(spec: Spec): string {
  const fixed = Object.keys(spec.fixedHeaders);
  const paths = fixed.length
    ? `WithDefaultHeaders<paths, ${fixed.map((h) => JSON.stringify(h)).join(" | ")}>`
    : "paths";
  const imports = [
    "createBareApiClient",
    "requireCredential",
    "withFetchLink",
    "type ApiClient",
    "type BareApiClient",
    "type CommonOptions",
  ];
  if (fixed.length) imports.push("type WithDefaultHeaders");
  return `/**
 * createClient for ${spec.title} (specs/${spec.name}.yaml).
 */
import { ${imports.join(", ")} } from "@filestatus/core";
import type { paths } from "./generated/schema.ts";

/** The spec's first server. */
export const DEFAULT_BASE_URL = ${JSON.stringify(spec.serverUrl)};

/** Options of {@link createClient} and {@link createBareClient}. */
export interface ClientOptions extends CommonOptions {
${spec.credentials.map((f) => `  /** Required; ${OPTION_DOCS[f.in](f)}. */\n  ${f.option}: string;`).join("\n")}
}

/** The typed openapi-fetch client: \`client.GET(path, { params })\` with the spec's paths. */
export type BareClient = BareApiClient<${paths}>;

/** The typed client with what helpers build on (this package has none yet). */
export type Client = ApiClient<${paths}>;

/** The typed client alone: the smallest bundle. Throws a \`TypeError\` at once when a credential is missing or empty. */
export function createBareClient(options: ClientOptions): BareClient {
  return createBareApiClient<${paths}>(
    {
      provider: ${JSON.stringify(spec.name)},
      defaultBaseUrl: DEFAULT_BASE_URL,
      credentials: [${spec.credentials.map((f) => credentialLiteral(spec, f)).join(", ")}],
${fixed.length ? `      headers: ${JSON.stringify(spec.fixedHeaders)},\n` : ""}    },
    options,
  );
}

/** Creates a client; throws a \`TypeError\` at once when a credential is missing or empty. */
export function createClient(options: ClientOptions): Client {
  return withFetchLink(createBareClient(options));
}
`;
}

const indexSource = `export {
  createBareClient,
  createClient,
  DEFAULT_BASE_URL,
  type BareClient,
  type Client,
  type ClientOptions,
} from "./client.ts";
export type { components, operations, paths } from "./generated/schema.ts";
export { ApiError, ConnectionError, FilestatusError, TimeoutError } from "@filestatus/core";
`;

function readme(spec: Spec): string {
  const pkg = `@filestatus/${spec.name}`;
  const args = spec.credentials.map(
    (f) =>
      `${f.option}: process.env.${spec.name.toUpperCase()}_${f.option.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}!`,
  );
  return `# ${pkg}

Typed client for ${spec.title}, generated from [\`specs/${spec.name}.yaml\`](../../specs/${spec.name}.yaml).

\`\`\`sh
npm install ${pkg}
pnpm add ${pkg}
bun add ${pkg}
deno add npm:${pkg}
\`\`\`

\`\`\`ts
import { createClient } from "${pkg}";

const client = createClient({ ${args.join(", ")} });
const { data, error } = await client.GET("${spec.example.path}", { params: ${JSON.stringify(spec.example.params)} });
\`\`\`

Options: ${spec.credentials.map((f) => `\`${f.option}\``).join(", ")} (required), \`baseUrl\` (default \`${spec.serverUrl}\`),
\`fetch\`, \`headers\`.
`;
}

function smokeTest(spec: Spec): string {
  const options = Object.fromEntries(spec.credentials.map((f) => [f.option, `test-${f.option}`]));
  return `import { describe, expect, it } from "vitest";
import { createClient } from "../src/index.ts";

const options = ${JSON.stringify(options)};

describe("createClient", () => {
  it("rejects a missing credential before sending anything", () => {
${spec.credentials.map((f) => `    expect(() => createClient({ ...options, ${f.option}: "" })).toThrow(/${f.option}/);`).join("\n")}
  });

  it("sends every credential, and the server URL is the spec's", async () => {
    const seen: Request[] = [];
    const client = createClient({
      ...options,
      fetch: async (request) => (seen.push(request), Response.json({})),
    });
    await client.GET(${JSON.stringify(spec.example.path)}, { params: ${JSON.stringify(spec.example.params)} });
    const sent = seen[0]!;
    expect(sent.url).toMatch(/^${spec.serverUrl.split("{")[0]!.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}/);
${spec.credentials
  .map((f) =>
    f.in === "bearer"
      ? `    expect(sent.headers.get("authorization")).toBe("Bearer test-${f.option}");`
      : f.in === "header"
        ? `    expect(sent.headers.get(${JSON.stringify(f.name)})).toBe("test-${f.option}");`
        : f.in === "query"
          ? `    expect(new URL(sent.url).searchParams.get(${JSON.stringify(f.name)})).toBe("test-${f.option}");`
          : `    expect(sent.url).toContain("/test-${f.option}");`,
  )
  .join("\n")}
  });
});
`;
}

export async function scaffold(spec: Spec, root: string): Promise<Output[]> {
  const dir = join(root, "packages", spec.name);
  const core = JSON.parse(await readFile(join(root, "packages/core/package.json"), "utf8")) as {
    dependencies: Record<string, string>;
  };
  const pkg = {
    name: `@filestatus/${spec.name}`,
    version: "0.1.0",
    description: `Typed client for ${spec.title}.`,
    license: "MIT",
    type: "module",
    sideEffects: false,
    exports: { ".": { types: "./dist/index.d.ts", default: "./dist/index.js" } },
    files: ["dist"],
    engines: { node: ">=20.19" },
    repository: {
      type: "git",
      url: "git+https://github.com/filestatus/filestatus.git",
      directory: `packages/${spec.name}`,
    },
    scripts: {
      generate: `tsx ../../scripts/generate.ts ${spec.name}`,
      build: "tsc -p tsconfig.build.json && node ../../scripts/rewrite-dts.mjs dist",
      lint: "tsc --noEmit -p tsconfig.json && publint --strict && attw --pack . --profile esm-only",
      test: "vitest run",
    },
    dependencies: {
      "@filestatus/core": "workspace:^",
      "openapi-fetch": core.dependencies["openapi-fetch"],
    },
    devDependencies: { "@filestatus/testkit": "workspace:*" },
  };
  const turbo = {
    extends: ["//"],
    // Only this package's spec (and the generator itself) decides whether it regenerates.
    tasks: {
      generate: {
        inputs: [
          `$TURBO_ROOT$/specs/${spec.name}.yaml`,
          "$TURBO_ROOT$/scripts/generate.ts",
          "$TURBO_ROOT$/scripts/lib/**",
          "$TURBO_ROOT$/.prettierrc.json",
        ],
      },
    },
  };
  const files: Record<string, string> = {
    LICENSE: await readFile(join(root, "LICENSE"), "utf8"),
    "package.json": JSON.stringify(pkg, null, 2),
    "turbo.json": JSON.stringify(turbo, null, 2),
    "tsconfig.json": JSON.stringify(
      {
        extends: "../../tsconfig.base.json",
        compilerOptions: { noEmit: true, types: ["node"] },
        include: ["src", "test"],
      },
      null,
      2,
    ),
    "tsconfig.build.json": JSON.stringify(
      {
        extends: "../../tsconfig.base.json",
        compilerOptions: { rootDir: "src", outDir: "dist" },
        include: ["src"],
      },
      null,
      2,
    ),
    // JSR publishes the TypeScript sources (scripts/jsr-check.ts keeps it in step with package.json).
    "jsr.json": JSON.stringify(
      {
        name: pkg.name,
        version: pkg.version,
        license: pkg.license,
        exports: { ".": "./src/index.ts" },
        publish: { include: ["README.md", "src/"], exclude: ["**/*.test.ts"] },
      },
      null,
      2,
    ),
    "README.md": readme(spec),
    "src/index.ts": indexSource,
    "src/client.ts": clientSource(spec),
    "test/client.test.ts": smokeTest(spec),
  };
  return Promise.all(
    Object.entries(files).map(async ([file, text]) => {
      const path = join(dir, file);
      if (file === "LICENSE") return { path, content: text }; // copied as it is
      const options = await prettier.resolveConfig(path);
      return { path, content: await prettier.format(text, { ...options, filepath: path }) };
    }),
  );
}
