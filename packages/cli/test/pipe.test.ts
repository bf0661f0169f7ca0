/**
 * `filestatus watch … | head -1`: when the reader of stdout leaves, the exit code still says how
 * the uploads ended, and the failure still reaches stderr.
 */
import { DEMO_UPLOAD_IDS } from "@filestatus/sandbox";
import { beforeAll, describe, it } from "vitest";
import { ensureBuilt, lines, runClosingStdout, seedId } from "./run.ts";

beforeAll(ensureBuilt, 60_000);

describe.concurrent("stdout closed early", () => {
  it("watch of the demo and the failed upload | head -1: exit 1, the failure on stderr", async ({
    expect,
  }) => {
    const demo = DEMO_UPLOAD_IDS.zerobounce;
    const failed = seedId("zerobounce", "broken-export");
    const args = ["watch", "zerobounce", demo, failed, "--sandbox", "--speed", "8"];
    // The demo upload runs for about a second: its later lines meet the closed pipe.
    const result = await runClosingStdout([...args, "--interval", "100"]);
    expect(lines(result.stdout).length).toBeGreaterThan(0);
    expect(lines(result.stderr), result.stderr).toEqual([
      `filestatus: ${failed}: zerobounce: upload ${failed} (broken-export.csv) ended as failed`,
    ]);
    expect(result.code).toBe(1);
  });

  it("watch of the demo upload | head -1: exit 0, nothing on stderr", async ({ expect }) => {
    const demo = DEMO_UPLOAD_IDS.ipqs;
    const args = ["watch", "ipqs", demo, "--sandbox", "--speed", "8", "--interval", "100"];
    const result = await runClosingStdout(args);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
  });
});
