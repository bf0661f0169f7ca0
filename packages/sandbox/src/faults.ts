/**
 * Fault injection, switched per request by the `X-Sandbox-Fault` header or the `sandbox_fault`
 * query parameter (the header wins). The parameter is removed before the provider sees the URL.
 */
import { json } from "./context.ts";
import type { ProviderName } from "./types.ts";

export const FAULT_HEADER = "X-Sandbox-Fault";
export const FAULT_PARAM = "sandbox_fault";

/** The message of the error `fetch` rejects with for `reset`; the Node adapter destroys the socket. */
export const RESET_MESSAGE = "sandbox: connection reset";

export type Fault =
  | { kind: "503" }
  | { kind: "503x"; times: number }
  | { kind: "429" }
  | { kind: "delay"; ms: number }
  | { kind: "reset" }
  | { kind: "truncate" }
  | { kind: "reset-body" }
  | { kind: "slow-body"; ms: number };

const USAGE = "503, 503x<N>, 429, delay=<ms>, reset, truncate, reset-body or slow-body=<ms>";

export function parseFault(value: string): Fault | undefined {
  if (
    value === "503" ||
    value === "429" ||
    value === "reset" ||
    value === "truncate" ||
    value === "reset-body"
  )
    return { kind: value };
  const slow = /^slow-body=(\d{1,7})$/.exec(value);
  if (slow) return { kind: "slow-body", ms: Number(slow[1]) };
  const times = /^503x(\d{1,6})$/.exec(value);
  if (times) return { kind: "503x", times: Number(times[1]) };
  const delay = /^delay=(\d{1,7})$/.exec(value);
  if (delay) return { kind: "delay", ms: Number(delay[1]) };
  return undefined;
}

/** The fault asked for, and the request URL without the query parameter. */
export function readFault(request: Request): { value: string | undefined; url: URL } {
  const url = new URL(request.url);
  const param = url.searchParams.get(FAULT_PARAM);
  if (param !== null) url.searchParams.delete(FAULT_PARAM);
  const value = request.headers.get(FAULT_HEADER) ?? param ?? undefined;
  return { value: value?.trim(), url };
}

/**
 * An injected error answered in the shape the provider uses for its own errors (specs/*.yaml),
 * so clients and contract tests see what the real API would send.
 */
function errorBody(provider: ProviderName | undefined, status: number, message: string): unknown {
  switch (provider) {
    case "zerobounce":
    case "ipqs":
      return { success: false, message };
    case "sanitizeemail":
      return { detail: message };
    case "highlevel":
      return { statusCode: status, message };
    case "constantcontact":
      return [
        {
          error_key:
            status === 429 ? "mashery.not.authorized.over.qps" : "http.status.server_error",
          error_message: message,
        },
      ];
    default:
      return { message };
  }
}

/** True for the rejection `reset` produces, from any copy of this package. */
export function isConnectionReset(error: unknown): boolean {
  return error instanceof TypeError && error.message === RESET_MESSAGE;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal.addEventListener("abort", onAbort, { once: true });
  });
}

/** The normal answer with its body cut in half: a JSON parser fails on it. */
async function truncate(response: Response, value: string): Promise<Response> {
  const text = await response.text();
  const headers = new Headers(response.headers);
  headers.delete("content-length");
  headers.set(FAULT_HEADER, value);
  return new Response(text.slice(0, Math.floor(text.length / 2)), {
    status: response.status,
    headers,
  });
}

/** Splits a body into pieces of at most this many bytes for `reset-body` and `slow-body`. */
const PIECE_BYTES = 16 * 1024;

/**
 * The normal answer, streamed in pieces: `slow-body` waits `ms` before each piece; `reset-body`
 * sends the first half of the body and then errors the stream, which the Node adapter turns into a
 * destroyed socket (a connection reset mid-body, after the status and headers went out).
 */
async function piecewise(
  response: Response,
  value: string,
  fault: { kind: "reset-body" } | { kind: "slow-body"; ms: number },
  signal: AbortSignal,
): Promise<Response> {
  const bytes = new Uint8Array(await response.arrayBuffer());
  const end = fault.kind === "reset-body" ? Math.floor(bytes.length / 2) : bytes.length;
  let offset = 0;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (fault.kind === "slow-body") await sleep(fault.ms, signal);
      if (offset >= end) {
        if (fault.kind === "reset-body") controller.error(new TypeError(RESET_MESSAGE));
        else controller.close();
        return;
      }
      controller.enqueue(bytes.slice(offset, Math.min(end, offset + PIECE_BYTES)));
      offset += PIECE_BYTES;
    },
  });
  const headers = new Headers(response.headers);
  headers.set(FAULT_HEADER, value);
  if (fault.kind === "reset-body") headers.delete("content-length");
  return new Response(body, { status: response.status, headers });
}

/**
 * Answers `value`'s fault, or hands over to `next` (the provider) when there is none or it has run
 * its course. `counts` holds how often each `503x<N>` value has answered, per sandbox.
 */
export async function withFault(
  value: string | undefined,
  provider: ProviderName | undefined,
  request: Request,
  counts: Map<string, number>,
  next: () => Promise<Response>,
): Promise<Response> {
  if (value === undefined || value === "") return next();
  const fault = parseFault(value);
  const headers = { [FAULT_HEADER]: value };
  const unavailable = () =>
    json(errorBody(provider, 503, "Service Unavailable (sandbox fault)"), 503, headers);
  switch (fault?.kind) {
    case undefined:
      return json(
        { message: `sandbox: unknown fault ${JSON.stringify(value)}; use ${USAGE}` },
        400,
      );
    case "503":
      return unavailable();
    case "503x": {
      const answered = counts.get(value) ?? 0;
      if (answered >= fault.times) return next();
      counts.set(value, answered + 1);
      return unavailable();
    }
    case "429":
      return json(errorBody(provider, 429, "Too Many Requests (sandbox fault)"), 429, {
        ...headers,
        "Retry-After": "1",
      });
    case "delay":
      // The signal is read only here: Deno.serve warns once whenever a handler touches it.
      await sleep(fault.ms, request.signal);
      return next();
    case "reset":
      throw new TypeError(RESET_MESSAGE);
    case "truncate":
      return truncate(await next(), value);
    case "reset-body":
    case "slow-body":
      return piecewise(await next(), value, fault, request.signal);
  }
}
