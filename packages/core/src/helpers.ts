/**
 * The helpers every provider client has, built from the one thing each provider implements:
 * fetching one upload's status.
 */
import type { ApiClient } from "./client.ts";
import type { UploadNotFoundError } from "./upload-errors.ts";
import { waitForUpload } from "./poll.ts";
import { redactDeep, type Redactor } from "./redact.ts";
import { storeLinks } from "./client-store.ts";
import type { Cost, UploadStatus, WaitOptions } from "./upload-status.ts";
import { watchUploads, type FetchMany, type WatchOptions, type WatchOutcome } from "./watch.ts";

export interface RequestOptions {
  signal?: AbortSignal;
}

export interface UploadHelpers {
  /**
   * The upload's normalised status; throws `ApiError` when the provider says no (or answers with
   * another shape than documented), `UploadNotFoundError` when the upload is not where it looked.
   */
  uploadStatus(id: string, options?: RequestOptions): Promise<UploadStatus>;
  /**
   * Polls until the upload is complete, riding out transient failures; rejects with
   * `UploadFailedError` when it fails or is deleted, `TimeoutError` once `timeoutMs` has passed,
   * the error of a look that failed for good, or the abort reason when `signal` aborts.
   */
  waitForUpload(id: string, options?: WaitOptions): Promise<UploadStatus>;
  /**
   * Watches many uploads on this client's one rate limit, in as few requests as the API allows;
   * resolves with an outcome per id, in order (a repeated id is watched once; not failing fast
   * unless `failFast`). Transient
   * failures are ridden out; a permanent one becomes the outcome of the uploads it concerns.
   */
  watchUploads(ids: readonly string[], options?: WatchOptions): Promise<WatchOutcome[]>;
}

/** Rejects ids that are not non-empty strings before anything is sent. */
export function requireId(provider: string, id: unknown): string {
  if (typeof id !== "string" || id.trim() === "") {
    throw new TypeError(`@filestatus/${provider}: an upload id is required (a non-empty string)`);
  }
  return id;
}

/**
 * An id the provider numbers (IPQS CSVs, SanitizeEmail files) as an integer. Only plain digits
 * within the safe-integer range pass, so `"007"`, `"1e3"` or a 20-digit id are never sent as some
 * other number.
 */
export function requireIntegerId(provider: string, id: string): number {
  const n = Number(id);
  if (!/^[1-9]\d*$/.test(id) || !Number.isSafeInteger(n)) {
    throw new TypeError(
      `@filestatus/${provider}: upload ids are positive integers, got ${JSON.stringify(id)}`,
    );
  }
  return n;
}

/**
 * `ids` without repeats (first occurrence first), each checked like a single id; a `TypeError`
 * for anything but an array, so a string is never read as a list of one-character ids.
 */
export function requireIds(provider: string, ids: unknown): string[] {
  if (!Array.isArray(ids)) {
    throw new TypeError(`@filestatus/${provider}: ids must be an array of upload ids`);
  }
  return [...new Set(ids.map((id: unknown) => requireId(provider, id)))];
}

/**
 * `status` with this client's secrets removed from the text the provider sent: the raw object, and
 * the name and date read from it (a key echoed in a file name would otherwise show).
 */
export function redactStatus(client: ApiClient<{}>, status: UploadStatus): UploadStatus {
  const { redact } = client;
  return {
    ...status,
    ...(status.name !== undefined && { name: redact(status.name) }),
    ...(status.createdAt !== undefined && { createdAt: redact(status.createdAt) }),
    raw: redactRaw(status.raw, redact),
  };
}

/**
 * `raw` itself where no string in it holds a secret, else a redacted copy. The redactor reads its
 * JSON once instead of each of its strings: without a backslash in that JSON every string stands
 * in it as it is, so a JSON the redactor leaves alone has no string it would change.
 */
function redactRaw(raw: unknown, redact: Redactor): unknown {
  let json: string | undefined;
  try {
    json = JSON.stringify(raw);
  } catch {
    // a cycle, or nested past the stack: redactDeep copies what is safe to copy
  }
  const clean = json !== undefined && !json.includes("\\") && redact(json) === json;
  return clean ? raw : redactDeep(raw, redact);
}

/** Where a provider's helpers get their statuses from. Core redacts whatever they return. */
export interface StatusSource {
  /** One upload's status. */
  one(id: string, signal: AbortSignal | undefined): Promise<UploadStatus>;
  /** Many uploads' statuses in one round of requests, where the API allows it. */
  many?: FetchMany;
  /**
   * Set when `many` searches everywhere `one` does, so an id it leaves out does not exist: the
   * error saying so. Otherwise each id `many` leaves out is looked up with `one`.
   */
  notFound?: (id: string) => UploadNotFoundError;
  /** Throws a `TypeError` for an id the provider could never have issued, before any request. */
  checkId?: (id: string) => void;
  /**
   * Requests one `one` takes (default 1): the most it can take, or a function giving what the last
   * look took. Polls slow down to match the rate limit.
   */
  cost?: Cost;
  /** Requests one round of `many` takes, as `cost` (default: `cost`). */
  roundCost?: Cost;
  /**
   * Tells this source's uploads apart from another source's in a shared store, for a client with
   * more than one (ZeroBounce's scoring uploads); default `"status"`.
   */
  name?: string;
}

/** `source` with every status it returns redacted: what every helper, and `uploadStatuses`, reads. */
export function redactSource(client: ApiClient<{}>, source: StatusSource): StatusSource {
  const { one, many } = source;
  return {
    ...source,
    one: (id, signal) => one(id, signal).then((status) => redactStatus(client, status)),
    ...(many && {
      many: async (ids, signal) => {
        const found = await many(ids, signal);
        return new Map([...found].map(([id, status]) => [id, redactStatus(client, status)]));
      },
    }),
  };
}

export function uploadHelpers(client: ApiClient<{}>, source: StatusSource): UploadHelpers {
  const check = (id: unknown): string => {
    requireId(client.provider, id);
    source.checkId?.(id as string);
    return id as string;
  };
  const redacted = redactSource(client, source);
  const link = storeLinks.get(client);
  // With a store, each wait or watch shares its looks with other processes (shared-poll.ts).
  const polled = (): StatusSource => (link ? link.share(redacted) : redacted);
  const context = { provider: client.provider, clock: client.clock, rateLimit: client.rateLimit };
  const one = { ...context, cost: source.cost };
  // All async, so a bad id rejects like every other failure instead of throwing synchronously.
  return {
    uploadStatus: async (id, options = {}) => redacted.one(check(id), options.signal),
    waitForUpload: async (id, options = {}) => {
      const looks = polled();
      return waitForUpload(one, check(id), (signal) => looks.one(id, signal), options);
    },
    watchUploads: async (ids, options = {}) => {
      const unique = requireIds(client.provider, ids).map(check);
      const outcomes = await watchUploads(context, unique, polled(), options);
      // One outcome per id given, in its place: a repeated id shares its watcher's outcome.
      const byId = new Map(outcomes.map((outcome) => [outcome.id, outcome]));
      return ids.map((id) => byId.get(id)!);
    },
  };
}
