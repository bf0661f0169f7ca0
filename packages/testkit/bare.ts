/**
 * The suite every provider's `createBareClient` passes: calls reach the API with the credentials,
 * a refusal is an `ApiError` that names no secret, the options are checked as `createClient`
 * checks them, and the client carries the typed methods and nothing a helper adds.
 */
import { describe, expect, it } from "vitest";
import { caught, exposed } from "./results.ts";

/** What a bare client has: openapi-fetch's client plus what every call needs. */
export const BARE_CLIENT_KEYS: readonly string[] = [
  ...["request", "GET", "PUT", "POST", "DELETE", "OPTIONS", "HEAD", "PATCH", "TRACE"],
  ...["use", "eject", "provider", "redact", "unwrap", "unexpected", "clock", "rateLimit", "retry"],
];

export interface BareClientCase<C> {
  /** `createBareClient` on the sandbox with `secret` as every credential, plus `options`. */
  bare(secret: string, options?: Record<string, unknown>): C;
  /** `createClient` the same way. */
  full(secret: string): object;
  /** One typed call the sandbox answers for a good key, unwrapped. */
  call(client: C): Promise<unknown>;
}

/** The spellings a secret could leak in: raw, path- and form-encoded. */
const spellings = (secret: string): string[] => [
  secret,
  encodeURIComponent(secret),
  new URLSearchParams({ s: secret }).toString().slice(2),
];

export function describeBareClient<C extends object>(provider: string, c: BareClientCase<C>): void {
  const secret = `${provider}-Bare/Secret+Key=9`;
  describe(`@filestatus/${provider} createBareClient`, () => {
    it("calls the API with its credentials; a refused key is an ApiError that names no secret", async () => {
      await expect(c.call(c.bare(secret))).resolves.toBeDefined();
      const refused = `bad-${secret}`; // the sandbox refuses keys starting with "bad"
      const error = await caught(c.call(c.bare(refused)));
      expect(error).toMatchObject({ name: "ApiError", provider });
      for (const spelling of spellings(refused)) expect(exposed(error)).not.toContain(spelling);
    });

    it("carries the typed client and nothing a helper adds; createClient is built on it", () => {
      const bare = Object.keys(c.bare(secret));
      expect([...bare].sort()).toEqual([...BARE_CLIENT_KEYS].sort());
      const full = Object.keys(c.full(secret));
      expect(full).toEqual(expect.arrayContaining(bare));
      expect(full.length).toBeGreaterThan(bare.length + 3); // uploadStatus, waitForUpload, … on top
    });

    it("a server that never answers ends in a TimeoutError naming no secret", async () => {
      const never = () => new Promise<Response>(() => undefined);
      const client = c.bare(secret, { fetch: never, timeoutMs: 20, retry: false });
      const error = await caught(c.call(client));
      expect(error).toMatchObject({ name: "TimeoutError", timeoutMs: 20 });
      for (const spelling of spellings(secret)) expect(exposed(error)).not.toContain(spelling);
    });

    it("checks its options as createClient does, naming the option and no secret", () => {
      const refusal = (key: string, options?: Record<string, unknown>): string => {
        try {
          c.bare(key, options);
        } catch (error) {
          expect(error).toBeInstanceOf(Error);
          return exposed(error);
        }
        return expect.unreachable(`createBareClient accepted ${JSON.stringify(options)}`);
      };
      for (const [options, name] of [
        [{ timeoutMs: Number.NaN }, "timeoutMs"],
        [{ retry: { retries: -1 } }, "retry.retries"],
        [{ baseUrl: "ftp://example.test" }, "baseUrl"],
        [{ headers: { "X-Trace": `a\r\n${secret}` } }, "headers"],
        [{ headers: { "\u001b[2J\u001b]0;x\u0007": "v" } }, "headers"],
        [{ headers: null }, "headers"],
        [{ rateLimit: { requests: "4", perMs: 1000 } }, "rateLimit.requests"],
        [{ timeoutMs: -1 }, "timeoutMs"],
        [{ retry: { maxDelayMs: Infinity } }, "retry.maxDelayMs"],
      ] as const) {
        const shown = refusal(secret, options);
        expect(shown).toContain(`@filestatus/${provider}: ${name}`);
        for (const spelling of spellings(secret)) expect(shown).not.toContain(spelling);
        expect(shown).not.toMatch(/[\u0000-\u0008\u000b-\u001f]/); // no terminal escape gets through
      }
      expect(refusal("")).toMatch(/option is empty/);
    });
  });
}
