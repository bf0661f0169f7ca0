/**
 * A credential read from standard input (`--api-key -`), so that it never stands on the command
 * line, where every user of the machine can read it (`ps`, /proc/<pid>/cmdline). From a pipe or a
 * file: all of it, less one trailing newline. Typed at a terminal: one line, not echoed.
 */
import { StringDecoder } from "node:string_decoder";
import { Interrupted, UsageError } from "./errors.ts";

/**
 * Standard input as the reader needs it (`process.stdin` fits); `setRawMode` where it is a
 * terminal. Written out rather than as Node's `Readable`, so the published types need no
 * `@types/node`.
 */
export interface Input {
  isTTY?: boolean;
  setRawMode?(raw: boolean): unknown;
  on(event: "data", listener: (chunk: Uint8Array | string) => void): Input;
  on(event: "end", listener: () => void): Input;
  on(event: "error", listener: (error: unknown) => void): Input;
  removeListener(event: string, listener: (...args: never[]) => void): Input;
  pause(): unknown;
  resume(): unknown;
}

export interface SecretOptions {
  /** The flag being answered, for messages: `--api-key`. */
  flag: string;
  /** Shown on a terminal before the hidden input. */
  prompt: string;
  stderr: { write(text: string): void };
  signal?: AbortSignal;
}

/** A read in progress: its value, and how to leave the input as it was found. */
interface Reader {
  value: Promise<string>;
  stop(): void;
}

/** More than any credential: a larger input is a mistake (`--api-key - < big.csv`), not a key. */
const MAX_BYTES = 64 * 1024;

/** The value on `input`; rejects with the signal's reason when it aborts first. */
export async function readSecret(input: Input, options: SecretOptions): Promise<string> {
  const { signal } = options;
  signal?.throwIfAborted();
  const reader = input.isTTY && input.setRawMode ? typed(input, options) : piped(input, options);
  let abort = (): void => undefined;
  const aborted = new Promise<never>((_, reject) => (abort = () => reject(signal!.reason)));
  signal?.addEventListener("abort", abort, { once: true });
  try {
    return await Promise.race([reader.value, aborted]);
  } finally {
    signal?.removeEventListener("abort", abort);
    reader.stop();
  }
}

/** All of a pipe or file, less one trailing newline (`echo`, `pass show` and editors add one). */
function piped(input: Input, { flag }: SecretOptions): Reader {
  const chunks: Uint8Array[] = [];
  let size = 0;
  let settle!: { resolve(value: string): void; reject(error: unknown): void };
  const value = new Promise<string>((resolve, reject) => (settle = { resolve, reject }));
  const onData = (chunk: Uint8Array | string): void => {
    const bytes = typeof chunk === "string" ? Buffer.from(chunk) : chunk;
    size += bytes.length;
    chunks.push(bytes);
    if (size > MAX_BYTES) settle.reject(new UsageError(`${flag} -: standard input is over 64 KiB`));
  };
  const onEnd = (): void =>
    settle.resolve(
      Buffer.concat(chunks)
        .toString("utf8")
        .replace(/\r?\n$/, ""),
    );
  input.on("data", onData).on("end", onEnd).on("error", settle.reject);
  return {
    value,
    stop: () => {
      input.removeListener("data", onData).removeListener("end", onEnd);
      input.removeListener("error", settle.reject).pause();
    },
  };
}

/** One line typed at the terminal, with echo off (raw mode), so the key never shows on screen. */
function typed(input: Input, { prompt, stderr }: SecretOptions): Reader {
  const decoder = new StringDecoder("utf8");
  let typedSoFar = "";
  let onData: (chunk: Uint8Array | string) => void = () => undefined;
  const value = new Promise<string>((resolve, reject) => {
    onData = (chunk) => {
      for (const char of typeof chunk === "string" ? chunk : decoder.write(chunk)) {
        if (char === "\r" || char === "\n" || char === "\u0004") return resolve(typedSoFar);
        // Raw mode turns Ctrl-C into a key: it interrupts as it would have.
        if (char === "\u0003") return reject(new Interrupted("SIGINT"));
        typedSoFar = edit(typedSoFar, char);
      }
    };
  });
  // Echo goes off before the prompt shows: anything typed once it has shown stays hidden.
  input.setRawMode!(true);
  stderr.write(prompt);
  input.on("data", onData);
  input.resume();
  return {
    value,
    stop: () => {
      input.removeListener("data", onData);
      input.setRawMode!(false);
      input.pause();
      // Enter was not echoed either: end the prompt's line.
      stderr.write("\n");
    },
  };
}

/** `text` after typing `char`: backspace, Ctrl-U (erase all) or a printable character. */
function edit(text: string, char: string): string {
  if (char === "\u007f" || char === "\b") return [...text].slice(0, -1).join("");
  if (char === "\u0015") return "";
  return char >= " " ? text + char : text;
}
