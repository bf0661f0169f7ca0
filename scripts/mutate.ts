/**
 * Mutation check: breaks each guarantee in scripts/lib/mutations.ts in the working tree, runs the
 * suite that should notice, and puts the file back. Prints one line per mutation, `killed` (the
 * suite failed, or hung past the time limit) or `SURVIVED` (it passed: nothing tests that
 * guarantee), and exits 1 if any survived. Slow (a suite run per mutation), so not in `pnpm test`.
 *
 *   pnpm mutate                 every mutation
 *   pnpm mutate redirect body   only those whose name or file contains one of the words
 *
 * It refuses to start while a file it would mutate has uncommitted changes, so that
 * `git checkout -- <file>` can always undo it, even after a crash.
 */
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { killRunning, runBounded, type Bounded } from "./lib/bounded.ts";
import { applyMutation, MUTATIONS, tableProblems, type Mutation } from "./lib/mutations.ts";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const vitest = join(root, "node_modules/.bin/vitest");
/** A suite takes about 10 s; one that runs for minutes is waiting on something that never comes. */
const TIMEOUT_MS = 180_000;

const words = process.argv.slice(2);
const chosen = MUTATIONS.filter(
  (m) => words.length === 0 || words.some((w) => m.name.includes(w) || m.file.includes(w)),
);

function fail(message: string): never {
  console.error(`mutate: ${message}`);
  process.exit(2);
}

const problems = tableProblems(chosen, root);
if (problems.length) fail(`the table does not apply:\n  ${problems.join("\n  ")}`);
if (chosen.length === 0) fail(`no mutation matches ${words.join(" ")}`);

const files = [...new Set(chosen.map((m) => m.file))];
const dirty = execFileSync("git", ["status", "--porcelain", "--", ...files], {
  cwd: root,
  encoding: "utf8",
}).trim();
if (dirty) fail(`commit or stash these first, they are what it mutates:\n${dirty}`);

// The file currently mutated and its text, put back on every way out.
let mutated: { path: string; original: string } | undefined;
function restore(): void {
  if (mutated) writeFileSync(mutated.path, mutated.original);
  mutated = undefined;
}
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
  process.on(signal, () => {
    killRunning();
    restore();
    console.error(`mutate: stopped by ${signal}; every file is as it was`);
    process.exit(130);
  });
}
process.on("exit", restore);

const runSuite = (suite: string): Promise<Bounded> =>
  runBounded(vitest, ["run"], {
    cwd: join(root, suite),
    timeoutMs: TIMEOUT_MS,
    env: { ...process.env, FORCE_COLOR: "0", NO_COLOR: "1" },
  });

/** "3 failed" from vitest's closing "Tests  3 failed | 40 passed (43)". */
const failedTests = (output: string): string =>
  output.match(/Tests\s+(\d+ failed)/)?.[1] ?? "the run failed";

// A suite that fails without any mutation would kill every mutation and prove nothing.
for (const suite of new Set(chosen.map((m) => m.suite))) {
  const run = await runSuite(suite);
  if (run.code !== 0)
    fail(`${suite} fails before any mutation (${failedTests(run.output)}); fix that first`);
}

async function check(m: Mutation): Promise<boolean> {
  const path = join(root, m.file);
  const original = readFileSync(path, "utf8");
  mutated = { path, original };
  let run: Bounded;
  try {
    writeFileSync(path, applyMutation(original, m));
    run = await runSuite(m.suite);
  } finally {
    restore();
  }
  const why = run.timedOut ? `timed out after ${TIMEOUT_MS / 1000} s` : failedTests(run.output);
  const killed = run.timedOut || run.code !== 0;
  console.log(
    `${killed ? "killed  " : "SURVIVED"}  ${m.file}: ${m.name}${killed ? ` (${why})` : ""}`,
  );
  return killed;
}

let survived = 0;
for (const m of chosen) if (!(await check(m))) survived++;
console.log(`${chosen.length - survived} of ${chosen.length} mutations killed`);
process.exitCode = survived > 0 ? 1 : 0;
