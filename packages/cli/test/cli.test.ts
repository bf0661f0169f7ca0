/**
 * The real `filestatus` command (dist/bin.js) as a child process against its in-process sandbox
 * (`--sandbox`): output, exit codes 0/1/2, and credentials that are used but never echoed.
 */
import { DEMO_UPLOAD_IDS, type ProviderName } from "@filestatus/sandbox";
import { beforeAll, describe, it } from "vitest";
import { echoed, ensureBuilt, lines, run, seedId } from "./run.ts";

const PROVIDERS: readonly ProviderName[] = [
  "zerobounce",
  "ipqs",
  "sanitizeemail",
  "highlevel",
  "constantcontact",
];

/**
 * The demo upload: queued 2 s, processing 6 s, complete; at --speed 4 two seconds in all, queued
 * for 500 ms: time enough for a child started on a loaded machine to see it queued.
 */
const FAST_WATCH: readonly string[] = ["--sandbox", "--speed", "4", "--interval", "100"];

const RANK: Readonly<Record<string, number>> = { queued: 0, processing: 1, complete: 2 };

interface Fields {
  provider: string;
  id: string;
  state: string;
}

/** `zerobounce      <id>  processing 42%  name.csv` → its provider, id and state. */
function fields(line: string): Fields {
  const [provider = "", id = "", state = ""] = line.split(/\s+/);
  return { provider, id, state };
}

/** Whether `states` is queued, then processing at least once, then complete, never going back. */
function inOrder(states: readonly string[]): boolean {
  const ranks = states.map((s) => RANK[s] ?? -1);
  return (
    states[0] === "queued" &&
    states.includes("processing") &&
    states.at(-1) === "complete" &&
    ranks.every((rank, i) => rank >= 0 && (i === 0 || rank >= ranks[i - 1]!))
  );
}

beforeAll(ensureBuilt, 60_000);

describe.concurrent("filestatus status", () => {
  it.for(PROVIDERS)(
    "status %s <demo id> --sandbox prints one line",
    async (provider, { expect }) => {
      const id = DEMO_UPLOAD_IDS[provider];
      const result = await run(["status", provider, id, "--sandbox"]);
      expect(result.stderr).toBe("");
      expect(result.code).toBe(0);
      const out = lines(result.stdout);
      expect(out).toHaveLength(1);
      expect(fields(out[0]!)).toEqual({ provider, id, state: "queued" });
    },
  );

  it.for(PROVIDERS)(
    "status %s <complete id> --sandbox --json prints one JSON object",
    async (provider, { expect }) => {
      const id = seedId(provider, "customers");
      const result = await run(["status", provider, id, "--sandbox", "--json"]);
      expect(result.stderr).toBe("");
      expect(result.code).toBe(0);
      const out = lines(result.stdout);
      expect(out).toHaveLength(1);
      const status: unknown = JSON.parse(out[0]!);
      expect(status).toMatchObject({ provider, id, state: "complete" });
      expect((status as { raw?: unknown }).raw).toBeTypeOf("object");
    },
  );
});

