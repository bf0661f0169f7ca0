/**
 * Which errors are the user's (exit 2) and how any error reads in the one line printed for it.
 */
import { constants } from "node:os";

/** Bad input from the user: one line on stderr, exit 2. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}

/** Our own input checks throw `TypeError("@filestatus/<provider>: …")` before anything is sent. */
export function isUsage(error: unknown): error is Error {
  return (
    error instanceof UsageError ||
    (error instanceof TypeError && error.message.startsWith("@filestatus/"))
  );
}

/** A usage error's message without the package that raised it. */
export const withoutPrefix = (message: string): string =>
  message.replace(/^@filestatus\/\w+: /, "");

export function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The reason a command's signal is aborted with when the process receives `signal`. */
export class Interrupted extends Error {
  override readonly name = "Interrupted";
  readonly signal: NodeJS.Signals;

  constructor(signal: NodeJS.Signals) {
    super(`interrupted by ${signal}`);
    this.signal = signal;
  }
}

/** 128 + the number of the signal that interrupted the command (130 for SIGINT), as shells report it. */
export function interruptedCode(signal: AbortSignal | undefined): number | undefined {
  if (!signal?.aborted) return undefined;
  const reason: unknown = signal.reason;
  return 128 + constants.signals[reason instanceof Interrupted ? reason.signal : "SIGINT"];
}
