/**
 * `send`, `results` and `run` as commander defines them: their arguments, their own flags and the
 * provider flags of the steps each one takes.
 */
import { Option, type Command } from "commander";
import { addProviderFlags } from "./flag-definitions.ts";
import type { Io } from "./main.ts";
import { results, type ResultsFlags } from "./results.ts";
import { run, type RunFlags } from "./run.ts";
import { send, type SendFlags } from "./send.ts";

const OUTPUT = "where the results go, written whole or not at all (default, or -: standard output)";

export function roundTripCommands(
  root: Command,
  io: Io,
  setCode: (code: number) => void,
  common: (command: Command) => Command,
): void {
  const sending = common(root.command("send").argument("<provider>").argument("<file>"))
    .description("send a file once and print the new upload's id (--json: its status)")
    .action(async (provider: string, file: string, flags: SendFlags, command: Command) =>
      setCode(await send(io, provider, file, flags, command)),
    );
  addProviderFlags(sending, ["upload"]);

  const fetching = common(root.command("results").argument("<provider>").argument("<id>"))
    .description(
      "save a finished upload's results: the results CSV (ZeroBounce, IPQS, SanitizeEmail), the import and its posts (HighLevel) or the Library file (Constant Contact) as JSON",
    )
    .addOption(new Option("-o, --output <file>", OUTPUT))
    .action(async (provider: string, id: string, flags: ResultsFlags, command: Command) =>
      setCode(await results(io, provider, id, flags, command)),
    );
  addProviderFlags(fetching, ["download"]);

  const running = common(root.command("run").argument("<provider>").argument("<file>"))
    .description("send a file, wait until it is processed and save its results, with one display")
    .addOption(new Option("-o, --output <file>", OUTPUT))
    .addOption(new Option("--timeout <ms>", "give up after this long, whichever phase is running"))
    .addOption(new Option("--interval <ms>", "fixed delay between status polls"))
    .action(async (provider: string, file: string, flags: RunFlags, command: Command) =>
      setCode(await run(io, provider, file, flags, command)),
    );
  addProviderFlags(running, ["upload", "download"]);
}
