/**
 * Separate processes on one key, as a team of workers runs: their requests counted where the
 * provider would count them, at a sandbox enforcing the provider's limit (time-scaled, so that
 * ZeroBounce's minute passes in six seconds). The same team without the store is the control.
 */
import { createSandbox, DEMO_UPLOAD_IDS } from "@filestatus/sandbox";
import { RATE_LIMIT as CC_LIMIT } from "@filestatus/constantcontact";
import { RATE_LIMIT as ZB_LIMIT } from "@filestatus/zerobounce";
import { busiestWindow } from "@filestatus/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  HAS_REDIS,
  needsRedis,
  startRedis,
  type RedisServer,
} from "@filestatus/testkit/redis-server";
import { team } from "./workers.ts";

let server: RedisServer;
beforeAll(async () => {
  if (HAS_REDIS) server = await startRedis();
});
afterAll(() => server?.stop());

const sum = (reports: Record<string, unknown>[], key: string) =>
  reports.reduce((n, r) => n + Number(r[key] ?? 0), 0);

const TEAMS = [
  {
    provider: "zerobounce",
    credentials: { apiKey: "zb-team-key-41c9e07d" },
    limit: ZB_LIMIT,
    over: "429", // and the key is blocked for an hour
    // A minute in 6 s: the control's 300 requests arrive within one window even on a loaded machine.
    scale: 10,
    each: 150, // 300 between two workers: more than a window holds
  },
  {
    provider: "constantcontact",
    credentials: { apiKey: "cc-team-key-8d2b61fa", accessToken: "cc-team-token-0e57" },
    limit: CC_LIMIT,
    over: "403",
    scale: 1,
    each: 8,
  },
] as const;

describe.skipIf(!HAS_REDIS)(needsRedis("workers in separate processes sharing Redis"), () => {
  it.each(TEAMS)(
    "$provider: two workers on one key stay within its limit together (and exceed it without the store)",
    async (t) => {
      const id = DEMO_UPLOAD_IDS[t.provider];
      for (const shared of [true, false]) {
        const prefix = `team-${t.provider}-${shared}:`;
        const sandbox = await team(t.scale);
        try {
          const job = {
            ...t,
            id,
            mode: "calls",
            count: t.each,
            prefix,
            ...(shared && { redis: server.url }),
          };
          const reports = await sandbox.run([job, job]);
          if (shared) {
            expect(sum(reports, "ok")).toBe(2 * t.each);
            expect(sum(reports, t.over)).toBe(0);
            const times = sandbox.answered.map((a) => a.at);
            expect(busiestWindow(times, t.limit.perMs)).toBeLessThanOrEqual(t.limit.requests);
          } else {
            expect(sum(reports, t.over)).toBeGreaterThan(0);
          }
        } finally {
          await sandbox.close();
        }
      }
    },
    60_000,
  );

  it("four workers waiting for one upload make about one request per tick between them", async () => {
    const counts: Record<string, number> = {};
    for (const shared of [true, false]) {
      const sandbox = await team(8);
      try {
        const upload = createSandbox()
          .uploads("zerobounce")
          .find((u) => u.name.startsWith("webinar-attendees"))!; // complete 21 s after the start
        const job = {
          ...TEAMS[0],
          id: upload.id,
          mode: "wait",
          intervalMs: 1_000,
          prefix: "poll:",
          ...(shared && { redis: server.url }),
        };
        const reports = await sandbox.run([job, job, job, job]);
        expect(reports.map((r) => r.state)).toEqual(Array(4).fill("complete"));
        const looks = sandbox.answered.filter((a) => a.path.includes(upload.id));
        const span = looks.at(-1)!.at - looks[0]!.at;
        const ticks = Math.floor(span / job.intervalMs) + 1;
        counts[String(shared)] = looks.length;
        if (shared) expect(looks.length).toBeLessThanOrEqual(ticks + 2);
      } finally {
        await sandbox.close();
      }
    }
    // Without the store each worker polls for itself: several times the requests (a loaded
    // machine stretches every worker's ticks, so the control is held to a ratio, not to ticks).
    expect(counts.false).toBeGreaterThan(2 * counts.true!);
  }, 60_000);
});
