/**
 * `filestatus run <provider> <file> -o results.csv`: the whole round trip (`processFile`) with one
 * display across its phases, the results written in full or not at all.
 */
import type { Command } from "commander";
import type { UploadStatus } from "@filestatus/core";
import { clientFor, positiveNumber, type GlobalFlags } from "./connect.ts";
import { UsageError } from "./errors.ts";
import { errorLine, printable, statusJson } from "./render.ts";
import { openFile } from "./input-file.ts";
import type { Io } from "./main.ts";
import { resultsTarget } from "./output-file.ts";
import { inCommandWords, providerOptions } from "./provider-flags.ts";
import { providerEntry } from "./providers.ts";
import { ROUND_TRIPS } from "./round-trips.ts";
import { size, tripDisplay } from "./trip-display.ts";
import {
  failureHint,
  interruptedNote,
  tracking,
  type HintContext,
  type TripState,
} from "./trip-notes.ts";

export interface RunFlags extends GlobalFlags {
  output?: string;
  timeout?: string;
  interval?: string;
}

/** Exit 0 once the results are in place; 1 when the upload failed or the provider said no. */
export async function run(
  io: Io,
  provider: string,
  path: string,
  flags: RunFlags,
  command: Command,
): Promise<number> {
  providerEntry(provider);
  const options = providerOptions(command, provider, ["upload", "download"]);
  if (options.upload.finalize === false)
    throw new UsageError(
      "--no-finalize does not apply to run, which waits for the import to complete; to review it first: filestatus send highlevel <file> --no-finalize",
    );
  const timeoutMs = positiveNumber("--timeout", flags.timeout);
  const intervalMs = positiveNumber("--interval", flags.interval);
  const file = await openFile(path);
  const target = await resultsTarget(flags.output, io.stdout);
  const state: TripState = { provider, name: file.name, phase: "starting", bytesSent: 0 };
  const context: HintContext = {
    download: options.download,
    ...(flags.output !== undefined && { output: flags.output }),
    ...(flags.baseUrl !== undefined && { baseUrl: flags.baseUrl }),
    ...(flags.sandbox && { sandbox: true }),
  };
  // With the results on standard output, the display moves to standard error.
  const out = target.toStdout ? io.stderr : io.stdout;
  try {
    const client = await clientFor(provider, flags, io);
    const display = tripDisplay(out, file.name);
    let written: number;
    let status: UploadStatus;
    try {
      const done = await ROUND_TRIPS[provider]!.run(
        client,
        file,
        { ...options.upload, ...options.download },
        {
          onProgress: tracking(state, (p) => display.update(p)),
          ...(io.signal && { signal: io.signal }),
          ...(timeoutMs && { timeoutMs }),
          ...(intervalMs && { intervalMs }),
        },
      );
      status = done.status;
      state.phase = "downloading";
      written = await target.write(done.results);
      await target.commit();
    } finally {
      display.stop();
    }
    const summary = `${provider} ${status.id} complete: ${size(written)} of results in ${target.name}`;
    out.write(`${flags.json ? statusJson(status) : printable(summary)}\n`);
    return 0;
  } catch (error) {
    await target.discard();
    if (io.signal?.aborted) {
      io.stderr.write(errorLine(interruptedNote(state, context)));
      throw error;
    }
    const restated = inCommandWords(provider, error);
    if (restated !== error) throw restated;
    const hint = failureHint(error, state, context);
    throw hint && error instanceof Error ? new Error(error.message + hint) : error;
  }
}
