/**
 * The mutations `pnpm mutate` applies: each breaks one guarantee of the code on purpose, and the
 * named suite must then fail. A mutation whose suite still passes is a guarantee nothing tests.
 *
 * Each `text` must occur exactly once in its file (checked by scripts/test/mutate.test.ts in
 * `pnpm test`), so an edit to the code that moves or rewords it fails there, not silently here.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

export interface Mutation {
  /** The guarantee broken, as one line of the report. */
  name: string;
  /** Relative to the repository root. */
  file: string;
  /** Exact text to replace; occurs once in `file`. */
  text: string;
  replacement: string;
  /** The directory (relative to the root) whose `vitest run` must fail. */
  suite: string;
}

const CORE = "packages/core";
const SANDBOX = "packages/sandbox";

export const MUTATIONS: readonly Mutation[] = [
  {
    name: "an upload reset after sending is sent again",
    file: "packages/core/src/send-once.ts",
    text: "if (refused(error) && retry && attempt < attempts) {",
    replacement: "if (retry && attempt < attempts) {",
    suite: CORE,
  },
  {
    name: "the form credential travels in the URL of a multipart upload",
    file: "packages/core/src/auth.ts",
    text: "const boundary = c.form && body !== null ? multipartBoundary(headers) : undefined;",
    replacement: "const boundary = undefined;",
    suite: CORE,
  },
  {
    name: "a results body cut mid-way ends quietly, short",
    file: "packages/core/src/stream.ts",
    text: "controller.error(new ConnectionError({ ...origin, message }));",
    replacement: "controller.close();",
    suite: CORE,
  },
  {
    name: "helpers hand out statuses without redacting them",
    file: "packages/core/src/helpers.ts",
    text: "one: (id, signal) => one(id, signal).then((status) => redactStatus(client, status)),",
    replacement: "one: (id, signal) => one(id, signal),",
    suite: CORE,
  },
  {
    name: "ApiError.body keeps the body unredacted",
    file: "packages/core/src/api-error.ts",
    text: "    body: kept,",
    replacement: "    body,",
    suite: CORE,
  },
  {
    name: "a Retry-After past maxRetryAfterMs is waited for",
    file: "packages/core/src/fetch.ts",
    text: "if (!retryable || final || (asked ?? 0) > retry.maxRetryAfterMs) {",
    replacement: "if (!retryable || final) {",
    suite: CORE,
  },
  {
    name: "a POST is retried",
    file: "packages/core/src/fetch.ts",
    text: "o.retry && IDEMPOTENT_METHODS.has(request.method) ? o.retry : undefined",
    replacement: "o.retry || undefined",
    suite: CORE,
  },
  {
    name: "a 2xx body that is not JSON passes as data",
    file: "packages/core/src/fetch.ts",
    text: 'if (!response.ok || text === undefined || text === "") return;',
    replacement: "return;",
    suite: CORE,
  },
  {
    name: "credentials follow a redirect to another origin",
    file: "packages/core/src/redirect.ts",
    text: "home ? s.credentials : []",
    replacement: "s.credentials",
    suite: CORE,
  },
  {
    name: "a redirect whose Location carries the key is followed",
    file: "packages/core/src/redirect.ts",
    text: "if (new URL(next.url).origin !== origin && s.carriesSecret(next.url)) return answered;",
    replacement: "",
    suite: CORE,
  },
  {
    name: "an attempt never gives its rate-limit place back",
    file: "packages/core/src/attempt.ts",
    text: "    release?.();",
    replacement: "",
    suite: CORE,
  },
  {
    // The server counts arrivals, and an arrival can come long after its grant (a slow upload):
    // a place freed before `perMs` after the finish lets a window hold more than the limit.
    name: "a finished request's rate-limit place is freed half a window early",
    file: "packages/core/src/rate-limit.ts",
    text: "finished.push(clock.now());",
    replacement: "finished.push(clock.now() - limit.perMs / 2);",
    suite: "packages/zerobounce",
  },
  {
    name: "the last call following a caller's signal leaves its listener on it",
    file: "packages/core/src/signal.ts",
    text: 'if (all.delete(child) && !all.size) parent.removeEventListener("abort", onAbort);',
    replacement: "all.delete(child);",
    suite: CORE,
  },
  {
    name: "the response URL shows the key",
    file: "packages/core/src/answered.ts",
    text: "if (this.#redact) [this.#url, this.#redact] = [this.#redact(this.#url), undefined];",
    replacement: "",
    suite: CORE,
  },
  {
    name: "a fetch or a body that ignores its signal outlives the timeout",
    file: "packages/core/src/attempt.ts",
    text: "      stop = reject;\n",
    replacement: "",
    suite: CORE,
  },
  {
    name: "a header credential is set on the request middleware holds",
    file: "packages/core/src/auth.ts",
    text: "const own = () => (headers === request.headers ? (headers = new Headers(headers)) : headers);",
    replacement: "const own = () => headers;",
    suite: CORE,
  },
  {
    name: "a query that already names the credential carries it twice",
    file: "packages/core/src/credential-url.ts",
    text: "(url.includes(name, query) || ",
    replacement: "(",
    suite: CORE,
  },
  {
    // In JSON a line break is `\n`: a short key after it seems to follow a letter there.
    name: "a status is judged free of secrets by a JSON that escapes some of its text",
    file: "packages/core/src/helpers.ts",
    text: '!json.includes("\\\\") && ',
    replacement: "",
    suite: CORE,
  },
  {
    // Not the read's exact cut (`value.subarray`): the error keeps 64 KiB of what was read anyway,
    // so a cut one chunk late changes nothing anyone sees.
    name: "an error body is read far past its 64 KiB bound",
    file: "packages/core/src/body.ts",
    text: "readPrefix(response, MAX_ERROR_BODY_BYTES)",
    replacement: "readPrefix(response, 16 * MAX_ERROR_BODY_BYTES)",
    suite: CORE,
  },
  {
    name: "an upload follows a redirect",
    file: "packages/core/src/send-once.ts",
    text: "    redirect: noFollowMode(),\n",
    replacement: "",
    suite: CORE,
  },
  {
    name: 'an upload fails unsent where Request refuses redirect "error" (Cloudflare Workers)',
    file: "packages/core/src/send-once.ts",
    text: 'return "manual";',
    replacement: 'return "error";',
    suite: CORE,
  },
  {
    name: "Node's fetch keeps a copy of an upload until its answer",
    file: "packages/core/src/auth.ts",
    text: 'redirect: request.redirect === "error" ? "error" : "manual",',
    replacement: 'redirect: "manual",',
    suite: CORE,
  },
  {
    name: "the Node adapter leaves an unread request body in the connection",
    file: "packages/sandbox/src/node.ts",
    text: "if (!message.complete) drain();",
    replacement: "",
    suite: SANDBOX,
  },
  {
    name: "a boundary split between two chunks of an upload goes unseen",
    file: "packages/sandbox/src/multipart.ts",
    text: "Math.max(pos, buf.length - delimiter.length + 1)",
    replacement: "buf.length",
    suite: SANDBOX,
  },
  {
    name: "a list row holding a quote is read in place, as plain",
    file: "packages/sandbox/src/list-rows.ts",
    text: "b >= 0x80 || b === QUOTE || b === CR",
    replacement: "b >= 0x80 || b === CR",
    suite: SANDBOX,
  },
  {
    name: "addresses that differ in case are not duplicates",
    file: "packages/sandbox/src/string-set.ts",
    text: "b >= 65 && b <= 90 ? b + 32 : b",
    replacement: "b",
    suite: SANDBOX,
  },
  {
    name: "an aborted IPQS CSV is not failed",
    file: "packages/ipqs/src/status.ts",
    text: 'csv.aborted === true ? "failed" : ',
    replacement: "",
    suite: "packages/ipqs",
  },
  {
    name: "a results download cut mid-way leaves its partial file in place of the results",
    file: "packages/cli/src/output-file.ts",
    text: "if (keep && failure === undefined) await rename(temp, path).catch(failed);",
    replacement: "if (failure === undefined) await rename(temp, path).catch(failed);",
    suite: "packages/cli",
  },
  {
    name: "two processes can both take the last place of a shared window",
    file: "packages/redis/src/scripts.ts",
    text: "if redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[2]) then",
    replacement: "if redis.call('ZCARD', KEYS[1]) <= tonumber(ARGV[2]) then",
    suite: "packages/redis",
  },
  {
    name: "a client falling back from its store forgets what the store granted it",
    file: "packages/core/src/shared-limit.ts",
    text: "const own = await local.acquire(signal);",
    replacement: "const own = () => undefined;",
    suite: CORE,
  },
  {
    // createBareClient is the smallest bundle only while nothing a helper needs rides on it.
    name: "the bare client carries a helper's fetchLink",
    file: "packages/core/src/client.ts",
    text: "return Object.assign(client, { provider, redact, unwrap, unexpected, clock, rateLimit, retry });",
    replacement:
      "return Object.assign(client, { provider, redact, unwrap, unexpected, clock, rateLimit, retry, fetchLink: linkFetcher(transport, secrets) });",
    suite: "packages/sanitizeemail",
  },
  {
    name: "ZeroBounce's bare client hands out success: false bodies as data",
    file: "packages/zerobounce/src/client.ts",
    text: "return moveErrorBodies(client, isSuccessFalse);",
    replacement: "return client;",
    suite: "packages/zerobounce",
  },
  {
    name: "a client whose store fails falls back to the whole limit, not its share",
    file: "packages/core/src/store-share.ts",
    text: "share ??= Math.max(1, recent.length);",
    replacement: "share ??= Infinity;",
    suite: CORE,
  },
  {
    name: "a poll lock lapses while its holder's look is queued",
    file: "packages/core/src/shared-poll.ts",
    text: "store.set((await keysOf(id)).lock, token, POLL_LOCK_MS)",
    replacement: "Promise.resolve(void [id, token])",
    suite: CORE,
  },
  {
    name: "the Redis store closes under calls still in flight",
    file: "packages/redis/src/store.ts",
    text: "await calls.settled();",
    replacement: "void calls;",
    suite: "packages/redis",
  },
  {
    name: "a Redis reply that arrived during a stall counts as a timeout",
    file: "packages/redis/src/connection.ts",
    text: "let timer = setTimeout(() => (timer = setTimeout(fail, 0)), ms);",
    replacement: "let timer = setTimeout(fail, ms);",
    suite: "packages/redis",
  },
];

