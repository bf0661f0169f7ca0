/**
 * The responses the transport hands up, instead of a second `Response` wrapped around the first.
 * Their `url` is the redacted one, worked out the first time it is read (most calls never read
 * it). A body the transport has read whole is kept as it came: `text()` answers with it and
 * `json()` with the value the transport parsed when it checked it, so openapi-fetch parses nothing
 * again; whatever else touches the body (`body`, `clone()`, `blob()`…) gets a real one, made then.
 */

/** Where a response came from: for errors raised later from it (`unwrap`), and for uploads. */
export interface ResponseOrigin {
  method: string;
  /** Redacted. */
  url: string;
  /** The answer came after following a redirect: a POST before it was answered. */
  redirected?: boolean;
}

const origins = new WeakMap<Response, ResponseOrigin>();

/** The origin of each response the transport handed up (no `WeakMap` entry for most). */
export const responseOrigin: {
  get(response: Response): ResponseOrigin | undefined;
  set(response: Response, origin: ResponseOrigin): void;
} = {
  get: (response) => ReadResponse.originOf(response) ?? origins.get(response),
  set: (response, origin) => void origins.set(response, origin),
};

/** An origin whose `url` is `redact(url)`, worked out once, when first read. */
class LazyOrigin implements ResponseOrigin {
  readonly method: string;
  readonly redirected: boolean;
  #url: string;
  #redact: ((text: string) => string) | undefined;

  constructor(method: string, url: string, redirected: boolean, redact: (text: string) => string) {
    this.method = method;
    this.redirected = redirected;
    this.#url = url;
    this.#redact = redact;
  }

  get url(): string {
    if (this.#redact) [this.#url, this.#redact] = [this.#redact(this.#url), undefined];
    return this.#url;
  }
}

export function lazyOrigin(
  method: string,
  url: string,
  redirected: boolean,
  redact: (text: string) => string,
): ResponseOrigin {
  return new LazyOrigin(method, url, redirected, redact);
}

const init = (from: Response): ResponseInit => ({
  status: from.status,
  statusText: from.statusText,
  headers: from.headers,
});

/** `from`'s status and headers with a body that streams; its `url` is `origin`'s. */
export function streamedResponse(
  body: ReadableStream<Uint8Array> | null,
  from: Response,
  origin: ResponseOrigin,
): Response {
  const response = new Response(body, init(from));
  // The real URL may carry a key (query or path); only the redacted one is exposed.
  Object.defineProperty(response, "url", { get: () => origin.url });
  responseOrigin.set(response, origin);
  return response;
}

/** What the transport read of a body: its text, and the bytes it came as when they are needed. */
export interface ReadBody {
  text: string;
  bytes?: Uint8Array<ArrayBuffer> | undefined;
}

/** `from`'s status and headers with the body the transport read; its `url` is `origin`'s. */
export function readResponse(read: ReadBody, from: Response, origin: ResponseOrigin): Response {
  return new ReadResponse(read.text, read.bytes, from, origin);
}

/** Hands `value`, parsed from the text of `response`, to its first `json()`. */
export function holdValue(response: Response, value: unknown): void {
  ReadResponse.hold(response, value);
}

/** No value parsed yet. */
const NONE: unique symbol = Symbol();

/** A response whose body the transport read whole (`bytes`, decoded as `text`). */
class ReadResponse extends Response {
  readonly #text: string;
  readonly #bytes: Uint8Array<ArrayBuffer> | undefined;
  readonly #origin: ResponseOrigin;
  #value: unknown = NONE;
  #used = false;
  #real: Response | undefined;
  readonly #headers: Headers;

  constructor(
    text: string,
    bytes: Uint8Array<ArrayBuffer> | undefined,
    from: Response,
    origin: ResponseOrigin,
  ) {
    super(null, { status: from.status, statusText: from.statusText });
    this.#text = text;
    this.#bytes = bytes;
    this.#origin = origin;
    // The headers as they came (no copy), except where the body came without a length (the
    // transport then read its bytes): openapi-fetch parses with `json()` only where it sees one
    // (else it reads the text and parses it again), so a copy states the length of this body.
    this.#headers = from.headers;
    if (bytes?.byteLength) {
      this.#headers = new Headers(from.headers);
      this.#headers.set("content-length", String(bytes.byteLength));
    }
  }

  static originOf(response: Response): ResponseOrigin | undefined {
    return response instanceof ReadResponse ? response.#origin : undefined;
  }

  /** Hands `value`, parsed from the text, to the first `json()`. */
  static hold(response: Response, value: unknown): void {
    if (response instanceof ReadResponse) response.#value = value;
  }

  /** A response with the body itself, made when something needs more than the text. */
  #body(): Response {
    if (!this.#real) {
      const empty = this.#text === "" && !this.#bytes?.byteLength;
      this.#real = new Response(empty ? null : (this.#bytes ?? this.#text), init(this));
      if (this.#used) this.#real.arrayBuffer().catch(() => undefined); // as used as this one
    }
    return this.#real;
  }

  override text(): Promise<string> {
    if (this.#real || this.#used) return this.#body().text();
    this.#used = true;
    return Promise.resolve(this.#text);
  }

  override json(): Promise<any> {
    if (this.#real || this.#used) return this.#body().json();
    this.#used = true;
    const value = this.#value;
    this.#value = NONE; // a second reader (none in openapi-fetch) parses its own copy
    if (value !== NONE) return Promise.resolve(value);
    try {
      return Promise.resolve(JSON.parse(this.#text));
    } catch (error) {
      return Promise.reject(error);
    }
  }

  override arrayBuffer(): Promise<ArrayBuffer> {
    return this.#body().arrayBuffer();
  }

  override blob(): Promise<Blob> {
    return this.#body().blob();
  }

  override formData(): Promise<FormData> {
    return this.#body().formData();
  }

  override bytes(): Promise<Uint8Array<ArrayBuffer>> {
    return this.#body().bytes();
  }

  override clone(): Response {
    if (this.bodyUsed) throw new TypeError("Response.clone: the body has already been used");
    return new ReadResponse(this.#text, this.#bytes, this, this.#origin);
  }

  override get url(): string {
    return this.#origin.url;
  }

  override get headers(): Headers {
    return this.#headers;
  }

  override get body(): ReadableStream<Uint8Array<ArrayBuffer>> | null {
    return this.#body().body;
  }

  override get bodyUsed(): boolean {
    return this.#used || this.#real?.bodyUsed === true;
  }
}
