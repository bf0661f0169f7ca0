/**
 * `createApiClient`: the openapi-fetch client every provider package returns, with credentials and
 * redaction wired in beneath it. Retry, timeouts and rate limiting slot in as further layers of
 * {@link createTransport}.
 */
import createClient, { type Client } from "openapi-fetch";
import { applyCredentials, checkPathCredentials } from "./auth.ts";
import type { Credential } from "./auth.ts";
import { ConnectionError } from "./errors.ts";
import { safePathSerializer } from "./path-params.ts";
import { createRedactor, type Redactor } from "./redact.ts";

/** A `fetch` that takes a `Request`: what openapi-fetch calls, and what tests and sandboxes supply. */
export type Fetch = (request: Request) => Promise<Response>;

/** Options every provider's `createClient` accepts besides its credentials. */
export interface CommonOptions {
  /** Server URL; defaults to the first server of the provider's spec. */
  baseUrl?: string;
  /** Transport; defaults to the global `fetch`. */
  fetch?: Fetch;
  /** Headers sent with every request. */
  headers?: Record<string, string>;
}

/** What a provider package tells core about itself. */
export interface ProviderConfig {
  /** Package name without the scope, e.g. `"zerobounce"`. */
  provider: string;
  /** The spec's first server URL. */
  defaultBaseUrl: string;
  credentials: readonly Credential[];
  /** Headers the provider requires, under the user's own (e.g. `Accept`, `Version`). */
  headers?: Record<string, string>;
}

/** The typed openapi-fetch client plus what helpers built on it need. */
export type ApiClient<Paths extends {}> = Client<Paths> & {
  /** Package name without the scope. */
  readonly provider: string;
  /** Replaces this client's secrets in any text with `***`. */
  readonly redact: Redactor;
};

/**
 * The fetch handed to openapi-fetch: applies credentials, then calls the user's transport and turns
 * a thrown transport failure into a redacted {@link ConnectionError}.
 */
export function createTransport(
  config: ProviderConfig,
  options: CommonOptions,
  redact: Redactor,
): Fetch {
  const send: Fetch = options.fetch ?? ((request) => globalThis.fetch(request));
  return async (request) => {
    const authorised = applyCredentials(request, config.credentials);
    try {
      return await send(authorised);
    } catch (cause) {
      if (request.signal.aborted) throw cause;
      throw new ConnectionError({
        provider: config.provider,
        method: request.method,
        url: redact(authorised.url),
        cause: redactCause(cause, redact),
      });
    }
  };
}

/** Transport errors may quote the URL they failed on; keep the chain, minus the secrets. */
function redactCause(cause: unknown, redact: Redactor, depth = 0): unknown {
  if (!(cause instanceof Error) || depth > 4) return cause;
  const copy = new Error(redact(cause.message), {
    cause: redactCause(cause.cause, redact, depth + 1),
  });
  copy.name = cause.name;
  copy.stack = cause.stack === undefined ? undefined : redact(cause.stack);
  const code = (cause as { code?: unknown }).code;
  if (code !== undefined) Object.assign(copy, { code });
  return copy;
}

/** Builds a provider's typed client. */
export function createApiClient<Paths extends {}>(
  config: ProviderConfig,
  options: CommonOptions = {},
): ApiClient<Paths> {
  const baseUrl = options.baseUrl ?? config.defaultBaseUrl;
  checkPathCredentials(config.provider, baseUrl, config.credentials);
  const redact = createRedactor(config.credentials.map((c) => c.value));
  const client = createClient<Paths>({
    baseUrl,
    fetch: createTransport(config, options, redact),
    pathSerializer: safePathSerializer(config.provider),
    // Every provider answers JSON; Constant Contact rejects any other Accept with 406.
    headers: { Accept: "application/json", ...config.headers, ...options.headers },
  });
  return Object.assign(client, { provider: config.provider, redact });
}
