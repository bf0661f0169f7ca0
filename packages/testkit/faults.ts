/**
 * The fault-injection suite every provider runs (and core, on a demo provider): real HTTP on
 * 127.0.0.1 against a server that misbehaves on cue, with waits recorded by a clock instead of
 * slept.
 */
import type { ClientOptions, ErrorClasses, FetchResult, Logger, RateLimit } from "./types.ts";
import { describe, expect, it } from "vitest";
import { recordingClock, virtualClock } from "./clocks.ts";
import { exposed } from "./results.ts";
import { hang, resetMidBody } from "./serve.ts";
import { useServer } from "./use-server.ts";

interface Unwrapping {
  unwrap(call: Promise<FetchResult>): Promise<unknown>;
}

export interface FaultTarget<C extends Unwrapping> {
  provider: string;
  /** The error classes as the provider package re-exports them. */
  errors: ErrorClasses;
  /** Every secret given to the client; none may show up in an error or a log line. */
  secrets: string[];
  /** A client for `origin` (the loopback server) with `options` on top of the test's credentials. */
  create(origin: string, options: ClientOptions): C;
  /** One documented GET, as the README shows it. */
  call(client: C, signal?: AbortSignal): Promise<FetchResult>;
  /** The same endpoint sent as a POST, which must never be retried. */
  post(client: C): Promise<FetchResult>;
  /** A documented success body. */
  success: unknown;
  /** The provider's documented limit the client applies by default, if it has one. */
  rateLimit?: RateLimit;
  /** The provider's own error answer, and the message the ApiError must carry. */
  providerError: { status: number; body: unknown; message: string };
}

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  Response.json(body, { status, headers });

