/**
 * Credential placement. Credentials are applied at the transport boundary, beneath openapi-fetch,
 * so openapi-fetch, its middleware and the `request` it hands back never see a secret.
 */

/** Where a provider expects a credential. */
export type Credential =
  /** A query parameter, e.g. ZeroBounce `?api_key=`. */
  | { readonly in: "query"; readonly name: string; readonly value: string }
  /** A header, e.g. SanitizeEmail `X-API-KEY`. */
  | { readonly in: "header"; readonly name: string; readonly value: string }
  /** A `{name}` variable of the server URL, e.g. the IPQS key path segment. */
  | { readonly in: "path"; readonly name: string; readonly value: string }
  /** `Authorization: Bearer <value>`. */
  | { readonly in: "bearer"; readonly value: string };

/**
 * Checks a credential option before anything is sent, so a missing key fails at `createClient`
 * rather than as a 401 later. The value itself never appears in the message.
 */
export function requireCredential(provider: string, option: string, value: unknown): string {
  if (typeof value !== "string") {
    throw new TypeError(`@filestatus/${provider}: the "${option}" option is required (a string)`);
  }
  if (value.trim() === "") {
    throw new TypeError(`@filestatus/${provider}: the "${option}" option is empty`);
  }
  return value;
}

/**
 * Checks at `createClient` that a base URL keeps the `{name}` variable of every path credential.
 */
export function checkPathCredentials(
  provider: string,
  baseUrl: string,
  credentials: readonly Credential[],
): void {
  for (const c of credentials) {
    if (c.in === "path" && [".", ".."].includes(c.value.trim())) {
      // The URL parser would resolve the segment away and call another endpoint without the key.
      throw new TypeError(
        `@filestatus/${provider}: the credential for {${c.name}} cannot be "." or ".."`,
      );
    }
    if (c.in === "path" && !baseUrl.includes(`{${c.name}}`)) {
      throw new TypeError(
        `@filestatus/${provider}: baseUrl must keep the {${c.name}} segment that carries the credential`,
      );
    }
  }
}

/**
 * Fills the first `{name}` segment of the path. The URL parser has already percent-encoded the
 * braces; only the first match is used because the server URL comes before any path parameter.
 */
function fillPathSegment(url: URL, name: string, value: string): void {
  const segments = url.pathname.split("/");
  const index = segments.indexOf(`%7B${name}%7D`);
  if (index < 0) {
    throw new TypeError(
      `the request URL has no {${name}} segment for the credential; keep it in baseUrl`,
    );
  }
  segments[index] = encodeURIComponent(value);
  url.pathname = segments.join("/");
}

/**
 * A copy of `request` carrying the credentials (and `signal`, when given); the original is left
 * untouched because middleware still holds it. Header credentials overwrite user-set headers of the
 * same name. A request body moves to the copy, so callers that may send again clone first.
 */
export function applyCredentials(
  request: Request,
  credentials: readonly Credential[],
  signal: AbortSignal = request.signal,
): Request {
  let url: URL | undefined;
  const headers = new Headers(request.headers);
  for (const c of credentials) {
    if (c.in === "path") fillPathSegment((url ??= new URL(request.url)), c.name, c.value);
    else if (c.in === "query") (url ??= new URL(request.url)).searchParams.set(c.name, c.value);
    else if (c.in === "header") headers.set(c.name, c.value);
    else headers.set("Authorization", `Bearer ${c.value}`);
  }
  const init: RequestInit & { duplex?: "half" } = {
    method: request.method,
    headers,
    signal,
    redirect: request.redirect,
  };
  if (request.body !== null) {
    init.body = request.body;
    init.duplex = "half"; // required by Node's fetch for a streamed body
  }
  return new Request(url ?? request.url, init);
}
