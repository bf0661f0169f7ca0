/**
 * Watching many uploads at once on one client. Every watcher shares the client's rate limit, and
 * where the API allows it one request answers for all of them (Constant Contact takes many ids;
 * the list providers answer for every upload on a page), so a tick costs one round of requests,
 * not one request per upload.
 */
import { ApiError } from "./errors.ts";
import { follow } from "./signal.ts";
import {
  startPoll,
  waitForUpload,
  type Poll,
  type PollContext,
  type UploadStatus,
  type WaitOptions,
} from "./upload-status.ts";

export interface WatchOptions extends WaitOptions {
  /** Reject with the first failure (and stop the others) instead of reporting each upload. */
  failFast?: boolean;
}

/** How one watched upload ended: `status` when it completed, `error` otherwise. */
export interface WatchOutcome {
  id: string;
  status?: UploadStatus;
  error?: unknown;
}

/** Statuses of as many of `ids` as one round of requests finds; ids not found are left out. */
export type FetchMany = (
  ids: readonly string[],
  signal: AbortSignal | undefined,
) => Promise<Map<string, UploadStatus>>;

/** A `FetchMany` over a newest-first list: walks it until every id is found, at most `limit` uploads. */
export async function findInList(
  list: AsyncIterable<UploadStatus>,
  ids: readonly string[],
  limit: number,
): Promise<Map<string, UploadStatus>> {
  const wanted = new Set(ids);
  const found = new Map<string, UploadStatus>();
  let seen = 0;
  for await (const status of list) {
    if (wanted.has(status.id)) found.set(status.id, status);
    if (found.size === wanted.size || ++seen >= limit) break;
  }
  return found;
}

/** One `waitForUpload` per id, all at once: for providers that answer one id per request. */
async function watchEach(
  context: PollContext,
  ids: readonly string[],
  fetchOne: (id: string, signal: AbortSignal | undefined) => Promise<UploadStatus>,
  options: WatchOptions,
): Promise<WatchOutcome[]> {
  const stop = new AbortController();
  follow(options.signal, stop);
  const wait = { ...options, signal: stop.signal };
  return Promise.all(
    ids.map(async (id): Promise<WatchOutcome> => {
      try {
        return {
          id,
          status: await waitForUpload(context, id, (signal) => fetchOne(id, signal), wait),
        };
      } catch (error) {
        if (options.failFast && !stop.signal.aborted) stop.abort(error);
        if (options.failFast || options.signal?.aborted) throw error;
        return { id, error };
      }
    }),
  );
}

/** One round of batched requests per tick, paced by whichever upload needs a look soonest. */
async function watchBatched(
  context: PollContext,
  ids: readonly string[],
  fetchMany: FetchMany,
  options: WatchOptions,
): Promise<WatchOutcome[]> {
  const { clock, provider } = context;
  const deadline = options.timeoutMs === undefined ? Infinity : clock.now() + options.timeoutMs;
  const outcomes = new Map<string, WatchOutcome>();
  const polls = new Map<string, Poll>(ids.map((id) => [id, startPoll(context, id, options)]));
  const end = (id: string, outcome: WatchOutcome) => {
    if (options.failFast && outcome.error !== undefined) throw outcome.error;
    outcomes.set(id, outcome);
    polls.delete(id);
  };
  while (polls.size > 0) {
    options.signal?.throwIfAborted();
    const found = await fetchMany([...polls.keys()], options.signal);
    for (const [id, poll] of [...polls]) {
      const status = found.get(id);
      if (!status) {
        const providerMessage = `upload ${id} was not found`;
        end(id, {
          id,
          error: new ApiError({ provider, method: "GET", url: "", status: 404, providerMessage }),
        });
        continue;
      }
      let complete: boolean;
      try {
        complete = poll.observe(status);
      } catch (error) {
        end(id, { id, error }); // failed or deleted
        continue;
      }
      if (complete) end(id, { id, status });
    }
    if (polls.size === 0) break;
    const left = deadline - clock.now();
    if (left <= 0) {
      for (const [id, poll] of [...polls]) end(id, { id, error: poll.timedOut() });
      break;
    }
    const delays = [...polls.values()].map((poll) => poll.nextDelayMs());
    await clock.sleep(Math.min(left, ...delays), options.signal);
  }
  return ids.map((id) => outcomes.get(id)!);
}

/**
 * Watches every upload in `ids` until each is complete, failed, deleted or out of time. Resolves
 * with one outcome per id (in order) unless `failFast` is set; an abort rejects at once.
 */
export async function watchUploads(
  context: PollContext,
  ids: readonly string[],
  fetchOne: (id: string, signal: AbortSignal | undefined) => Promise<UploadStatus>,
  fetchMany: FetchMany | undefined,
  options: WatchOptions = {},
): Promise<WatchOutcome[]> {
  const unique = [...new Set(ids)];
  const outcomes = fetchMany
    ? await watchBatched(context, unique, fetchMany, options)
    : await watchEach(context, unique, fetchOne, options);
  const byId = new Map(outcomes.map((o) => [o.id, o]));
  return ids.map((id) => byId.get(id)!);
}
