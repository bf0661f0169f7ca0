/**
 * The logger option: `console` fits, and so does any object with these methods. Only already
 * redacted text is ever passed to it.
 */
export interface Logger {
  debug(message: string): void;
  info?(message: string): void;
  warn?(message: string): void;
  error?(message: string): void;
}
