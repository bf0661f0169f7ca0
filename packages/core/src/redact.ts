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

/** The spellings a secret takes on the wire and in bodies: raw, path-, form- and JSON-encoded. */
function spellings(secret: string): string[] {
  const form = new URLSearchParams({ s: secret }).toString().slice(2);
  return [secret, encodeURIComponent(secret), form, JSON.stringify(secret).slice(1, -1)];
}

/**
 * Secrets shorter than this are replaced only where they stand alone (not inside a longer run of
 * letters and digits): a one-letter test key would otherwise turn `bulkapi` into `bul***api`.
 * Real keys are 24–40 characters and are replaced wherever they appear.
 */
const WHOLE_WORD_BELOW = 16;

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Replaces the given secrets, in every spelling, wherever {@link WHOLE_WORD_BELOW} allows. */
function secretReplacer(secrets: readonly string[]): Redactor {
  const needles = [...new Set(secrets.filter((s) => s.length > 0).flatMap(spellings))]
    // Longest first, so a secret that contains another is replaced whole.
    .sort((a, b) => b.length - a.length);
  const anywhere = needles.filter((n) => n.length >= WHOLE_WORD_BELOW);
  const short = needles.filter((n) => n.length < WHOLE_WORD_BELOW).map(escapeRegExp);
  const standalone =
    short.length > 0
      ? new RegExp(`(?<![A-Za-z0-9])(?:${short.join("|")})(?![A-Za-z0-9])`, "g")
      : undefined;
  return (text) => {
    let out = text;
    for (const needle of anywhere) out = out.split(needle).join(REDACTED);
    return standalone ? out.replace(standalone, REDACTED) : out;
  };
}

/** Builds a redactor for one client's secrets. Empty secrets are ignored. */
export function createRedactor(secrets: readonly string[]): Redactor {
  const replace = secretReplacer(secrets);
  return (text) => replace(text.replace(SECRET_PARAM_RE, `$1${REDACTED}`));
}

/** True when `text` holds one of `secrets` (in any spelling); other credential-like text is ignored. */
export function secretFinder(secrets: readonly string[]): (text: string) => boolean {
  const replace = secretReplacer(secrets);
  return (text) => replace(text) !== text;
}

/**
 * Deeper than this, {@link redactDeep} stops copying: no API documents anything close, and a copy
 * by recursion would overflow the stack on a hostile body.
 */
export const MAX_DEPTH: number = 64;

/**
 * A copy of `value` with every string inside it redacted; cycles are cut, and anything nested
 * deeper than {@link MAX_DEPTH} levels is replaced by a marker.
 */
export function redactDeep(
  value: unknown,
  redact: Redactor,
  seen: WeakSet<object> = new WeakSet(),
  depth = 0,
): unknown {
  if (typeof value === "string") return redact(value);
  if (value === null || typeof value !== "object") return value;
  if (seen.has(value)) return "[Circular]";
  if (depth >= MAX_DEPTH) return "[Nested too deep]";
  seen.add(value);
  if (Array.isArray(value)) return value.map((v) => redactDeep(v, redact, seen, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = redactDeep(v, redact, seen, depth + 1);
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
