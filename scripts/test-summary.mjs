// Sums the "Tests …" summary lines of every vitest run in a log read from stdin and prints
// "N passed, N failed" (CI's closing line). Exits 1 when no test ran at all.
let text = "";
for await (const chunk of process.stdin) text += chunk;
let passed = 0;
let failed = 0;
for (const line of text.split("\n")) {
  const summary = line.match(/\bTests\s+(.*\(\d+\))\s*$/);
  if (!summary) continue;
  passed += Number(summary[1].match(/(\d+) passed/)?.[1] ?? 0);
  failed += Number(summary[1].match(/(\d+) failed/)?.[1] ?? 0);
}
console.log(`${passed} passed, ${failed} failed`);
if (passed + failed === 0) process.exitCode = 1;
