/**
 * The bundle-size budget: a consumer that bundles one status call must stay within
 * SIZE_BUDGET_BYTES gzipped, so growth in openapi-fetch, core or a provider is caught in review.
 */
import { describe, expect, it } from "vitest";
import { PROVIDER_NAMES } from "./lib/fixtures.ts";
import { CONSUMERS, measure, SIZE_BUDGET_BYTES } from "./size.ts";

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
    it(`@filestatus/${provider} stays within ${SIZE_BUDGET_BYTES} B gzipped`, async () => {
      const { gzip } = await measure(CONSUMERS[provider]);
      expect(gzip).toBeLessThanOrEqual(SIZE_BUDGET_BYTES);
    });
  }

  it("notices a consumer that grows past the budget", async () => {
    const before = await measure(CONSUMERS.zerobounce);
    // Enough incompressible bytes to end 512 B over the budget, whatever the consumer weighs now.
    const text = noise(SIZE_BUDGET_BYTES - before.gzip + 512);
    const after = await measure(`${CONSUMERS.zerobounce}\nconsole.log(${JSON.stringify(text)});`);
    expect(after.gzip).toBeGreaterThan(SIZE_BUDGET_BYTES);
  });
});
