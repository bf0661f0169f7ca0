/**
 * `filestatus send <provider> <file>`: uploads the file once and prints the new upload's id (its
 * status as JSON with `--json`), for `status`, `watch` and `results` to take up.
 */
import type { Command } from "commander";
import { clientFor, type GlobalFlags } from "./connect.ts";
import { openFile } from "./input-file.ts";
import type { Io } from "./main.ts";
import { inCommandWords, providerOptions } from "./provider-flags.ts";
import { providerEntry } from "./providers.ts";
import { errorLine, printable, statusJson } from "./render.ts";
import { ROUND_TRIPS } from "./round-trips.ts";
import { tripDisplay, type TripDisplay } from "./trip-display.ts";
import { interruptedNote, tracking, type TripState } from "./trip-notes.ts";

export type SendFlags = GlobalFlags;

/** Exit 0 once the provider has accepted the file; 1 when it refused it. */
export async function send(
  io: Io,
  provider: string,
  path: string,
  flags: SendFlags,
  command: Command,
): Promise<number> {
  providerEntry(provider);
  const options = providerOptions(command, provider, ["upload"]);
  const file = await openFile(path);
  const client = await clientFor(provider, flags, io);
  const state: TripState = { provider, name: file.name, phase: "starting", bytesSent: 0 };
  // Standard output holds the id alone; bytes sent show on standard error, on a terminal only.
  let display: TripDisplay | undefined;
  if (io.stderr.isTTY) display = tripDisplay(io.stderr, file.name);
  try {
    const status = await ROUND_TRIPS[provider]!.send(client, file, options.upload, {
      onProgress: tracking(state, display && ((p) => display.update(p))),
      ...(io.signal && { signal: io.signal }),
    });
    display?.stop();
    io.stdout.write(`${flags.json ? statusJson(status) : printable(status.id)}\n`);
    return 0;
  } catch (error) {
    display?.stop();
    if (!io.signal?.aborted) throw inCommandWords(provider, error);
    const context = { download: {}, ...(flags.sandbox && { sandbox: true }) };
    io.stderr.write(errorLine(interruptedNote(state, context)));
    throw error;
  }
}
