/**
 * `send`, `run` and `results` print what a server or the command line gave them (an upload id, a
 * name, a results file on a terminal, a file name) with control characters written out: neither
 * can retitle, clear or rewrite the user's terminal. A results file keeps its bytes as they came.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { useServer } from "@filestatus/testkit";
import { beforeAll, describe, it } from "vitest";
import { fileIn, scratch } from "./lists.ts";
import { ensureBuilt, lines, run } from "./run.ts";
import { HAS_SCRIPT, inTerminal } from "./terminal.ts";

/** OSC "set title" ended by BEL, "clear screen", a C1 CSI. */
const HOSTILE = "\u001b]0;pwned\u0007\u001b[2J\u009b31m";
const SHOWN = String.raw`\x1b]0;pwned\x07\x1b[2J\u009b31m`;
const ID = `id${HOSTILE}`;
const RESULTS = `email,note\r\nann@example.com,${HOSTILE}\r\n`;

/** Any character a terminal may act on, except the line breaks that end our own lines. */
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;

/** ZeroBounce's sendfile, filestatus and getfile, each answering with HOSTILE text. */
const server = useServer((request) => {
  const path = new URL(request.url).pathname;
  if (path === "/v2/sendfile")
    return Response.json({
      success: true,
      message: "File Accepted",
      file_name: HOSTILE,
      file_id: ID,
    });
  if (path === "/v2/getfile")
    return new Response(RESULTS, { headers: { "content-type": "application/octet-stream" } });
  return Response.json({ success: true, file_id: ID, file_name: HOSTILE, file_status: "Complete" });
});

const at = (): string[] => ["--base-url", server.origin, "--api-key", "k"];
let list: string;
beforeAll(async () => {
  await ensureBuilt();
  list = fileIn(scratch(), "list.csv", "email\nann@example.com\n");
}, 60_000);

describe.concurrent("what a server sends", () => {
  it("send: the id", async ({ expect }) => {
    const result = await run(["send", "zerobounce", list, ...at()]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`id${SHOWN}\n`);
  });

  it("send --json: escaped as JSON, read back intact", async ({ expect }) => {
    const result = await run(["send", "zerobounce", list, ...at(), "--json"]);
    expect(result.code).toBe(0);
    expect(result.stdout).not.toMatch(RAW_CONTROL);
    expect(JSON.parse(result.stdout)).toMatchObject({ id: ID, name: HOSTILE });
  });

  it("run -o: the progress lines escaped, the results file byte for byte", async ({ expect }) => {
    const out = join(scratch(), "out.csv");
    const result = await run(["run", "zerobounce", list, ...at(), "--interval", "50", "-o", out]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).not.toMatch(RAW_CONTROL);
    expect(result.stdout).toContain(`processing id${SHOWN}: complete`);
    expect(readFileSync(out, "utf8")).toBe(RESULTS);
  });

  it("results piped: the bytes as they came", async ({ expect }) => {
    const result = await run(["results", "zerobounce", ID, ...at()]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(RESULTS);
  });

  it.skipIf(!HAS_SCRIPT)(
    "results on a terminal: control characters written out",
    async ({ expect }) => {
      const terminal = await inTerminal(["results", "zerobounce", "done", ...at()]);
      const { code, output } = await terminal.done;
      expect(code).toBe(0);
      expect(output).not.toMatch(/\u001b\]|\u001b\[2J|[\u0007\u0080-\u009f]/);
      expect(output).toContain(`ann@example.com,${SHOWN}`);
    },
  );
});

describe.concurrent("file names on the command line", () => {
  it("a missing file whose name holds escapes: exit 2, the name shown escaped", async ({
    expect,
  }) => {
    const dir = scratch();
    const result = await run(["run", "zerobounce", join(dir, `${HOSTILE}.csv`), ...at()]);
    expect(result.code).toBe(2);
    expect(result.stderr).not.toMatch(RAW_CONTROL);
    expect(lines(result.stderr)).toEqual([`filestatus: ${dir}/${SHOWN}.csv: no such file`]);
  });

  it("a file whose name holds escapes: refused before sending, exit 2", async ({ expect }) => {
    const file = fileIn(scratch(), `${HOSTILE}.csv`, "email\nann@example.com\n");
    const result = await run(["send", "zerobounce", file, ...at()]);
    expect(result.code).toBe(2);
    expect(result.stderr).not.toMatch(RAW_CONTROL);
    expect(result.stderr).toMatch(/^filestatus: filename must be a non-empty name without control/);
    // The tests beside this one send list.csv: none may carry this name.
    expect(server.requests.filter((r) => r.body.includes("pwned"))).toEqual([]);
  });

  it("-o into a missing directory whose name holds escapes", async ({ expect }) => {
    const dir = scratch();
    const out = join(dir, HOSTILE, "out.csv");
    const result = await run(["results", "zerobounce", "x", ...at(), "-o", out]);
    expect(result.code).toBe(2);
    expect(lines(result.stderr)).toEqual([
      `filestatus: -o ${dir}/${SHOWN}/out.csv: the directory ${dir}/${SHOWN} does not exist`,
    ]);
  });
});
