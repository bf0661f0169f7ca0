/**
 * What `createApiClient` builds from its `store` option. Without one: the in-process limiter it
 * always had, and nothing else. With one: whatever the store's sharing (sharing.ts) builds, found
 * on the store itself, so that the code of shared limits and polling is bundled only by an
 * application that makes a store (`createRedisStore`, `createMemoryStore`, `shareable`).
 */
import type { Clock } from "./clock.ts";
import type { StatusSource } from "./helpers.ts";
import type { Logger } from "./log.ts";
import { createRateLimiter, type RateLimit, type RateLimiter } from "./rate-limit.ts";
import { refuse } from "./options.ts";
import type { Redactor } from "./redact.ts";

/** Where a shareable store keeps its sharing: a registered symbol, so any copy of core finds it. */
export const SHARING: unique symbol = Symbol.for("@filestatus/core:sharing") as never;

export interface ClientStoreInput {
  provider: string;
  store: unknown;
  secrets: readonly string[];
  clock: Clock;
  logger: Logger | undefined;
  redact: Redactor;
  rateLimit: RateLimit | undefined;
  /** Per attempt; `0` or `Infinity` for none. */
  timeoutMs: number;
  /** The client's own limiter (when it has a limit): it grants, within the process's share, while the store fails. */
  local?: RateLimiter | undefined;
}

/** What the client's polling helpers use to share their looks. */
export interface StoreLink {
  /** `source` whose looks go through the store; one per wait or watch. */
  share(source: StatusSource): StatusSource;
}

export interface ClientStoreParts {
  limiter: RateLimiter | undefined;
  link: StoreLink | undefined;
}

/** What `shareable(store)` puts on a store under {@link SHARING}. */
export type Sharing = (input: ClientStoreInput) => ClientStoreParts;

/** The link of each client created with a `store`, for its polling helpers. */
export const storeLinks: WeakMap<object, StoreLink> = new WeakMap();

export function clientStore(input: ClientStoreInput): ClientStoreParts {
  const { rateLimit, store } = input;
  const local = rateLimit && createRateLimiter(rateLimit, input.clock);
  if (store === undefined) return { limiter: local, link: undefined };
  const sharing = (store as { [SHARING]?: Sharing } | null)?.[SHARING];
  if (typeof sharing !== "function")
    refuse(
      `@filestatus/${input.provider}`,
      "store must come from createRedisStore, createMemoryStore or shareable()",
    );
  return sharing({ ...input, local });
}
