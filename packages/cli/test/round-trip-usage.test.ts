/**
 * Usage errors of `send`, `results` and `run`: exit 2, one line on stderr naming what to change
 * (a flag the provider does not take, a file that is not there, an `-o` that cannot be written, an
 * option the client refuses in its own words), and nothing sent: the server sees no request.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, it } from "vitest";
import {
  emailList,
  fileIn,
  listing,
  loopbackSandbox,
  scratch,
  type LoopbackSandbox,
} from "./lists.ts";
import { ensureBuilt, lines, run } from "./run.ts";

let server: LoopbackSandbox;
let dir: string;
beforeAll(async () => {
  await ensureBuilt();
  server = await loopbackSandbox({ speed: 100 });
  dir = scratch();
  fileIn(dir, "list.csv", emailList(5).csv);
  fileIn(dir, "empty.csv", "");
  fileIn(dir, "two-columns.csv", "name,address\nAnn,ann@example.com\n");
  fileIn(dir, "report.pdf", "%PDF-1.4\n");
  fileIn(dir, "posts.csv", "postAtSpecificTime,content\n2026-01-01 10:00:00,Hello\n");
  mkdirSync(join(dir, "folder"));
}, 60_000);
afterAll(() => server.close());

/** `filestatus <args>` against the loopback sandbox, paths relative to the test's directory. */
function at(args: readonly string[]): string[] {
  const provider = args[1] as "zerobounce";
  const path = (arg: string) =>
    /\.(csv|pdf)$|^(folder|missing)\b/.test(arg) ? join(dir, arg) : arg;
  return [
    ...args.map(path),
    "--base-url",
    server.baseUrl(provider),
    "--api-key",
    "k",
    "--access-token",
    "t",
  ];
}

const CASES: readonly [args: string[], message: RegExp][] = [
  [
    ["run", "zerobounce", "list.csv", "--type", "email"],
    /^--type does not apply to zerobounce \(it takes --email-column, /,
  ],
  [
    ["send", "ipqs", "list.csv", "--type", "email", "--job", "validate"],
    /^--job does not apply to ipqs \(it takes --type\)$/,
  ],
  [
    ["results", "highlevel", "x", "--which", "all"],
    /^--which does not apply to highlevel \(it takes no provider flags here\)$/,
  ],
  [
    ["send", "zerobounce", "list.csv", "--no-has-header-row", "--account-id", "a"],
    /^--account-id does not apply to zerobounce/,
  ],
  [["run", "zerobounce", "missing.csv"], /missing\.csv: no such file$/],
  [["run", "zerobounce", "folder"], /folder is a directory, not a file$/],
  [["send", "zerobounce", "folder/missing.csv"], /missing\.csv: no such file$/],
  [
    ["run", "zerobounce", "list.csv", "-o", "missing/out.csv"],
    /^-o .*missing\/out\.csv: the directory .*missing does not exist$/,
  ],
  [["results", "zerobounce", "x", "-o", "folder"], /^-o .*folder: is a directory$/],
  [["run", "zerobounce", "list.csv", "-o", "list.csv/out.csv"], /list\.csv is not a directory$/],
  [["send", "zerobounce", "empty.csv"], /^the file is empty; nothing was sent$/],
  [
    ["send", "zerobounce", "list.csv", "--email-column", "0"],
    /^--email-column must be an integer ≥ 1, got 0$/,
  ],
  [
    ["send", "zerobounce", "list.csv", "--email-column", "1.5"],
    /^--email-column must be an integer ≥ 1, got 1\.5$/,
  ],
  [
    ["send", "zerobounce", "list.csv", "--email-column", "abc"],
    /^--email-column must be an integer ≥ 1, got the string "abc"$/,
  ],
  [
    ["send", "zerobounce", "list.csv", "--email-column", "9"],
    /^--email-column is 9 but the file's first line has 2 columns/,
  ],
  [["send", "zerobounce", "two-columns.csv"], /^zerobounce needs --email-column <n>/],
  [["send", "zerobounce", "report.pdf"], /ZeroBounce accepts \.csv and \.txt files/],
  [
    ["send", "zerobounce", "list.csv", "--return-url", "ftp://x"],
    /^--return-url must be an absolute http\(s\) URL$/,
  ],
  [
    ["results", "zerobounce", "x", "--download-type", "all"],
    /^--download-type must be one of phase_1, phase_2, combined$/,
  ],
  [["run", "ipqs", "list.csv"], /^the --type option is required \(proxy, email, url, phone\)$/],
  [
    ["run", "ipqs", "list.csv", "--type", "phonebook"],
    /^--type must be one of proxy, email, url, phone, got "phonebook"$/,
  ],
  [
    ["run", "ipqs", "list.csv", "--type", "email", "--which", "most"],
    /^--which must be one of all, bad, clean, pristine/,
  ],
  [["send", "sanitizeemail", "list.csv"], /^--job is required: "clean" or "validate"/],
  [["results", "sanitizeemail", "1"], /^--job is required: "clean" or "validate"/],
  [
    ["send", "sanitizeemail", "list.csv", "--job", "validate", "--email-column", "mail"],
    /^--email-column "mail" is not a column of the file's first line \("email", "name"\)/,
  ],
  [["send", "highlevel", "posts.csv"], /^--account-id is required/],
  [
    ["run", "highlevel", "posts.csv", "--account-id", "a", "--no-finalize"],
    /^--no-finalize does not apply to run/,
  ],
  [
    ["send", "constantcontact", "list.csv"],
    /the file name "list\.csv" is not an image or document/,
  ],
  [
    ["send", "constantcontact", "report.pdf", "--source", "Fax"],
    /^--source must be one of MyComputer, /,
  ],
  [["run", "zerobounce", "list.csv", "--timeout", "0"], /^--timeout must be a positive number$/],
  [["results", "zerobounce", "x", "--json"], /^--json does not apply to results/],
];

describe.concurrent("usage errors: exit 2, one line, nothing sent", () => {
  it.for(CASES)("%j", async ([args, message], { expect }) => {
    const result = await run(at(args));
    expect(result.stdout).toBe("");
    const err = lines(result.stderr);
    expect(err, result.stderr).toHaveLength(1);
    expect(err[0]!.replace(/^filestatus: /, "")).toMatch(message);
    expect(result.code).toBe(2);
    // No request reached the server, from this test or any other.
    expect(server.requests.filter((r) => !r.startsWith("GET /v2/library/info"))).toEqual([]);
    expect(listing(dir)).toEqual([
      "empty.csv",
      "folder",
      "list.csv",
      "posts.csv",
      "report.pdf",
      "two-columns.csv",
    ]);
  });

  it.for([["send"], ["results", "zerobounce"], ["run", "ipqs"]])(
    "missing arguments: %j",
    async (args, { expect }) => {
      const result = await run([...args, "--sandbox"]);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain("missing required argument");
    },
  );
});
