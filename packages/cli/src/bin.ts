#!/usr/bin/env node
// The `filestatus` command: the one place that touches the process.
import { Interrupted, type SignalName } from "./errors.ts";
import { main } from "./main.ts";
import { TERMINAL_RESTORE } from "./watch.ts";

// `filestatus watch … | head -1`: the reader left. What is left to print has nowhere to go (Node
// drops writes to the closed stream), but the command carries on, because its exit code has to say
// how the uploads ended, whoever reads its output.
const readerLeft = (error: NodeJS.ErrnoException): void => {
  if (error.code !== "EPIPE") throw error;
};
process.stdout.on("error", readerLeft);
process.stderr.on("error", readerLeft);

// Ctrl-C or a SIGTERM stops the command through its signal, so that a live display is taken down
// (cursor shown, auto-wrap on) before the process exits. A second one does not wait for that.
const interrupt = new AbortController();
const onSignal = (signal: SignalName): void => {
  const interrupted = new Interrupted(signal);
  if (!interrupt.signal.aborted) return interrupt.abort(interrupted);
  // The live display is on stdout, or on stderr while stdout carries results (`run` without -o).
  for (const stream of [process.stdout, process.stderr])
    if (stream.isTTY) stream.write(TERMINAL_RESTORE);
  process.exit(interrupted.exitCode);
};
process.on("SIGINT", onSignal);
process.on("SIGTERM", onSignal);

const code = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  // Only `--api-key -` reads it; opened when asked for, it cannot hold the process open otherwise.
  get stdin() {
    return process.stdin;
  },
  signal: interrupt.signal,
});
// Once interrupted, nothing still pending (a request, a timer) is worth waiting for.
if (interrupt.signal.aborted) process.exit(code);
process.exitCode = code;
