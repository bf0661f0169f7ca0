/**
 * A line for the user that arrives while a live display holds the terminal (a Redis warning in the
 * middle of a watch). Written straight to the terminal it would land among the display's lines, to
 * be drawn over at the next redraw. A live display says where such lines go meanwhile: above it.
 */
import type { Output } from "./watch.ts";

/** The live display on each output, by the output it draws on. */
const above = new WeakMap<Output, (line: string) => void>();

/** Lines for `out`'s terminal go to `print` until the returned function is called. */
export function holdTerminal(out: Output, print: (line: string) => void): () => void {
  above.set(out, print);
  return () => void (above.get(out) === print && above.delete(out));
}

/**
 * Writes `line` (ending in a newline) on `streams.stderr`, or above a live display on the same
 * terminal: one on stderr itself, or on stdout when both are a terminal.
 */
export function notice(streams: { stdout: Output; stderr: Output }, line: string): void {
  const { stdout, stderr } = streams;
  const live = above.get(stderr) ?? (stderr.isTTY ? above.get(stdout) : undefined);
  if (live) live(line);
  else stderr.write(line);
}
