import { virtualClock, type VirtualClock } from "@filestatus/testkit";
import { describe, expect, it } from "vitest";
import {
  createMemoryStore,
  POLL_LOCK_MS,
  shareable,
  uploadHelpers,
  type Store,
  type UploadHelpers,
  type UploadStatus,
} from "../src/index.ts";
import { countedClient, flakyStore, lines, SECRET } from "./store-support.ts";

/** Queued for 5 s, processing (percent rising) for 5 s, then complete. */
function statusAt(id: string, now: number): UploadStatus {
  const state = now < 5_000 ? "queued" : now < 10_000 ? "processing" : "complete";
  const progress = state === "processing" ? Math.floor((now - 5_000) / 50) : undefined;
  return { provider: "demo", id, state, ...(progress !== undefined && { progress }), raw: { id } };
}

interface Watcher {
  helpers: UploadHelpers;
  /** Warms the client up (the key's hash runs on real time) before virtual time starts. */
  ready(): Promise<unknown>;
}

/** A client in its own "process": same key, same store, its own helpers; looks counted at `fetched`. */
function watcher(
  clock: VirtualClock,
  store: Store | undefined,
  fetched: string[],
  options: { name?: string; logger?: { debug(line: string): void } } = {},
): Watcher {
  const limit = { requests: 100, perMs: 1_000 };
  const client = countedClient(clock, { ...options, store, rateLimit: limit }, []);
  const helpers = uploadHelpers(client, {
    one: async (id) => (fetched.push(`${id}@${clock.now()}`), statusAt(id, clock.now())),
    many: async (ids) => {
      fetched.push(`${ids.join("+")}@${clock.now()}`);
      return new Map(ids.map((id) => [id, statusAt(id, clock.now())]));
    },
    ...(options.name !== undefined && { name: options.name }),
  });
  return { helpers, ready: () => client.request("get", "/warm-up" as never) };
}

async function watchers(count: number, store: Store | undefined, fetched: string[]) {
  const clock = virtualClock();
  const all = Array.from({ length: count }, () => watcher(clock, store, fetched));
  for (const w of all) await w.ready();
  return { clock, all };
}

