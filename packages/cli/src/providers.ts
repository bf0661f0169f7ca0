/**
 * The five providers as the CLI sees them: which credentials each needs, where they come from in
 * the environment, and how to build its client.
 */
import * as constantcontact from "@filestatus/constantcontact";
import type {
  CommonOptions,
  RequestOptions,
  UploadStatus,
  WaitOptions,
  WatchOptions,
  WatchOutcome,
} from "@filestatus/core";
import * as highlevel from "@filestatus/highlevel";
import * as ipqs from "@filestatus/ipqs";
import * as sanitizeemail from "@filestatus/sanitizeemail";
import * as zerobounce from "@filestatus/zerobounce";
import { UsageError } from "./errors.ts";

/** What the CLI needs from any provider client. */
export interface StatusClient {
  uploadStatus(id: string, options?: RequestOptions): Promise<UploadStatus>;
  waitForUpload(id: string, options?: WaitOptions): Promise<UploadStatus>;
  watchUploads(ids: readonly string[], options?: WatchOptions): Promise<WatchOutcome[]>;
  uploads?(query?: object, options?: RequestOptions): AsyncIterable<UploadStatus>;
}

export type Credentials = Partial<Record<"apiKey" | "accessToken" | "locationId", string>>;

export interface ProviderEntry {
  /** Credential option → environment variable. Every one is required except `locationId`. */
  env: Readonly<Partial<Record<keyof Credentials, string>>>;
  create(credentials: Credentials, options: CommonOptions): StatusClient;
  /** Whether the provider has a list endpoint (`filestatus list`). */
  lists: boolean;
}

const need = (credentials: Credentials, name: keyof Credentials): string => credentials[name] ?? "";

export const PROVIDERS: Readonly<Record<string, ProviderEntry>> = {
  zerobounce: {
    env: { apiKey: "ZEROBOUNCE_API_KEY" },
    create: (c, o) => zerobounce.createClient({ ...o, apiKey: need(c, "apiKey") }),
    lists: false,
  },
  ipqs: {
    env: { apiKey: "IPQS_API_KEY" },
    create: (c, o) => ipqs.createClient({ ...o, apiKey: need(c, "apiKey") }),
    lists: true,
  },
  sanitizeemail: {
    env: { apiKey: "SANITIZEEMAIL_API_KEY" },
    create: (c, o) => sanitizeemail.createClient({ ...o, apiKey: need(c, "apiKey") }),
    lists: true,
  },
  highlevel: {
    env: { accessToken: "HIGHLEVEL_ACCESS_TOKEN", locationId: "HIGHLEVEL_LOCATION_ID" },
    create: (c, o) =>
      highlevel.createClient({
        ...o,
        accessToken: need(c, "accessToken"),
        ...(c.locationId !== undefined && { locationId: c.locationId }),
      }),
    lists: true,
  },
  constantcontact: {
    env: { apiKey: "CONSTANTCONTACT_API_KEY", accessToken: "CONSTANTCONTACT_ACCESS_TOKEN" },
    create: (c, o) =>
      constantcontact.createClient({
        ...o,
        apiKey: need(c, "apiKey"),
        accessToken: need(c, "accessToken"),
      }),
    lists: false,
  },
};

export const PROVIDER_NAMES: readonly string[] = Object.keys(PROVIDERS);

/**
 * The entry of `name`; a usage error for any other name, including those every object inherits
 * (`constructor`, `__proto__`, `toString`), which `PROVIDERS[name]` would hand out.
 */
export function providerEntry(name: string): ProviderEntry {
  if (!Object.hasOwn(PROVIDERS, name)) {
    throw new UsageError(`unknown provider "${name}" (one of: ${PROVIDER_NAMES.join(", ")})`);
  }
  return PROVIDERS[name]!;
}
