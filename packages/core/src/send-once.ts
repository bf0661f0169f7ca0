/**
 * Sending an upload at most once. Uploads spend credits, so a request that may have reached the
 * provider is never sent again: it is repeated only when the provider surely did not take it (the
 * connection was refused before anything was sent, or a 429/503 asking to come back later), and
 * every other failure says whether the upload may have been accepted.
 */
import type { ApiClient, FetchResult } from "./client.ts";
import { afterAnswer, responseOrigin } from "./attempt.ts";
import { ApiError, ConnectionError, FilestatusError, TimeoutError } from "./errors.ts";
import type { Multipart } from "./multipart.ts";
import { countingStream, type RoundTripOptions } from "./progress.ts";
import { backoffMs } from "./retry.ts";

/** What to spread into `client.POST(path, { ...body, signal })` to send a multipart body. */
export interface FormInit {
  body: never;
  bodySerializer: (body: unknown) => unknown;
  headers: Record<string, string>;
  duplex: "half";
  /**
   * An upload never follows a redirect: its body has gone out and cannot be sent again. `"error"`
   * says so and lets Node's fetch send it without keeping a copy (see `applyCredentials`); where
   * the runtime refuses that mode (Cloudflare Workers), `"manual"`: the transport then hands the
   * redirect back unfollowed, and {@link sendOnce} counts it as a possible acceptance.
   */
  redirect: "error" | "manual";
}

/**
 * `"error"` where the runtime's `Request` accepts it; workerd throws "Invalid redirect value".
 * Asked at each upload (one `Request` never sent, nothing beside an upload's cost).
 */
function noFollowMode(): "error" | "manual" {
  try {
    return new Request("http://x", { redirect: "error" }).redirect as "error";
  } catch {
    return "manual";
  }
}

/**
 * A fresh, streamed copy of `form` for one request, with its `Content-Type` and `Content-Length`,
 * reporting `uploading` progress as the runtime reads it.
 */
export function formBody(form: Multipart, options: RoundTripOptions = {}): FormInit {
  const body = countingStream(form.body.stream(), "uploading", form.body.size, options.onProgress);
  return {
    body: body as never,
    bodySerializer: (value) => value, // openapi-fetch would JSON-encode it
    headers: { "Content-Type": form.contentType, "Content-Length": String(form.body.size) },
    duplex: "half",
    redirect: noFollowMode(),
  };
}

/** True when a connection error happened before a byte was sent: the server refused it. */
export function refusedBeforeSending(error: unknown): boolean {
  for (let cause = error, depth = 0; cause instanceof Error && depth < 6; depth++) {
    const code = String((cause as { code?: unknown }).code ?? "");
    if (/ECONNREFUSED|ConnectionRefused/.test(code) || /connection refused/i.test(cause.message))
      return true;
    cause = cause.cause;
  }
  return false;
}

/** True for a connection that failed before the server had seen anything of the request. */
function refused(error: unknown): boolean {
  return (
    ConnectionError.is(error) &&
    !afterAnswer.has(error) && // a redirect's target refusing says nothing of the first hop
    refusedBeforeSending(error.cause ?? error)
  );
}

/** Whether a failed upload may still have been taken by the provider. */
function mayHaveBeenAccepted(error: unknown): boolean {
  if (TimeoutError.is(error)) return true;
  if (ConnectionError.is(error)) return !refused(error);
  // An answer of 4xx, or 503 "unavailable", refuses the upload; other 5xx may come after it, a
  // 2xx whose body cannot be read (the transport's JSON check) took it, and so may have a 3xx (a
  // redirect handed back unfollowed: "manual", where the runtime refuses "error").
  if (ApiError.is(error))
    return error.status < 400 || (error.status >= 500 && error.status !== 503);
  return false;
}

/** `error` with `mayHaveBeenAccepted`, and when true, a message saying how not to pay twice. */
function mark(client: ApiClient<{}>, error: unknown, name: string, accepted: boolean): unknown {
  if (!(error instanceof FilestatusError)) return error;
  Object.defineProperty(error, "mayHaveBeenAccepted", { value: accepted, enumerable: true });
  if (accepted) {
    const hint = `; the upload may have been accepted: look for "${client.redact(name)}" among your uploads before sending it again`;
    Object.defineProperty(error, "message", { value: error.message + hint });
  }
  return error;
}

export interface SendOnceOptions<Data> extends RoundTripOptions {
  /** The multipart body; `call` then gets a fresh {@link FormInit} on each attempt. */
  form?: Multipart;
  /** Checks the answer's shape, as `client.unwrap` does. */
  expect?: (data: Data) => string | undefined;
}

/**
 * Sends an upload (`call`) and resolves with its data. `name` is the file name the errors tell
 * the caller to look for when the upload may have been accepted.
 */
export async function sendOnce<R extends FetchResult>(
  client: ApiClient<{}>,
  name: string,
  call: (init: FormInit | undefined) => Promise<R>,
  options: SendOnceOptions<Exclude<R["data"], undefined>> = {},
): Promise<Exclude<R["data"], undefined>> {
  const retry = client.retry;
  const attempts = retry ? retry.retries + 1 : 1;
  for (let attempt = 1; ; attempt++) {
    let result: R;
    try {
      result = await call(options.form && formBody(options.form, options));
    } catch (error) {
      if (options.signal?.aborted) throw options.signal.reason;
      if (refused(error) && retry && attempt < attempts) {
        await client.clock.sleep(backoffMs(attempt - 1, retry), options.signal);
        continue;
      }
      throw mark(client, error, name, mayHaveBeenAccepted(error));
    }
    const { error, response } = result;
    if (error === undefined && response.ok) {
      // A success whose answer cannot be read: the provider has the file, whatever it said.
      try {
        return await client.unwrap(result, options.expect);
      } catch (unreadable) {
        const reason = unreadable instanceof Error ? unreadable.message : String(unreadable);
        const error = ApiError.is(unreadable)
          ? unreadable
          : client.unexpected(response, client.redact(reason));
        throw mark(client, error, name, true);
      }
    }
    const refusal = await client.unwrap(result).then(
      () => undefined,
      (e: unknown) => e,
    );
    const comeBack = response.status === 429 || response.status === 503;
    const asked = ApiError.is(refusal) ? refusal.retryAfterMs : undefined;
    if (comeBack && retry && attempt < attempts && (asked ?? 0) <= retry.maxRetryAfterMs) {
      await client.clock.sleep(asked ?? backoffMs(attempt - 1, retry), options.signal);
      continue;
    }
    // A 2xx here carries an error body (ZeroBounce's and IPQS's `success: false`): a refusal. An
    // answer reached through a redirect came after the upload itself was answered.
    const redirected = responseOrigin.get(response)?.redirected === true;
    const accepted = redirected || (!response.ok && mayHaveBeenAccepted(refusal));
    throw mark(client, refusal, name, accepted);
  }
}
