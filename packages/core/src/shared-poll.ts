/**
 * Shared polling: watchers of one upload in different processes share one request per tick. A
 * watcher about to look first reads the status some process stored; an answer fetched since its
 * own previous look is as good as one it would fetch, so it takes that. Otherwise it takes the
 * upload's poll lock (a short one, {@link POLL_LOCK_MS}) and fetches, storing the answer for the
 * others; a watcher that finds the lock taken waits for the answer of whoever holds it.
 *
 * Only statuses are stored (this client's redacted ones), never errors: a look that fails lets go
 * of its lock, and each watcher meets the failure and rides it out on its own schedule. Whenever
 * the store fails, a look asks the provider directly (store-health.ts).
 */
import type { Clock } from "./clock.ts";
import { SCHEDULE_DEFAULTS } from "./schedule.ts";
import type { StoreHealth } from "./store-health.ts";
import type { Store } from "./store.ts";
import { keyPart, parse, StoreDown, stored } from "./stored-status.ts";
import { TERMINAL_STATES, type UploadStatus } from "./upload-status.ts";

/** What shared looks need of a client created with a `store`. */
export interface PollLink {
  store: Store;
  /** `<provider>:<credential hash>`, the start of every key. */
  scope: Promise<string>;
  health: StoreHealth;
  clock: Clock;
}

/**
 * The poll lock's life, renewed every third of it while its holder's look is under way (which may
 * be queued for a place in the rate limit for a while): a dead holder is soon replaced.
 */
export const POLL_LOCK_MS = 10_000;
/**
 * The longest a watcher waits on another's look before asking itself: as long as a look may queue
 * for a place in a full window (a minute at ZeroBounce's 250) and then take.
 */
export const POLL_WAIT_LIMIT_MS = 120_000;
/** The longest upload id whose looks are shared. */
export const MAX_SHARED_ID = 200;
/**
 * How soon a watcher waiting on another's look reads the store again; each wait doubles, up to
 * 2 s, so thousands of watchers behind looks queued for a full window cost Redis little.
 */
export const POLL_WAIT_MS = 250;
const POLL_WAIT_MAX_MS = 2_000;
/** A stored status outlives the longest delay between two looks (the scheduler's 30 s). */
export const STATUS_TTL_MS = 60_000;

/** Statuses of as many of `ids` as one look finds. */
export type Look = (ids: readonly string[]) => Promise<Map<string, UploadStatus>>;

/**
 * A looker for one watch: it remembers, per id, when this watcher last looked and the age of the
 * answer it used, so a stored answer counts only when it is newer than both.
 */
