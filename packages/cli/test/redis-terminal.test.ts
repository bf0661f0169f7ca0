/**
 * A Redis warning that arrives while a live display holds the terminal is shown above the display,
 * and stays on the screen: written among the bars, their next drawing would cover it. The Redis
 * here accepts connections and never answers, so the warning comes after the display has started.
 */
import { join } from "node:path";
import { DEMO_UPLOAD_IDS } from "@filestatus/sandbox";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { emailList, fileIn, scratch } from "./lists.ts";
import { silentServer, type SilentServer } from "./redis-fixtures.ts";
import { ensureBuilt, seedId } from "./run.ts";
import { screen } from "./screen.ts";
import { HAS_SCRIPT, inTerminal } from "./terminal.ts";

let silent: SilentServer;
beforeAll(async () => {
  await ensureBuilt();
  silent = await silentServer();
}, 60_000);
afterAll(() => silent?.close());

const warning = (): RegExp =>
  new RegExp(
    `^filestatus: redis://127\\.0\\.0\\.1:${silent.port}: store unavailable .*did not answer`,
  );

describe.skipIf(!HAS_SCRIPT)("a Redis warning during a live display", () => {
  it("watch: above the bars, once, and still there at the end", async () => {
    const ids = [DEMO_UPLOAD_IDS.zerobounce, seedId("zerobounce", "customers")];
    const redis = `redis://127.0.0.1:${silent.port}`;
    const args = ["watch", "zerobounce", ...ids, "--sandbox", "--speed", "4", "--redis", redis];
    const { code, output } = await (await inTerminal(args)).done;
    const shown = screen(output);
    expect(
      shown.filter((line) => warning().test(line)),
      shown.join("\n"),
    ).toHaveLength(1);
    expect(shown.at(-1)).toBe("2 complete, 0 failed");
    expect(
      shown.filter((line) => /^zerobounce +\S+ \[█+\] 100% complete /.test(line)),
    ).toHaveLength(2);
    expect(code).toBe(0);
  });

  it("run: above the live line, once, and still there at the end", async () => {
    const dir = scratch();
    const list = fileIn(dir, "list.csv", emailList(20).csv);
    const redis = `redis://127.0.0.1:${silent.port}`;
    const out = join(dir, "out.csv");
    const args = [
      "run",
      "zerobounce",
      list,
      "--sandbox",
      "--speed",
      "8",
      "--redis",
      redis,
      "-o",
      out,
    ];
    const { code, output } = await (await inTerminal(args)).done;
    const shown = screen(output);
    expect(
      shown.filter((line) => warning().test(line)),
      shown.join("\n"),
    ).toHaveLength(1);
    // The live line's last drawing, whole, then the summary below it.
    expect(shown.at(-2)).toMatch(/^downloading +\[[█░]+\] +\S+: \d+ B received$/);
    expect(shown.at(-1)).toMatch(/^zerobounce \S+ complete: .* of results in \S+out\.csv$/);
    expect(code).toBe(0);
  });
});
