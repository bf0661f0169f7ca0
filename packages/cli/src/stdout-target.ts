/**
 * Results on standard output (`-o -`, or no `-o`): the bytes as they came when piped; on a
 * terminal, text whose control characters are written out, since a results file holds whatever
 * its rows held.
 */
import { printable } from "./render.ts";
import { chunksOf, type ResultsTarget } from "./results-chunks.ts";
import type { Output } from "./watch.ts";

/** Standard output as results need it: bytes, and waiting while a slow reader catches up. */
export interface ByteOutput extends Output {
  write(chunk: string | Uint8Array): unknown;
  destroyed?: boolean;
  once?(event: "drain" | "close", listener: () => void): unknown;
  removeListener?(event: "drain" | "close", listener: () => void): unknown;
}

/** Controls a terminal would act on; tabs and line breaks are the text's own. */
const TERMINAL_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/**
 * Bytes → text a terminal shows as it is: control characters written out (`\x1b`), except the
 * line breaks (`\r\n` shown as one, even split across two chunks). Call with no chunk at the end.
 */
function terminalText(): (chunk?: Uint8Array) => string {
  const decoder = new TextDecoder();
  let carried = "";
  return (chunk) => {
    let text = carried + decoder.decode(chunk, { stream: chunk !== undefined });
    carried = chunk !== undefined && text.endsWith("\r") ? "\r" : "";
    if (carried) text = text.slice(0, -1);
    return text.replace(/\r\n/g, "\n").replace(TERMINAL_CONTROL, printable);
  };
}

/** Waits until `out` takes more, or has closed. */
function drained(out: ByteOutput): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      out.removeListener?.("drain", done);
      out.removeListener?.("close", done);
      resolve();
    };
    out.once!("drain", done);
    out.once!("close", done);
  });
}

/**
 * Standard output. Piped, the bytes go as they came; on a terminal, as text whose control
 * characters are written out (`\x1b`), since a results file holds whatever its rows held.
 */
export function stdoutTarget(out: ByteOutput): ResultsTarget {
  const put = async (chunk: string | Uint8Array) => {
    if (out.destroyed)
      throw new Error("standard output closed before all of the results were written");
    if (out.write(chunk) === false && out.once) await drained(out);
  };
  return {
    name: "standard output",
    toStdout: true,
    async write(results) {
      const shown = out.isTTY ? terminalText() : undefined;
      let bytes = 0;
      for await (const chunk of chunksOf(results)) {
        bytes += chunk.byteLength;
        await put(shown ? shown(chunk) : chunk);
      }
      if (shown) await put(shown());
      return bytes;
    },
    commit: async () => undefined,
    discard: async () => undefined,
  };
}
