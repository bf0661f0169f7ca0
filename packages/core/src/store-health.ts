/**
 * Whether a client asks its store or works alone. A store that fails (Redis down, or too slow to
 * answer within its command timeout) is left alone for {@link STORE_RETRY_MS}; meanwhile the client
 * keeps to its in-process limit and polls by itself, as it would without a store. The outage is
 * logged once, redacted, and so is the store's return.
 */
import type { Clock } from "./clock.ts";
import { safeLog, type Logger } from "./log.ts";
import type { Redactor } from "./redact.ts";

/** How long a failed store is left alone before the next call tries it again. */
export const STORE_RETRY_MS = 1_000;

export interface StoreHealth {
  /** True when the store should be asked: it is up, or its retry time has come. */
  usable(): boolean;
  /** A call answered. */
  succeeded(): void;
  /** A call failed with `error`. */
  failed(error: unknown): void;
}

/** Control characters (terminal escapes included) are never passed on to a log line. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;

/** A failure's message, redacted and short, with nothing a terminal would interpret. */
function describe(error: unknown, redact: Redactor): string {
  const text = error instanceof Error ? error.message : String(error);
  const message = redact(text).replace(CONTROL, " ").trim().slice(0, 200);
  const name = error instanceof Error && error.name !== "Error" ? `${error.name}: ` : "";
  return `${name}${message || "no message"}`.replace(CONTROL, " ");
}

export function storeHealth(
  provider: string,
  clock: Clock,
  logger: Logger | undefined,
  redact: Redactor,
): StoreHealth {
  let down = false;
  let retryAt = 0;
  return {
    usable: () => !down || clock.now() >= retryAt,
    succeeded() {
      if (!down) return;
      down = false;
      safeLog(
        logger,
        "info",
        `[filestatus:${provider}] store answering again: limits shared again`,
      );
    },
    failed(error) {
      retryAt = clock.now() + STORE_RETRY_MS;
      if (down) return;
      down = true;
      safeLog(
        logger,
        "warn",
        `[filestatus:${provider}] store unavailable (${describe(error, redact)}): using in-process limits and polling until it answers again`,
      );
    },
  };
}
