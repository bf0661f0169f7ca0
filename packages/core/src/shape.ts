/**
 * Building blocks of the shape checks providers pass to `client.unwrap(call, expect)`: each returns
 * why a value is not what the API documents (the reason of an "unexpected response" `ApiError`), or
 * `undefined` when it is. A status helper must never answer with a raw `TypeError`, or with another
 * upload's status.
 */

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** `null`, `missing`, `an array`, `an object`, `a string`…: what a value is, for a reason. */
export function kindOf(value: unknown): string {
  if (value === null) return "null";
  if (value === undefined) return "missing";
  if (Array.isArray(value)) return "an array";
  return /^[aeiou]/.test(typeof value) ? `an ${typeof value}` : `a ${typeof value}`;
}

/** Why `value` (called `what`) is not an object. */
export function notObject(value: unknown, what: string): string | undefined {
  return isRecord(value) ? undefined : `${what} is ${kindOf(value)}, not an object`;
}

/** Why `value` (called `what`) is not an array of objects. */
export function notObjects(value: unknown, what: string): string | undefined {
  if (!Array.isArray(value)) return `${what} is ${kindOf(value)}, not an array`;
  return value.every(isRecord) ? undefined : `${what} holds something other than objects`;
}

/**
 * Why `value`, the id field `what` of a body, does not name the upload `id` asked for. Ids compare
 * as text, since providers send them as numbers or strings.
 */
export function otherId(value: unknown, id: string, what: string): string | undefined {
  if (typeof value !== "string" && typeof value !== "number") return `${what} is missing`;
  return String(value) === id ? undefined : `${what} is ${JSON.stringify(value)}, not ${id}`;
}
