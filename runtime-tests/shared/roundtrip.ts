/**
 * The round trip on every runtime: `processFile` sends a small file to a fresh sandbox over real
 * loopback HTTP, waits for it and reads the results, for each provider. The expected results are
 * written from the sandbox's documented rule (an address is valid when it is well-formed and its
 * domain is not a dead one), not read from the sandbox.
 */
import * as constantcontact from "@filestatus/constantcontact";
import type { RoundTripProgress } from "@filestatus/core";
import * as highlevel from "@filestatus/highlevel";
import * as ipqs from "@filestatus/ipqs";
import * as sanitizeemail from "@filestatus/sanitizeemail";
import * as zerobounce from "@filestatus/zerobounce";
import { assert, assertEqual, assertNoSecret } from "./assert.ts";
import { FAST_RETRY } from "./steps.ts";

const KEY = "live-K3y-q8Zt4Wm";

/** Three addresses: one valid, one on a dead domain, one malformed. */
export const LIST =
  "email,name\r\nann@example.com,Ann\r\nbob@dead.example,Bob\r\nnot-an-email,Cy\r\n";
const EXPECTED: Record<string, "valid" | "invalid"> = {
  "ann@example.com": "valid",
  "bob@dead.example": "invalid",
  "not-an-email": "invalid",
};

/** Polls every 50 ms: the sandbox runs fast, and IPQS reports no progress to schedule by. */
const FAST = { intervalMs: 50, timeoutMs: 20_000 };

/** The rows of a small CSV (no quoted commas in these results). */
function rows(text: string): string[][] {
  return text
    .split(/\r?\n/)
    .filter((line) => line !== "")
    .map((line) => line.split(",").map((field) => field.replace(/^"|"$/g, "")));
}

/** Phases in the order they first appeared. */
function phases(seen: RoundTripProgress[]): string[] {
  return [...new Set(seen.map((p) => p.phase))];
}

/** Checks a results CSV: one row per address, the verdict in column `column`. */
function checkVerdicts(csv: string, column: string, verdictOf: (cell: string) => string): void {
  const [header, ...data] = rows(csv);
  const at = header!.indexOf(column);
  const emailAt = header!.findIndex((h) => h.toLowerCase() === "email");
  assert(
    at >= 0 && emailAt >= 0,
    `results header ${JSON.stringify(header)} has email and ${column}`,
  );
  const got = Object.fromEntries(data.map((row) => [row[emailAt]!, verdictOf(row[at]!)]));
  assertEqual(JSON.stringify(got), JSON.stringify(EXPECTED), `verdicts in the ${column} column`);
}

async function zerobounceTrip(origin: string): Promise<void> {
  const zb = zerobounce.createClient({ apiKey: KEY, baseUrl: origin, retry: FAST_RETRY });
  const seen: RoundTripProgress[] = [];
  const { status, results } = await zb.processFile(LIST, {
    emailColumn: 1,
    hasHeaderRow: true,
    filename: "list.csv",
    onProgress: (p) => void seen.push(p),
    ...FAST,
  });
  assertEqual(status.state, "complete", "state after processFile");
  checkVerdicts(await results.text(), "ZB Status", (cell) => cell);
  assertEqual(phases(seen).join(" "), "uploading processing downloading", "phases");
}

async function ipqsTrip(origin: string): Promise<void> {
  const baseUrl = `${origin}/api/json/csv/{apiKey}`;
  const client = ipqs.createClient({ apiKey: KEY, baseUrl, retry: FAST_RETRY });
  const { status, results } = await client.processFile(LIST, {
    type: "email",
    filename: "list.csv",
    ...FAST,
  });
  assertEqual(status.state, "complete", "state after processFile");
  checkVerdicts(await results.text(), "valid", (cell) => (cell === "true" ? "valid" : "invalid"));
  // The links IPQS hands out are secrets: the status keeps them redacted.
  assertNoSecret(JSON.stringify(status), [KEY], "the final status");
  assert(
    !/download=(?!\*\*\*)/.test(JSON.stringify(status.raw)),
    "download links are redacted in raw",
  );
}

async function sanitizeemailTrip(origin: string): Promise<void> {
  const client = sanitizeemail.createClient({ apiKey: KEY, baseUrl: origin, retry: FAST_RETRY });
  const { status, results } = await client.processFile(LIST, {
    job: "validate",
    emailColumn: "email",
    filename: "list.csv",
    ...FAST,
  });
  assertEqual(status.state, "complete", "state after processFile");
  checkVerdicts(await results.text(), "status", (cell) => cell);
}

/** Three posts for HighLevel's CSV import; the one without text is reported as an error. */
const POSTS = [
  "postAtSpecificTime (yyyy-MM-dd HH:mm:ss),content,imageUrls",
  "2026-12-01 09:00:00,Launch day,",
  "2026-12-02 09:00:00,Behind the scenes,",
  "2026-12-03 09:00:00,,",
].join("\r\n");

async function highlevelTrip(origin: string): Promise<void> {
  const locationId = "sbxLocation000000001";
  const options = { baseUrl: origin, locationId, retry: FAST_RETRY };
  const client = highlevel.createClient({ accessToken: KEY, ...options });
  const accountIds = [`acc1_${locationId}_facebook`];
  const { status, results } = await client.processFile(POSTS, {
    accountIds,
    filename: "posts.csv",
    ...FAST,
  });
  assertEqual(status.state, "complete", "state after processFile");
  assertEqual(results.posts.length, 3, "posts of the import");
  const summaries = results.posts.map((post) => post.summary ?? "").join("|");
  assertEqual(summaries, "Launch day|Behind the scenes|", "post texts, in order");
  const errors = results.posts.map((post) => Boolean(post.errorMessage)).join(",");
  assertEqual(errors, "false,false,true", "only the post without text has an error");
  await client.deleteUpload(status.id);
  assertEqual((await client.uploadStatus(status.id)).state, "deleted", "state after deleteUpload");
}

/** A real 3×2 PNG. */
const PNG = Uint8Array.from(
  atob(
    "iVBORw0KGgoAAAANSUhEUgAAAAMAAAACCAIAAAASFvFNAAAAEElEQVR4nGP4z8AAQQxwFgBB0gX7h/C5SAAAAABJRU5ErkJggg==",
  ),
  (c) => c.charCodeAt(0),
);

async function constantcontactTrip(origin: string): Promise<void> {
  const token = "live-T0ken-m4Hs9Lc";
  const options = { baseUrl: origin, accessToken: token, retry: FAST_RETRY };
  const client = constantcontact.createClient({ apiKey: KEY, ...options });
  const { status, results } = await client.processFile(PNG, { filename: "logo.png", ...FAST });
  assertEqual(status.state, "complete", "state after processFile");
  assertEqual(results.name, "logo.png", "name of the library file");
  assertEqual(results.size, PNG.byteLength, "size of the library file");
  // The Library hosts the file at its url: the bytes come back unchanged.
  const hosted = new Uint8Array(await (await fetch(results.url!)).arrayBuffer());
  assertEqual(hosted.join(","), PNG.join(","), "bytes served at the file's url");
  await client.deleteUpload(status.id);
  assertEqual((await client.uploadStatus(status.id)).state, "deleted", "state after deleteUpload");
}

/** Each provider's round trip, given the origin (`http://127.0.0.1:<port>`) of a fresh sandbox. */
export const roundTrips: Record<string, (origin: string) => Promise<void>> = {
  zerobounce: zerobounceTrip,
  ipqs: ipqsTrip,
  sanitizeemail: sanitizeemailTrip,
  highlevel: highlevelTrip,
  constantcontact: constantcontactTrip,
};
