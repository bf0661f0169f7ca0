/**
 * Secret redaction. Keys travel in URLs (ZeroBounce and Constant Contact `api_key`, the IPQS path
 * segment) and in headers, so anything that may reach an error, a log line or a returned value goes
 * through a {@link Redactor} first.
 */

export const REDACTED = "***";

/** Replaces every known secret, and every value of a credential-named query parameter, with `***`. */
export type Redactor = (text: string) => string;

/** Query parameters whose values are secrets whatever the provider. */
const SECRET_QUERY_PARAMS: readonly string[] = [
  "api_key",
  "apikey",
  "key",
  "access_token",
  "token",
];

/** Headers whose values are secrets whatever the provider. */
const SECRET_HEADERS: ReadonlySet<string> = new Set([
  "authorization",
  "proxy-authorization",
  "x-api-key",
  "cookie",
]);

const SECRET_PARAM_RE = new RegExp(`([?&](?:${SECRET_QUERY_PARAMS.join("|")})=)[^&#\\s"']*`, "gi");

/** The spellings a secret takes on the wire: raw, path-encoded and form-encoded. */
function spellings(secret: string): string[] {
  const form = new URLSearchParams({ s: secret }).toString().slice(2);
  return [...new Set([secret, encodeURIComponent(secret), form])];
}

/** Builds a redactor for one client's secrets. Empty secrets are ignored. */
export function createRedactor(secrets: readonly string[]): Redactor {
  const needles = secrets
    .filter((s) => s.length > 0)
    .flatMap(spellings)
    // Longest first, so a secret that contains another is replaced whole.
    .sort((a, b) => b.length - a.length);
  return (text) => {
    let out = text.replace(SECRET_PARAM_RE, `$1${REDACTED}`);
    for (const needle of needles) out = out.split(needle).join(REDACTED);
    return out;
  };
}

/** A copy of `value` with every string inside it redacted; cycles are cut. */
export function redactDeep(
  value: unknown,
  redact: Redactor,
  seen: WeakSet<object> = new WeakSet(),
): unknown {
  if (typeof value === "string") return redact(value);
  if (value === null || typeof value !== "object") return value;
  if (seen.has(value)) return "[Circular]";
  seen.add(value);
  if (Array.isArray(value)) return value.map((v) => redactDeep(v, redact, seen));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = redactDeep(v, redact, seen);
  return out;
}

/** A plain-object copy of `headers` with secret header values replaced. */
export function redactHeaders(headers: Headers, redact: Redactor): Record<string, string> {
  const out: Record<string, string> = {};
  headers.forEach((value, name) => {
    out[name] = SECRET_HEADERS.has(name.toLowerCase()) ? REDACTED : redact(value);
  });
  return out;
}