describe.concurrent("filestatus watch", () => {
  it.for(PROVIDERS)(
    "watch %s <demo id> prints one plain line per change, then 1 complete, 0 failed",
    async (provider, { expect }) => {
      const id = DEMO_UPLOAD_IDS[provider];
      const result = await run(["watch", provider, id, ...FAST_WATCH]);
      expect(result.stderr).toBe("");
      expect(result.code).toBe(0);
      // stdout is a pipe, so no progress bar: no escape codes, no carriage returns.
      expect(result.stdout).not.toMatch(/[\u001b\r]/);
      const out = lines(result.stdout);
      expect(out.at(-1)).toBe("1 complete, 0 failed");
      const changes = out.slice(0, -1);
      for (const line of changes) expect(fields(line)).toMatchObject({ provider, id });
      expect(
        changes.map((line) => fields(line).state),
        result.stdout,
      ).toSatisfy(inOrder);
      changes.slice(1).forEach((line, i) => expect(line).not.toBe(changes[i]));
    },
  );

  it("watch of the demo and the failed upload exits 1 and still reports the demo complete", async ({
    expect,
  }) => {
    const demo = DEMO_UPLOAD_IDS.zerobounce;
    const failed = seedId("zerobounce", "broken-export");
    const result = await run(["watch", "zerobounce", demo, failed, ...FAST_WATCH]);
    expect(result.code).toBe(1);
    const out = lines(result.stdout);
    expect(out.at(-1)).toBe("1 complete, 1 failed");
    const demoStates = out.filter((l) => fields(l).id === demo).map((l) => fields(l).state);
    expect(demoStates, result.stdout).toSatisfy(inOrder);
    const failedStates = out.filter((l) => fields(l).id === failed).map((l) => fields(l).state);
    expect(failedStates).toEqual(["failed"]); // its one change, printed once
    const err = lines(result.stderr);
    expect(err).toHaveLength(1);
    expect(err[0]).toMatch(new RegExp(`^filestatus: ${failed}: .*failed`));
  });

  it("watch --json prints one JSON object per line and no summary", async ({ expect }) => {
    const id = DEMO_UPLOAD_IDS.sanitizeemail;
    const result = await run(["watch", "sanitizeemail", id, ...FAST_WATCH, "--json"]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const statuses = lines(result.stdout).map(
      (line) => JSON.parse(line) as Record<string, unknown>,
    );
    for (const status of statuses) {
      expect(status).toMatchObject({ provider: "sanitizeemail", id });
      expect(status).toHaveProperty("raw");
    }
    expect(
      statuses.map((s) => String(s["state"])),
      result.stdout,
    ).toSatisfy(inOrder);
  });

  it("watch --timeout gives up on an upload that stays queued: exit 1", async ({ expect }) => {
    const id = seedId("zerobounce", "signups");
    const result = await run([
      "watch",
      "zerobounce",
      id,
      "--sandbox",
      "--interval",
      "100",
      "--timeout",
      "300",
    ]);
    expect(result.code).toBe(1);
    expect(lines(result.stdout).at(-1)).toBe("0 complete, 1 failed");
    expect(result.stderr).toMatch(new RegExp(`^filestatus: ${id}: .*not finished after 300 ms`));
  });
});

describe.concurrent("filestatus list", () => {
  it("list ipqs --sandbox --limit 3 prints exactly 3 lines", async ({ expect }) => {
    const result = await run(["list", "ipqs", "--sandbox", "--limit", "3"]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const out = lines(result.stdout);
    expect(out).toHaveLength(3);
    for (const line of out) expect(fields(line).provider).toBe("ipqs");
  });

  it("list sanitizeemail --limit 12 reads past the first page (10 a page)", async ({ expect }) => {
    const result = await run(["list", "sanitizeemail", "--sandbox", "--limit", "12"]);
    expect(result.code).toBe(0);
    const ids = lines(result.stdout).map((line) => fields(line).id);
    expect(ids).toHaveLength(12);
    expect(new Set(ids).size).toBe(12);
  });

  it.for(["zerobounce", "constantcontact"])(
    "list %s --sandbox exits 2: no list endpoint",
    async (provider, { expect }) => {
      const result = await run(["list", provider, "--sandbox"]);
      expect(result.code).toBe(2);
      expect(result.stdout).toBe("");
      expect(lines(result.stderr)).toEqual([
        `filestatus: ${provider} has no list endpoint; use: filestatus status ${provider} <id>`,
      ]);
    },
  );
});

describe.concurrent("usage errors: exit 2, one line on stderr", () => {
  const cases: readonly [
    title: string,
    args: string[],
    env: Record<string, string>,
    message: RegExp,
  ][] = [
    [
      "unknown provider",
      ["status", "nope", "1", "--sandbox"],
      {},
      /unknown provider "nope" \(one of: zerobounce, ipqs/,
    ],
    [
      "missing ZeroBounce key",
      ["status", "zerobounce", "x"],
      {},
      /set ZEROBOUNCE_API_KEY or pass --api-key/,
    ],
    ["missing IPQS key", ["list", "ipqs"], {}, /set IPQS_API_KEY or pass --api-key/],
    [
      "missing SanitizeEmail key",
      ["status", "sanitizeemail", "1"],
      {},
      /set SANITIZEEMAIL_API_KEY/,
    ],
    [
      "missing HighLevel token",
      ["status", "highlevel", "x"],
      {},
      /set HIGHLEVEL_ACCESS_TOKEN or pass --access-token/,
    ],
    [
      "missing Constant Contact key",
      ["status", "constantcontact", "1"],
      {},
      /set CONSTANTCONTACT_API_KEY/,
    ],
    [
      "missing Constant Contact token",
      ["status", "constantcontact", "1"],
      { CONSTANTCONTACT_API_KEY: "cc-key" },
      /set CONSTANTCONTACT_ACCESS_TOKEN or pass --access-token/,
    ],
    ["non-integer IPQS id", ["status", "ipqs", "abc", "--sandbox"], {}, /\bids? .*"abc"/],
    ["fractional IPQS id in watch", ["watch", "ipqs", "1.5", "--sandbox"], {}, /\bids? .*"1\.5"/],
    [
      "non-numeric --interval",
      ["watch", "ipqs", "3400001", "--sandbox", "--interval", "fast"],
      {},
      /--interval must be a positive number/,
    ],
    [
      "zero --interval",
      ["watch", "ipqs", "3400001", "--sandbox", "--interval", "0"],
      {},
      /--interval must be a positive number/,
    ],
    [
      "negative --timeout",
      ["watch", "ipqs", "3400001", "--sandbox", "--timeout=-5"],
      {},
      /--timeout must be a positive number/,
    ],
    [
      "bad --speed",
      ["status", "ipqs", "3400001", "--sandbox", "--speed", "fast"],
      {},
      /--speed must be a positive number/,
    ],
    [
      "zero --limit",
      ["list", "ipqs", "--sandbox", "--limit", "0"],
      {},
      /--limit must be a positive integer/,
    ],
    [
      "a fractional --limit",
      ["list", "ipqs", "--sandbox", "--limit", "2.5"],
      {},
      /--limit must be a positive integer/,
    ],
  ];

  it.for(cases)("%s", async ([, args, env, message], { expect }) => {
    const result = await run(args, env);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    const err = lines(result.stderr);
    expect(err).toHaveLength(1);
    expect(err[0]).toMatch(/^filestatus: /);
    expect(err[0]).toMatch(message);
  });

  it.for([["status"], ["status", "ipqs"], ["watch", "ipqs"], ["list"]])(
    "missing arguments: %j",
    async (args, { expect }) => {
      const result = await run([...args, "--sandbox"]);
      expect(result.code).toBe(2);
      expect(result.stdout).toBe("");
      expect(result.stderr).toContain("missing required argument");
    },
  );

  it("unknown command", async ({ expect }) => {
    const result = await run(["stats", "ipqs", "1"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("unknown command 'stats'");
  });
});

describe.concurrent("credentials: used, never echoed", () => {
  const KEY = "zb-LeakCheck+Key/42=Q&z";

  it("ZEROBOUNCE_API_KEY from the environment: the provider's error, not the key", async ({
    expect,
  }) => {
    const id = "5b7e0c3a-9d41-4f2e-8c6a-0000000000ff";
    const result = await run(["status", "zerobounce", id, "--sandbox"], {
      ZEROBOUNCE_API_KEY: KEY,
    });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(lines(result.stderr)).toHaveLength(1);
    expect(result.stderr).toMatch(/^filestatus: zerobounce: HTTP 200 .*file_id is invalid\.$/m);
    expect(echoed(result, KEY)).toEqual([]);
    expect(result.stderr).not.toContain("LeakCheck");
  });

  it("a rejected ZEROBOUNCE_API_KEY is the one sent (not the sandbox's default)", async ({
    expect,
  }) => {
    const key = `bad-${KEY}`;
    const result = await run(["status", "zerobounce", DEMO_UPLOAD_IDS.zerobounce, "--sandbox"], {
      ZEROBOUNCE_API_KEY: key,
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/api_key is invalid\./);
    expect(echoed(result, key)).toEqual([]);
  });

  it("--api-key wins over the environment", async ({ expect }) => {
    const result = await run(
      ["status", "zerobounce", DEMO_UPLOAD_IDS.zerobounce, "--sandbox", "--api-key", KEY],
      { ZEROBOUNCE_API_KEY: `bad-${KEY}` },
    );
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(echoed(result, KEY)).toEqual([]);
  });

  it.for(PROVIDERS)(
    "%s with a rejected --api-key/--access-token: exit 1, neither echoed",
    async (provider, { expect }) => {
      const key = `bad-${KEY}`;
      const token = `bad-token-${KEY}`;
      const args = ["--sandbox", "--api-key", key, "--access-token", token];
      const result = await run(["status", provider, DEMO_UPLOAD_IDS[provider], ...args]);
      expect(result.code).toBe(1);
      expect(result.stdout).toBe("");
      expect(lines(result.stderr)).toHaveLength(1);
      expect(result.stderr).toMatch(new RegExp(`^filestatus: ${provider}: HTTP \\d{3} `));
      expect([...echoed(result, key), ...echoed(result, token)]).toEqual([]);
      expect(result.stderr).not.toContain("LeakCheck");
    },
  );
});

describe.concurrent("filestatus --help", () => {
  it("--help exits 0 and lists every command", async ({ expect }) => {
    const result = await run(["--help"]);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe("");
    expect(result.stdout).toMatch(/^Usage: filestatus /);
    for (const command of ["status", "watch", "list", "send", "results", "run"]) {
      expect(result.stdout).toMatch(new RegExp(`^  ${command} \\[options\\] <provider>`, "m"));
    }
  });
});
