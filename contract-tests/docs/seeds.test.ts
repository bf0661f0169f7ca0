/**
 * Spec ↔ documentation: every response example copied from the providers' documentation pages
 * (fixtures/<provider>/<operationId>.<status>.<case>.json, origins in fixtures/README.md) is
 * validated against the schema its spec gives that operation and status.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { PROVIDERS, responseValidator } from "../lib/spec.ts";

const FIXTURES = fileURLToPath(new URL("../fixtures/", import.meta.url));
const README = readFileSync(`${FIXTURES}README.md`, "utf8");

/**
 * Examples the spec rejects because the documentation contradicts itself; the spec keeps what the
 * page's own field reference says. Pinned to the exact problems, so any other drift still fails.
 */
const CONTRADICTIONS: Record<string, RegExp[]> = {
  // Auto-generated placeholder example: "<string>" where the reference says string<uri>.
  "sanitizeemail/listUploadedFiles.200.schema-example.json": [
    /listUploadedFiles .* 200: body\/next must match format "uri"$/,
    /listUploadedFiles .* 200: body\/previous must match format "uri"$/,
    /listUploadedFiles .* 200: body\/results\/0\/file must match format "uri"$/,
  ],
};

// IPQS has no folder: its seed page announces examples but the copy holds none (see the README).
const fixtures = PROVIDERS.filter((provider) => existsSync(FIXTURES + provider)).flatMap(
  (provider) =>
    readdirSync(FIXTURES + provider)
      .filter((name) => name.endsWith(".json"))
      .map((name) => ({ provider, name })),
);

describe("documentation examples conform to the specs", () => {
  for (const { provider, name } of fixtures) {
    const file = `${provider}/${name}`;
    const [operationId, status] = name.split(".");
    const known = CONTRADICTIONS[file];
    const title = known
      ? `${file} (${operationId} ${status}): known contradiction in the docs`
      : `${file} (${operationId} ${status})`;
    it(title, () => {
      const body: unknown = JSON.parse(readFileSync(FIXTURES + file, "utf8"));
      const problems = responseValidator(provider)(operationId!, Number(status), body);
      expect(problems).toEqual(known?.map((re) => expect.stringMatching(re)) ?? []);
    });
  }

  it("every fixture is named <operationId>.<status>.<case>.json and listed in the README", () => {
    const files = fixtures.map(({ provider, name }) => `${provider}/${name}`);
    expect(files.filter((f) => !/^[a-z]+\/[A-Za-z]+\.\d{3}\.[a-z0-9-]+\.json$/.test(f))).toEqual(
      [],
    );
    expect(files.filter((f) => !README.includes(f))).toEqual([]);
    expect(Object.keys(CONTRADICTIONS).filter((f) => !files.includes(f))).toEqual([]);
  });
});
