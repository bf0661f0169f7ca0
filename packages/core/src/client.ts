/**
 * `createApiClient`: the openapi-fetch client every provider package returns. Beneath it sits the
 * transport (rate limit → credentials → timeout → your fetch, retried); above it, for providers that
 * answer errors with HTTP 200, bodies saying `success: false` are moved to the `error` branch.
 */
import createClient, { type Client } from "openapi-fetch";
import { apiErrorFrom } from "./api-error.ts";
import { checkPathCredentials, type Credential } from "./auth.ts";
import { systemClock, type Clock } from "./clock.ts";
import type { ApiError } from "./errors.ts";
import {
  checkBaseUrl,
  checkHeaders,
  resolveRateLimit,
  resolveRetry,
  type CommonOptions,
} from "./client-options.ts";

export type { CommonOptions } from "./client-options.ts";
import { createTransport, responseOrigin, type TransportOptions } from "./fetch.ts";
import { checkLogger } from "./log.ts";
import { optionalNumber } from "./options.ts";
import { safePathSerializer } from "./path-params.ts";
import type { RateLimit } from "./rate-limit.ts";
import { clientStore, storeLinks } from "./client-store.ts";
import { createRedactor, secretFinder, type Redactor } from "./redact.ts";
import { moveErrorBodies } from "./error-bodies.ts";
import { linkFetcher, type LinkOptions } from "./link.ts";
import type { RetryOptions } from "./retry.ts";

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
  /** True for a 2xx body that is really an error (ZeroBounce and IPQS `success: false`). */
  isErrorBody?: (body: unknown) => boolean;
}

/** What openapi-fetch resolves with. */
export interface FetchResult<Data = unknown> {
  data?: Data;
  error?: unknown;
  response: Response;
}

/** The typed openapi-fetch client plus what helpers built on it need. */
export type ApiClient<Paths extends {}> = Client<Paths> & {
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
  /**
   * GETs a link the provider handed out (IPQS `downloads`, a pre-signed `download_url`) without
   * this client's credentials, retried before its first byte like any GET. The link is a secret:
   * errors and logs show it with `***` for its query values. Resolves with the response, its body
   * streaming; an error status is an {@link ApiError}.
   */
  fetchLink(url: string, options?: LinkOptions): Promise<Response>;
};

export const DEFAULT_TIMEOUT_MS = 30_000;

/** The header a credential travels in, if any. */
function credentialHeader(credential: Credential): string[] {
  if (credential.in === "bearer") return ["Authorization"];
  return credential.in === "header" ? [credential.name] : [];
}

/** Builds a provider's typed client. */
export function createApiClient<Paths extends {}>(
  config: ProviderConfig,
  options: CommonOptions = {},
): ApiClient<Paths> {
  const { provider, credentials } = config;
  const baseUrl = checkBaseUrl(provider, options.baseUrl ?? config.defaultBaseUrl);
  checkPathCredentials(provider, baseUrl, credentials);
  const required = { Accept: "application/json", ...checkHeaders(provider, config.headers, []) };
  const managed = [...Object.keys(required), ...credentials.flatMap(credentialHeader)];
  const headers = { ...checkHeaders(provider, options.headers, managed), ...required };
  const secrets = credentials.map((c) => c.value);
  const redact = createRedactor(secrets);
  const clock = options.clock ?? systemClock;
  const rateLimit = resolveRateLimit(provider, options.rateLimit, config.rateLimit);
  if (options.fetch !== undefined && typeof options.fetch !== "function") {
    throw new TypeError(`@filestatus/${provider}: fetch must be a function`);
  }
  const retry = resolveRetry(provider, options.retry);
  const timeoutMs =
    optionalNumber(`@filestatus/${provider}`, "timeoutMs", options.timeoutMs, {
      min: 0,
      infinite: true,
    }) ?? DEFAULT_TIMEOUT_MS;
  const logger = checkLogger(provider, options.logger);
  const { limiter, link } = clientStore({
    provider,
    store: options.store,
    secrets,
    clock,
    logger,
    redact,
    rateLimit,
    timeoutMs,
  });
  const transportOptions: TransportOptions = {
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
  const transport = createTransport(transportOptions);
  const client = createClient<Paths>({
    baseUrl,
    fetch: transport,
    pathSerializer: safePathSerializer(config.provider),
    // Every provider answers JSON; Constant Contact rejects any other Accept with 406.
    headers,
  });
  if (config.isErrorBody) moveErrorBodies(client as Client<{}>, config.isErrorBody);

  const context = { provider, redact, now: () => clock.now() };
  const originOf = (response: Response) =>
    responseOrigin.get(response) ?? { method: "", url: redact(response.url) };
  const unexpected = (response: Response, reason: string, body?: unknown): ApiError =>
    apiErrorFrom(context, originOf(response), response, body, `unexpected response: ${reason}`);
  async function unwrap<R extends FetchResult>(
    call: R | Promise<R>,
    expect?: (data: Exclude<R["data"], undefined>) => string | undefined,
  ): Promise<Exclude<R["data"], undefined>> {
    const { data, error, response } = await call;
    if (error !== undefined || !response.ok)
      throw apiErrorFrom(context, originOf(response), response, error);
    if (data === undefined)
      throw apiErrorFrom(
        context,
        originOf(response),
        response,
        data,
        `empty ${response.status} response`,
      );
    const reason = expect?.(data as Exclude<R["data"], undefined>);
    if (reason !== undefined) throw unexpected(response, reason, data);
    return data as Exclude<R["data"], undefined>;
  }
  if (link) storeLinks.set(client, link); // Object.assign below returns this same object
  return Object.assign(client, {
    provider: config.provider,
    redact,
    unwrap,
    unexpected,
    clock,
    rateLimit,
    retry,
    fetchLink: linkFetcher(transportOptions, secrets),
  });
}
