/**
 * Checks of the numbers users pass in, where they pass them. A number that is `NaN`, negative,
 * a string or infinite where it must not be would otherwise flood a server (`intervalMs: NaN`
 * polls without pause), never end (`retries: NaN`) or overflow a timer, so each is refused with an
 * error naming the option, before anything is sent.
 */

export interface NumberRule {
  /** The smallest value allowed. */
  min: number;
  /** `min` itself is not allowed (for "more than 0"). */
  exclusive?: boolean;
  /** Whole numbers only. */
  integer?: boolean;
  /** `Infinity` is allowed (it means "no limit" where the option documents it). */
  infinite?: boolean;
}

/** A short, safe description of a value for an error message (numbers are never secrets). */
export function shown(value: unknown): string {
  if (typeof value === "string") return `the string ${JSON.stringify(value.slice(0, 20))}`;
  if (typeof value === "number" || typeof value === "bigint") return String(value);
  return value === null ? "null" : typeof value;
}

function wanted(rule: NumberRule): string {
  const kind = rule.integer ? "an integer" : "a number";
  const bound = `${rule.exclusive ? ">" : "≥"} ${rule.min}`;
  return `${kind} ${bound}${rule.infinite ? " (or Infinity)" : ""}`;
}

/**
 * Throws the `TypeError` for an option refused where it is given: `<owner>: <what>`, e.g.
 * `@filestatus/ipqs: fetch must be a function`. Every option check builds its message here.
 */
export function refuse(owner: string, what: string): never {
  throw new TypeError(`${owner}: ${what}`);
}

/**
 * `value` when it is a number that keeps `rule`; otherwise a `TypeError` (not a number) or a
 * `RangeError` (out of range) whose message names `owner` and `name`, e.g.
 * `@filestatus/ipqs: intervalMs must be a number > 0, got NaN`.
 */
export function checkNumber(owner: string, name: string, value: unknown, rule: NumberRule): number {
  const why = `${name} must be ${wanted(rule)}, got ${shown(value)}`;
  if (typeof value !== "number") refuse(owner, why);
  // NaN fails either comparison.
  const fits =
    (rule.exclusive ? value > rule.min : value >= rule.min) &&
    (Number.isFinite(value) ? !rule.integer || Number.isInteger(value) : rule.infinite === true);
  if (!fits) throw new RangeError(`${owner}: ${why}`);
  return value;
}

/** Like {@link checkNumber}, for an option that may be left out. */
export function optionalNumber(
  owner: string,
  name: string,
  value: unknown,
  rule: NumberRule,
): number | undefined {
  return value === undefined ? undefined : checkNumber(owner, name, value, rule);
}

/** Durations in milliseconds: more than 0, `Infinity` where it means "never". */
export const DURATION: NumberRule = { min: 0, exclusive: true, infinite: true };

/** C0 and C1 controls and DEL: no option text needs them, and a terminal obeys some of them. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** `value` unless it is given and not `true` or `false`: then a `TypeError` naming `name`. */
export function optionalBoolean(owner: string, name: string, value: unknown): boolean | undefined {
  if (value !== undefined && typeof value !== "boolean")
    refuse(owner, `${name} must be true or false, got ${shown(value)}`);
  return value;
}

/**
 * `value` unless it is given and not a non-empty string without control characters (a name
 * that would reach an error message or a terminal): then a `TypeError` naming `name`.
 */
export function optionalText(owner: string, name: string, value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "string" || value.trim() === "" || CONTROL.test(value))
    refuse(owner, `${name} must be a non-empty string without control characters`);
  return value;
}

/** `options` when it is an object; a `TypeError` saying `what` needs one otherwise. */
export function optionsObject<T>(owner: string, what: string, options: T): T {
  if (typeof options !== "object" || options === null)
    refuse(owner, `${what} needs an options object`);
  return options;
}
