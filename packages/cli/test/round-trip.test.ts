/**
 * `run`, `send` and `results` as a user runs them: the real command (a child process) against the
 * built-in sandbox (`--sandbox`) or one on a loopback port (`--base-url`), which keeps uploads
 * between commands. Every results file is checked row by row against the sandbox's rule.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, it } from "vitest";
import {
  emailList,
  fileIn,
  listing,
  loopbackSandbox,
  scratch,
  verdictsIn,
  type LoopbackSandbox,
} from "./lists.ts";
import { ensureBuilt, lines, run } from "./run.ts";
import { HAS_SCRIPT, inTerminal } from "./terminal.ts";

const LIST = emailList(50);

/** Each provider's flags, and how its results CSV says valid or invalid. */
const CASES = [
  { provider: "zerobounce", flags: [], column: "ZB Status", valid: "valid" },
  { provider: "ipqs", flags: ["--type", "email"], column: "valid", valid: "true" },
  { provider: "sanitizeemail", flags: ["--job", "validate"], column: "status", valid: "valid" },
] as const;

/** The verdicts of a results CSV in the sandbox's words. */
function verdicts(text: string, column: string, valid: string): Map<string, string> {
  const found = verdictsIn(text, column);
  return new Map([...found].map(([email, v]) => [email, v === valid ? "valid" : "invalid"]));
}

let server: LoopbackSandbox;
/** At its own pace: 100 ms a row, so an upload of 100 rows is still processing 10 s later. */
let slow: LoopbackSandbox;
beforeAll(async () => {
  await ensureBuilt();
  server = await loopbackSandbox({ speed: 100 });
  slow = await loopbackSandbox();
}, 60_000);
afterAll(() => Promise.all([server.close(), slow.close()]));

const at = (provider: "zerobounce" | "ipqs" | "sanitizeemail"): string[] => [
  "--base-url",
  server.baseUrl(provider),
  "--api-key",
  "test-key",
];

describe.concurrent("filestatus run", () => {
  it.for(CASES)(
    "run $provider list.csv --sandbox -o out.csv writes every row's verdict",
    async ({ provider, flags, column, valid }, { expect }) => {
      const dir = scratch();
      const list = fileIn(dir, "list.csv", LIST.csv);
      const out = join(dir, "out.csv");
      const args = ["run", provider, list, ...flags, "--sandbox", "--speed", "100", "-o", out];
      const result = await run([...args, "--interval", "50"]);
      expect(result.stderr).toBe("");
      expect(result.code).toBe(0);
      expect(verdicts(readFileSync(out, "utf8"), column, valid)).toEqual(LIST.verdicts);
      expect(listing(dir)).toEqual(["list.csv", "out.csv"]);
      // stdout is a pipe: plain lines through the phases, no escape codes, then where it went.
      expect(result.stdout).not.toMatch(/[\u001b\r]/);
      const out_ = lines(result.stdout);
      for (const phase of ["uploading", "processing", "downloading"])
        expect(
          out_.some((line) => line.startsWith(`${phase} `)),
          result.stdout,
        ).toBe(true);
      expect(out_.at(-1)).toMatch(
        new RegExp(`^${provider} \\S+ complete: .* of results in ${out}$`),
      );
    },
  );

  it("run without -o: the results on stdout as they came (CRLF kept), the progress on stderr", async ({
    expect,
  }) => {
    const dir = scratch();
    const list = fileIn(dir, "list.csv", LIST.csv);
    const result = await run(["run", "zerobounce", list, ...at("zerobounce"), "--interval", "50"]);
    expect(result.code).toBe(0);
    expect(verdicts(result.stdout, "ZB Status", "valid")).toEqual(LIST.verdicts);
    expect(result.stdout).toMatch(/^email,name,ZB Status\r\n/);
    expect(lines(result.stderr).at(-1)).toMatch(/complete: .* of results in standard output$/);
  });

  it("run --json: the upload's final status as the last line", async ({ expect }) => {
    const dir = scratch();
    const list = fileIn(dir, "list.csv", LIST.csv);
    const out = join(dir, "out.csv");
    const args = ["run", "ipqs", list, "--type", "email", ...at("ipqs"), "--json", "-o", out];
    const result = await run([...args, "--interval", "50"]);
    expect(result.code).toBe(0);
    const status: unknown = JSON.parse(lines(result.stdout).at(-1)!);
    expect(status).toMatchObject({ provider: "ipqs", state: "complete", name: "list.csv" });
  });
});

