/**
 * A command without `--redis` (or FILESTATUS_REDIS_URL) never loads `@filestatus/redis` and its
 * Redis client, so `filestatus status` starts as fast as it did; one with it loads it once. Run
 * in-process, where the module loader can be watched.
 */
import { DEMO_UPLOAD_IDS } from "@filestatus/sandbox";
import { describe, expect, it, vi } from "vitest";
import { main, type Io } from "../src/index.ts";
import { closedPort } from "./redis-fixtures.ts";

const loads = vi.hoisted(() => ({ count: 0 }));
vi.mock("@filestatus/redis", async (original) => {
  loads.count++;
  return await original();
});

function io(env: Record<string, string> = {}): Io & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    stdout: { write: (text) => void out.push(String(text)) },
    stderr: { write: (text) => void err.push(text) },
    env,
  };
}

const STATUS = ["status", "zerobounce", DEMO_UPLOAD_IDS.zerobounce, "--sandbox"];

describe("loading the Redis store", () => {
  it("a command without --redis never loads it; one with it does, and still answers", async () => {
    const plain = io();
    expect(await main(STATUS, plain)).toBe(0);
    expect(await main(["list", "ipqs", "--sandbox", "--limit", "1"], io())).toBe(0);
    expect(loads.count).toBe(0);
    expect(plain.err).toEqual([]);

    const url = `redis://127.0.0.1:${await closedPort()}`;
    const shared = io({ FILESTATUS_REDIS_URL: url });
    expect(await main(STATUS, shared)).toBe(0);
    expect(loads.count).toBe(1);
    expect(shared.out.join("")).toContain("queued");
    // The store was tried (and found closed) on the way.
    expect(shared.err).toEqual([expect.stringMatching(/store unavailable/)]);
  });

  it("a bad URL is refused before anything is loaded", async () => {
    const before = loads.count;
    const refused = io();
    expect(await main([...STATUS, "--redis", "redis:nohost"], refused)).toBe(2);
    expect(loads.count).toBe(before);
    expect(refused.err).toEqual([expect.stringMatching(/^filestatus: --redis needs a host/)]);
  });
});
