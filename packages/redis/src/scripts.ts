/**
 * The Lua scripts behind the store's window. Redis runs a script as one command, so a check and
 * the write that depends on it cannot be split by another process: two callers can never both
 * take the last place. Each write sets the key's expiry, so nothing outlives its use.
 *
 * Scripts are sent by their SHA-1 (EVALSHA) and in full only when the server does not know them
 * yet (NOSCRIPT: a new or restarted server).
 */
import type { Connection } from "./connection.ts";

/**
 * KEYS: window (sorted set: place → when it frees), pause. ARGV: now, requests, holdMs, id.
 * Returns 0 when the place is taken, otherwise the ms until one may be free (≥ 1).
 */
export const TAKE = `
local now = tonumber(ARGV[1])
local paused = tonumber(redis.call('GET', KEYS[2]) or '0') or 0
if paused > now then return math.ceil(paused - now) end
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[2]) then
  redis.call('ZADD', KEYS[1], now + tonumber(ARGV[3]), ARGV[4])
  local last = redis.call('ZRANGE', KEYS[1], -1, -1, 'WITHSCORES')
  redis.call('PEXPIRE', KEYS[1], math.max(1, math.ceil(tonumber(last[2]) - now)))
  return 0
end
local first = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
return math.max(1, math.ceil(tonumber(first[2]) - now))
`;

/** KEYS: window. ARGV: id, freeAt, now. The place frees at `freeAt` (at once if it has passed). */
export const FINISH = `
local now = tonumber(ARGV[3])
local free = tonumber(ARGV[2])
if free <= now then
  redis.call('ZREM', KEYS[1], ARGV[1])
  return 0
end
redis.call('ZADD', KEYS[1], free, ARGV[1])
local last = redis.call('ZRANGE', KEYS[1], -1, -1, 'WITHSCORES')
redis.call('PEXPIRE', KEYS[1], math.max(1, math.ceil(tonumber(last[2]) - now)))
return 1
`;

/** KEYS: pause. ARGV: until, now. Never shortens a longer pause. */
export const PAUSE = `
local till = tonumber(ARGV[1])
local now = tonumber(ARGV[2])
local current = tonumber(redis.call('GET', KEYS[1]) or '0') or 0
if till > current and till > now then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', math.ceil(till - now))
end
return 0
`;

/** KEYS: lock. ARGV: token. Deletes the lock only while `token` holds it. */
export const UNLOCK = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;

/** Lowercase hex SHA-1 of a script, as Redis names it (web-standard `crypto.subtle`). */
async function sha1(script: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-1", new TextEncoder().encode(script));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

/** Runs scripts on a connection, by SHA-1 first. */
export function scriptRunner(
  connection: Connection,
): (
  script: string,
  keys: readonly string[],
  args: readonly (string | number)[],
) => Promise<unknown> {
  const shas = new Map<string, Promise<string>>();
  return async (script, keys, args) => {
    let sha = shas.get(script);
    if (!sha) shas.set(script, (sha = sha1(script)));
    const rest = [String(keys.length), ...keys, ...args.map(String)];
    try {
      return await connection.send(["EVALSHA", await sha, ...rest]);
    } catch (error) {
      if (!(error instanceof Error) || !error.message.includes("NOSCRIPT")) throw error;
      return connection.send(["EVAL", script, ...rest]);
    }
  };
}
