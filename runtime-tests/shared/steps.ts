/**
 * The steps every provider's flow shares: the normalised helpers, the retried 503 burst and the
 * bad-key error. Each provider's own flow (flow.ts) supplies the typed calls.
 */
import type { Logger, RetryOptions, UploadStatus, WaitOptions } from "@filestatus/core";
import { assert, assertEqual, assertNoSecret } from "./assert.ts";

/** What `waitForUpload` and `uploadStatus` look like on every provider's client. */
export interface StatusHelpers {
  uploadStatus(id: string): Promise<UploadStatus>;
  waitForUpload(id: string, options?: WaitOptions): Promise<UploadStatus>;
}

/** Small backoff, so the retried burst takes milliseconds instead of the default half-second steps. */
export const FAST_RETRY: Partial<RetryOptions> = { retries: 2, minDelayMs: 5, maxDelayMs: 20 };

/** The sandbox answers the first two requests carrying this exact header value with 503. */
export const BURST_HEADERS: Record<string, string> = { "X-Sandbox-Fault": "503x2" };

/** A logger that keeps the client's debug lines (one per attempt) for the flow to inspect. */
export function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return { lines, debug: (line: string) => void lines.push(line) };
}

/** `uploadStatus` of an upload the sandbox seeds as finished a day ago (`customers`). */
export async function checkSeeded(
  client: StatusHelpers,
  provider: string,
  id: string,
): Promise<void> {
  const status = await client.uploadStatus(id);
  assertEqual(status.provider, provider, "uploadStatus provider");
  assertEqual(status.id, id, "uploadStatus id");
  assertEqual(status.state, "complete", `state of ${provider} upload ${id}`);
  assert(status.name === undefined || status.name.includes("customers"), `name ${status.name}`);
  assert(status.raw !== undefined, "uploadStatus keeps the provider's raw object");
}

/** Polls the demo upload (queued → processing → complete) on a fast sandbox until it completes. */
export async function checkWaitForDemo(client: StatusHelpers, id: string): Promise<void> {
  const seen: UploadStatus[] = [];
  const done = await client.waitForUpload(id, {
    intervalMs: 25,
    timeoutMs: 10_000,
    onProgress: (status) => void seen.push(status),
  });
  assertEqual(done.state, "complete", `waitForUpload(${id}) state`);
  assertEqual(seen.at(-1)?.state, "complete", "last onProgress state");
  // The demo takes 800 ms at speed 10 (room for a loaded machine): the wait must see it unfinished first.
  assert(
    seen.length >= 2,
    `waitForUpload reported only ${JSON.stringify(seen.map((s) => s.state))}`,
  );
  assert(seen[0]!.state !== "complete", "the demo upload was already complete at the first poll");
}

/**
 * Walks `uploads()` to its end and checks it yielded the provider's total, each upload once, in
 * as many requests as pages (counted from the logger: one line per attempt, no retries here).
 */
export async function checkPages(
  uploads: AsyncIterable<UploadStatus>,
  lines: string[],
  expected: { total: number; pageSize: number; secrets: readonly string[] },
): Promise<void> {
  const before = lines.length;
  const ids = new Set<string>();
  let items = 0;
  for await (const upload of uploads) {
    items++;
    ids.add(upload.id);
    assertNoSecret(JSON.stringify(upload), expected.secrets, `uploads() item ${upload.id}`);
  }
  const pages = lines.length - before;
  assertEqual(items, expected.total, "uploads() yielded the provider's total");
  assertEqual(ids.size, items, "distinct ids from uploads()");
  assertEqual(pages, Math.ceil(expected.total / expected.pageSize), "pages requested");
  assert(pages >= 3, `only ${pages} pages`);
}

/** A call sent with {@link BURST_HEADERS}: two 503s retried, the third attempt answered 200. */
export async function checkRetriedBurst(
  lines: string[],
  call: () => Promise<{ data?: unknown; error?: unknown; response: Response }>,
): Promise<void> {
  const before = lines.length;
  const { data, error, response } = await call();
  assertEqual(response.status, 200, "status after the 503 burst");
  assert(
    error === undefined && data !== undefined,
    `error after retries: ${JSON.stringify(error)}`,
  );
  const attempts = lines.slice(before);
  assertEqual(attempts.length, 3, `attempts logged (${attempts.join(" | ")})`);
  assert(/→ 503 \(attempt 1\/3, retrying in \d+ ms\)/.test(attempts[0]!), attempts[0]!);
  assert(/→ 503 \(attempt 2\/3, retrying in \d+ ms\)/.test(attempts[1]!), attempts[1]!);
  assert(/→ 200 \(attempt 3\/3\)/.test(attempts[2]!), attempts[2]!);
}

/** The call made with a rejected credential throws an `ApiError` that never shows the secrets. */
export async function checkBadKey(
  call: () => Promise<unknown>,
  isApiError: (error: unknown) => boolean,
  expected: { status: number; secrets: readonly string[] },
): Promise<void> {
  let thrown: unknown;
  try {
    await call();
  } catch (error) {
    thrown = error;
  }
  assert(isApiError(thrown), `expected an ApiError, got ${String(thrown)}`);
  const error = thrown as Error & { status: number; providerMessage?: string };
  assertEqual(error.status, expected.status, "ApiError status");
  assert(error.providerMessage, "ApiError carries the provider's message");
  assertNoSecret(error.message, expected.secrets, "ApiError message");
  assertNoSecret(error.stack ?? "", expected.secrets, "ApiError stack");
  assertNoSecret(JSON.stringify(error), expected.secrets, "JSON.stringify(ApiError)");
  assertNoSecret(String(error), expected.secrets, "String(ApiError)");
}
