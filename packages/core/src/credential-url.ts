/**
 * Credentials written into a request URL as text: the URL the parser produced is extended, not
 * parsed again, and its query is not serialised again (a query that may already name the
 * credential is the exception).
 */
import type { Credential } from "./auth.ts";
import { REDACTED } from "./redact.ts";

/** Where the first path segment of `url` that is exactly `segment` starts, or -1. */
function segmentAt(url: string, segment: string): number {
  const end = url.search(/[?#]|$/);
  for (let at = url.indexOf(`/${segment}`, url.indexOf("//") + 2); at >= 0 && at < end;) {
    const after = at + 1 + segment.length;
    if (after === end || url[after] === "/") return at + 1;
    at = url.indexOf(`/${segment}`, at + 1);
  }
  return -1;
}

/**
 * `url` with its first `{name}` segment filled (the URL parser has percent-encoded the braces);
 * only the first, because the server URL comes before any path parameter. A URL without one is
 * an error unless `optional`.
 */
export function fillPath(url: string, name: string, value: string, optional: boolean): string {
  const segment = `%7B${name}%7D`;
  const at = segmentAt(url, segment);
  if (at >= 0) return url.slice(0, at) + encodeURIComponent(value) + url.slice(at + segment.length);
  if (optional) return url;
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

/** `url` with `***` where each query or path credential travels: the URL messages show. */
export function shownUrl(url: string, credentials: readonly Credential[]): string {
  for (const c of credentials) {
    if (c.in === "query") url = setQuery(url, c.name, REDACTED);
    else if (c.in === "path") url = fillPath(url, c.name, REDACTED, true);
  }
  return url;
}
