/**
 * Redirects, followed by the transport rather than by `fetch`: `fetch` re-sends every header to
 * wherever a redirect points, so a `302 Location: https://elsewhere/` would hand SanitizeEmail's
 * `X-API-KEY` (or any header credential) to another host. Here credentials go only to the origin
 * the client was created for; a hop to another origin travels without them.
 */
import { withCredentials, type Credential } from "./auth.ts";

/** The Fetch standard's limit. */
export const MAX_REDIRECTS: number = 20;

const REDIRECTS: ReadonlySet<number> = new Set([301, 302, 303, 307, 308]);

export interface Hop {
  response: Response;
  /** The URL that answered, as sent (with credentials: redact it before showing it). */
  url: string;
  /** A redirect was followed to get here. */
  redirected: boolean;
}

export interface Sending {
  credentials: readonly Credential[];
  /** Sends a URL and its init: no `Request` is built here (the global `fetch` builds one). */
  send: (url: string, init: RequestInit) => Promise<Response>;
  /** True when a URL holds one of the client's secrets. */
  carriesSecret: (text: string) => boolean;
  /** Called as each hop is answered. */
  answered?: () => void;
}

/**
 * The request a redirect leads to, or `undefined` to hand the redirect itself back: it has no
 * usable `Location`, or it must repeat a body that was already streamed away (307/308).
 * 303, and 301/302 after a POST, become a GET without a body (Fetch standard, HTTP-redirect fetch).
 */
function nextRequest(request: Request, response: Response, bodySent: boolean): Request | undefined {
  const location = response.headers.get("location");
  if (location === null) return undefined;
  let url: URL;
  try {
    url = new URL(location, request.url);
  } catch {
    return undefined;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return undefined;
  const toGet =
    (response.status === 303 && request.method !== "HEAD") ||
    ((response.status === 301 || response.status === 302) && request.method === "POST");
  if (!toGet && bodySent) return undefined;
  const headers = new Headers(request.headers);
  if (toGet) for (const name of ["content-type", "content-length"]) headers.delete(name);
  return new Request(url, {
    method: toGet ? "GET" : request.method,
    headers,
    signal: request.signal,
  });
}

/**
 * Sends `request` (not yet carrying credentials) and follows its redirects as its `redirect`
 * mode asks; resolves with the final response and the URL that gave it.
 */
export async function sendFollowing(
  s: Sending,
  request: Request,
  signal: AbortSignal,
): Promise<Hop> {
  const mode = request.redirect;
  let origin: string | undefined; // worked out at the first redirect: most requests have none
  let current = request;
  for (let hop = 0; ; hop++) {
    const home = hop === 0 || new URL(current.url).origin === origin;
    const bodySent = current.body !== null;
    const [url, init] = withCredentials(current, home ? s.credentials : [], signal, hop > 0);
    const answered = { response: await s.send(url, init), url, redirected: hop > 0 };
    s.answered?.();
    const { response } = answered;
    if (!REDIRECTS.has(response.status) || mode === "manual") return answered;
    if (mode === "error") {
      throw new TypeError(`redirected (HTTP ${response.status}); redirect mode is "error"`);
    }
    const next = nextRequest(current, response, bodySent);
    if (!next) return answered;
    origin ??= new URL(request.url).origin;
    if (hop >= MAX_REDIRECTS) throw new TypeError(`more than ${MAX_REDIRECTS} redirects`);
    // A server may write a key into the Location it sends: such a redirect is handed back unfollowed.
    if (new URL(next.url).origin !== origin && s.carriesSecret(next.url)) return answered;
    await response.body?.cancel().catch(() => undefined);
    current = next;
  }
}
