import { virtualClock } from "@filestatus/testkit";
import { describe, expect, it } from "vitest";
import {
  createApiClient,
  estimateRemainingMs,
  nextPollDelay,
  uploadHelpers,
  type Observation,
  type UploadState,
} from "../src/index.ts";

const steady = { jitter: 0 };
const obs = (at: number, state: UploadState, progress?: number): Observation => ({
  at,
  state,
  progress,
});

/** Polls an upload whose progress at time t is `progressAt(t)` until it completes at `endMs`. */
function simulate(endMs: number, progressAt: (t: number) => number | undefined, floorMs = 0) {
  const history: Observation[] = [];
  for (let t = 0; ; t += nextPollDelay(history, { floorMs })) {
    const done = t >= endMs;
    history.push(obs(t, done ? "complete" : "processing", done ? 100 : progressAt(t)));
    if (done) return { requests: history.length, lateMs: t - endMs, history };
  }
}

describe("nextPollDelay", () => {
  it("polls at once when nothing is known yet", () => {
    expect(nextPollDelay([])).toBe(0);
  });

  it("backs off 2 s → 30 s while no progress is reported", () => {
    const history: Observation[] = [];
    const delays: number[] = [];
    for (let t = 0, i = 0; i < 10; i++) {
      history.push(obs(t, "queued"));
      const d = nextPollDelay(history, steady);
      delays.push(d);
      t += d;
    }
    expect(delays).toEqual([
      2_000, 3_000, 4_500, 6_750, 10_125, 15_188, 22_782, 30_000, 30_000, 30_000,
    ]);
  });

  it("waits half the estimated time left while progress rises, capped at 30 s", () => {
    // 10 % at 0 s, 20 % at 10 s: 80 % left at 1 %/s → 80 s → look again in 30 s (cap)
    expect(nextPollDelay([obs(0, "processing", 10), obs(10_000, "processing", 20)], steady)).toBe(
      30_000,
    );
    // 80 % at 70 s: 20 s left → half of it
    expect(nextPollDelay([obs(0, "processing", 10), obs(70_000, "processing", 80)], steady)).toBe(
      10_000,
    );
  });

  it("close to the end, looks once just after the estimated end instead of halving towards it", () => {
    // 96 % at 86 s at 1 %/s: 4 s left; half (2 s) is under 5 s → 4 s + 0.4 s margin
    expect(nextPollDelay([obs(0, "processing", 10), obs(86_000, "processing", 96)], steady)).toBe(
      4_400,
    );
  });

  it("treats progress that stopped moving like no progress: back off", () => {
    const stalled = [
      obs(0, "processing", 10),
      obs(10_000, "processing", 50),
      obs(14_000, "processing", 50),
    ];
    expect(nextPollDelay(stalled, steady)).toBe(6_000); // 4 s × 1.5
    expect(estimateRemainingMs(stalled)).toBe(17_500); // 40 % in 14 s: the rate so far is still known
  });

  it("uses only processing time for the rate: the queue does not slow the estimate", () => {
    const history = [
      obs(0, "queued", 0),
      obs(60_000, "processing", 10),
      obs(70_000, "processing", 20),
    ];
    expect(estimateRemainingMs(history)).toBe(80_000);
  });

  it("never goes below the rate-limit floor", () => {
    expect(nextPollDelay([obs(0, "queued")], { ...steady, firstMs: 10, floorMs: 250 })).toBe(250);
  });

  it("jitters within ± 5 %, and never earlier than the estimated end", () => {
    const rising = [obs(0, "processing", 10), obs(10_000, "processing", 20)];
    expect(nextPollDelay(rising, {}, () => 0)).toBe(30_000); // capped
    const slow = [obs(0, "processing", 10), obs(70_000, "processing", 80)];
    expect(nextPollDelay(slow, {}, () => 0)).toBe(9_500);
    expect(nextPollDelay(slow, {}, () => 1)).toBe(10_500);
    const ending = [obs(0, "processing", 10), obs(86_000, "processing", 96)];
    expect(nextPollDelay(ending, {}, () => 0)).toBeGreaterThanOrEqual(4_400);
  });
});

describe("the scheduler on simulated uploads", () => {
  it("notices a 10-minute linear upload ≤ 30 s late with ≤ 25 requests", () => {
    const { requests, lateMs } = simulate(600_000, (t) => (100 * t) / 600_000);
    expect(requests).toBeLessThanOrEqual(25);
    expect(lateMs).toBeLessThanOrEqual(30_000);
  });

  it("handles stepwise progress (jumps every quarter) without a burst of requests", () => {
    const { requests, lateMs } = simulate(600_000, (t) => 25 * Math.floor((4 * t) / 600_000));
    expect(requests).toBeLessThanOrEqual(30);
    expect(lateMs).toBeLessThanOrEqual(30_000);
  });

  it("without progress polls at most every 30 s once backed off", () => {
    const { history, lateMs } = simulate(3_600_000, () => undefined);
    const gaps = history.slice(1).map((o, i) => o.at - history[i]!.at);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(31_500);
    expect(lateMs).toBeLessThanOrEqual(31_500);
  });
});

describe("waitForUpload with the scheduler", () => {
  it("waits as long as a Retry-After asks, even when the scheduler would look sooner", async () => {
    const clock = virtualClock();
    const sent: number[] = [];
    const client = createApiClient<{}>(
      { provider: "demo", defaultBaseUrl: "https://api.test", credentials: [] },
      {
        clock,
        fetch: async () => {
          sent.push(clock.now());
          if (sent.length === 2)
            return new Response(null, { status: 429, headers: { "Retry-After": "20" } });
          return Response.json({ state: sent.length >= 4 ? "complete" : "processing" });
        },
      },
    );
    const helpers = uploadHelpers(client, {
      one: async (_, signal) => {
        const { data } = await client.request("get", "/s" as never, { signal } as never);
        const state = (data as unknown as { state: UploadState }).state;
        return { provider: "demo", id: "u1", state, raw: data };
      },
    });
    await clock.run(helpers.waitForUpload("u1"));
    expect(sent[2]! - sent[1]!).toBe(20_000); // the 429's Retry-After, not the 2 s backoff
  });
});
