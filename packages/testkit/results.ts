/**
 * Small ways of reading what the code under test produced.
 */

/** Every item of an async iterable, in order (for the `uploads()` pages of a provider). */
export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

/** What `promise` rejects with (or, if it does not, resolves with), for assertions on errors. */
export const caught = (promise: Promise<unknown>): Promise<unknown> =>
  promise.catch((error: unknown) => error);

/** Everything an error exposes that could end up in a log. */
export function exposed(error: unknown): string {
  const parts: string[] = [];
  for (let e: unknown = error, depth = 0; e !== undefined && depth < 6; depth++) {
    if (e instanceof Error) parts.push(e.message, e.stack ?? "", JSON.stringify(e), String(e));
    else parts.push(JSON.stringify(e) ?? String(e));
    e = e instanceof Error ? e.cause : undefined;
  }
  return parts.join("\n");
}
