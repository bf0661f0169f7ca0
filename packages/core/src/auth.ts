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
 * The base URL as openapi-fetch will spell it (the URL parser percent-encodes `{` and `}`), and the
 * same URL with every path credential filled in. The transport swaps the first for the second.
 */
export function pathCredentialBase(
  baseUrl: string,
  credentials: readonly Credential[],
): { placeholder: string; filled: string } | undefined {
  const path = credentials.filter((c) => c.in === "path");
  if (path.length === 0) return undefined;
  let filled = baseUrl;
  for (const c of path) {
    const variable = `{${c.name}}`;
    if (!baseUrl.includes(variable)) {
      throw new TypeError(`baseUrl must contain the ${variable} variable that carries the credential`);
    }
    filled = filled.replace(variable, encodeURIComponent(c.value));
  }
  return { placeholder: new URL(baseUrl).href.replace(/\/$/, ""), filled: filled.replace(/\/$/, "") };
}

/**
 * A copy of `request` carrying the credentials; the original is left untouched because middleware
 * still holds it. Header credentials overwrite user-set headers of the same name.
 */
export function applyCredentials(
  request: Request,
  credentials: readonly Credential[],
  pathBase: { placeholder: string; filled: string } | undefined,
): Request {
  let url: URL | undefined;
  if (pathBase && request.url.startsWith(pathBase.placeholder)) {
    url = new URL(pathBase.filled + request.url.slice(pathBase.placeholder.length));
  }
  for (const c of credentials) {
    if (c.in === "query") (url ??= new URL(request.url)).searchParams.set(c.name, c.value);
  }
  const out = new Request(url ?? request.url, request);
  for (const c of credentials) {
    if (c.in === "header") out.headers.set(c.name, c.value);
    else if (c.in === "bearer") out.headers.set("Authorization", `Bearer ${c.value}`);
  }
  return out;
}
