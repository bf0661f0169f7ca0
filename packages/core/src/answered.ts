/**
 * The responses the transport hands up, instead of a second `Response` wrapped around the first.
 * Their `url` is the redacted one, worked out the first time it is read (most calls never read
 * it). A body the transport has read whole is kept as it came: `text()` answers with it and
 * `json()` with the value the transport parsed when it checked it, so openapi-fetch parses nothing
 * again; whatever else touches the body (`body`, `clone()`, `blob()`…) gets a real one, made then.
 */
import type { Redactor } from "./redact.ts";

/** Where a response came from: for errors raised later from it (`unwrap`), and for uploads. */
export interface ResponseOrigin {
  method: string;
  /** Redacted. */
  url: string;
  /** The answer came after following a redirect: a POST before it was answered. */
  redirected?: boolean;
}

const origins = new WeakMap<Response, ResponseOrigin>();

/** The origin of each response the transport handed up. */
export const responseOrigin: {
  get(response: Response): ResponseOrigin | undefined;
  set(response: Response, origin: ResponseOrigin): void;
} = {
  get: (response) => ReadResponse.origin(response) ?? origins.get(response),
  set: (response, origin) => void origins.set(response, origin),
};

/** `from`'s status and headers with a body that streams; its `url` is `origin`'s. */
export function streamedResponse(
  body: ReadableStream<Uint8Array>,
  from: Response,
  origin: ResponseOrigin,
): Response {
  const { status, statusText, headers } = from;
  const response = new Response(body, { status, statusText, headers });
  // The real URL may carry a key (query or path); only the redacted one is exposed.
  Object.defineProperty(response, "url", { value: origin.url });
  origins.set(response, origin);
  return response;
}

/** No value parsed yet. */
const NONE: unique symbol = Symbol();

/** `from`'s status and headers with the body the transport read (`text`), sent as `method` to `url`. */
export class ReadResponse extends Response {
  readonly #text: string;
  readonly #method: string;
  readonly #redirected: boolean;
  #url: string;
  #redact: Redactor | undefined;
  #headers: Headers;
  #value: unknown = NONE;
  #used = false;
  #real: Response | undefined;

  constructor(
    text: string,
    from: Response,
    method: string,
    url: string,
    redirected: boolean,
    redact: Redactor,
  ) {
    super(null, { status: from.status, statusText: from.statusText });
    [this.#text, this.#method, this.#url, this.#redirected] = [text, method, url, redirected];
    this.#redact = redact;
    // The headers as they came (no copy), except for a body that came without a length:
    // openapi-fetch parses with `json()` only where it sees one (else it reads the text and parses
    // it again), so a copy states the length of this body.
    this.#headers = from.headers;
    if (text && !from.headers.has("content-length")) {
      this.#headers = new Headers(from.headers);
      this.#headers.set("content-length", String(new Blob([text]).size));
    }
  }

  static origin(response: Response): ResponseOrigin | undefined {
    if (response instanceof ReadResponse) {
      const { url } = response;
      return { method: response.#method, url, redirected: response.#redirected };
    }
  }

  /** Hands `value`, parsed from the text of `response`, to its first `json()`. */
  static hold(response: Response, value: unknown): void {
    if (response instanceof ReadResponse) response.#value = value;
  }

  override get url(): string {
    if (this.#redact) [this.#url, this.#redact] = [this.#redact(this.#url), undefined];
    return this.#url;
  }

  override get headers(): Headers {
    return this.#headers;
  }

  /** A response with the body itself, for whatever needs more than the text. */
  #body(): Response {
    if (!this.#real) {
      const init = { status: this.status, statusText: this.statusText, headers: this.headers };
      this.#real = new Response(this.#text || null, init);
      if (this.#used) this.#real.arrayBuffer().catch(() => undefined); // as used as this one
    }
    return this.#real;
  }

  override get body(): ReadableStream<Uint8Array<ArrayBuffer>> | null {
    return this.#body().body;
  }

  override get bodyUsed(): boolean {
    return this.#used || !!this.#real?.bodyUsed;
  }

  override text(): Promise<string> {
    if (this.#real || this.#used) return this.#body().text();
    this.#used = true;
    return Promise.resolve(this.#text);
  }

  override json(): Promise<any> {
    if (this.#real || this.#used || this.#value === NONE) return this.#body().json();
    this.#used = true;
    const value = this.#value;
    this.#value = NONE;
    return Promise.resolve(value);
  }

  static {
    // The other ways to read the body (`arrayBuffer`, `blob`, `bytes`, `formData`) read a real one.
    for (const name of ["arrayBuffer", "blob", "bytes", "formData"] as const)
      Object.defineProperty(this.prototype, name, {
        value(this: ReadResponse) {
          return this.#body()[name]();
        },
      });
  }

  override clone(): Response {
    if (this.bodyUsed) throw new TypeError("body used");
    return new ReadResponse(this.#text, this, this.#method, this.url, this.#redirected, same);
  }
}

const same = (text: string) => text;
