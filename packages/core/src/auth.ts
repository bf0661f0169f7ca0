/**
 * Credential placement. Credentials are applied at the transport boundary, beneath openapi-fetch,
 * so openapi-fetch, its middleware and the `request` it hands back never see a secret.
 */
import { fillPath, setQuery } from "./credential-url.ts";

/** Where a provider expects a credential. */
export type Credential =
  /**
   * A query parameter, e.g. ZeroBounce `?api_key=`. With `form`, a multipart/form-data request
   * carries it as a form field of that name instead (ZeroBounce `sendfile`).
   */
  | { readonly in: "query"; readonly name: string; readonly value: string; readonly form?: boolean }
  /** A header, e.g. SanitizeEmail `X-API-KEY`. */
  | { readonly in: "header"; readonly name: string; readonly value: string }
  /** A `{name}` variable of the server URL, e.g. the IPQS key path segment. */
  | { readonly in: "path"; readonly name: string; readonly value: string }
  /** `Authorization: Bearer <value>`. */
  | { readonly in: "bearer"; readonly value: string };

/** Where a credential travels, as {@link requireCredential} checks it. */
export type Placement = "query" | "path" | "header";

/** C0 controls and DEL: never part of a key; a trailing newline read from a file is the usual one. */
const CONTROL = /[\u0000-\u001f\u007f]/;
/** Header values are byte strings (Fetch standard): nothing above U+00FF travels in one. */
const NOT_LATIN1 = /[^\u0000-\u00ff]/;

/**
 * Checks a credential option before anything is sent, so a missing or malformed key fails at
 * `createClient` rather than as a 401 (or a `Headers` error quoting it) later. A key with control
 * characters or surrounding spaces is refused wherever it goes; one bound for a header (`placement`)
 * must also be a byte string. Messages name the option, never the value.
 */
export function requireCredential(
  provider: string,
  option: string,
  value: unknown,
  placement: Placement = "query",
): string {
  const refuse = (why: string) => {
    throw new TypeError(`@filestatus/${provider}: the "${option}" option ${why}`);
  };
  if (typeof value !== "string") refuse("is required (a string)");
  const key = value as string;
  if (key.trim() === "") refuse("is empty");
  if (CONTROL.test(key)) refuse("contains a control character (a line break read from a file?)");
  if (key.trim() !== key) refuse("starts or ends with whitespace");
  if (placement === "header" && NOT_LATIN1.test(key)) {
    refuse("contains characters an HTTP header cannot carry (beyond U+00FF)");
  }
  return key;
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
 * The URL and init that send `request` with the credentials (and `signal`), redirects left to
 * the transport; `request` itself is left untouched because middleware still holds it. Header
 * credentials overwrite user-set headers of the same name. A request body moves to the init, so
 * callers that may send again clone first. A path credential whose `{name}` segment the URL lacks
 * is an error unless `pathOptional` (a redirect target the server wrote).
 */
export function withCredentials(
  request: Request,
  credentials: readonly Credential[],
  signal: AbortSignal,
  pathOptional: boolean,
): [string, RequestInit] {
  let { url, headers } = request;
  let body: ReadableStream<Uint8Array> | null = request.body;
  const own = () => (headers === request.headers ? (headers = new Headers(headers)) : headers);
  for (const c of credentials) {
    if (c.in === "path") url = fillPath(url, c.name, c.value, pathOptional);
    else if (c.in === "header") own().set(c.name, c.value);
    else if (c.in === "bearer") own().set("Authorization", `Bearer ${c.value}`);
    else {
      const boundary = c.form && body !== null ? multipartBoundary(headers) : undefined;
      if (boundary === undefined) url = setQuery(url, c.name, c.value);
      else body = withFormField(body!, own(), boundary, c.name, c.value);
    }
  }
  // The transport follows redirects itself ("manual"), except for a request that must follow
  // none ("error": an upload). That one keeps "error": then Node's fetch sends the body without
  // first cloning the request, a clone that tees the body and keeps every byte of it until the
  // answer (nodejs/undici#4058, fixed in undici 8.6).
  const init: RequestInit & { duplex?: "half" } = {
    method: request.method,
    headers,
    signal,
    redirect: request.redirect === "error" ? "error" : "manual",
  };
  if (body !== null) {
    init.body = body;
    init.duplex = "half"; // required by Node's fetch for a streamed body
  }
  return [url, init];
}

/** {@link withCredentials} as a `Request`. */
export function applyCredentials(
  request: Request,
  credentials: readonly Credential[],
  signal: AbortSignal = request.signal,
  pathOptional = false,
): Request {
  return new Request(...withCredentials(request, credentials, signal, pathOptional));
}

/** The boundary of a multipart/form-data request, if it is one. */
export function multipartBoundary(headers: Headers): string | undefined {
  const type = headers.get("content-type") ?? "";
  if (!/^multipart\/form-data\s*;/i.test(type)) return undefined;
  return /;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(type)?.slice(1).find(Boolean);
}

/**
 * `body` with the field `name=value` as its first part. The key was checked by
 * {@link requireCredential} (no line breaks), so it cannot break out of its part. A declared
 * `Content-Length` grows by the part's size, so the upload keeps its length where the runtime
 * sends one (Node, Bun).
 */
function withFormField(
  body: ReadableStream<Uint8Array>,
  headers: Headers,
  boundary: string,
  name: string,
  value: string,
): ReadableStream<Uint8Array> {
  const part = new TextEncoder().encode(
    `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
  );
  const length = Number(headers.get("content-length") ?? NaN);
  if (Number.isSafeInteger(length)) headers.set("content-length", String(length + part.byteLength));
  const reader = body.getReader();
  let first = true;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (first) {
        first = false;
        controller.enqueue(part);
        return;
      }
      const { done, value: chunk } = await reader.read();
      if (done) controller.close();
      else controller.enqueue(chunk);
    },
    cancel: (reason) => reader.cancel(reason),
  });
}
