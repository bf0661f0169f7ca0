/**
 * The openapi-fetch client every provider package returns, in two sizes. `createBareApiClient`:
 * the typed client over the transport (rate limit → credentials → timeout → your fetch, retried),
 * with `unwrap` and `redact`, and nothing a helper alone needs, so an application that makes only
 * calls bundles only that. `withFetchLink` adds what the upload helpers build on; `createApiClient`
 * is both.
 */
import createClient, { type Client } from "openapi-fetch";
import { apiErrorFrom } from "./api-error.ts";
import { checkPathCredentials, type Credential } from "./auth.ts";
import { systemClock, type Clock } from "./clock.ts";
import type { ApiError } from "./errors.ts";
import { checkClientOptions, type CommonOptions } from "./client-options.ts";
import { createTransport, responseOrigin, type TransportOptions } from "./fetch.ts";
import { safePathSerializer } from "./path-params.ts";
import type { RateLimit } from "./rate-limit.ts";
import { clientStore, storeLinks } from "./client-store.ts";
import { createRedactor, secretFinder, type Redactor } from "./redact.ts";
import { linkFetcher, type LinkOptions } from "./link.ts";
import type { RetryOptions } from "./retry.ts";

export type { CommonOptions } from "./client-options.ts";

/** What a provider package tells core about itself. */
export interface ProviderConfig {
  /** Package name without the scope, e.g. `"zerobounce"`. */
  provider: string;
  /** The spec's first server URL. */
  defaultBaseUrl: string;
  credentials: readonly Credential[];
  /** Headers the provider requires (e.g. `Version`); the user's `headers` cannot replace them. */
  headers?: Record<string, string>;
  /** The provider's documented limit, applied unless the user sets `rateLimit`. */
  rateLimit?: RateLimit;
}

/** What openapi-fetch resolves with. */
export interface FetchResult<Data = unknown> {
  data?: Data;
  error?: unknown;
  response: Response;
}

/** The typed openapi-fetch client and what every call needs: no helpers. */
export type BareApiClient<Paths extends {}> = Client<Paths> & {
  /** Package name without the scope. */
  readonly provider: string;
  /** Replaces this client's secrets in any text with `***`. */
  readonly redact: Redactor;
  /** The time source of backoff, rate limiting and polling. */
  readonly clock: Clock;
  /** The limit this client keeps to, if any. */
  readonly rateLimit: RateLimit | undefined;
  /**
   * The data of a call, or an {@link ApiError} for its error branch or a missing body. A JSON
   * `null` is data (Constant Contact's "no file matched"). `expect`, when given, checks the data's
   * shape: the reason it returns (e.g. `"results is not an array"`) becomes an {@link ApiError}.
   */
  unwrap<R extends FetchResult>(
    call: R | Promise<R>,
    expect?: (data: Exclude<R["data"], undefined>) => string | undefined,
  ): Promise<Exclude<R["data"], undefined>>;
  /** An {@link ApiError} for a 2xx `response` whose content is not what the API documents. */
  unexpected(response: Response, reason: string, body?: unknown): ApiError;
  /** The retry policy of this client's requests (`false`: each is sent once). */
  readonly retry: RetryOptions | false;
};

/** The typed openapi-fetch client plus what helpers built on it need. */
export type ApiClient<Paths extends {}> = BareApiClient<Paths> & {
  /**
   * GETs a link the provider handed out (IPQS `downloads`, a pre-signed `download_url`) without
   * this client's credentials, retried before its first byte like any GET. The link is a secret:
   * errors and logs show it with `***` for its query values. Resolves with the response, its body
   * streaming; an error status is an {@link ApiError}.
   */
  fetchLink(url: string, options?: LinkOptions): Promise<Response>;
};

export { DEFAULT_TIMEOUT_MS } from "./client-options.ts";

/** What {@link withFetchLink} builds on: each bare client's transport and secrets. */
const transports = new WeakMap<object, [TransportOptions, readonly string[]]>();

/** Builds a provider's typed client without helpers. */
export function createBareApiClient<Paths extends {}>(
  config: ProviderConfig,
  options: CommonOptions = {},
): BareApiClient<Paths> {
  const { provider, credentials } = config;
  const o = checkClientOptions(config, options);
  checkPathCredentials(provider, o.baseUrl, credentials);
  const secrets = credentials.map((c) => c.value);
  const redact = createRedactor(secrets);
  const { clock, rateLimit, retry, timeoutMs, logger } = o;
  const { limiter, link } = clientStore({ ...o, provider, secrets, redact });
  const transport: TransportOptions = {
    provider,
    credentials,
    send: options.fetch, // the global fetch by default, given the URL and init (attempt.ts)
    redact,
    carriesSecret: secretFinder(secrets),
    clock,
    retry,
    timeoutMs,
    limiter,
    logger,
  };
  const client = createClient<Paths>({
    baseUrl: o.baseUrl,
    fetch: createTransport(transport),
    pathSerializer: safePathSerializer(provider),
    headers: o.headers,
  });
  const context = { provider, redact, now: () => clock.now() };
  const fail = (response: Response, body: unknown, reason?: string): ApiError =>
    apiErrorFrom(
      context,
      responseOrigin.get(response) ?? { method: "", url: redact(response.url) },
      response,
      body,
      reason,
    );
  const unexpected = (response: Response, reason: string, body?: unknown): ApiError =>
    fail(response, body, `unexpected response: ${reason}`);
  async function unwrap<R extends FetchResult>(
    call: R | Promise<R>,
    expect?: (data: Exclude<R["data"], undefined>) => string | undefined,
  ): Promise<Exclude<R["data"], undefined>> {
    const { data, error, response } = await call;
    if (error !== undefined || !response.ok) throw fail(response, error);
    if (data === undefined) throw fail(response, data, `empty ${response.status} response`);
    const reason = expect?.(data as Exclude<R["data"], undefined>);
    if (reason !== undefined) throw unexpected(response, reason, data);
    return data as Exclude<R["data"], undefined>;
  }
  transports.set(client, [transport, secrets]);
  if (link) storeLinks.set(client, link); // Object.assign below returns this same object
  return Object.assign(client, { provider, redact, unwrap, unexpected, clock, rateLimit, retry });
}

/** `client` with `fetchLink`, which the round-trip helpers use; `client` is returned, extended. */
export function withFetchLink<Paths extends {}>(client: BareApiClient<Paths>): ApiClient<Paths> {
  const [transport, secrets] = transports.get(client) ?? [];
  if (!transport) throw new TypeError("withFetchLink takes a client from createBareApiClient");
  return Object.assign(client, { fetchLink: linkFetcher(transport, secrets!) });
}

/** Builds a provider's typed client with what its helpers need. */
export function createApiClient<Paths extends {}>(
  config: ProviderConfig,
  options?: CommonOptions,
): ApiClient<Paths> {
  return withFetchLink(createBareApiClient<Paths>(config, options));
}
