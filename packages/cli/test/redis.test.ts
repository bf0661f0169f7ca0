/**
 * `--redis` and FILESTATUS_REDIS_URL against a real redis-server: two `filestatus watch` processes
 * on one upload share its polls (the sandbox receives fewer status requests than from the same two
 * without Redis), and every command closes its connection, so the process ends with the command.
 * Without redis-server the suite is reported skipped, with the command that installs it.
 */
import {
  HAS_REDIS,
  needsRedis,
  startRedis,
  type RedisServer,
} from "@filestatus/testkit/redis-server";
import { DEMO_UPLOAD_IDS } from "@filestatus/sandbox";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { started } from "./child.ts";
import { closedPort, heldUpload, UPLOAD_ID } from "./redis-fixtures.ts";
import { ensureBuilt, lines, run } from "./run.ts";

let redis: RedisServer | undefined;
beforeAll(async () => {
  await ensureBuilt();
  if (HAS_REDIS) redis = await startRedis();
}, 60_000);
afterAll(() => redis?.stop());

/**
 * Each watch under its own key: a key's stored statuses are shared for a minute, and a completed
 * upload's would answer a later test's watcher before the sandbox could.
 */
const watch = (origin: string, key: string): string[] => [
  ...["watch", "zerobounce", UPLOAD_ID, "--base-url", origin, "--api-key", key],
  ...["--interval", "100"],
];

/** A watcher's own flags and environment. */
type Watcher = [args: string[], env: Record<string, string>];

/** The status requests two watchers make between them while the upload they both watch moves. */
async function twoWatchers(key: string, watchers: [Watcher, Watcher]): Promise<number> {
  const upload = await heldUpload(2_500);
  try {
    const children = await Promise.all(
      watchers.map(([args, env]) => started([...watch(upload.origin, key), ...args], env)),
    );
    await Promise.all(children.map((child) => child.shown(/processing/)));
    upload.release();
    for (const { code, stdout, stderr } of await Promise.all(children.map((c) => c.done))) {
      expect(stderr).toBe("");
      expect(lines(stdout).at(-1)).toBe("1 complete, 0 failed");
      expect(code).toBe(0);
    }
    return upload.statusRequests();
  } finally {
    await upload.close();
  }
}

describe.skipIf(!HAS_REDIS)(needsRedis("filestatus --redis with a real redis-server"), () => {
  it("two watchers share their polls through --redis and FILESTATUS_REDIS_URL", async () => {
    const url = redis!.url;
    const alone = await twoWatchers("key-alone", [
      [[], {}],
      [[], {}],
    ]);
    const shared = await twoWatchers("key-shared", [
      [["--redis", url], {}],
      [[], { FILESTATUS_REDIS_URL: url }],
    ]);
    // Alone, each polls every tick; sharing, one request a tick answers both (held to a ratio:
    // a loaded machine stretches the ticks of either run).
    expect(shared).toBeGreaterThan(0);
    expect(alone).toBeGreaterThan(1.5 * shared);
  }, 60_000);

  it("--redis wins over FILESTATUS_REDIS_URL", async () => {
    const upload = await heldUpload(300, true);
    try {
      const unreachable = `redis://127.0.0.1:${await closedPort()}`;
      const args = [...watch(upload.origin, "key-flag"), "--redis", redis!.url];
      const result = await run(args, { FILESTATUS_REDIS_URL: unreachable });
      // The variable's Redis would have been reported unreachable.
      expect(result.stderr).toBe("");
      expect(result.code).toBe(0);
    } finally {
      await upload.close();
    }
  });

  it("status, and a command refused after connecting, end with their connection closed", async () => {
    const upload = await heldUpload(300);
    try {
      const at = ["--base-url", upload.origin, "--api-key", "key-status", "--redis", redis!.url];
      // A connection left open would hold the process until run() kills it (which rejects).
      const found = await run(["status", "zerobounce", UPLOAD_ID, ...at]);
      expect(found.stderr).toBe("");
      expect(lines(found.stdout)).toEqual([expect.stringContaining("processing")]);
      expect(found.code).toBe(0);
      const refused = await run(["status", "zerobounce", " ", ...at]);
      expect(refused.stderr).toMatch(/^filestatus: .*id/);
      expect(refused.code).toBe(2);
    } finally {
      await upload.close();
    }
  });

  it("--sandbox runs share nothing: each sandbox is its own, though their ids are the same", async () => {
    const id = DEMO_UPLOAD_IDS.zerobounce;
    const args = ["watch", "zerobounce", id, "--sandbox", "--speed", "4", "--redis", redis!.url];
    for (const nth of ["first", "second"]) {
      const result = await run([...args, "--interval", "100"]);
      // The second would otherwise take the first one's "complete" from Redis at once. (How far
      // the upload got before the first look depends on the machine's load.)
      expect(lines(result.stdout)[0], `the ${nth} run`).toMatch(/ (queued|processing) /);
      expect(lines(result.stdout).at(-1)).toBe("1 complete, 0 failed");
      expect(result.code).toBe(0);
    }
  });

  it("Ctrl-C or SIGTERM during a shared watch ends it at once (143)", async () => {
    const upload = await heldUpload(60_000);
    try {
      const args = [...watch(upload.origin, "key-term"), "--redis", redis!.url];
      const child = await started(args);
      await child.shown(/processing/);
      child.kill("SIGTERM");
      const { code, stderr } = await child.done;
      expect(stderr).toBe("");
      expect(code).toBe(143);
    } finally {
      await upload.close();
    }
  });
});
