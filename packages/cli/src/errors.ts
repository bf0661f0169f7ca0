/**
 * Which errors are the user's (exit 2) and how any error reads in the one line printed for it.
 */

/** Bad input from the user: one line on stderr, exit 2. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}

/**
 * Our own input checks throw `TypeError` or `RangeError("@filestatus/<provider>: …")` before
 * anything is sent.
 */
export function isUsage(error: unknown): error is Error {
  return (
    error instanceof UsageError ||
    ((error instanceof TypeError || error instanceof RangeError) &&
      error.message.startsWith("@filestatus/"))
  );
}

/** A usage error's message without the package that raised it. */
export const withoutPrefix = (message: string): string =>
  message.replace(/^@filestatus\/\w+: /, "");

export function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The signals the command stops on, with their POSIX numbers. */
const SIGNALS = { SIGINT: 2, SIGTERM: 15 } as const;

/** `"SIGINT"` or `"SIGTERM"`. */
export type SignalName = keyof typeof SIGNALS;

/**
 * The command was interrupted: the reason its signal is aborted with when the process receives
 * `signal`, or what a prompt throws on Ctrl-C (raw mode turns it into a key).
 */
export class Interrupted extends Error {
  override readonly name = "Interrupted";
  readonly signal: SignalName;

  constructor(signal: SignalName) {
    super(`interrupted by ${signal}`);
    this.signal = signal;
  }

  /** 128 + the signal's number (130 for SIGINT), as shells report a command the signal ended. */
  get exitCode(): number {
    return 128 + SIGNALS[this.signal];
  }
}

/** The exit code of a command whose signal was aborted, by an {@link Interrupted} or otherwise. */
export function interruptedCode(signal: AbortSignal | undefined): number | undefined {
  if (!signal?.aborted) return undefined;
  const reason: unknown = signal.reason;
  return (reason instanceof Interrupted ? reason : new Interrupted("SIGINT")).exitCode;
}
