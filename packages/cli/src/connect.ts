/**
 * From the command line to a provider client: which provider, its credentials (flags, then the
 * environment), where it is served (the provider, `--base-url` or the built-in sandbox) and whether
 * it shares its limits and polls with other processes through Redis (`--redis`).
 */
import type { CommonOptions } from "@filestatus/core";
import { createSandbox } from "@filestatus/sandbox";
import { UsageError } from "./errors.ts";
import type { Io } from "./main.ts";
import {
  providerEntry,
  type Credentials,
  type ProviderEntry,
  type StatusClient,
} from "./providers.ts";
import { redisUrl } from "./redis-url.ts";
import { redisOptions } from "./redis-store.ts";
import { readSecret } from "./secret.ts";

/** The options every command takes. */
export interface GlobalFlags {
  json?: boolean;
  sandbox?: boolean;
  speed?: string;
  baseUrl?: string;
  apiKey?: string;
  accessToken?: string;
  locationId?: string;
  redis?: string;
}

const FLAG_OF: Record<keyof Credentials, string> = {
  apiKey: "--api-key",
  accessToken: "--access-token",
  locationId: "--location-id",
};

/** The value that asks for a credential from standard input instead: `--api-key -`. */
const STDIN = "-";

/** The secret credentials, which `-` can read from standard input. */
const SECRETS: readonly (keyof Credentials)[] = ["apiKey", "accessToken"];

const LABEL: Record<keyof Credentials, string> = {
  apiKey: "API key",
  accessToken: "access token",
  locationId: "location id",
};

export function positiveNumber(
  flag: string,
  value: string | undefined,
  integer = false,
): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!(Number.isFinite(n) && n > 0) || (integer && !Number.isInteger(n))) {
    throw new UsageError(`${flag} must be a positive ${integer ? "integer" : "number"}`);
  }
  return n;
}

/**
 * The credential that `-` asks for (`--api-key -`), read from standard input; none when no flag
 * says `-`. Only one can: standard input holds one value.
 */
async function fromStdin(provider: string, entry: ProviderEntry, flags: GlobalFlags, io: Io) {
  const asked = SECRETS.filter((option) => flags[option] === STDIN && entry.env[option]);
  if (asked.length === 0) return {};
  if (asked.length > 1)
    throw new UsageError(
      `${asked.map((o) => FLAG_OF[o]).join(" and ")} cannot both be "-": standard input holds one value`,
    );
  const option = asked[0]!;
  const flag = FLAG_OF[option];
  if (!io.stdin) throw new UsageError(`${flag} -: there is no standard input to read`);
  const prompt = `${provider} ${LABEL[option]} (not shown): `;
  const value = await readSecret(io.stdin, { flag, prompt, stderr: io.stderr, signal: io.signal });
  if (value.trim() === "")
    throw new UsageError(`${flag} -: standard input held no ${LABEL[option]}`);
  return { [option]: value };
}

/**
 * The client for `provider`, with credentials from flags (`-`: standard input), then the
 * environment. Never echoes them.
 */
export async function clientFor(
  provider: string,
  flags: GlobalFlags,
  io: Io,
): Promise<StatusClient> {
  const entry = providerEntry(provider);
  // Every flag is checked before a prompt for the key can keep the user waiting.
  const options = serverOptions(flags);
  const redis = redisUrl(flags.redis, io.env);
  const given: GlobalFlags = { ...flags, ...(await fromStdin(provider, entry, flags, io)) };
  const credentials: Credentials = {};
  for (const [option, variable] of Object.entries(entry.env) as [keyof Credentials, string][]) {
    const value =
      given[option] ?? io.env[variable] ?? (flags.sandbox ? `sandbox-${option}` : undefined);
    if (value !== undefined && value.trim() !== "") credentials[option] = value;
    else if (option !== "locationId") {
      throw new UsageError(
        `missing credential for ${provider}: set ${variable} or pass ${FLAG_OF[option]}`,
      );
    }
  }
  // Opened last: a command refused for its flags or credentials never connects.
  return entry.create(
    credentials,
    redis ? { ...options, ...(await redisOptions(redis, io, flags.sandbox ?? false)) } : options,
  );
}

/** Where the client sends its requests: the provider, `--base-url`, or the sandbox in-process. */
function serverOptions(flags: GlobalFlags): CommonOptions {
  const options: CommonOptions = {};
  if (flags.baseUrl) options.baseUrl = flags.baseUrl;
  if (flags.sandbox) {
    const speed = positiveNumber("--speed", flags.speed);
    options.fetch = createSandbox(speed === undefined ? {} : { speed }).fetch;
  }
  return options;
}
