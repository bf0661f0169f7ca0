/**
 * A server-side tally around a web-standard handler (a sandbox's `fetch`): every answer by status,
 * and every upload by the name of the file it carried, counted as the request arrives, whatever
 * the answer. What a client believes it sent proves nothing; this is what the server saw.
 */

export type FetchHandler = (request: Request) => Promise<Response>;

export interface ServerTally {
  /** Requests that reached the handler. */
  requests: number;
  /** Answers by HTTP status. */
  statuses: Map<number, number>;
  /** Requests by method and path (`GET /v2/filestatus`). */
  paths: Map<string, number>;
  /** Upload requests by the `filename` of their file part (`""` when it had none). */
  uploads: Map<string, number>;
  /** When each request arrived, on the clock given, in order. */
  arrivals: number[];
}

export interface CountingHandler {
  handler: FetchHandler;
  tally: ServerTally;
}

/** The name of the first file part of a multipart request, or `""`. */
async function fileName(request: Request): Promise<string> {
  try {
    const form = await request.formData();
    for (const [, value] of form) if (typeof value !== "string") return value.name;
  } catch {
    // not a form: counted under ""
  }
  return "";
}

/**
 * `handler` with a tally. `isUpload` tells upload requests apart (e.g. `POST /v2/sendfile`);
 * their multipart body is read from a clone, so the handler still gets it whole.
 */
export function countingHandler(
  handler: FetchHandler,
  isUpload: (request: Request, url: URL) => boolean,
  now: () => number = Date.now,
): CountingHandler {
  const tally: ServerTally = {
    requests: 0,
    statuses: new Map(),
    paths: new Map(),
    uploads: new Map(),
    arrivals: [],
  };
  const add = <K>(map: Map<K, number>, key: K) => map.set(key, (map.get(key) ?? 0) + 1);
  return {
    tally,
    handler: async (request) => {
      tally.requests++;
      tally.arrivals.push(now());
      const url = new URL(request.url);
      add(tally.paths, `${request.method} ${url.pathname}`);
      if (isUpload(request, url)) add(tally.uploads, await fileName(request.clone()));
      const response = await handler(request);
      add(tally.statuses, response.status);
      return response;
    },
  };
}

/**
 * The most requests that arrived within any window of `windowMs` (a window holds the arrivals
 * `t` with `start ≤ t < start + windowMs`): what a server's sliding window would have counted.
 */
export function busiestWindow(arrivals: readonly number[], windowMs: number): number {
  const sorted = [...arrivals].sort((a, b) => a - b);
  let busiest = 0;
  for (let end = 0, start = 0; end < sorted.length; end++) {
    while (sorted[end]! - sorted[start]! >= windowMs) start++;
    busiest = Math.max(busiest, end - start + 1);
  }
  return busiest;
}
