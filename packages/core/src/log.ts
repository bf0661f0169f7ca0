/**
 * The logger option: `console` fits, and so does any object with these methods (client-options.ts
 * checks `debug`). Only already redacted text is ever passed to it.
 */
export interface Logger {
  debug(message: string): void;
  info?(message: string): void;
  warn?(message: string): void;
  error?(message: string): void;
}

/** Logging never fails a request: a logger that throws loses its line, nothing else. */
export function safeDebug(logger: Logger | undefined, line: string): void {
  try {
    logger?.debug(line);
  } catch {
    // the line is lost; the request goes on
  }
}

/** A line at `level` where the logger has that method, else at debug; never throws. */
export function safeLog(logger: Logger | undefined, level: "info" | "warn", line: string): void {
  try {
    const method = logger?.[level];
    if (typeof method === "function") method.call(logger, line);
    else logger?.debug(line);
  } catch {
    // the line is lost; the request goes on
  }
}
