/**
 * Beyond one process: worker processes on one ZeroBounce key sharing their limit and their polling
 * through `@filestatus/redis`, against the sandbox enforcing ZeroBounce's limit (lib/store-team.ts),
 * with the same team without the store as the control; and what the store costs per request
 * (lib/store-cost.ts). Runs a `redis-server` of its own, or is skipped where there is none.
 */
import { BINARY, HAS_REDIS, INSTALL, startRedis } from "@filestatus/testkit/redis-server";
import { runCost, type CostRun } from "./lib/store-cost.ts";
import {
  CONTROL_MS,
  DEADLINE_MS,
  FACTOR,
  RUN_MS,
  SHARED_TIMELINE,
  SHARED_UPLOADS,
  seededUploads,
  split,
  TEAM_TIMELINE,
  WATCHERS_EACH,
  WORKERS,
} from "./lib/store-plan.ts";
import { runTeam, type TeamRun } from "./lib/store-team.ts";

export { reportStore } from "./lib/store-section.ts";

export interface StoreRuns {
  cost: CostRun;
  /** 2,000 watchers: in one process (the minimum), in 8 with the store, in 8 without (control). */
  single: TeamRun;
  shared: TeamRun;
  control: TeamRun;
  /** The same 100 uploads: watched by one process, and by each of 8 with the store. */
  alone: TeamRun;
  together: TeamRun;
}

export type StoreResult = { skipped: string } | StoreRuns;

export async function runStore(): Promise<StoreResult> {
  if (!HAS_REDIS) {
    const skipped = `skipped: no ${BINARY} on PATH (install: ${INSTALL})`;
    console.warn(`[bench] store: ${skipped}`);
    return { skipped };
  }
  const redis = await startRedis();
  try {
    const cost = await runCost(redis.url);
    const watched = seededUploads(WORKERS * WATCHERS_EACH, "team", TEAM_TIMELINE);
    const ids = watched.map((u) => u.id);
    const team = (prefix: string | undefined, timeoutMs = RUN_MS) =>
      split(ids, WORKERS).map((part) => ({
        ids: part,
        timeoutMs,
        ...(prefix && { redis: { url: redis.url, prefix } }),
      }));
    const base = { factor: FACTOR, uploads: watched, deadlineMs: DEADLINE_MS };
    const single = await runTeam({ ...base, jobs: [{ ids, timeoutMs: RUN_MS }] });
    const shared = await runTeam({ ...base, jobs: team("bench-shared:") });
    const control = await runTeam({ ...base, jobs: team(undefined, CONTROL_MS) });

    const same = seededUploads(SHARED_UPLOADS, "same", SHARED_TIMELINE);
    const sameIds = same.map((u) => u.id);
    const sameBase = { ...base, uploads: same };
    const alone = await runTeam({ ...sameBase, jobs: [{ ids: sameIds, timeoutMs: RUN_MS }] });
    const redisSame = { url: redis.url, prefix: "bench-same:" };
    const everyone = { ids: sameIds, timeoutMs: RUN_MS, redis: redisSame };
    const together = await runTeam({ ...sameBase, jobs: Array(WORKERS).fill(everyone) });
    return { cost, single, shared, control, alone, together };
  } finally {
    await redis.stop();
  }
}