describe("shared polling", () => {
  it("five processes waiting for one upload make one request per tick between them", async () => {
    for (const store of [createMemoryStore(), undefined]) {
      const fetched: string[] = [];
      const { clock, all } = await watchers(5, store, fetched);
      const waits = all.map((w) => w.helpers.waitForUpload("u1", { intervalMs: 1_000 }));
      const done = await clock.run(Promise.all(waits));
      expect(done.map((s) => s.state)).toEqual(Array(5).fill("complete"));
      // 10 s at one look a second: 11 looks for everyone, or 11 for each without a store
      if (store) expect(fetched.length).toBeLessThanOrEqual(12);
      else expect(fetched.length).toBeGreaterThanOrEqual(50);
    }
  });

  it("a look queued for a place keeps its lock: the others wait for its answer, not ask again", async () => {
    const clock = virtualClock();
    const store = createMemoryStore({ now: () => clock.now() });
    const fetched: string[] = [];
    const all = [0, 1, 2].map(() => {
      const client = countedClient(
        clock,
        { store, rateLimit: { requests: 100, perMs: 1_000 } },
        [],
      );
      const helpers = uploadHelpers(client, {
        // Each look waits 3 lock lives first, as one queued behind a full rate-limit window would.
        one: async (id) => {
          await clock.sleep(3 * POLL_LOCK_MS);
          fetched.push(`${id}@${clock.now()}`);
          return statusAt(id, clock.now() + 10_000); // complete
        },
      });
      return { helpers, ready: () => client.request("get", "/warm-up" as never) };
    });
    for (const w of all) await w.ready();
    const waits = all.map((w) => w.helpers.waitForUpload("slow", { intervalMs: 1_000 }));
    const done = await clock.run(Promise.all(waits));
    expect(done.map((s) => s.state)).toEqual(["complete", "complete", "complete"]);
    expect(fetched).toHaveLength(1); // one look for the three, however long it queued
  });

  it("shares the rounds of watchUploads too: one round per tick for three processes", async () => {
    const fetched: string[] = [];
    const { clock, all } = await watchers(3, createMemoryStore(), fetched);
    const ids = ["a", "b", "c"];
    const watches = all.map((w) => w.helpers.watchUploads(ids, { intervalMs: 1_000 }));
    const outcomes = await clock.run(Promise.all(watches));
    expect(outcomes.flat().map((o) => o.status?.state)).toEqual(Array(9).fill("complete"));
    expect(fetched.length).toBeLessThanOrEqual(12);
    expect(fetched.every((look) => look.startsWith("a+b+c@"))).toBe(true);
  });

  it("keeps the uploads of two sources (ZeroBounce's scoring) apart", async () => {
    const clock = virtualClock();
    const store = createMemoryStore();
    const fetched: string[] = [];
    const plain = watcher(clock, store, fetched);
    const scoring = watcher(clock, store, fetched, { name: "scoring" });
    await plain.ready();
    await scoring.ready();
    const waits = [plain, scoring].map((w) => w.helpers.waitForUpload("u1", { intervalMs: 5_000 }));
    await clock.run(Promise.all(waits));
    expect(fetched).toEqual(["u1@0", "u1@0", "u1@5000", "u1@5000", "u1@10000", "u1@10000"]);
  });

  it("ignores what a store holds that is not a status, and polls for itself", async () => {
    for (const junk of [
      "not json",
      "{}",
      '{"at":"1","status":{}}',
      '{"at":0,"status":{"id":"u1","state":"done"}}',
    ]) {
      const store: Store = shareable({ ...createMemoryStore(), get: async () => junk });
      const fetched: string[] = [];
      const { clock, all } = await watchers(1, store, fetched);
      const done = await clock.run(all[0]!.helpers.waitForUpload("u1", { intervalMs: 5_000 }));
      expect(done.state).toBe("complete");
      expect(fetched).toEqual(["u1@0", "u1@5000", "u1@10000"]);
    }
  });

  it("writes only keys named by the provider and a hash, each with an expiry", async () => {
    const clock = virtualClock();
    const ttls: number[] = [];
    const inner = createMemoryStore();
    const store = flakyStore(clock, {
      ...inner,
      set: (key, value, ttlMs) => (ttls.push(ttlMs), inner.set(key, value, ttlMs)),
      lock: (key, ttlMs) => (ttls.push(ttlMs), inner.lock(key, ttlMs)),
    });
    const w = watcher(clock, store, []);
    await w.ready();
    await clock.run(w.helpers.waitForUpload(`id-with-${SECRET}`, { intervalMs: 2_000 }));
    expect(store.keys.length).toBeGreaterThan(5);
    for (const key of store.keys)
      expect(key).toMatch(/^demo:[0-9a-f]{32}:(rate|status:status:|poll:status:)/);
    expect(ttls.every((ttl) => ttl > 0 && ttl <= 60_000)).toBe(true);
  });

  it("names keys of hostile ids harmlessly, and polls a huge id without sharing it", async () => {
    const clock = virtualClock();
    const store = flakyStore(clock);
    const w = watcher(clock, store, []);
    await w.ready();
    const escape = "\u001b]0;pwned\u0007/../x\r\n*?";
    const huge = "x".repeat(5_000);
    const done = await clock.run(
      Promise.all([escape, huge].map((id) => w.helpers.waitForUpload(id, { intervalMs: 5_000 }))),
    );
    expect(done.map((s) => s.state)).toEqual(["complete", "complete"]);
    const polled = store.keys.filter((key) => !key.endsWith(":rate"));
    expect(polled.length).toBeGreaterThan(0);
    for (const key of polled) {
      expect(key).not.toMatch(/[\u0000-\u001f*?]|\.\.\//);
      expect(key.length).toBeLessThan(300);
    }
  });

  it("goes on polling by itself while the store fails, and says so once", async () => {
    const clock = virtualClock();
    const store = flakyStore(clock);
    const { seen, logger } = lines();
    const fetched: string[] = [];
    const w = watcher(clock, store, fetched, { logger });
    await w.ready();
    store.down = true;
    const done = await clock.run(w.helpers.waitForUpload("u1", { intervalMs: 1_000 }));
    expect(done.state).toBe("complete");
    expect(fetched).toHaveLength(11);
    expect(seen.filter((l) => l.level === "warn")).toHaveLength(1);
    expect(JSON.stringify(seen)).not.toContain(SECRET);
  });
});
