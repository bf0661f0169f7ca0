/**
 * `--api-key -` and `--access-token -`: the credential comes from standard input, where no other
 * user can read it (the command line is theirs to see), is sent as it was and is never printed.
 */
import { DEMO_UPLOAD_IDS } from "@filestatus/sandbox";
import { serve, type TestServer } from "@filestatus/testkit";
import { afterAll, beforeAll, describe, it } from "vitest";
import { echoed, ensureBuilt, lines, run } from "./run.ts";
import { HAS_SCRIPT, inTerminal } from "./terminal.ts";

const KEY = "zb-Stdin+Key/42=Q&z";

/**
 * ZeroBounce's `/v2/filestatus`: every upload is complete. Its request log is kept for the whole
 * file (useServer empties it before each test, and these run side by side): each test asks for its
 * own upload id.
 */
let server: TestServer;
beforeAll(async () => {
  server = await serve((request) => {
    const file_id = new URL(request.url).searchParams.get("file_id");
    return Response.json({ success: true, file_id, file_name: "a.csv", file_status: "Complete" });
  });
});
afterAll(() => server.close());

/** The `api_key` that the request for upload `id` carried. */
function keySentFor(id: string): string | null | undefined {
  const request = server.requests.find((r) => r.url.searchParams.get("file_id") === id);
  return request?.url.searchParams.get("api_key");
}

const status = (id: string): string[] => [
  "status",
  "zerobounce",
  id,
  "--base-url",
  server.origin,
  "--api-key",
  "-",
];

beforeAll(ensureBuilt, 60_000);

describe.concurrent("a credential from standard input", () => {
  it("--api-key - from a pipe: sent less its newline, never printed", async ({ expect }) => {
    const result = await run(status("piped"), {}, `${KEY}\n`);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(keySentFor("piped")).toBe(KEY);
    expect(echoed(result, KEY)).toEqual([]);
  });

  it("--access-token - (HighLevel) from a pipe: the one sent", async ({ expect }) => {
    const token = `bad-token-${KEY}`;
    const args = ["status", "highlevel", DEMO_UPLOAD_IDS.highlevel, "--sandbox"];
    const result = await run([...args, "--access-token", "-"], {}, `${token}\r\n`);
    // The sandbox refuses a token that starts with "bad-": so it was this one.
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^filestatus: highlevel: HTTP 401 /);
    expect(echoed(result, token)).toEqual([]);
  });

  it.for([
    ["nothing", "", /^filestatus: --api-key -: standard input held no API key\n$/],
    ["an empty line", "\n", /^filestatus: --api-key -: standard input held no API key\n$/],
    ["a second line", `${KEY}\n\n`, /^filestatus: the "apiKey" option contains a control/],
  ] as const)("%s on stdin: exit 2", async ([, input, message], { expect }) => {
    const result = await run(status("refused"), {}, input);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(lines(result.stderr)).toHaveLength(1);
    expect(result.stderr).toMatch(message);
    expect(echoed(result, KEY)).toEqual([]);
  });

  it("--api-key - and --access-token - at once: exit 2", async ({ expect }) => {
    const args = ["status", "constantcontact", "1", "--sandbox"];
    const result = await run([...args, "--api-key", "-", "--access-token", "-"], {}, KEY);
    expect(result.code).toBe(2);
    expect(lines(result.stderr)).toEqual([
      'filestatus: --api-key and --access-token cannot both be "-": standard input holds one value',
    ]);
  });

  it.skipIf(!HAS_SCRIPT)("--api-key - typed at a terminal: not echoed", async ({ expect }) => {
    const terminal = await inTerminal(status("typed"));
    await terminal.shown(/zerobounce API key \(not shown\): $/);
    terminal.type(`${KEY}\r`);
    const { code, output } = await terminal.done;
    expect(output).not.toContain(KEY);
    expect(output).toContain("typed  complete  a.csv");
    expect(code).toBe(0);
    expect(keySentFor("typed")).toBe(KEY);
  });

  it.skipIf(!HAS_SCRIPT)("Ctrl-C at the prompt: exit 130, nothing sent", async ({ expect }) => {
    const terminal = await inTerminal(status("abandoned"));
    await terminal.shown(/\(not shown\): $/);
    terminal.type("zb-\u0003");
    const { code, output } = await terminal.done;
    expect(output).not.toContain("filestatus:");
    expect(code).toBe(130);
    expect(keySentFor("abandoned")).toBeUndefined();
  });
});

describe.concurrent("--help on the credential flags", () => {
  it("says a value on the command line is visible to other users, and what to do instead", async ({
    expect,
  }) => {
    const result = await run(["status", "--help"]);
    expect(result.code).toBe(0);
    const help = result.stdout.replace(/\s+/g, " ");
    expect(help).toMatch(/--api-key <key> API key \(default: the provider's \*_API_KEY variable\)/);
    // --api-key, --access-token, and --redis (its URL may hold a password).
    expect(help.match(/visible to other users of this machine \(ps\)/g)).toHaveLength(3);
    expect(help.match(/"-" reads it from standard input/g)).toHaveLength(2);
    expect(help).toMatch(
      /--redis <url> .*\(default: FILESTATUS_REDIS_URL\); a password given here is visible to other users of this machine \(ps\), one in the variable is not/,
    );
  });
});
