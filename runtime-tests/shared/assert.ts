/**
 * The few assertions the shared flow needs. No test framework here: the same code runs under
 * vitest, `deno test` and `bun test`, and each runner reports a thrown Error as a failure.
 */

/** Throws with `message` unless `condition` holds. */
export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(`assertion failed: ${message}`);
}

/** Throws unless `actual === expected`, showing both. */
export function assertEqual<T>(actual: T, expected: T, what: string): void {
  if (actual !== expected) {
    throw new Error(
      `assertion failed: ${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`,
    );
  }
}

/** Throws unless `text` is free of every secret (as written and percent-encoded). */
export function assertNoSecret(text: string, secrets: readonly string[], where: string): void {
  for (const secret of secrets) {
    for (const spelling of new Set([secret, encodeURIComponent(secret)])) {
      assert(!text.includes(spelling), `${where} contains the credential ${secret}`);
    }
  }
}
