/**
 * The credentials of a request's first hop, worked out once per client: the encoded query pair,
 * the path segment and the header values never change, so a request without a body gets them
 * added to its URL as text (no URL parsed, no query serialised again) and to a copy of its
 * headers. Anything unusual (a body, a fragment, a query that already names the credential, a
 * missing path segment) goes the general way, `applyCredentials`, with its errors.
 */
import type { Credential } from "./auth.ts";

export interface FirstHop {
  /** `[name, "name=value"]`, form-encoded as `URLSearchParams` writes it. */
  query: [string, string][];
  /** `["%7Bname%7D", encoded value]`: the segment as the URL parser leaves it, and its filling. */
  path: [string, string][];
  headers: [string, string][];
}

export function firstHop(credentials: readonly Credential[]): FirstHop {
  const hop: FirstHop = { query: [], path: [], headers: [] };
  for (const c of credentials) {
    if (c.in === "query") hop.query.push([c.name, new URLSearchParams({ [c.name]: c.value }) + ""]);
    else if (c.in === "path") hop.path.push([`%7B${c.name}%7D`, encodeURIComponent(c.value)]);
    else if (c.in === "header") hop.headers.push([c.name, c.value]);
    else hop.headers.push(["Authorization", `Bearer ${c.value}`]);
  }
  return hop;
}

/** Where the first path segment that is exactly `segment` starts, or -1. */
function segmentAt(url: string, segment: string, end: number): number {
  for (let at = url.indexOf(`/${segment}`, url.indexOf("//") + 2); at >= 0 && at < end;) {
    const after = at + 1 + segment.length;
    if (after === end || url[after] === "/") return at + 1;
    at = url.indexOf(`/${segment}`, at + 1);
  }
  return -1;
}

/** `url` carrying the credentials, or `undefined` where only the general way will do. */
export function firstHopUrl(url: string, hop: FirstHop): string | undefined {
  if (url.includes("#")) return undefined;
  let out = url;
  for (const [segment, value] of hop.path) {
    const query = out.indexOf("?");
    const at = segmentAt(out, segment, query < 0 ? out.length : query);
    if (at < 0) return undefined;
    out = out.slice(0, at) + value + out.slice(at + segment.length);
  }
  for (const [name, pair] of hop.query) {
    const query = out.indexOf("?");
    // A query naming it already (perhaps percent-encoded) has it replaced, the general way.
    if (
      query >= 0 &&
      (out.includes(name, query) ||
        (out.includes("%", query) && /[?&][^=&]*%/.test(out.slice(query))))
    )
      return undefined;
    out += (query < 0 ? "?" : "&") + pair;
  }
  return out;
}

/** `headers` with the credential headers set over any of the same name. */
export function firstHopHeaders(headers: Headers, hop: FirstHop): Headers {
  if (hop.headers.length === 0) return headers;
  const copy = new Headers(headers);
  for (const [name, value] of hop.headers) copy.set(name, value);
  return copy;
}
