/**
 * Pointing the ZeroBounce SDK at a local server. Its bulk calls (`sendFile`, `getFile`,
 * `getFileStatus`) ignore the base URL `init` takes and always use `API_BULK_BASE_URL`
 * (src/utils.js: `batch ? API_BULK_BASE_URL : apiBaseURL`), and call the global `fetch`: the only
 * way in is a `fetch` that rewrites that prefix.
 */

/** The host the ZeroBounce SDK hard-codes for bulk calls. */
export const ZEROBOUNCE_SDK_BASE = "https://bulkapi.zerobounce.net/v2";

/** The SDK's URL pointed at `origin`: the whole per-call cost of the redirection. */
export function rewriteUrl(input: string, origin: string): string {
  return input.startsWith(ZEROBOUNCE_SDK_BASE)
    ? origin + "/v2" + input.slice(ZEROBOUNCE_SDK_BASE.length)
    : input;
}

/** Wraps the global `fetch` so the SDK's bulk URLs reach `origin`; returns the undo. */
export function redirectSdk(origin: string): () => void {
  const original = globalThis.fetch;
  globalThis.fetch = (input, init) =>
    original(typeof input === "string" ? rewriteUrl(input, origin) : input, init);
  return () => void (globalThis.fetch = original);
}
