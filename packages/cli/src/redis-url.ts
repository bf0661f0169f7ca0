/**
 * `--redis <url>` and `FILESTATUS_REDIS_URL`: which Redis the command shares its limits and polls
 * through. The URL may carry a password, so nothing here ever quotes it back: a bad one is refused
 * without echoing it, and a good one is only ever shown redacted (`redis://***@host:6379`).
 */
import { UsageError } from "./errors.ts";

/** The variable read when `--redis` is not given. */
export const REDIS_URL_VARIABLE = "FILESTATUS_REDIS_URL";

/** A Redis URL the command will connect to, and the forms of it that may appear in no output. */
export interface RedisUrl {
  /** As given, for the connection only. */
  readonly url: string;
  /** `redis://***@host:port/db`: what output may show. */
  readonly shown: string;
  /** `text` with every form of the URL and its password replaced. */
  scrub(text: string): string;
}

const EXAMPLE = "redis://127.0.0.1:6379 or rediss://:password@host:6380/0";

/** A percent-decoded part, or `undefined` when its escapes are broken (`%zz`). */
function decoded(part: string): string | undefined {
  try {
    return decodeURIComponent(part);
  } catch {
    return undefined;
  }
}

/** Why `text` is no URL node-redis would connect to; `undefined` when it is one. */
function problem(text: string): string | undefined {
  if (!URL.canParse(text)) return "is not a URL";
  const url = new URL(text);
  if (url.protocol !== "redis:" && url.protocol !== "rediss:") {
    return "must start with redis:// or rediss://";
  }
  // A percent sign in the host is an escaped character no host name has (a control, a space).
  if (url.hostname === "" || url.hostname.includes("%")) return "needs a host";
  if (url.hostname.length > 253) return "has a host name longer than DNS allows";
  if (!/^(\/\d{0,9})?$/.test(url.pathname)) return "may only have a database number as its path";
  if (decoded(url.username) === undefined || decoded(url.password) === undefined) {
    return "has a user or password with a broken %-escape";
  }
  return undefined;
}

/** The URL as output may show it: no user or password, no query or fragment. */
function redacted(url: URL): string {
  const user = url.username || url.password ? "***@" : "";
  return `${url.protocol}//${user}${url.host}${url.pathname === "/" ? "" : url.pathname}`;
}

function scrubber(text: string, url: URL): (line: string) => string {
  const secrets = [text, text.trim(), url.href, url.password, decoded(url.password)]
    .filter((s): s is string => typeof s === "string" && s.length > 0)
    .sort((a, b) => b.length - a.length);
  return (line) => secrets.reduce((l, secret) => l.split(secret).join("***"), line);
}

/**
 * The Redis URL of `--redis`, else of {@link REDIS_URL_VARIABLE} (empty: none); `undefined` when
 * neither is given. A usage error, which never quotes the URL, for anything but a redis:// or
 * rediss:// URL.
 */
export function redisUrl(
  flag: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
): RedisUrl | undefined {
  const fromEnv = env[REDIS_URL_VARIABLE];
  const [text, source] =
    flag !== undefined ? [flag, "--redis"] : [fromEnv?.trim() || undefined, REDIS_URL_VARIABLE];
  if (text === undefined) return undefined;
  const wrong = problem(text);
  if (wrong !== undefined) throw new UsageError(`${source} ${wrong} (e.g. ${EXAMPLE})`);
  const url = new URL(text);
  return { url: text, shown: redacted(url), scrub: scrubber(text, url) };
}