export function describeFaults<C extends Unwrapping>(target: FaultTarget<C>): void {
  const { ApiError, ConnectionError, TimeoutError } = target.errors;
  describe(`${target.provider} under faults`, () => {
    const server = useServer();
    const lines: string[] = [];
    const logger: Logger = { debug: (line) => lines.push(line) };
    /** A client whose waits are recorded, not slept; per-attempt timeouts off unless asked for. */
    const setup = (options: ClientOptions = {}) => {
      const clock = recordingClock();
      const client = target.create(server.origin, { clock, logger, timeoutMs: 0, ...options });
      return { clock, client };
    };
    const failure = async (work: Promise<unknown>) => {
      const error = await work.then(
        () => expect.unreachable("the call should have failed"),
        (e: unknown) => e,
      );
      return error;
    };

    it("503 twice then 200: succeeds on the third attempt", async () => {
      let n = 0;
      server.answer(() => (++n <= 2 ? json({ message: "busy" }, 503) : json(target.success)));
      const { clock, client } = setup();
      expect(await client.unwrap(target.call(client))).toEqual(target.success);
      expect(server.requests).toHaveLength(3);
      expect(clock.sleeps).toHaveLength(2);
      expect(clock.sleeps[0]).toBeLessThan(500); // full jitter under the 500 ms first cap
      expect(clock.sleeps[1]).toBeLessThan(1000);
      // one debug line per attempt: method, redacted URL, status, attempt, next delay
      const attempts = lines.slice(-3);
      expect(attempts[0]).toMatch(
        new RegExp(
          `^\\[filestatus:${target.provider}\\] GET http://127\\.0\\.0\\.1:\\d+/\\S* → 503 \\(attempt 1/3, retrying in ${clock.sleeps[0]} ms\\)$`,
        ),
      );
      expect(attempts[1]).toContain(`→ 503 (attempt 2/3, retrying in ${clock.sleeps[1]} ms)`);
      expect(attempts[2]).toMatch(/→ 200 \(attempt 3\/3\)$/);
    });

    it("429 with Retry-After: 1 waits 1000 ms, then succeeds", async () => {
      let n = 0;
      server.answer(() =>
        ++n === 1 ? json({}, 429, { "Retry-After": "1" }) : json(target.success),
      );
      const { clock, client } = setup();
      await client.unwrap(target.call(client));
      expect(clock.sleeps).toEqual([1000]);
    });

    it("429 with an HTTP-date Retry-After waits until that date", async () => {
      let n = 0;
      const date = new Date(Date.now() + 5_000).toUTCString(); // second resolution: 4–5 s away
      server.answer(() =>
        ++n === 1 ? json({}, 429, { "Retry-After": date }) : json(target.success),
      );
      const { clock, client } = setup();
      await client.unwrap(target.call(client));
      expect(clock.sleeps).toHaveLength(1);
      expect(clock.sleeps[0]).toBeGreaterThan(3_000);
      expect(clock.sleeps[0]).toBeLessThanOrEqual(5_000);
    });

    it("Retry-After: 3600 fails at once with retryAfterMs", async () => {
      server.answer(() => json({}, 429, { "Retry-After": "3600" }));
      const { clock, client } = setup();
      const error = await failure(client.unwrap(target.call(client)));
      expect(ApiError.is(error)).toBe(true);
      expect(error).toMatchObject({
        status: 429,
        retryAfterMs: 3_600_000,
        provider: target.provider,
      });
      expect(server.requests).toHaveLength(1);
      expect(clock.sleeps).toEqual([]);
    });

    it("a connection cut mid-body is retried, then fails with ConnectionError", async () => {
      server.answer(() => resetMidBody(200, JSON.stringify(target.success)));
      const { clock, client } = setup();
      const error = await failure(target.call(client));
      expect(ConnectionError.is(error)).toBe(true);
      expect((error as Error).cause).toBeInstanceOf(Error);
      expect(server.requests).toHaveLength(3);
      expect(clock.sleeps).toHaveLength(2);
    });

    it("a hung server fails with TimeoutError within timeoutMs", async () => {
      server.answer(() => hang());
      const client = target.create(server.origin, { timeoutMs: 150, retry: false, logger });
      const started = performance.now();
      const error = await failure(target.call(client));
      const elapsed = performance.now() - started;
      expect(TimeoutError.is(error)).toBe(true);
      expect(error).toMatchObject({ timeoutMs: 150, method: "GET" });
      expect((error as Error).message).toMatch(
        /GET http:\/\/127\.0\.0\.1:\d+\/.* timed out after 150 ms/,
      );
      expect(elapsed).toBeGreaterThanOrEqual(140);
      expect(elapsed).toBeLessThan(1_500);
    });

    it.each([
      [
        "truncated JSON",
        200,
        '{"success": true, "file',
        /not valid JSON.*\{"success": true, "file/,
      ],
      [
        "an HTML error page",
        403,
        "<html><body><h1>403 Forbidden</h1></body></html>",
        /403 Forbidden/,
      ],
      ["an empty body", 200, "", /empty 200 response/],
    ])("%s becomes an ApiError with the status and a snippet", async (_, status, body, message) => {
      server.answer(() => new Response(body, { status, headers: { "content-type": "text/html" } }));
      const { client } = setup();
      const error = await failure(client.unwrap(target.call(client)));
      expect(ApiError.is(error)).toBe(true);
      expect(error).toMatchObject({ status });
      expect((error as Error).message).toMatch(message);
    });

    it("an abort during a 30 s backoff rejects at once", async () => {
      server.answer(() => json({}, 503, { "Retry-After": "30" }));
      const client = target.create(server.origin, { logger });
      const controller = new AbortController();
      const call = target.call(client, controller.signal);
      // Once the first 503 is in, the client waits 30 s before the next attempt.
      while (server.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
      const aborted = performance.now();
      controller.abort();
      const error = await failure(call);
      expect(performance.now() - aborted).toBeLessThan(1_000); // not the 30 s, even under load
      expect((error as Error).name).toBe("AbortError");
      expect(server.requests).toHaveLength(1);
    });

    it("a POST is not retried", async () => {
      server.answer(() => json({ message: "busy" }, 503));
      const { clock, client } = setup();
      const { response } = await target.post(client);
      expect(response.status).toBe(503);
      expect(server.requests).toHaveLength(1);
      expect(clock.sleeps).toEqual([]);
    });

    it("the provider's own error answer becomes an ApiError with its message", async () => {
      const { status, body, message } = target.providerError;
      server.answer(() => json(body, status));
      const { client } = setup();
      const result = await target.call(client);
      expect(result.error).toEqual(body); // the typed client exposes it on the error branch
      const error = await failure(client.unwrap(Promise.resolve(result)));
      expect(ApiError.is(error)).toBe(true);
      expect(error).toMatchObject({ status, providerMessage: message });
    });

    it(
      target.rateLimit
        ? `1,000 concurrent calls stay within ${target.rateLimit.requests} per ${target.rateLimit.perMs} ms by default`
        : "1,000 concurrent calls go out at once by default, and within a rateLimit when one is set",
      async () => {
        const run = async (rateLimit?: RateLimit) => {
          const clock = virtualClock();
          const sent: number[] = [];
          const fetch = async () => (sent.push(clock.now()), Response.json(target.success));
          const client = target.create("http://127.0.0.1:9", {
            clock,
            fetch,
            ...(rateLimit && { rateLimit }),
          });
          await clock.run(Promise.all(Array.from({ length: 1000 }, () => target.call(client))));
          return sent;
        };
        const limit = target.rateLimit ?? { requests: 50, perMs: 1_000 };
        const sent = await run(target.rateLimit ? undefined : limit);
        expect(sent).toHaveLength(1000);
        for (let i = limit.requests; i < sent.length; i++) {
          expect(sent[i]! - sent[i - limit.requests]!).toBeGreaterThanOrEqual(limit.perMs);
        }
        if (!target.rateLimit) expect(new Set(await run())).toEqual(new Set([0]));
      },
      30_000, // virtual time, but thousands of event-loop turns: slow on a loaded machine
    );

    it("no secret appears in any error, cause, log line or response URL", async () => {
      // Answers that echo every secret back, as a misbehaving server or proxy might.
      const echo = target.secrets.map((s) => `${s} ${encodeURIComponent(s)}`).join(" ");
      // Only the hung server gets a per-attempt timeout: on a loaded machine any other answer may
      // also take longer than it, and end as a TimeoutError instead of the error it is there for.
      const answers: Array<[() => Response | Promise<Response>, number]> = [
        [() => json({ success: false, message: `bad key ${echo}`, detail: echo }, 401), 0],
        [() => new Response(`{"echo": "${echo}`, { status: 200 }), 0], // truncated JSON
        [() => json({}, 429, { "Retry-After": "3600" }), 0],
        [() => resetMidBody(200, JSON.stringify({ echo })), 0],
        [() => hang(), 100],
      ];
      const seen: string[] = [];
      const kinds = new Set<string>();
      for (const [answer, timeoutMs] of answers) {
        server.answer(answer);
        const { client } = setup({ retry: { retries: 1 }, timeoutMs });
        const result = target.call(client);
        const error = await failure(client.unwrap(result));
        seen.push(exposed(error));
        kinds.add((error as Error).name);
        const response = await result.then(
          (r) => r.response,
          () => undefined,
        );
        if (response) seen.push(response.url);
      }
      seen.push(...lines);
      expect([...kinds].sort()).toEqual(["ApiError", "ConnectionError", "TimeoutError"]);
      expect(lines.length).toBeGreaterThanOrEqual(answers.length);
      const text = seen.join("\n");
      for (const secret of target.secrets) {
        expect(text).not.toContain(secret);
        expect(text).not.toContain(encodeURIComponent(secret));
      }
      expect(text).toContain("***");
    });
  });
}
