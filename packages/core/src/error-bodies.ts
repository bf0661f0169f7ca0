/**
 * ZeroBounce and IPQS answer errors with HTTP 200 and `success: false`; openapi-fetch would hand
 * those out as data. The client moves them to the `error` branch, where every other error is.
 */
import type { Client } from "openapi-fetch";
import type { FetchResult } from "./client.ts";

const METHODS = ["GET", "PUT", "POST", "DELETE", "OPTIONS", "HEAD", "PATCH", "TRACE"] as const;

/** `success: false` bodies of ZeroBounce and IPQS (their SDKs also accept "False" and "false"). */
export function isSuccessFalse(body: unknown): boolean {
  const success =
    typeof body === "object" && body !== null ? (body as { success?: unknown }).success : undefined;
  return success === false || (typeof success === "string" && success.toLowerCase() === "false");
}

/** Moves 2xx error bodies to the `error` branch, where openapi-fetch puts every other error. */
export function moveErrorBodies(client: Client<{}>, isErrorBody: (body: unknown) => boolean): void {
  const move = (result: FetchResult) =>
    result.data !== undefined && isErrorBody(result.data)
      ? { error: result.data, response: result.response }
      : result;
  const mutable = client as unknown as Record<string, (...args: unknown[]) => Promise<FetchResult>>;
  for (const name of [...METHODS, "request"]) {
    const call = mutable[name]!;
    // No async wrapper: one more promise per call is all it costs.
    mutable[name] = (...args) => call(...args).then(move);
  }
}
