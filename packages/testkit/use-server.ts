/**
 * A loopback server for one vitest file: started before its tests, closed after them, answering
 * with `initial` unless a test says otherwise. Each test starts with an empty request log.
 */
import { afterAll, beforeAll, beforeEach } from "vitest";
import { serve, type Handler, type RecordedRequest, type TestServer } from "./serve.ts";

export interface ServerHandle {
  /** `http://127.0.0.1:<port>` */
  readonly origin: string;
  readonly requests: RecordedRequest[];
  /** The most recent request. */
  last(): RecordedRequest;
  /** Answers every following request of the current test with `handler`. */
  answer(handler: Handler): void;
}

export function useServer(initial: Handler = () => Response.json({})): ServerHandle {
  let server: TestServer | undefined;
  let handler = initial;
  const started = () => {
    if (!server) throw new Error("useServer: the server starts in beforeAll; use it inside a test");
    return server;
  };
  beforeAll(async () => {
    server = await serve((request, recorded) => handler(request, recorded));
  });
  beforeEach(() => {
    handler = initial;
    started().requests.length = 0;
  });
  afterAll(() => server?.close());
  return {
    get origin() {
      return started().origin;
    },
    get requests() {
      return started().requests;
    },
    last: () => {
      const request = started().requests.at(-1);
      if (!request) throw new Error("useServer: no request has arrived");
      return request;
    },
    answer: (next) => {
      handler = next;
    },
  };
}
