/**
 * The provider flags as commander defines them, with the providers that take each in its help.
 * Which provider takes which, and what it sets, is provider-flags.ts.
 */
import { Option, type Command } from "commander";
import type { Step } from "./provider-flags.ts";

/** Flags of the upload (`send`, `run`): flags → help. */
const UPLOAD: Readonly<Record<string, string>> = {
  "--email-column <column>":
    "ZeroBounce: a number from 1 (default: the column named email); SanitizeEmail: a header name",
  "--first-name-column <n>": "ZeroBounce: from 1",
  "--last-name-column <n>": "ZeroBounce: from 1",
  "--has-header-row": "ZeroBounce, SanitizeEmail: the first line names the columns (--no-…: not)",
  "--remove-duplicate": "ZeroBounce: drop repeated addresses (--no-…: keep them)",
  "--allow-phase2": "ZeroBounce: phase 2 (Verify+) after phase 1",
  "--return-url <url>": "ZeroBounce: called when the file is processed",
  "--scoring": "ZeroBounce: A.I. scoring instead of validation",
  "--type <type>": "IPQS: proxy, email, url or phone (required)",
  "--job <job>": "SanitizeEmail: clean or validate (required)",
  "--account-id <id>": "HighLevel: a social account to post to (required; repeatable)",
  "--user-id <id>": "HighLevel: the user the import is made for",
  "--approver <id>": "HighLevel: the user who reviews the posts",
  "--no-finalize": "HighLevel (send): leave the import pending for review",
  "--file-type <type>": "Constant Contact: PNG, JPG, PDF, … (default: from the name)",
  "--folder-id <id>": "Constant Contact: the Library folder (default 0)",
  "--source <source>": "Constant Contact: MyComputer, StockImage, … (default MyComputer)",
  "--description <text>": "Constant Contact: at most 100 characters",
};

/** Flags of the results (`results`, `run`). */
const DOWNLOAD: Readonly<Record<string, string>> = {
  "--download-type <type>": "ZeroBounce: phase_1 (default), phase_2 or combined",
  "--which <file>": "IPQS: all (default), bad, clean or pristine",
  "--job <job>": "SanitizeEmail: clean or validate, as sent (required)",
  "--scoring": "ZeroBounce: a file sent for A.I. scoring",
};

/** Booleans that can be said both ways; the other form is hidden from the help. */
const BOTH_WAYS: Readonly<Record<string, string>> = {
  "--has-header-row": "--no-has-header-row",
  "--remove-duplicate": "--no-remove-duplicate",
  "--no-finalize": "--finalize",
};

/** `--account-id a --account-id b` → `["a", "b"]`. */
const collect = (value: string, previous: string[] | undefined): string[] => [
  ...(previous ?? []),
  value,
];

/** Adds the provider flags of `steps` to `command`, each once. */
export function addProviderFlags(command: Command, steps: readonly Step[]): Command {
  const all = {
    ...(steps.includes("upload") && UPLOAD),
    ...(steps.includes("download") && DOWNLOAD),
  };
  for (const [flags, help] of Object.entries(all)) {
    const other = BOTH_WAYS[flags];
    // The positive form first: defined after it, `--no-x` leaves the default undefined (not true),
    // so a flag not given is never sent.
    if (other?.startsWith("--no-") === false) command.addOption(new Option(other).hideHelp());
    const option = new Option(flags, help);
    command.addOption(flags.startsWith("--account-id") ? option.argParser(collect) : option);
    if (other?.startsWith("--no-")) command.addOption(new Option(other).hideHelp());
  }
  return command;
}
