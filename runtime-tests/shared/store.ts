/**
 * `@filestatus/redis` on each runtime, against a redis-server the runner starts: three Constant
 * Contact clients on one key (as three workers would be) share one store. Time runs {@link SCALE}
 * times faster on the clients' clock and the sandbox's, so a second's window passes in a quarter.
 *
 * 1. 18 calls between them, at once: every one answered, none over the sandbox's 4 a second;
 * 2. all three wait for one upload: about one status request per tick between them, not three;
 * 3. every key the store wrote expires and holds no credential (read with a client of our own,
 *    which the third store uses too: `createRedisStore({ client })`).
 */
import { createClient } from "@filestatus/constantcontact";
import type { Clock } from "@filestatus/core";
import { createRedisStore } from "@filestatus/redis";
import { createClient as createRedisClient } from "@redis/client";
import { createSandbox } from "@filestatus/sandbox";
import { assert, assertEqual, assertNoSecret } from "./assert.ts";

export const SCALE = 4;
const KEY = "team-K3y-v5Lp9Qx";
const TOKEN = "team-T0k-r2Hs8Mw";

/** The sandbox the runner serves, on the flow's clock, recording every answer's status. */
export interface StoreSandbox {
  fetch(request: Request): Promise<Response>;
  answered: { path: string; status: number }[];
  clock: Clock;
}

export function storeSandbox(): StoreSandbox {
  const t0 = Date.now();
  const now = () => t0 + (Date.now() - t0) * SCALE;
  const clock: Clock = {
    now,
    sleep: (ms, signal) =>
      new Promise<void>((resolve, reject) => {
        if (signal?.aborted) return reject(signal.reason);
        const stop = () => (clearTimeout(timer), reject(signal?.reason));
        const timer = setTimeout(() => {
          signal?.removeEventListener("abort", stop);
          resolve();
        }, ms / SCALE);
        signal?.addEventListener("abort", stop, { once: true });
      }),
  };
  const sandbox = createSandbox({ now });
  const answered: StoreSandbox["answered"] = [];
  return {
    clock,
    answered,
    fetch: async (request) => {
      const response = await sandbox.fetch(request);
      answered.push({ path: new URL(request.url).pathname, status: response.status });
      return response;
    },
  };
}

export async function storeFlow(redisUrl: string, origin: string, s: StoreSandbox): Promise<void> {
  const prefix = `runtime-${crypto.randomUUID()}:`;
  const raw = createRedisClient({ url: redisUrl });
  await raw.connect();
  const send = (args: string[]): Promise<unknown> => raw.sendCommand(args);
  const stores = [
    createRedisStore({ url: redisUrl }, { prefix }),
    createRedisStore({ url: redisUrl }, { prefix }),
    createRedisStore({ client: { sendCommand: send } }, { prefix }),
  ];
  try {
    const clients = stores.map((store) =>
      createClient({ apiKey: KEY, accessToken: TOKEN, baseUrl: origin, clock: s.clock, store }),
    );
    const calls = clients.flatMap((c) => Array.from({ length: 6 }, () => c.uploadStatus("9")));
    const states = await Promise.all(calls);
    assertEqual(states.length, 18, "calls answered");
    assertEqual(s.answered.filter((a) => a.status !== 200).length, 0, "answers over the limit");

    // The `signups` upload (id 8) stays queued for an hour: one look a second for 3.5 s.
    const before = s.answered.length;
    const waits = clients.map((c) =>
      c.waitForUpload("8", { intervalMs: 1_000, timeoutMs: 3_500 }).then(
        () => "complete",
        (error: Error) => error.name,
      ),
    );
    const ends = await Promise.all(waits);
    assertEqual(ends.join(), "TimeoutError,TimeoutError,TimeoutError", "the waits' ends");
    const looks = s.answered.slice(before).filter((a) => a.path.endsWith("/uploadstatus/8"));
    assert(looks.length >= 3 && looks.length <= 6, `${looks.length} looks between three watchers`);

    const reply = (await send(["SCAN", "0", "MATCH", `${prefix}*`, "COUNT", "1000"])) as unknown[];
    const keys = reply[1] as string[];
    assert(keys.length >= 2, `the store wrote ${keys.length} keys`);
    assertNoSecret(keys.join(" "), [KEY, TOKEN], "the store's keys");
    for (const key of keys) {
      const ttl = Number(await send(["PTTL", key]));
      assert(ttl > 0, `${key} expires (PTTL ${ttl})`);
    }
  } finally {
    await Promise.all(stores.map((store) => store.close()));
    await raw.close();
  }
}
