/**
 * Building an {@link ApiError} from what the server sent, with every secret redacted.
 */
import { ApiError, providerMessage } from "./errors.ts";
import { redactDeep, redactHeaders, type Redactor } from "./redact.ts";
import { retryAfterMs } from "./retry.ts";

export interface ErrorContext {
  provider: string;
  redact: Redactor;
  now: () => number;
}

/** A short, single-line excerpt of a body that is not JSON (an HTML error page, a cut-off document). */
export function snippet(text: string, max = 120): string {
  const line = text.replace(/\s+/g, " ").trim();
  return line.length > max ? `${line.slice(0, max)}…` : line;
}

const REQUEST_ID_HEADERS: readonly string[] = [
  "x-request-id",
  "request-id",
  "x-amzn-requestid",
  "cf-ray",
];

function requestIdOf(headers: Headers, body: unknown): string | undefined {
  for (const name of REQUEST_ID_HEADERS) {
    const value = headers.get(name);
    if (value) return value;
  }
  // IPQS puts it in the body.
  const id =
    typeof body === "object" && body !== null
      ? (body as Record<string, unknown>).request_id
      : undefined;
  return typeof id === "string" && id ? id : undefined;
}

export function apiErrorFrom(
  context: ErrorContext,
  request: { method: string; url: string },
  response: { status: number; headers: Headers },
  body: unknown,
  reason?: string,
): ApiError {
  const { redact } = context;
  const message = typeof body === "string" ? snippet(body) || undefined : providerMessage(body);
  return new ApiError({
    provider: context.provider,
    method: request.method,
    url: redact(request.url),
    status: response.status,
    providerMessage: [reason, message && redact(message)].filter(Boolean).join(": ") || undefined,
    body: redactDeep(body, redact),
    headers: redactHeaders(response.headers, redact),
    requestId: requestIdOf(response.headers, body),
    retryAfterMs: retryAfterMs(response.headers, context.now()),
  });
}
