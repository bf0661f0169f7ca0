/**
 * Which errors are the user's (exit 2) and how any error reads in the one line printed for it.
 */

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
