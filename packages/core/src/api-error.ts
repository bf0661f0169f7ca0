/**
 * Building an {@link ApiError} from what the server sent, with every secret redacted.
 */
import { MAX_ERROR_BODY_BYTES } from "./body.ts";
import { ApiError } from "./errors.ts";
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

/**
 * The provider's own message from any of the error shapes the five APIs use: `message` as a string
 * or an array (ZeroBounce, IPQS, HighLevel 422), `error_message` (ZeroBounce), `detail`
 * (SanitizeEmail, or its field errors), or an array of `{ error_key, error_message }` (Constant Contact).
 */
export function providerMessage(body: unknown): string | undefined {
  if (typeof body === "string") return body.trim().slice(0, 200) || undefined;
  if (Array.isArray(body)) {
    const parts = body.map(providerMessage).filter((m): m is string => m !== undefined);
    return parts.length ? parts.join("; ") : undefined;
  }
  if (typeof body !== "object" || body === null) return undefined;
  const record = body as Record<string, unknown>;
  for (const key of ["message", "error_message", "detail", "error"]) {
    const value = record[key];
    if (typeof value === "string" && value) return value;
    if (Array.isArray(value) && value.length) return value.map(String).join("; ");
  }
  // Django REST framework validation errors (SanitizeEmail): { "field": ["why", …] }.
  const fields = Object.entries(record).filter(
    ([, v]) => Array.isArray(v) && v.length > 0 && v.every((m) => typeof m === "string"),
  );
  return fields.length
    ? fields.map(([k, v]) => `${k}: ${(v as string[]).join(" ")}`).join("; ")
    : undefined;
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
    providerMessage:
      [reason && redact(reason), message && redact(message)].filter(Boolean).join(": ") ||
      undefined,
    body: kept,
    headers: redactHeaders(response.headers, redact),
    requestId: requestIdOf(response.headers, body),
    retryAfterMs: retryAfterMs(response.headers, context.now()),
  });
}
