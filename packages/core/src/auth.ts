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
 * A copy of `request` carrying the credentials; the original is left untouched because middleware
 * still holds it. Header credentials overwrite user-set headers of the same name.
 */
export function applyCredentials(request: Request, credentials: readonly Credential[]): Request {
  let url: URL | undefined;
  for (const c of credentials) {
    if (c.in === "path") fillPathSegment((url ??= new URL(request.url)), c.name, c.value);
    else if (c.in === "query") (url ??= new URL(request.url)).searchParams.set(c.name, c.value);
  }
  const out = new Request(url ?? request.url, request);
  for (const c of credentials) {
    if (c.in === "header") out.headers.set(c.name, c.value);
    else if (c.in === "bearer") out.headers.set("Authorization", `Bearer ${c.value}`);
  }
  return out;
}
