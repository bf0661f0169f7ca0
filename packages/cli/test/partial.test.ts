/**
 * A results file is whole or absent: a download cut mid-way (the sandbox's `reset-body` fault),
 * Ctrl-C or SIGTERM while the upload is processing each leave no output file and no temporary
 * file, keep an existing file as it was, exit 1, 130 or 143, and say what the server still holds.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, it } from "vitest";
import { started } from "./child.ts";
import {
  emailList,
  fileIn,
  listing,
  loopbackSandbox,
  scratch,
  type LoopbackSandbox,
} from "./lists.ts";
import { ensureBuilt, lines, run } from "./run.ts";
import { HAS_SCRIPT, inTerminal } from "./terminal.ts";

/** Results requests of the three CSV providers: ZeroBounce getfile, IPQS and SanitizeEmail links. */
const RESULTS = /^\/(v2\/getfile|download|sandbox\/presigned\/)/;

/** Every results download is cut half-way; everything else is answered as usual. */
let cut: LoopbackSandbox;
/** At its own pace: an upload of 100 rows processes for 10 s. */
let slow: LoopbackSandbox;
/** Answers an upload 10 s after it arrived: time to be interrupted while sending. */
let late: LoopbackSandbox;
beforeAll(async () => {
  await ensureBuilt();
  cut = await loopbackSandbox({
    speed: 100,
    fault: (url) => (RESULTS.test(url.pathname) ? "reset-body" : undefined),
  });
  slow = await loopbackSandbox();
  late = await loopbackSandbox({
    fault: (url, method) => (method === "POST" ? "delay=10000" : undefined),
  });
}, 60_000);
afterAll(() => Promise.all([cut.close(), slow.close(), late.close()]));

const PREVIOUS = "the results of last week\n";
const key = ["--api-key", "test-key"];

describe.concurrent("a results download cut mid-way", () => {
  it.for([
    ["zerobounce", []],
    ["ipqs", ["--type", "email"]],
    ["sanitizeemail", ["--job", "clean"]],
  ] as const)(
    "run %s: exit 1, the existing file untouched, no temporary file",
    async ([provider, flags], { expect }) => {
      const dir = scratch();
      const list = fileIn(dir, "list.csv", emailList(30).csv);
      const out = fileIn(dir, "out.csv", PREVIOUS);
      const base = ["--base-url", cut.baseUrl(provider), ...key];
      const result = await run([
        "run",
        provider,
        list,
        ...flags,
        ...base,
        "--interval",
        "50",
        "-o",
        out,
      ]);
      expect(result.code).toBe(1);
      expect(readFileSync(out, "utf8")).toBe(PREVIOUS);
      expect(listing(dir)).toEqual(["list.csv", "out.csv"]);
      const err = lines(result.stderr);
      expect(err).toHaveLength(1);
      // The upload is done: how to fetch its results again, without sending the file twice.
      expect(err[0]).toMatch(
        new RegExp(
          `^filestatus: .*; the upload (\\S+) is complete at ${provider}: \`filestatus results ${provider} \\1 .*-o ${out}\``,
        ),
      );
    },
  );

  it("results: exit 1, no output file and no temporary file", async ({ expect }) => {
    const dir = scratch();
    const list = fileIn(dir, "list.csv", emailList(30).csv);
    const base = ["--base-url", cut.origin, ...key];
    const done = await run([
      "run",
      "zerobounce",
      list,
      ...base,
      "--interval",
      "50",
      "-o",
      join(dir, "a.csv"),
    ]);
    const id = /the upload (\S+) is complete at/.exec(done.stderr)?.[1];
    expect(id, done.stderr).toBeDefined();
    const result = await run(["results", "zerobounce", id!, ...base, "-o", join(dir, "b.csv")]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^filestatus: /);
    expect(listing(dir)).toEqual(["list.csv"]);
  });
});

describe.concurrent("interrupted while the upload is processing", () => {
  it.for([
    ["SIGINT", 130],
    ["SIGTERM", 143],
  ] as const)(
    "%s: exit %i, no file, and the upload's id with how to fetch its results",
    async ([signal, code], { expect }) => {
      const dir = scratch();
      const list = fileIn(dir, "list.csv", emailList(100).csv);
      const out = join(dir, "out.csv");
      const child = await started([
        "run",
        "zerobounce",
        list,
        "--base-url",
        slow.origin,
        ...key,
        "-o",
        out,
      ]);
      await child.shown(/^processing /m);
      child.kill(signal);
      const result = await child.done;
      expect(result.code).toBe(code);
      expect(listing(dir)).toEqual(["list.csv"]);
      const id = /^processing (\S+):/m.exec(result.stdout)![1]!;
      expect(lines(result.stderr)).toEqual([
        `filestatus: interrupted: the upload ${id} was sent and is still processing at zerobounce; \`filestatus results zerobounce ${id} --base-url ${slow.origin} -o ${out}\` fetches its results later`,
      ]);
    },
  );

  it("SIGINT with --sandbox: the upload went with the built-in sandbox, and the note says so", async ({
    expect,
  }) => {
    const dir = scratch();
    const list = fileIn(dir, "list.csv", emailList(100).csv);
    const child = await started(["run", "zerobounce", list, "--sandbox", "-o", join(dir, "o.csv")]);
    await child.shown(/^processing /m);
    child.kill("SIGINT");
    const result = await child.done;
    expect(result.code).toBe(130);
    expect(listing(dir)).toEqual(["list.csv"]);
    expect(result.stderr).toMatch(
      /^filestatus: interrupted: the upload \S+ was processing in the built-in sandbox, which stopped with this command\n$/,
    );
  });

  it("Ctrl-C once the file is sent but not yet answered: it may have been accepted", async ({
    expect,
  }) => {
    const dir = scratch();
    const list = fileIn(dir, "list.csv", emailList(10).csv);
    const args = ["run", "zerobounce", list, "--base-url", late.origin, ...key, "-o", "-"];
    const child = await started(args);
    await child.shown(/^uploading list\.csv: .* 100%$/m);
    child.kill("SIGINT");
    const result = await child.done;
    expect(result.code).toBe(130);
    expect(result.stdout).toBe("");
    expect(lines(result.stderr).at(-1)).toBe(
      'filestatus: interrupted while sending list.csv: zerobounce may have accepted it; look for "list.csv" among your uploads before sending it again',
    );
  });

  it.skipIf(!HAS_SCRIPT)(
    "Ctrl-C on a terminal: the display taken down, exit 130, no file",
    async ({ expect }) => {
      const dir = scratch();
      const list = fileIn(dir, "list.csv", emailList(100).csv);
      const out = join(dir, "out.csv");
      const terminal = await inTerminal([
        "run",
        "zerobounce",
        list,
        "--base-url",
        slow.origin,
        ...key,
        "-o",
        out,
      ]);
      await terminal.shown(/processing +\[/);
      terminal.type("\u0003");
      const { code, output } = await terminal.done;
      expect(code).toBe(130);
      expect(listing(dir)).toEqual(["list.csv"]);
      const after = output.slice(output.lastIndexOf("^C"));
      // The cursor back (ESC[?25h) and auto-wrap on (ESC[?7h) before the note.
      expect(after.indexOf("\u001b[?25h"), JSON.stringify(after)).toBeGreaterThanOrEqual(0);
      expect(after.indexOf("\u001b[?7h"), JSON.stringify(after)).toBeLessThan(
        after.indexOf("filestatus: interrupted"),
      );
      expect(after).toMatch(
        /filestatus: interrupted: the upload \S+ was sent and is still processing at zerobounce/,
      );
    },
  );
});
