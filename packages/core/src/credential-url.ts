/**
 * Credentials written into a request URL as text: the URL the parser produced is extended, not
 * parsed again, and its query is not serialised again (a query that may already name the
 * credential is the exception).
 */
import type { Credential } from "./auth.ts";
import { REDACTED } from "./redact.ts";

/**
 * `url` with its first path segment that is exactly `{name}` (the braces percent-encoded, as the
 * URL parser leaves them) filled; only the first, because the server URL comes before any path
 * parameter. A URL without one is an error unless `optional`.
 */
export function fillPath(url: string, name: string, value: string, optional: boolean): string {
  const segment = new RegExp(`^([^?#]*?)/%7B${name}%7D(?=[/?#]|$)`);
  const filled = url.replace(segment, (_, path: string) => `${path}/${encodeURIComponent(value)}`);
  if (filled !== url || optional) return filled;
  throw new TypeError(
    `the request URL has no {${name}} segment for the credential; keep it in baseUrl`,
  );
}

/**
 * `url` with the query parameter `name` set to `value`: appended as text, without parsing the
 * URL, unless its query may already name it (percent-encoded perhaps) or it has a fragment.
 */
export function setQuery(url: string, name: string, value: string): string {
  const query = url.indexOf("?");
  if (
    url.includes("#") ||
    (query >= 0 && (url.includes(name, query) || url.includes("%", query)))
  ) {
    const parsed = new URL(url);
    parsed.searchParams.set(name, value);
    return parsed.href;
  }
  return `${url}${query < 0 ? "?" : "&"}${name}=${encodeURIComponent(value)}`;
}

/**
 * `url` with `***` where each query or path credential travels: the URL messages show. A form
 * credential travels in a multipart body instead (ZeroBounce's sendfile), so it is not shown there.
 */
export function shownUrl(
  url: string,
  credentials: readonly Credential[],
  multipart = false,
): string {
  for (const c of credentials) {
    if (c.in === "query" && !(c.form && multipart)) url = setQuery(url, c.name, REDACTED);
    else if (c.in === "path") url = fillPath(url, c.name, REDACTED, true);
  }
  return url;
}
