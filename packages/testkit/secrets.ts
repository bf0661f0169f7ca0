import type { RecordedRequest } from "./serve.ts";

/**
 * Every place of a recorded request where `secret` appears, as `path`, `query:<name>`,
 * `header:<name>` or `body`, so a test can assert a credential went where documented and nowhere else.
 */
export function placesOf(request: RecordedRequest, secret: string): string[] {
  const spellings = [secret, encodeURIComponent(secret)];
  const has = (text: string) => spellings.some((s) => text.includes(s));
  const places: string[] = [];
  if (has(request.url.pathname)) places.push("path");
  for (const [name, value] of request.url.searchParams)
    if (has(value) || has(name)) places.push(`query:${name}`);
  for (const [name, value] of Object.entries(request.headers))
    if (has(value)) places.push(`header:${name}`);
  if (has(request.body)) places.push("body");
  return places;
}
