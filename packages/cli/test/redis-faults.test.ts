/**
 * `--redis` when things go wrong: a URL that is not a Redis URL is a usage error (exit 2, one line,
 * nothing sent); a Redis that is not there (a closed port) or never answers leaves the watch to
 * finish on the command's own limits, with one warning line; and a password in the URL appears in
 * no output, whatever happens.
 */
import {
  HAS_REDIS,
  needsRedis,
  startRedis,
  type RedisServer,
} from "@filestatus/testkit/redis-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closedPort, heldUpload, silentServer, UPLOAD_ID } from "./redis-fixtures.ts";
import { echoed, ensureBuilt, lines, run } from "./run.ts";

const PASSWORD = "hunter2-Rd5!x";
const ENCODED = encodeURIComponent(PASSWORD);

beforeAll(ensureBuilt, 60_000);

/** The URL with the password, as a user would write it, and every form of it output must not hold. */
const withPassword = (port: number): string => `redis://default:${ENCODED}@127.0.0.1:${port}`;

describe.concurrent("a URL that is not a Redis URL: exit 2, one line, nothing echoed", () => {
  const ID = ["status", "zerobounce", UPLOAD_ID, "--sandbox"];
  it.for([
    ["another scheme", `https://user:${ENCODED}@cache.example:6379`],
    ["no host", `redis://:${ENCODED}@`],
    ["a path that is no database number", `redis://:${ENCODED}@127.0.0.1:6379/cache`],
    ["a broken %-escape", `redis://:${ENCODED}%zz@127.0.0.1`],
    ["no URL at all", `${PASSWORD} 127.0.0.1`],
    ["a terminal escape for a host", `redis://:${ENCODED}@\u001b[2J:6379`],
    ["a port out of range", `redis://:${ENCODED}@127.0.0.1:99999`],
    ["nothing", ""],
    ["a huge value", `redis://:${ENCODED}@${"h".repeat(20_000)}:`],
  ])("--redis with %s", async ([, url], { expect }) => {
    const result = await run([...ID, "--redis", url!]);
    expect(lines(result.stderr)).toEqual([expect.stringMatching(/^filestatus: --redis \S/)]);
    expect(result.stderr).not.toContain("\u001b");
    expect(echoed(result, PASSWORD)).toEqual([]);
    expect(result.stdout).toBe("");
    expect(result.code).toBe(2);
  });

  it("FILESTATUS_REDIS_URL is named when it is the one at fault", async ({ expect }) => {
    const result = await run(ID, { FILESTATUS_REDIS_URL: `mysql://root:${ENCODED}@db:3306` });
    expect(result.stderr).toMatch(/^filestatus: FILESTATUS_REDIS_URL must start with redis:\/\//);
    expect(echoed(result, PASSWORD)).toEqual([]);
    expect(result.code).toBe(2);
  });

  it("a bad --redis is refused even when the variable is good: the flag wins", async ({
    expect,
  }) => {
    const result = await run([...ID, "--redis", "localhost:6379"], {
      FILESTATUS_REDIS_URL: "redis://127.0.0.1:6379",
    });
    expect(result.stderr).toMatch(/^filestatus: --redis /);
    expect(result.code).toBe(2);
  });
});

/** A watch of an upload that takes long enough for the store to be retried (and fail again). */
async function watchWith(url: string, json = false) {
  const upload = await heldUpload(1_500, true);
  try {
    const args = ["watch", "zerobounce", UPLOAD_ID, "--base-url", upload.origin];
    const flags = ["--api-key", "key-faults", "--interval", "100", "--redis", url];
    return await run([...args, ...flags, ...(json ? ["--json"] : [])]);
  } finally {
    await upload.close();
  }
}

const WARNING = (port: number, why: RegExp) =>
  new RegExp(
    `^filestatus: redis://\\*\\*\\*@127\\.0\\.0\\.1:${port}: store unavailable \\(.*${why.source}.*\\): using in-process limits`,
  );

describe.concurrent("a Redis that is not there: the watch completes, with one warning", () => {
  it("a closed port", async ({ expect }) => {
    const port = await closedPort();
    const result = await watchWith(withPassword(port));
    expect(lines(result.stderr)).toEqual([expect.stringMatching(WARNING(port, /ECONNREFUSED/))]);
    expect(lines(result.stdout).at(-1)).toBe("1 complete, 0 failed");
    expect(echoed(result, PASSWORD)).toEqual([]);
    expect(result.code).toBe(0);
  });

  it("a server that accepts connections and never answers (--json stays JSON)", async ({
    expect,
  }) => {
    const silent = await silentServer();
    try {
      const result = await watchWith(withPassword(silent.port), true);
      const warning = WARNING(silent.port, /did not answer/);
      expect(lines(result.stderr)).toEqual([expect.stringMatching(warning)]);
      const statuses = lines(result.stdout).map((line) => JSON.parse(line) as { state: string });
      expect(statuses.at(-1)?.state).toBe("complete");
      expect(echoed(result, PASSWORD)).toEqual([]);
      expect(result.code).toBe(0);
    } finally {
      await silent.close();
    }
  });
});

describe.skipIf(!HAS_REDIS)(needsRedis("a Redis that requires a password"), () => {
  let redis: RedisServer;
  beforeAll(async () => void (redis = await startRedis(["--requirepass", PASSWORD])));
  afterAll(() => redis?.stop());

  it("the right one: the store is used (no warning), and the password is shown nowhere", async () => {
    const result = await watchWith(withPassword(redis.port));
    expect(result.stderr).toBe("");
    expect(echoed(result, PASSWORD)).toEqual([]);
    expect(lines(result.stdout).at(-1)).toBe("1 complete, 0 failed");
    expect(result.code).toBe(0);
  });

  it("a wrong one: one warning, in which neither password is shown", async () => {
    const wrong = "wrong-Pw7-zq";
    const url = `redis://default:${wrong}@127.0.0.1:${redis.port}`;
    const result = await watchWith(url);
    expect(lines(result.stderr)).toEqual([expect.stringMatching(WARNING(redis.port, /WRONGPASS/))]);
    for (const secret of [PASSWORD, wrong]) expect(echoed(result, secret)).toEqual([]);
    expect(result.code).toBe(0);
  });
});
