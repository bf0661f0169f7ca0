/**
 * The bundle-size budgets: a consumer that bundles one status call must stay within its budget
 * gzipped (`BARE_SIZE_BUDGET_BYTES` with `createBareClient`, `SIZE_BUDGET_BYTES` with
 * `createClient`), so growth in openapi-fetch, core or a provider is caught in review, and so is a
 * helper that creeps into the bare path.
 */
import { describe, expect, it } from "vitest";
import { PROVIDER_NAMES } from "./lib/fixtures.ts";
import {
  BARE_CONSUMERS,
  BARE_SIZE_BUDGET_BYTES,
  CONSUMERS,
  measure,
  part,
  SIZE_BUDGET_BYTES,
} from "./size.ts";

/** Deterministic, incompressible text: gzip cannot shrink it, so it adds about its own length. */
function noise(length: number): string {
  let seed = 0x2545f491;
  let out = "";
  while (out.length < length) {
    seed = (seed * 1_103_515_245 + 12_345) >>> 0;
    out += (seed >>> 8).toString(36);
  }
  return out.slice(0, length);
}

describe("bundle size of a one-call consumer", () => {
  for (const provider of PROVIDER_NAMES) {
    it(`@filestatus/${provider} createBareClient stays within ${BARE_SIZE_BUDGET_BYTES} B gzipped, without helpers`, async () => {
      const bundle = await measure(BARE_CONSUMERS[provider]);
      expect(bundle.gzip).toBeLessThanOrEqual(BARE_SIZE_BUDGET_BYTES);
      const helpers = bundle.modules.filter((m) => part(m.path) === "core: helpers");
      expect(helpers.map((m) => m.path)).toEqual([]);
    });

    it(`@filestatus/${provider} createClient stays within ${SIZE_BUDGET_BYTES} B gzipped`, async () => {
      const { gzip } = await measure(CONSUMERS[provider]);
      expect(gzip).toBeLessThanOrEqual(SIZE_BUDGET_BYTES);
    });
  }

  it("notices a consumer that grows past the budget", async () => {
    const before = await measure(BARE_CONSUMERS.zerobounce);
    // Enough incompressible bytes to end 512 B over the budget, whatever the consumer weighs now.
    const text = noise(BARE_SIZE_BUDGET_BYTES - before.gzip + 512);
    const after = await measure(
      `${BARE_CONSUMERS.zerobounce}\nconsole.log(${JSON.stringify(text)});`,
    );
    expect(after.gzip).toBeGreaterThan(BARE_SIZE_BUDGET_BYTES);
  });
});
