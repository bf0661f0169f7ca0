/**
 * A provider name is looked up among the five only: the names every object inherits are unknown
 * providers like any other, a usage error for every command.
 */
import { beforeAll, describe, it } from "vitest";
import { ensureBuilt, lines, run } from "./run.ts";

/** Each name every object inherits, and each command, at least once (a child process a case). */
const CASES: readonly [name: string, args: readonly string[]][] = [
  ["constructor", ["status", "1"]],
  ["__proto__", ["status", "1"]],
  ["toString", ["watch", "1", "2"]],
  ["hasOwnProperty", ["watch", "1"]],
  ["__proto__", ["list"]],
  ["constructor", ["list"]],
];

beforeAll(ensureBuilt, 60_000);

describe.concurrent("inherited names are unknown providers", () => {
  it.for(CASES)("%s in %j: exit 2", async ([name, [command, ...rest]], { expect }) => {
    const result = await run([command!, name, ...rest, "--sandbox"]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(lines(result.stderr)).toEqual([
      `filestatus: unknown provider "${name}" (one of: zerobounce, ipqs, sanitizeemail, highlevel, constantcontact)`,
    ]);
  });
});