export function sharedLooks(
  link: PollLink,
  name: string,
): (
  ids: readonly string[],
  look: Look,
  signal?: AbortSignal,
) => Promise<Map<string, UploadStatus>> {
  const { store, health, clock } = link;
  const seen = new Map<string, { lookedAt: number; usedAt: number }>();
  // Ids are not secrets: they name their keys as they are, percent-encoded (one longer than
  // MAX_SHARED_ID is polled without sharing rather than written into a huge key).
  const keysOf = async (id: string) => {
    if (id.length > MAX_SHARED_ID) throw new StoreDown("id too long to share");
    const scope = await link.scope;
    const key = `${keyPart(name)}:${keyPart(id)}`;
    return { status: `${scope}:status:${key}`, lock: `${scope}:poll:${key}` };
  };

  return async (ids, look, signal) => {
    const started = clock.now();
    const answers = new Map<string, UploadStatus>();
    const use = (id: string, status: UploadStatus, at: number) => {
      answers.set(id, status);
      seen.set(id, { lookedAt: started, usedAt: at });
    };
    const fresh = (id: string, entry: { at: number; status: UploadStatus } | undefined) => {
      if (!entry) return false;
      if (TERMINAL_STATES.has(entry.status.state)) return true; // it never changes again
      const before = seen.get(id);
      if (!before) return entry.at >= started - SCHEDULE_DEFAULTS.firstMs;
      return entry.at > before.usedAt && entry.at >= before.lookedAt;
    };
    /** Takes the fresh stored answers among `wanted`; returns the ids still without one. */
    const readFresh = async (wanted: readonly string[]) => {
      const texts = await stored(
        Promise.all(wanted.map(async (id) => store.get((await keysOf(id)).status))),
      );
      return wanted.filter((id, i) => {
        const entry = parse(texts[i], id);
        if (!fresh(id, entry)) return true;
        use(id, entry!.status, entry!.at);
        return false;
      });
    };
    /** Fetches `mine`, shares what it found, and lets go of every lock in `tokens`. */
    const fetchShared = async (mine: readonly string[], tokens: Map<string, string>) => {
      const unlock = () =>
        Promise.all(
          [...tokens].map(async ([id, token]) => store.unlock((await keysOf(id)).lock, token)),
        );
      let found = new Map<string, UploadStatus>();
      try {
        if (mine.length > 0) found = await holding(tokens, () => look(mine));
      } catch (error) {
        await unlock().catch(() => undefined); // the failure is the caller's; the next looker may try
        throw error;
      }
      const at = clock.now();
      await stored(
        Promise.all(
          [...found]
            .filter(([id]) => mine.includes(id))
            .map(async ([id, status]) => {
              use(id, status, at);
              await store.set(
                (await keysOf(id)).status,
                JSON.stringify({ at, status }),
                STATUS_TTL_MS,
              );
            }),
        ).then(unlock),
      );
    };

    /**
     * `work` (a look), with the locks in `tokens` kept while it is under way: a holder queued for a place keeps its
     * turn, instead of letting another process take the lock and queue a second request. A lock is
     * the token stored under its key, so `set` renews it. A failed renewal is left to expire.
     */
    const holding = async <T>(tokens: Map<string, string>, work: () => Promise<T>) => {
      const stop = new AbortController();
      const renewing = (async () => {
        for (;;) {
          await clock.sleep(POLL_LOCK_MS / 3, stop.signal);
          const renewals = [...tokens].map(async ([id, token]) =>
            store.set((await keysOf(id)).lock, token, POLL_LOCK_MS),
          );
          await Promise.all(renewals);
        }
      })().catch(() => undefined); // stopped (the look ended), or the store failed
      try {
        return await work();
      } finally {
        stop.abort();
        await renewing; // a renewal still on its way must not land after the unlock
      }
    };

    let pending: readonly string[] = ids;
    let waits = 0;
    try {
      if (!health.usable()) throw new StoreDown("store down");
      while ((pending = await readFresh(pending)).length > 0) {
        health.succeeded();
        const tokens = new Map<string, string>();
        await stored(
          Promise.all(
            pending.map(async (id) => {
              const token = await store.lock((await keysOf(id)).lock, POLL_LOCK_MS);
              if (token !== undefined) tokens.set(id, token);
            }),
          ),
        );
        if (tokens.size > 0) {
          // Someone may have answered between the read and the lock: read once more.
          const mine = await readFresh([...tokens.keys()]);
          await fetchShared(mine, tokens);
          pending = pending.filter((id) => !tokens.has(id));
          if (pending.length === 0) break;
        }
        if (clock.now() - started > POLL_WAIT_LIMIT_MS) throw new StoreDown("lock never let go");
        await clock.sleep(Math.min(POLL_WAIT_MS * 2 ** waits++, POLL_WAIT_MAX_MS), signal);
      }
      health.succeeded();
    } catch (error) {
      if (!(error instanceof StoreDown)) throw error;
      if (error.cause !== undefined) health.failed(error.cause);
      const missing = pending.filter((id) => !answers.has(id));
      if (missing.length > 0)
        for (const [id, status] of await look(missing)) use(id, status, clock.now());
    }
    return answers;
  };
}
