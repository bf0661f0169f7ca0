/**
 * Watching many uploads at once on one client. Every watcher shares the client's rate limit, and
 * where the API allows it one request answers for all of them (Constant Contact takes many ids;
 * the list providers answer for every upload on a page), so a tick costs one round of requests,
 * not one request per upload.
 */
import { ApiError, TimeoutError, UploadFailedError } from "./errors.ts";
import { nextPollDelay, type Observation } from "./schedule.ts";
import {
  TERMINAL_STATES,
  waitForUpload,
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

function linked(signal: AbortSignal | undefined): AbortController {
  const controller = new AbortController();
  if (signal?.aborted) controller.abort(signal.reason);
  signal?.addEventListener("abort", () => controller.abort(signal.reason), { once: true });
  return controller;
}

/** One `waitForUpload` per id, all at once: for providers that answer one id per request. */
async function watchEach(
  context: PollContext,
  ids: readonly string[],
  fetchOne: (id: string, signal: AbortSignal | undefined) => Promise<UploadStatus>,
  options: WatchOptions,
): Promise<WatchOutcome[]> {
  const stop = linked(options.signal);
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
  const { clock, rateLimit, provider } = context;
  const floor = rateLimit ? rateLimit.perMs / rateLimit.requests : 0;
  const deadline = options.timeoutMs === undefined ? Infinity : clock.now() + options.timeoutMs;
  const outcomes = new Map<string, WatchOutcome>();
  const history = new Map<string, Observation[]>(ids.map((id) => [id, []]));
  const last = new Map<string, UploadStatus>();
  const end = (id: string, outcome: WatchOutcome) => {
    if (options.failFast && outcome.error !== undefined) throw outcome.error;
    outcomes.set(id, outcome);
    history.delete(id);
  };
  while (history.size > 0) {
    options.signal?.throwIfAborted();
    const found = await fetchMany([...history.keys()], options.signal);
    const at = clock.now();
    for (const id of [...history.keys()]) {
      const status = found.get(id);
      if (!status) {
        const message = `upload ${id} was not found`;
        end(id, {
          id,
          error: new ApiError({
            provider,
            method: "GET",
            url: "",
            status: 404,
            providerMessage: message,
          }),
        });
        continue;
      }
      const before = last.get(id);
      if (!before || before.state !== status.state || before.progress !== status.progress)
        options.onProgress?.(status);
      last.set(id, status);
      history.get(id)!.push({ at, state: status.state, progress: status.progress });
      if (status.state === "complete") end(id, { id, status });
      else if (TERMINAL_STATES.has(status.state))
        end(id, { id, error: new UploadFailedError({ provider, status }) });
    }
    if (history.size === 0) break;
    const left = deadline - clock.now();
    if (left <= 0) {
      for (const id of [...history.keys()]) {
        const message = `${provider}: upload ${id} not finished after ${options.timeoutMs} ms`;
        const error = new TimeoutError({
          provider,
          method: "GET",
          url: "",
          timeoutMs: options.timeoutMs!,
          message,
          lastStatus: last.get(id),
        });
        end(id, { id, error });
      }
      break;
    }
    const delays = [...history.values()].map((h) =>
      options.intervalMs === undefined
        ? nextPollDelay(h, { floorMs: floor })
        : Math.max(floor, options.intervalMs),
    );
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
