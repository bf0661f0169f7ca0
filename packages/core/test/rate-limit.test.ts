import { busiestWindow, virtualClock } from "@filestatus/testkit";
import { describe, expect, it } from "vitest";
import { createApiClient, createRateLimiter, type RateLimit } from "../src/index.ts";

describe("createRateLimiter", () => {
  it.each<[string, RateLimit]>([
    ["ZeroBounce", { requests: 250, perMs: 60_000 }],
    ["Constant Contact", { requests: 4, perMs: 1_000 }],
    ["HighLevel", { requests: 100, perMs: 10_000 }],
  ])(
    "1,000 concurrent calls never exceed the %s budget in any window",
    async (_, limit) => {
      const clock = virtualClock();
      const sent: number[] = [];
      const client = createApiClient<{}>(
        { provider: "demo", defaultBaseUrl: "https://api.test", credentials: [], rateLimit: limit },
        { clock, fetch: async () => (sent.push(clock.now()), Response.json({})) },
      );
      const calls = Array.from({ length: 1000 }, () => client.request("get", "/status" as never));
      await clock.run(Promise.all(calls));
      expect(sent).toHaveLength(1000);
      expect(busiestWindow(sent, limit.perMs)).toBe(limit.requests);
      // and it does not wait longer than it must: the last call goes out in the window it must
      expect(sent.at(-1)).toBe(Math.floor(999 / limit.requests) * limit.perMs);
    },
    30_000,
  ); // 1,000 calls through the whole transport: seconds on a loaded machine

  it("lets a waiting caller abort without losing anyone's place", async () => {
    const clock = virtualClock();
    const limiter = createRateLimiter({ requests: 1, perMs: 1_000 }, clock);
    const release = await limiter.acquire();
    const controller = new AbortController();
    const aborted = limiter.acquire(controller.signal);
    const next = limiter.acquire().then(() => clock.now());
    controller.abort(new Error("stop"));
    await expect(aborted).rejects.toThrow("stop");
    release();
    expect(await clock.run(next)).toBe(1_000);
  });

  it("counts a window from when a request finished, not from when it was sent", async () => {
    // The server counts arrivals; a slow first request must not let the next one arrive in its window.
    const clock = virtualClock();
    const limiter = createRateLimiter({ requests: 1, perMs: 1_000 }, clock);
    const release = await limiter.acquire(); // sent at 0
    const next = limiter.acquire().then(() => clock.now());
    await clock.run(clock.sleep(300)); // the response takes 300 ms
    release();
    expect(await clock.run(next)).toBe(1_300);
  });

  it("grants nothing while paused", async () => {
    const clock = virtualClock();
    const limiter = createRateLimiter({ requests: 10, perMs: 1_000 }, clock);
    limiter.pause(5_000);
    expect(await clock.run(limiter.acquire().then(() => clock.now()))).toBe(5_000);
  });

  it("rejects a limit that could never grant", () => {
    expect(() => createRateLimiter({ requests: 0, perMs: 1_000 }, virtualClock())).toThrow(
      RangeError,
    );
  });
});
