/**
 * From the command line to a provider client: which provider, its credentials (flags, then the
 * environment) and where it is served (the provider, `--base-url` or the built-in sandbox).
 */
import type { CommonOptions } from "@filestatus/core";
import { createSandbox } from "@filestatus/sandbox";
import { UsageError } from "./errors.ts";
import { providerEntry, type Credentials, type StatusClient } from "./providers.ts";

/** The options every command takes. */
export interface GlobalFlags {
  json?: boolean;
  sandbox?: boolean;
  speed?: string;
  baseUrl?: string;
  apiKey?: string;
  accessToken?: string;
  locationId?: string;
}

const FLAG_OF: Record<keyof Credentials, string> = {
  apiKey: "--api-key",
  accessToken: "--access-token",
  locationId: "--location-id",
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

/** The client for `provider`, with credentials from flags, then the environment. Never echoes them. */
export function clientFor(
  provider: string,
  flags: GlobalFlags,
  env: Readonly<Record<string, string | undefined>>,
): StatusClient {
  const entry = providerEntry(provider);
  const credentials: Credentials = {};
  for (const [option, variable] of Object.entries(entry.env) as [keyof Credentials, string][]) {
    const value =
      flags[option] ?? env[variable] ?? (flags.sandbox ? `sandbox-${option}` : undefined);
    if (value !== undefined && value.trim() !== "") credentials[option] = value;
    else if (option !== "locationId") {
      throw new UsageError(
        `missing credential for ${provider}: set ${variable} or pass ${FLAG_OF[option]}`,
      );
    }
  }
  const options: CommonOptions = {};
  if (flags.baseUrl) options.baseUrl = flags.baseUrl;
  if (flags.sandbox) {
    const speed = positiveNumber("--speed", flags.speed);
    options.fetch = createSandbox(speed === undefined ? {} : { speed }).fetch;
  }
  return entry.create(credentials, options);
}