describe.concurrent("filestatus run on a terminal", () => {
  it.skipIf(!HAS_SCRIPT)(
    "one live line, the terminal given back, the results saved",
    async ({ expect }) => {
      const dir = scratch();
      const list = fileIn(dir, "list.csv", LIST.csv);
      const out = join(dir, "out.csv");
      const terminal = await inTerminal([
        "run",
        "zerobounce",
        list,
        ...at("zerobounce"),
        "-o",
        out,
      ]);
      const { code, output } = await terminal.done;
      expect(code).toBe(0);
      // Drawn in place (the cursor hidden, then shown again), not one line per report.
      expect(output).toMatch(/\u001b\[\?25l[^]*\[[█░]+\][^]*\u001b\[\?25h/);
      expect(output).not.toMatch(/^uploading list\.csv: /m);
      expect(output).toMatch(/zerobounce \S+ complete: .* of results in /);
      expect(verdicts(readFileSync(out, "utf8"), "ZB Status", "valid")).toEqual(LIST.verdicts);
    },
  );
});

describe.concurrent("filestatus send, then results", () => {
  it.for(CASES)("send $provider prints the id; results saves its rows", async (c, { expect }) => {
    const dir = scratch();
    const list = fileIn(dir, "list.csv", LIST.csv);
    const sent = await run(["send", c.provider, list, ...c.flags, ...at(c.provider)]);
    expect(sent.stderr).toBe("");
    expect(sent.code).toBe(0);
    const out = lines(sent.stdout);
    expect(out).toHaveLength(1);
    const id = out[0]!;
    const watched = await run(["watch", c.provider, id, ...at(c.provider), "--interval", "50"]);
    expect(watched.code).toBe(0);
    const download = c.provider === "sanitizeemail" ? ["--job", "validate"] : [];
    const target = join(dir, "results.csv");
    const saved = await run([
      "results",
      c.provider,
      id,
      ...download,
      ...at(c.provider),
      "-o",
      target,
    ]);
    expect(saved.stderr).toBe("");
    expect(saved.code).toBe(0);
    expect(lines(saved.stdout)).toEqual([expect.stringMatching(/ of results in .*results\.csv$/)]);
    expect(verdicts(readFileSync(target, "utf8"), c.column, c.valid)).toEqual(LIST.verdicts);
  });

  it("send --json prints the new upload's status; results --which bad keeps the invalid rows", async ({
    expect,
  }) => {
    const dir = scratch();
    const list = fileIn(dir, "list.csv", LIST.csv);
    const sent = await run(["send", "ipqs", list, "--type", "email", ...at("ipqs"), "--json"]);
    expect(sent.code).toBe(0);
    const status = JSON.parse(sent.stdout) as { id: string };
    expect(status).toMatchObject({ provider: "ipqs", state: "queued", name: "list.csv" });
    await run(["watch", "ipqs", status.id, ...at("ipqs"), "--interval", "50"]);
    const bad = await run([
      "results",
      "ipqs",
      status.id,
      "--which",
      "bad",
      ...at("ipqs"),
      "-o",
      "-",
    ]);
    expect(bad.code).toBe(0);
    const invalid = [...LIST.verdicts].filter(([, v]) => v === "invalid").map(([e]) => e);
    expect([...verdictsIn(bad.stdout, "valid").keys()]).toEqual(invalid);
  });

  it("results before the upload is processed: exit 1, the provider's answer, no file", async ({
    expect,
  }) => {
    const dir = scratch();
    const list = fileIn(dir, "list.csv", emailList(100).csv);
    const there = ["--base-url", slow.origin, "--api-key", "test-key"];
    const sent = await run(["send", "zerobounce", list, ...there]);
    const id = lines(sent.stdout)[0]!;
    const early = await run(["results", "zerobounce", id, ...there, "-o", join(dir, "r.csv")]);
    expect(early.code).toBe(1);
    expect(lines(early.stderr)).toEqual([expect.stringMatching(/^filestatus: .*File not ready$/)]);
    expect(listing(dir)).toEqual(["list.csv"]);
  });
});
