/**
 * The providers' upload and results options as flags, in the APIs' own words (`--email-column`,
 * `--type`, `--job`, `--account-id`, …). Every flag is defined on the command whatever the
 * provider, so commander parses them all; a flag the chosen provider does not take is then a usage
 * error naming it, never silently ignored. Values go to the client as given (numbers as numbers),
 * so its own checks are the ones that refuse them.
 */
import type { Command } from "commander";
import { isUsage, UsageError, withoutPrefix } from "./errors.ts";

/** How a flag's text becomes the client's option. */
type Kind = "number" | "text" | "boolean" | "list";

/** A flag as one provider reads it: the client option it sets, and from what. */
interface ProviderFlag {
  option: string;
  kind: Kind;
}

/** A step of the round trip: which flags `send` (upload), `results` (download) and `run` (both) take. */
export type Step = "upload" | "download";

const n = (option: string): ProviderFlag => ({ option, kind: "number" });
const t = (option: string): ProviderFlag => ({ option, kind: "text" });
const b = (option: string): ProviderFlag => ({ option, kind: "boolean" });

/** Each provider's flags, by commander's name of the flag (`emailColumn` for `--email-column`). */
const FLAGS: Readonly<
  Record<string, Readonly<Record<Step, Readonly<Record<string, ProviderFlag>>>>>
> = {
  zerobounce: {
    upload: {
      emailColumn: n("emailColumn"),
      firstNameColumn: n("firstNameColumn"),
      lastNameColumn: n("lastNameColumn"),
      hasHeaderRow: b("hasHeaderRow"),
      removeDuplicate: b("removeDuplicate"),
      allowPhase2: b("allowPhase2"),
      returnUrl: t("returnUrl"),
      scoring: b("scoring"),
    },
    download: { downloadType: t("downloadType"), scoring: b("scoring") },
  },
  ipqs: { upload: { type: t("type") }, download: { which: t("which") } },
  sanitizeemail: {
    upload: { job: t("job"), emailColumn: t("emailColumn"), hasHeaderRow: b("hasHeaderRow") },
    download: { job: t("job") },
  },
  highlevel: {
    upload: {
      accountId: { option: "accountIds", kind: "list" },
      userId: t("userId"),
      approver: t("approver"),
      finalize: b("finalize"),
    },
    download: {},
  },
  constantcontact: {
    upload: {
      fileType: t("fileType"),
      folderId: t("folderId"),
      source: t("source"),
      description: t("description"),
    },
    download: {},
  },
};

/** `"3"` → 3; anything else stays text, for the client to refuse in its own words. */
const NUMERIC = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/** The options of one step, as the client names them. */
export type ProviderOptions = Record<string, unknown>;

/**
 * The client options that the flags given to `command` set for `provider`, by step; a usage error
 * for a flag given that none of `steps` of this provider takes.
 */
export function providerOptions(
  command: Command,
  provider: string,
  steps: readonly Step[],
): Record<Step, ProviderOptions> {
  const own = FLAGS[provider]!;
  const options: Record<Step, ProviderOptions> = { upload: {}, download: {} };
  const seen = new Set<string>();
  for (const definition of command.options) {
    const name = definition.attributeName();
    if (command.getOptionValueSource(name) !== "cli" || !isProviderFlag(name)) continue;
    if (seen.has(name)) continue; // `--x` and `--no-x` set one value
    seen.add(name);
    const value: unknown = command.getOptionValue(name);
    const takers = steps.filter((step) => Object.hasOwn(own[step], name));
    if (takers.length === 0) throw notApplicable(definition.long ?? name, provider, steps);
    for (const step of takers) {
      const { option, kind } = own[step][name]!;
      options[step][option] =
        kind === "number" && NUMERIC.test(String(value)) ? Number(value) : value;
    }
  }
  return options;
}

const PROVIDER_FLAGS = new Set(
  Object.values(FLAGS).flatMap((f) => [...Object.keys(f.upload), ...Object.keys(f.download)]),
);
const isProviderFlag = (name: string): boolean => PROVIDER_FLAGS.has(name);

function notApplicable(flag: string, provider: string, steps: readonly Step[]): UsageError {
  const own = FLAGS[provider]!;
  const names = steps.flatMap((step) => Object.keys(own[step]).map(flagOf));
  const takes = [...new Set(names)].join(", ");
  return new UsageError(
    `${flag} does not apply to ${provider} (${takes ? `it takes ${takes}` : "it takes no provider flags here"})`,
  );
}

/** `emailColumn` → `--email-column`. */
const flagOf = (name: string): string =>
  `--${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

/**
 * A client's message in the command line's words: its option names (`emailColumn`, `accountIds`,
 * `"type"`) become the flags that set them, so the message says what to type.
 */
export function inFlagWords(provider: string, message: string): string {
  const own = FLAGS[provider];
  if (!own) return message;
  let text = message;
  for (const [name, { option }] of Object.entries({ ...own.upload, ...own.download })) {
    const flag = flagOf(name);
    text = /[A-Z]/.test(option)
      ? text.replace(new RegExp(`\\b${option}\\b`, "g"), flag)
      : text.replace(new RegExp(`"${option}"|^${option}\\b`, "g"), flag);
  }
  return text;
}

/** The flags that set `options` of the results step again: for a command to print. */
export function downloadFlags(provider: string, options: ProviderOptions): string[] {
  const own = FLAGS[provider]?.download ?? {};
  return Object.entries(own).flatMap(([name, { option, kind }]) => {
    const value = options[option];
    if (value === undefined) return [];
    if (kind === "boolean") return [value ? flagOf(name) : `--no-${flagOf(name).slice(2)}`];
    return [flagOf(name), String(value)];
  });
}

/**
 * `error` in the command line's words: a usage error (ours, or a client's `TypeError` or
 * `RangeError` about an option) naming flags instead of options, and SanitizeEmail's "pass
 * emailColumn, one of: …" naming `--email-column`. Anything else as it was.
 */
export function inCommandWords(provider: string, error: unknown): unknown {
  if (isUsage(error)) return new UsageError(inFlagWords(provider, withoutPrefix(error.message)));
  if (Array.isArray((error as { availableColumns?: unknown } | null)?.availableColumns))
    return new Error(inFlagWords(provider, (error as Error).message));
  return error;
}
