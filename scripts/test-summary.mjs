// Sums the closing lines of every test runner in a log read from stdin and prints
// "N passed, N failed, N skipped" (CI's closing line). Exits 1 when no test ran at all: skipped
// tests alone do not count as a run.
//   vitest: "Tests  3 failed | 40 passed | 2 skipped (45)"   (turbo prefixes and replays it for
//           cached tasks; "todo" counts as skipped)
//   deno:   "ok | 12 passed | 0 failed | 1 ignored (1s)"  /  "FAILED | 11 passed | 1 failed (1s)"
//   bun:    " 12 pass", " 1 fail" and " 2 skip" on lines of their own
let text = "";
for await (const chunk of process.stdin) text += chunk;
let passed = 0;
let failed = 0;
let skipped = 0;
const count = (line, re) => Number(line.match(re)?.[1] ?? 0);
for (const raw of text.split("\n")) {
  const line = raw.replace(/^\S+:\S+: /, ""); // turbo's "pkg:task: " prefix
  if (/\bTests\s+.*\(\d+\)\s*$/.test(line)) {
    passed += count(line, /(\d+) passed/);
    failed += count(line, /(\d+) failed/);
    skipped += count(line, /(\d+) skipped/) + count(line, /(\d+) todo/);
  } else if (/^(ok|FAILED) \| \d+ passed/.test(line)) {
    passed += count(line, /(\d+) passed/);
    failed += count(line, /(\d+) failed/);
    skipped += count(line, /(\d+) ignored/);
  } else if (/^\s*\d+ pass\s*$/.test(line)) {
    passed += count(line, /(\d+) pass/);
  } else if (/^\s*\d+ fail\s*$/.test(line)) {
    failed += count(line, /(\d+) fail/);
  } else if (/^\s*\d+ skip\s*$/.test(line)) {
    skipped += count(line, /(\d+) skip/);
  }
}
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
if (passed + failed === 0) process.exitCode = 1;
