/**
 * The shapes of @filestatus/core that the helpers work with, restated structurally so that this
 * package does not depend on core (core's own tests use it).
 */

export interface Clock {
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export interface Logger {
  debug(message: string): void;
}

export interface FetchResult {
  data?: unknown;
  error?: unknown;
  response: Response;
}

/** The subset of a provider's `createClient` options the fault suite sets. */
export interface RateLimit {
  requests: number;
  perMs: number;
}

export interface ClientOptions {
  fetch?: (request: Request) => Promise<Response>;
  rateLimit?: RateLimit | false;
  clock?: Clock;
  logger?: Logger;
  timeoutMs?: number;
  retry?: false | { retries?: number };
}

interface Guard {
  is(value: unknown): boolean;
}

export interface ErrorClasses {
  ApiError: Guard;
  ConnectionError: Guard;
  TimeoutError: Guard;
}
