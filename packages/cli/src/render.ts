/**
 * How a status reads on a terminal and in `--json`, and the one place where text that came from
 * elsewhere (a provider's names, ids, states and error messages, the command line) is made safe to
 * print: a terminal acts on control characters instead of showing them, so a file name holding
 * `ESC]0;…BEL ESC[2J` would retitle and clear the user's terminal, and one holding `\r` or `\n`
 * would overwrite or fake a line.
 */
import type { UploadStatus } from "@filestatus/core";

/** C0 controls, DEL and C1 controls (U+0080–U+009F, which terminals may act on like `ESC`). */
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;

/** DEL and C1 controls: JSON.stringify escapes C0 controls itself but leaves these as they are. */
const CONTROL_IN_JSON = /[\u007f-\u009f]/g;

const hex = (char: string, digits: number): string =>
  char.charCodeAt(0).toString(16).padStart(digits, "0");

/** `text` with every control character written out: `\x1b` (C0, DEL), `\u009b` (C1). */
export function printable(text: string): string {
  return text.replace(CONTROL, (char) =>
    char < "\u0080" ? `\\x${hex(char, 2)}` : `\\u${hex(char, 4)}`,
  );
}

/** `printable`, but line by line: for text whose line breaks are its own (commander's messages). */
export function printableLines(text: string): string {
  return text.split("\n").map(printable).join("\n");
}

/** The line printed on failure: `filestatus: <message>`, on one line whatever the message holds. */
export function errorLine(message: string): string {
  return `filestatus: ${printable(message)}\n`;
}

/** `zerobounce  a1b2…  processing 42%  customers.csv` */
export function statusLine(status: UploadStatus): string {
  const progress = status.progress === undefined ? "" : ` ${Math.round(status.progress)}%`;
  const name = status.name ? `  ${status.name}` : "";
  return printable(`${status.provider.padEnd(15)} ${status.id}  ${status.state}${progress}${name}`);
}

/** The status as one JSON line; `raw` is already redacted by the client. */
export function statusJson(status: UploadStatus): string {
  // Only inside strings can these characters occur, where `\u009b` reads back as the same value.
  return JSON.stringify(status).replace(CONTROL_IN_JSON, (char) => `\\u${hex(char, 4)}`);
}
