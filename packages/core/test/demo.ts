/**
 * A demo provider for the polling tests: one upload per request at `/uploads/{id}`, answered by a
 * script of responses, with the time of every request recorded.
 */
import {
  createApiClient,
  uploadHelpers,
  type ApiClient,
  type Clock,
  type CommonOptions,
  type StatusSource,
  type UploadState,
  type UploadHelpers,
  type UploadStatus,
} from "../src/index.ts";

export interface Paths {
  "/uploads": {
    get: {
      parameters: { query?: { ids?: string } };
      responses: { 200: { content: { "application/json": { uploads: Upload[] } } } };
    };
  };
  "/uploads/{id}": {
    get: {
      parameters: { path: { id: string } };
      responses: { 200: { content: { "application/json": Upload } } };
    };
  };
}

export interface Upload {
  id: string;
  state: UploadState;
  progress?: number;
}

export type Demo = ApiClient<Paths>;

export const upload = (state: UploadState, id = "u1", progress?: number): Upload => ({
  id,
  state,
  ...(progress !== undefined && { progress }),
});

export const json = (body: unknown, status = 200, headers: Record<string, string> = {}): Response =>
  Response.json(body, { status, headers });

export const toStatus = (u: Upload): UploadStatus => ({
  provider: "demo",
  id: u.id,
  state: u.state,
  ...(u.progress !== undefined && { progress: u.progress }),
  raw: u,
});

/** `one` over `GET /uploads/{id}`. */
export const byId =
  (client: Demo): StatusSource["one"] =>
  async (id, signal) =>
    toStatus(
      await client.unwrap(client.GET("/uploads/{id}", { params: { path: { id } }, signal })),
    );

/** `many` over `GET /uploads?ids=a,b`, which lists the uploads it knows of those asked for. */
export const listed =
  (client: Demo): StatusSource["many"] =>
  async (ids, signal) => {
    const params = { query: { ids: ids.join(",") } };
    const { uploads } = await client.unwrap(client.GET("/uploads", { params, signal }));
    return new Map(uploads.map((u) => [u.id, toStatus(u)]));
  };

/**
 * A server holding uploads in `states`: `/uploads?ids=` lists those asked for, `/uploads/{id}`
 * answers for one (404 when it holds none).
 */
export const holding =
  (states: Record<string, UploadState>) =>
  (request: Request): Response => {
    const url = new URL(request.url);
    const has = (id: string) => Object.hasOwn(states, id);
    if (url.pathname === "/uploads") {
      const ids = (url.searchParams.get("ids") ?? "").split(",").filter(has);
      return json({ uploads: ids.map((id) => upload(states[id]!, id)) });
    }
    const id = decodeURIComponent(url.pathname.split("/").at(-1)!);
    return has(id) ? json(upload(states[id]!, id)) : json({ message: "Not found." }, 404);
  };

/**
 * A client whose fetch answers with `answers` in turn (the last one from then on), recording
 * when each request was sent on `clock`.
 */
export function scripted(
  clock: Clock,
  answers: Array<(request: Request) => Response | Promise<Response>>,
  options: CommonOptions = {},
): { client: Demo; sent: number[] } {
  const sent: number[] = [];
  const fetch = async (request: Request) => {
    sent.push(clock.now());
    return answers[Math.min(sent.length, answers.length) - 1]!(request);
  };
  const client = createApiClient<Paths>(
    { provider: "demo", defaultBaseUrl: "https://demo.test", credentials: [] },
    { clock, fetch, ...options },
  );
  return { client, sent };
}

export const helpersOf = (client: Demo, source: Partial<StatusSource> = {}): UploadHelpers =>
  uploadHelpers(client, { one: byId(client), ...source });

/** A signal that counts the abort listeners attached to it and not yet removed. */
export function countedSignal(): { signal: AbortSignal; listeners: () => number } {
  const { signal } = new AbortController();
  let count = 0;
  const add = signal.addEventListener.bind(signal);
  const remove = signal.removeEventListener.bind(signal);
  const counted = new Set<unknown>();
  signal.addEventListener = ((type: string, listener: EventListener, options?: unknown) => {
    if (type === "abort" && !counted.has(listener)) (counted.add(listener), count++);
    add(type, listener, options as AddEventListenerOptions);
  }) as typeof signal.addEventListener;
  signal.removeEventListener = ((type: string, listener: EventListener, options?: unknown) => {
    if (type === "abort" && counted.delete(listener)) count--;
    remove(type, listener, options as EventListenerOptions);
  }) as typeof signal.removeEventListener;
  return { signal, listeners: () => count };
}

/** The rejections nobody handled while `work` ran (and shortly after). */
export async function unhandledDuring(work: () => Promise<void>): Promise<unknown[]> {
  const unhandled: unknown[] = [];
  const record = (reason: unknown) => unhandled.push(reason);
  process.on("unhandledRejection", record);
  try {
    await work();
    await new Promise((resolve) => setTimeout(resolve, 20));
    return unhandled;
  } finally {
    process.off("unhandledRejection", record);
  }
}
