/**
 * The results as the bytes written: a streamed file's body chunk by chunk, or a document as
 * indented JSON.
 */
import type { Results } from "./round-trips.ts";

/** Where results go: a file (output-file.ts) or standard output (stdout-target.ts). */
export interface ResultsTarget {
  /** The path as given, or `standard output`. */
  readonly name: string;
  readonly toStdout: boolean;
  /** Writes the results; resolves with the number of bytes. */
  write(results: Results): Promise<number>;
  /** Puts the results in place. */
  commit(): Promise<void>;
  /** Removes the temporary file (if any); the target stays as it was. Safe to call again. */
  discard(): Promise<void>;
}

const encoder = new TextEncoder();

/** A document as the JSON written: indented, DEL and C1 controls escaped like `statusJson`'s. */
function jsonBytes(value: unknown): Uint8Array {
  const text = JSON.stringify(value, null, 2).replace(
    /[\u007f-\u009f]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
  return encoder.encode(`${text}\n`);
}

/** Every chunk of the results, as bytes. */
export async function* chunksOf(results: Results): AsyncGenerator<Uint8Array> {
  if (results.kind === "json") return yield jsonBytes(results.value);
  const reader = results.response.body?.getReader();
  if (!reader) return;
  let done = false;
  try {
    for (let next = await reader.read(); !(done = next.done); next = await reader.read())
      yield next.value;
  } finally {
    // Stopped early (a write failed): the rest of the body is not wanted.
    if (!done) await reader.cancel().catch(() => undefined);
  }
}
