/**
 * Building an {@link ApiError} from what the server sent, with every secret redacted.
 */
import { MAX_ERROR_BODY_BYTES } from "./body.ts";
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

/**
 * What an error keeps of a body: a redacted copy (depth-bounded by `redactDeep`), or, when that is
 * larger than {@link MAX_ERROR_BODY_BYTES} as JSON, the start of its text, so an error stays small
 * enough to log whatever the server sent.
 */
function keptBody(body: unknown, redact: Redactor): unknown {
  const copy = redactDeep(body, redact);
  const text = typeof copy === "string" ? copy : JSON.stringify(copy);
  if (text === undefined || text.length <= MAX_ERROR_BODY_BYTES) return copy;
  return `${text.slice(0, MAX_ERROR_BODY_BYTES)}…`;
}

export function apiErrorFrom(
  context: ErrorContext,
  request: { method: string; url: string },
  response: { status: number; headers: Headers },
  body: unknown,
  reason?: string,
): ApiError {
  const { redact } = context;
  const kept = keptBody(body, redact);
  const message = typeof kept === "string" ? snippet(kept) || undefined : providerMessage(kept);
  return new ApiError({
    provider: context.provider,
    method: request.method,
    url: redact(request.url),
    status: response.status,
    providerMessage: [reason, message && redact(message)].filter(Boolean).join(": ") || undefined,
    body: kept,
    headers: redactHeaders(response.headers, redact),
    requestId: requestIdOf(response.headers, body),
    retryAfterMs: retryAfterMs(response.headers, context.now()),
  });
}
