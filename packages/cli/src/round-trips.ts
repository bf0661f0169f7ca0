/**
 * What `send`, `results` and `run` call on each provider's client, and what its results are: a
 * file that streams (ZeroBounce, IPQS, SanitizeEmail) or a JSON document (HighLevel's import and
 * its posts, Constant Contact's Library file). Options arrive as the flags set them and are passed
 * on unchecked: the client's own checks refuse a bad one, before anything is sent.
 */
import type * as constantcontact from "@filestatus/constantcontact";
import {
  headerFields,
  type ProcessOptions,
  type RoundTripOptions,
  type UploadStatus,
} from "@filestatus/core";
import type * as highlevel from "@filestatus/highlevel";
import type * as ipqs from "@filestatus/ipqs";
import type * as sanitizeemail from "@filestatus/sanitizeemail";
import type * as zerobounce from "@filestatus/zerobounce";
import { UsageError } from "./errors.ts";
import type { ProviderOptions } from "./provider-flags.ts";
import type { StatusClient } from "./providers.ts";

/** The results of an upload: a file whose body streams, or a document written as JSON. */
export type Results = { kind: "file"; response: Response } | { kind: "json"; value: unknown };

/** The file to send: opened with `fs.openAsBlob` (never read whole), and the name it is sent as. */
export interface FileInput {
  blob: Blob;
  name: string;
}

export interface RoundTripEntry {
  send(
    client: StatusClient,
    file: FileInput,
    options: ProviderOptions,
    request: RoundTripOptions,
  ): Promise<UploadStatus>;
  results(
    client: StatusClient,
    id: string,
    options: ProviderOptions,
    request: RoundTripOptions,
  ): Promise<Results>;
  /** `processFile`; `options` holds the upload's and the results' flags. */
  run(
    client: StatusClient,
    file: FileInput,
    options: ProviderOptions,
    process: ProcessOptions,
  ): Promise<{ status: UploadStatus; results: Results }>;
}

/** A header that names the email column: `email`, `E-mail`, `email_address`, `Email Address`. */
const EMAIL_HEADER = /^e-?mail([ _-]?address)?$/i;

/**
 * ZeroBounce needs the email column's number: without `--email-column`, the column the first line
 * names `email` (its first line then being a header), or the only column of a one-column file.
 */
async function withEmailColumn(file: FileInput, options: ProviderOptions) {
  if (options.emailColumn !== undefined) return options;
  const fields = await headerFields({ blob: file.blob, name: file.name, size: file.blob.size });
  const named = fields.findIndex((field) => EMAIL_HEADER.test(field));
  if (named >= 0) return { hasHeaderRow: true, ...options, emailColumn: named + 1 };
  if (fields.length === 1) return { ...options, emailColumn: 1 };
  throw new UsageError(
    "zerobounce needs --email-column <n> (counted from 1): the file's first line names no email column",
  );
}

/** The options as the flags set them, for the client to check: its checks name what is wrong. */
const given = <T>(options: ProviderOptions): T => options as unknown as T;

const file = (response: Response): Results => ({ kind: "file", response });
const json = (value: unknown): Results => ({ kind: "json", value });

// Each client is the one `PROVIDERS[name].create` made for that name; the options are checked by it.
const zb = (client: StatusClient) => client as zerobounce.Client;
const iq = (client: StatusClient) => client as ipqs.Client;
const se = (client: StatusClient) => client as sanitizeemail.Client;
const hl = (client: StatusClient) => client as highlevel.Client;
const cc = (client: StatusClient) => client as constantcontact.Client;

export const ROUND_TRIPS: Readonly<Record<string, RoundTripEntry>> = {
  zerobounce: {
    send: async (client, f, options, request) =>
      zb(client).upload(f.blob, {
        ...given<zerobounce.UploadOptions>(await withEmailColumn(f, options)),
        filename: f.name,
        ...request,
      }),
    results: async (client, id, options, request) =>
      file(await zb(client).downloadResults(id, { ...options, ...request })),
    run: async (client, f, options, process) => {
      const all = given<zerobounce.UploadOptions>(await withEmailColumn(f, options));
      const done = await zb(client).processFile(f.blob, { ...all, filename: f.name, ...process });
      return { status: done.status, results: file(done.results) };
    },
  },
  ipqs: {
    send: (client, f, options, request) =>
      iq(client).upload(f.blob, {
        ...given<ipqs.UploadOptions>(options),
        filename: f.name,
        ...request,
      }),
    results: async (client, id, options, request) =>
      file(await iq(client).downloadResults(id, { ...options, ...request })),
    run: async (client, f, options, process) => {
      const all = { ...given<ipqs.UploadOptions>(options), filename: f.name, ...process };
      const done = await iq(client).processFile(f.blob, all);
      return { status: done.status, results: file(done.results) };
    },
  },
  sanitizeemail: {
    send: (client, f, options, request) =>
      se(client).upload(f.blob, {
        ...given<sanitizeemail.UploadOptions>(options),
        filename: f.name,
        ...request,
      }),
    results: async (client, id, options, request) =>
      file(
        await se(client).downloadResults(id, {
          ...given<sanitizeemail.DownloadOptions>(options),
          ...request,
        }),
      ),
    run: async (client, f, options, process) => {
      const all = { ...given<sanitizeemail.UploadOptions>(options), filename: f.name, ...process };
      const done = await se(client).processFile(f.blob, all);
      return { status: done.status, results: file(done.results) };
    },
  },
  highlevel: {
    send: (client, f, options, request) =>
      hl(client).upload(f.blob, {
        ...given<highlevel.UploadOptions>(options),
        filename: f.name,
        ...request,
      }),
    results: async (client, id, _options, request) => json(await hl(client).csvImport(id, request)),
    run: async (client, f, options, process) => {
      const all = { ...given<highlevel.UploadOptions>(options), filename: f.name };
      const done = await hl(client).processFile(f.blob, { ...all, ...process });
      return { status: done.status, results: json(done.results) };
    },
  },
  constantcontact: {
    send: (client, f, options, request) =>
      cc(client).upload(f.blob, {
        ...given<constantcontact.ProcessFileOptions>(options),
        filename: f.name,
        ...request,
      }),
    results: async (client, id, _options, request) => json(await cc(client).file(id, request)),
    run: async (client, f, options, process) => {
      const all = { ...given<constantcontact.ProcessFileOptions>(options), filename: f.name };
      const done = await cc(client).processFile(f.blob, { ...all, ...process });
      return { status: done.status, results: json(done.results) };
    },
  },
};
