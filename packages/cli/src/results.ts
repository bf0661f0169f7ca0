/**
 * `filestatus results <provider> <id> -o results.csv`: the results of a finished upload, written
 * in full or not at all: ZeroBounce, IPQS and SanitizeEmail their results file as it streams,
 * HighLevel the import and its posts, Constant Contact the Library file, each as JSON.
 */
import type { Command } from "commander";
import { clientFor, type GlobalFlags } from "./connect.ts";
import { UsageError } from "./errors.ts";
import type { Io } from "./main.ts";
import { resultsTarget } from "./output-file.ts";
import { inCommandWords, providerOptions } from "./provider-flags.ts";
import { providerEntry } from "./providers.ts";
import { printable } from "./render.ts";
import { ROUND_TRIPS } from "./round-trips.ts";
import { size } from "./trip-display.ts";

export interface ResultsFlags extends GlobalFlags {
  output?: string;
}

/** Exit 0 once the results are in place; 1 when the provider has none to give. */
export async function results(
  io: Io,
  provider: string,
  id: string,
  flags: ResultsFlags,
  command: Command,
): Promise<number> {
  providerEntry(provider);
  if (flags.json)
    throw new UsageError(
      "--json does not apply to results: they are written as the provider gives them (HighLevel and Constant Contact as JSON)",
    );
  const options = providerOptions(command, provider, ["download"]);
  const target = await resultsTarget(flags.output, io.stdout);
  try {
    const client = await clientFor(provider, flags, io);
    const found = await ROUND_TRIPS[provider]!.results(client, id, options.download, {
      ...(io.signal && { signal: io.signal }),
    });
    const written = await target.write(found);
    await target.commit();
    if (!target.toStdout)
      io.stdout.write(`${printable(`${size(written)} of results in ${target.name}`)}\n`);
    return 0;
  } catch (error) {
    await target.discard();
    throw io.signal?.aborted ? error : inCommandWords(provider, error);
  }
}
