/**
 * ZeroBounce and IPQS answer errors with HTTP 200 and `success: false`; openapi-fetch would hand
 * those out as data. Their clients move them to the `error` branch, where every other error is.
 */
import type { Client } from "openapi-fetch";
import type { FetchResult } from "./client.ts";

/** `success: false` bodies of ZeroBounce and IPQS (their SDKs also accept "False" and "false"). */
export function isSuccessFalse(body: unknown): boolean {
  const success =
    typeof body === "object" && body !== null ? (body as { success?: unknown }).success : undefined;
  return success === false || (typeof success === "string" && success.toLowerCase() === "false");
}

/**
 * Moves 2xx error bodies to the `error` branch, where openapi-fetch puts every other error;
 * returns `client`, changed. A provider that needs it calls it, so the others do not bundle it.
 */
export function moveErrorBodies<C extends Client<{}>>(
  client: C,
  isErrorBody: (body: unknown) => boolean,
): C {
  const move = (result: FetchResult) =>
    result.data !== undefined && isErrorBody(result.data)
      ? { error: result.data, response: result.response }
      : result;
  const mutable = client as unknown as Record<string, (...args: unknown[]) => Promise<FetchResult>>;
  // Every method openapi-fetch has (GET, POST, …) and `request`: those resolve with a result.
  for (const name of Object.keys(mutable)) {
    const call = mutable[name]!;
    // No async wrapper: one more promise per call is all it costs.
    if (/^([A-Z]+|request)$/.test(name)) mutable[name] = (...args) => call(...args).then(move);
  }
  return client;
}
