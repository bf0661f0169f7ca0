/**
 * `watch` on a terminal hides the cursor and turns auto-wrap off while it draws; however it ends
 * (done, failed, Ctrl-C, SIGTERM) the terminal gets both back, and an interrupt exits 128 + n.
 */
import { DEMO_UPLOAD_IDS } from "@filestatus/sandbox";
import { beforeAll, describe, it } from "vitest";
import { ensureBuilt, seedId } from "./run.ts";
import { HAS_SCRIPT, inTerminal } from "./terminal.ts";

const HIDE_CURSOR = "\u001b[?25l";
const SHOW_CURSOR = "\u001b[?25h";
const WRAP_OFF = "\u001b[?7l";
const WRAP_ON = "\u001b[?7h";

/** Whether the terminal ends with the cursor shown and auto-wrap on, having had them off. */
function restored(output: string): boolean {
  const hidden = output.lastIndexOf(HIDE_CURSOR);
  const unwrapped = output.lastIndexOf(WRAP_OFF);
  return (
    hidden >= 0 &&
    unwrapped >= 0 &&
    output.lastIndexOf(SHOW_CURSOR) > hidden &&
    output.lastIndexOf(WRAP_ON) > unwrapped
  );
}

/** The demo upload at its own pace: queued for 2 s, so still running when interrupted. */
const SLOW_WATCH: readonly string[] = ["watch", "zerobounce", DEMO_UPLOAD_IDS.zerobounce];

beforeAll(ensureBuilt, 60_000);

describe.skipIf(!HAS_SCRIPT).concurrent("watch on a terminal", () => {
  it("Ctrl-C: cursor and auto-wrap restored, exit 130", async ({ expect }) => {
    const terminal = await inTerminal([...SLOW_WATCH, "--sandbox"]);
    await terminal.shown(/queued/);
    terminal.type("\u0003");
    const { code, output } = await terminal.done;
    expect(output.slice(output.indexOf("^C")), JSON.stringify(output)).toSatisfy(
      (after: string) => after.includes(SHOW_CURSOR) && after.includes(WRAP_ON),
    );
    expect(output, JSON.stringify(output)).toSatisfy(restored);
    expect(code).toBe(130);
  });

  it("SIGTERM: cursor and auto-wrap restored, exit 143", async ({ expect }) => {
    const terminal = await inTerminal([...SLOW_WATCH, "--sandbox"]);
    await terminal.shown(/queued/);
    await terminal.kill("SIGTERM");
    const { code, output } = await terminal.done;
    expect(output, JSON.stringify(output)).toSatisfy(restored);
    expect(code).toBe(143);
  });

  it("an upload that failed: cursor and auto-wrap restored, exit 1", async ({ expect }) => {
    const failed = seedId("zerobounce", "broken-export");
    const terminal = await inTerminal([
      ...SLOW_WATCH,
      failed,
      "--sandbox",
      "--speed",
      "8",
      "--interval",
      "100",
    ]);
    const { code, output } = await terminal.done;
    expect(output, JSON.stringify(output)).toSatisfy(restored);
    expect(output).toContain("1 complete, 1 failed");
    expect(code).toBe(1);
  });
});
