/**
 * Text a server sends (names, ids, states, error messages) and text on the command line reach the
 * terminal with their control characters written out (`\x1b`, `\u009b`): a provider cannot
 * retitle, clear or rewrite the user's terminal through `filestatus`.
 */
import { useServer } from "@filestatus/testkit";
import { beforeAll, describe, it } from "vitest";
import { ensureBuilt, lines, run } from "./run.ts";
import { HAS_SCRIPT, inTerminal } from "./terminal.ts";

/** OSC "set title" ended by BEL, "clear screen", a C1 CSI, DEL, NEL, a carriage return, a newline. */
const HOSTILE = "\u001b]0;pwned\u0007\u001b[2Jx\u009b31m\u007f\u0085\rfake\nline.csv";
const HOSTILE_SHOWN = String.raw`\x1b]0;pwned\x07\x1b[2Jx\u009b31m\x7f\u0085\x0dfake\x0aline.csv`;

/** Any character a terminal may act on, except the line breaks that end our own lines. */
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;

/** ZeroBounce's `/v2/filestatus` and SanitizeEmail's list, each answering with HOSTILE text. */
const server = useServer((request) => {
  const url = new URL(request.url);
  const id = url.searchParams.get("file_id") ?? "";
  if (url.pathname === "/v1/api/filesupload/") {
    const file = { id: "\u001b[2J7", name: HOSTILE, status: "\u009b2Jdone", created_date: "" };
    return Response.json({ count: 1, next: null, previous: null, results: [file] });
  }
  if (id === "error") return Response.json({ success: false, message: HOSTILE });
  const file_status = id === "failed" ? "Failed" : "Complete";
  return Response.json({ success: true, file_id: id, file_name: HOSTILE, file_status });
});

const at = (): string[] => ["--base-url", server.origin, "--api-key", "k"];

beforeAll(ensureBuilt, 60_000);

describe.concurrent("control characters from a server are shown escaped", () => {
  it("status: the file name", async ({ expect }) => {
    const result = await run(["status", "zerobounce", "done", ...at()]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).not.toMatch(RAW_CONTROL);
    expect(lines(result.stdout)).toEqual([`zerobounce      done  complete  ${HOSTILE_SHOWN}`]);
  });

  it("status --json: DEL and C1 escaped as well, the name read back intact", async ({ expect }) => {
    const result = await run(["status", "zerobounce", "done", ...at(), "--json"]);
    expect(result.code).toBe(0);
    expect(result.stdout).not.toMatch(RAW_CONTROL);
    const out = lines(result.stdout);
    expect(out).toHaveLength(1);
    expect(JSON.parse(out[0]!)).toMatchObject({ name: HOSTILE });
  });

  it("watch of a failed upload: its line and the error line naming it", async ({ expect }) => {
    const result = await run(["watch", "zerobounce", "failed", ...at(), "--interval", "50"]);
    expect(result.code).toBe(1);
    expect(result.stdout).not.toMatch(RAW_CONTROL);
    expect(result.stderr).not.toMatch(RAW_CONTROL);
    expect(lines(result.stdout)).toEqual([
      `zerobounce      failed  failed  ${HOSTILE_SHOWN}`,
      "0 complete, 1 failed",
    ]);
    expect(lines(result.stderr)).toEqual([
      `filestatus: failed: zerobounce: upload failed (${HOSTILE_SHOWN}) ended as failed`,
    ]);
  });

  it.skipIf(!HAS_SCRIPT)("watch on a terminal: the live display", async ({ expect }) => {
    const terminal = await inTerminal(["watch", "zerobounce", "done", ...at()]);
    const { code, output } = await terminal.done;
    expect(code).toBe(0);
    // The display's own sequences are CSI ones (ESC [ ? 25 l, ESC [ 1 G …): no title, no clearing.
    expect(output).not.toMatch(/\u001b\]|\u001b\[2J|[\u0007\u007f-\u009f]/);
    expect(output).toContain(`complete ${HOSTILE_SHOWN}`);
  });

  it("list: an id the provider made up, and the name", async ({ expect }) => {
    const result = await run(["list", "sanitizeemail", ...at()]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).not.toMatch(RAW_CONTROL);
    expect(lines(result.stdout)).toEqual([
      String.raw`sanitizeemail   \x1b[2J7  unknown  ` + HOSTILE_SHOWN,
    ]);
  });

  it("the provider's error message (ApiError)", async ({ expect }) => {
    const result = await run(["status", "zerobounce", "error", ...at()]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).not.toMatch(RAW_CONTROL);
    const err = lines(result.stderr);
    expect(err).toHaveLength(1);
    expect(err[0]).toMatch(/^filestatus: zerobounce: HTTP 200 from GET http:\/\/127\.0\.0\.1:/);
    expect(err[0]!.endsWith(`: ${HOSTILE_SHOWN}`), err[0]).toBe(true);
  });
});

describe.concurrent("control characters on the command line are shown escaped", () => {
  it("in a usage error quoting an id", async ({ expect }) => {
    const result = await run(["status", "ipqs", "\u001b[2J\u009b", "--sandbox"]);
    expect(result.code).toBe(2);
    expect(result.stderr).not.toMatch(RAW_CONTROL);
    // The client quotes the id as JSON (`\u001b`), which leaves the C1 control to us.
    expect(result.stderr).toContain(String.raw`"\u001b[2J\u009b"`);
  });

  it("in commander's own errors", async ({ expect }) => {
    const result = await run(["st\u001b]0;x\u0007atus"]);
    expect(result.code).toBe(2);
    expect(result.stderr).not.toMatch(RAW_CONTROL);
    expect(result.stderr).toContain(String.raw`'st\x1b]0;x\x07atus'`);
  });
});
