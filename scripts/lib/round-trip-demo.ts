/**
 * The round-trip part of `pnpm demo`: a generated list of addresses sent to the sandbox over
 * loopback HTTP with `processFile` for ZeroBounce, IPQS and SanitizeEmail at once, the results
 * streamed to files in a temporary directory, and each provider's verdicts counted against what
 * the sandbox's rule says they must be (valid unless malformed or on a dead domain).
 */
import { openAsBlob } from "node:fs";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import type { RoundTripProgress } from "@filestatus/core";
import * as ipqs from "@filestatus/ipqs";
import * as sanitizeemail from "@filestatus/sanitizeemail";
import * as zerobounce from "@filestatus/zerobounce";

const DEAD = ["dead.example", "bounce.example", "invalid.test"];
const MALFORMED = ["not-an-email", "two@@example.com", "no-tld@example"];

/** `count` addresses: 6 in 10 valid, 2 on a dead domain, 2 malformed. */
export function demoList(count: number): { csv: string; valid: number; invalid: number } {
  const rows = ["email,name"];
  let valid = 0;
  for (let i = 0; i < count; i++) {
    const kind = i % 10;
    if (kind < 6) valid++;
    const email =
      kind < 6
        ? `user${i}@example.com`
        : kind < 8
          ? `user${i}@${DEAD[i % DEAD.length]}`
          : `${MALFORMED[i % MALFORMED.length]}${i}`;
    rows.push(`${email},Person ${i}`);
  }
  return { csv: `${rows.join("\n")}\n`, valid, invalid: count - valid };
}

/** Each provider's round trip, and how its results CSV says an address is valid. */
interface Trip {
  provider: string;
  process(file: Blob, onProgress: (p: RoundTripProgress) => void): Promise<Response>;
  column: string;
  valid: string;
}

function trips(origin: string): Trip[] {
  const common = { intervalMs: 100, timeoutMs: 20_000, filename: "list.csv" };
  const zb = zerobounce.createClient({ apiKey: "demo-key", baseUrl: origin });
  const iq = ipqs.createClient({ apiKey: "demo-key", baseUrl: `${origin}/api/json/csv/{apiKey}` });
  const se = sanitizeemail.createClient({ apiKey: "demo-key", baseUrl: origin });
  const results = async (done: Promise<{ results: Response }>) => (await done).results;
  return [
    {
      provider: "zerobounce",
      process: (file, onProgress) =>
        results(
          zb.processFile(file, { ...common, emailColumn: 1, hasHeaderRow: true, onProgress }),
        ),
      column: "ZB Status",
      valid: "valid",
    },
    {
      provider: "ipqs",
      process: (file, onProgress) =>
        results(iq.processFile(file, { ...common, type: "email", onProgress })),
      column: "valid",
      valid: "true",
    },
    {
      provider: "sanitizeemail",
      process: (file, onProgress) =>
        results(se.processFile(file, { ...common, job: "validate", onProgress })),
      column: "status",
      valid: "valid",
    },
  ];
}

/** Valid and invalid rows of a results CSV (the demo list has no quoted fields). */
function count(csv: string, column: string, validWord: string): { valid: number; invalid: number } {
  const [header = "", ...rows] = csv.split(/\r?\n/).filter((line) => line !== "");
  const at = header.split(",").indexOf(column);
  const valid = rows.filter((row) => row.split(",")[at] === validWord).length;
  return { valid, invalid: rows.length - valid };
}

/** Runs the three round trips against the sandbox at `origin`; resolves true when all matched. */
export async function roundTripDemo(origin: string, size = 200): Promise<boolean> {
  const dir = await mkdtemp(join(tmpdir(), "filestatus-demo-"));
  const list = demoList(size);
  const listPath = join(dir, "list.csv");
  await writeFile(listPath, list.csv);
  console.log(
    `\nround trip: ${size} addresses (${list.invalid} malformed or on dead domains) sent to zerobounce, ipqs and sanitizeemail`,
  );
  const file = await openAsBlob(listPath);
  const outcomes = await Promise.all(
    trips(origin).map(async (trip) => {
      const seen = new Set<string>();
      const onProgress = (p: RoundTripProgress) => {
        if (seen.has(p.phase)) return;
        seen.add(p.phase);
        console.log(`${trip.provider.padEnd(14)} ${p.phase}`);
      };
      const path = join(dir, `${trip.provider}.csv`);
      const response = await trip.process(file, onProgress);
      await writeFile(path, Readable.fromWeb(response.body as never));
      const found = count(await readFile(path, "utf8"), trip.column, trip.valid);
      const ok = found.valid === list.valid && found.invalid === list.invalid;
      return { provider: trip.provider, path, ...found, ok };
    }),
  );
  console.log();
  for (const o of outcomes)
    console.log(
      `${o.provider.padEnd(14)} ${o.valid} valid, ${o.invalid} invalid ${o.ok ? "(as expected)" : `(expected ${list.valid} valid, ${list.invalid} invalid)`} → ${o.path}`,
    );
  return outcomes.every((o) => o.ok);
}
