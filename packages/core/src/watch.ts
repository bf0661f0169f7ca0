/**
 * Watching many uploads at once on one client. Every watcher shares the client's rate limit, and
 * where the API allows it one request answers for all of them (Constant Contact takes many ids;
 * the list providers answer for every upload on a page), so a tick costs one round of requests,
 * not one request per upload.
 */
import type { StatusSource } from "./helpers.ts";
import {
  isTransient,
  settle,
  startPoll,
  startRetries,
  waitForUpload,
  type Poll,
  type WatchOutcome,
} from "./poll.ts";
import { follow, startDeadline } from "./signal.ts";
import {
  checkWaitOptions,
  type PollContext,
  type UploadStatus,
  type WaitOptions,
} from "./upload-status.ts";

export type { WatchOutcome } from "./poll.ts";

export interface WatchOptions extends WaitOptions {
  /** Reject with the first failure (and stop the others) instead of reporting each upload. */
  failFast?: boolean;
}

/**
 * Statuses of as many of `ids` as one round of requests finds, keyed by the id asked for; ids not
 * found are left out.
 */
export type FetchMany = (
  ids: readonly string[],
  signal: AbortSignal | undefined,
) => Promise<Map<string, UploadStatus>>;

/** What a watch works from; `stop` aborts every look of it. */
interface Watch {
  context: PollContext;
  source: StatusSource;
  options: WatchOptions;
  stop: AbortController;
}

/** One `waitForUpload` per id, all at once: for providers that answer one id per request. */
async function watchEach(watch: Watch, ids: readonly string[]): Promise<WatchOutcome[]> {
  const { context, source, options, stop } = watch;
  const each = { ...context, cost: source.cost };
  return Promise.all(
    ids.map(async (id): Promise<WatchOutcome> => {
      try {
        const status = await waitForUpload(each, id, (s) => source.one(id, s), options);
        return { id, status };
      } catch (error) {
        if (stop.signal.aborted) throw stop.signal.reason;
        if (!options.failFast) return { id, error };
        stop.abort(error);
        throw error;
      }
    }),
  );
}

/**
 * One round: `many` for every id, then each id it left out looked up on its own, unless `many`
 * searches wherever `one` does (`notFound`). A transient failure fails the whole round.
 */
async function lookAll(
  source: StatusSource,
  ids: readonly string[],
  signal: AbortSignal,
): Promise<WatchOutcome[]> {
  const found = await source.many!(ids, signal);
  const missing = ids.filter((id) => !found.has(id));
  const looked = source.notFound
    ? missing.map((id) => ({ error: source.notFound!(id) }))
    : await Promise.all(missing.map((id) => settle(source.one(id, signal))));
  signal.throwIfAborted();
  const outcomes: WatchOutcome[] = ids
    .filter((id) => found.has(id))
    .map((id) => ({ id, status: found.get(id) }));
  looked.forEach((look, i) => {
    if ("value" in look) outcomes.push({ id: missing[i]!, status: look.value });
    else if (isTransient(look.error)) throw look.error;
    else outcomes.push({ id: missing[i]!, error: look.error });
  });
  return outcomes;
}

/** The uploads of a batched watch: those still polled, and how the others ended. */
function startBatch(context: PollContext, ids: readonly string[], options: WatchOptions) {
  const polls = new Map<string, Poll>(ids.map((id) => [id, startPoll(context, id, options)]));
  const outcomes = new Map<string, WatchOutcome>();
  const end = (outcome: WatchOutcome) => {
    if (options.failFast && outcome.error !== undefined) throw outcome.error;
    outcomes.set(outcome.id, outcome);
    polls.delete(outcome.id);
  };
  return {
    watched: () => [...polls.keys()],
    /** Takes a round's answers: statuses to observe, and errors that end their upload. */
    async take(round: readonly WatchOutcome[]) {
      for (const found of round) {
        const outcome = found.status ? await polls.get(found.id)!.observe(found.status) : found;
        if (outcome) end(outcome);
      }
    },
    /** Ends every upload still watched, with the error `errorOf` gives for its poll. */
    endAll(errorOf: (poll: Poll) => unknown) {
      for (const [id, poll] of polls) end({ id, error: errorOf(poll) });
    },
    nextDelayMs: () => Math.min(...[...polls.values()].map((poll) => poll.nextDelayMs())),
    outcomes: () => ids.map((id) => outcomes.get(id)!),
  };
}

/** One round of batched requests per tick, paced by whichever upload needs a look soonest. */
async function watchBatched(watch: Watch, ids: readonly string[]): Promise<WatchOutcome[]> {
  const { context, source, options, stop } = watch;
  const round = { ...context, cost: source.roundCost ?? source.cost };
  const batch = startBatch(round, ids, options);
  const retries = startRetries(round, options);
  const deadline = startDeadline(context.clock, options.timeoutMs, stop.signal);
  try {
    for (let watched = ids; watched.length > 0; watched = batch.watched()) {
      const look = await settle(lookAll(source, watched, deadline.signal));
      let delayMs: number;
      if ("error" in look) {
        deadline.signal.throwIfAborted();
        const next = retries.failed(look.error, deadline.leftMs());
        if ("retryInMs" in next) delayMs = next.retryInMs;
        else {
          batch.endAll((poll) =>
            "error" in next ? next.error : poll.timedOut(look.error, next.askedMs),
          );
          break;
        }
      } else {
        retries.succeeded();
        await batch.take(look.value);
        if (batch.watched().length === 0) break;
        delayMs = batch.nextDelayMs();
      }
      await context.clock.sleep(delayMs, deadline.signal);
    }
  } catch (error) {
    if (!deadline.expired()) throw error;
    batch.endAll((poll) => poll.timedOut(retries.lastError()));
  } finally {
    deadline.end();
  }
  return batch.outcomes();
}

/**
 * Watches every upload in `ids` (unique, checked) until each is complete, failed, deleted or out of
 * time, and resolves with one outcome per id, in order. A transient failure is ridden out as
 * `waitForUpload` does; a permanent one ends the uploads it concerns, with that error as their
 * outcome. Rejects only when `signal` aborts, with `failFast`, or when `onProgress` throws.
 */
export async function watchUploads(
  context: PollContext,
  ids: readonly string[],
  source: StatusSource,
  options: WatchOptions = {},
): Promise<WatchOutcome[]> {
  checkWaitOptions(context.provider, options);
  const stop = new AbortController();
  const unlink = follow(options.signal, stop);
  let broken: { error: unknown } | undefined;
  const report = options.onProgress;
  const onProgress = async (status: UploadStatus) => {
    try {
      await report?.(status);
    } catch (error) {
      broken ??= { error };
      stop.abort(error); // the caller's callback is broken: every watcher stops
      throw error;
    }
  };
  const watch = { context, source, options: { ...options, signal: stop.signal, onProgress }, stop };
  try {
    return source.many ? await watchBatched(watch, ids) : await watchEach(watch, ids);
  } catch (error) {
    throw broken ? broken.error : error;
  } finally {
    unlink();
  }
}