const occurrences = (text: string, part: string): number => text.split(part).length - 1;

/** What is wrong with `table` against the files under `root`; empty when every entry applies. */
export function tableProblems(table: readonly Mutation[], root: string): string[] {
  const problems: string[] = [];
  const names = new Set<string>();
  for (const m of table) {
    const where = `${m.file}: "${m.name}"`;
    if (names.has(m.name)) problems.push(`${where}: the name is used twice`);
    names.add(m.name);
    if (m.text === m.replacement) problems.push(`${where}: the replacement changes nothing`);
    if (!existsSync(join(root, m.suite, "package.json")))
      problems.push(`${where}: no package at ${m.suite} to run`);
    if (!existsSync(join(root, m.file))) {
      problems.push(`${where}: no such file`);
      continue;
    }
    const count = occurrences(readFileSync(join(root, m.file), "utf8"), m.text);
    if (count !== 1) problems.push(`${where}: the text occurs ${count} times, not once`);
  }
  return problems;
}

/** `source` with the mutation applied (its text must occur once). */
export function applyMutation(source: string, m: Mutation): string {
  const at = source.indexOf(m.text);
  if (at < 0 || source.indexOf(m.text, at + 1) >= 0)
    throw new Error(`${m.file}: the text of "${m.name}" does not occur exactly once`);
  return source.slice(0, at) + m.replacement + source.slice(at + m.text.length);
}
