/**
 * The testkit pieces of the scale-of-many scenario, checked against the sandbox they run with:
 * the scaled clock both sides share, the server-side tally, and lists whose results are known.
 */
import {
  busiestWindow,
  caught,
  countingHandler,
  csvRows,
  manyList,
  manyLists,
  scaledClock,
} from "@filestatus/testkit";
import { describe, expect, it } from "vitest";
import { createSandbox } from "../src/index.ts";

describe("scaledClock", () => {
  it("runs factor times faster, and a sleep never ends before its time on that clock", async () => {
    const clock = scaledClock(50, 1_000);
    expect(clock.now()).toBeGreaterThanOrEqual(1_000);
    for (const ms of [1, 49, 50, 333, 1_000]) {
      const before = clock.now();
      await clock.sleep(ms);
      expect(clock.now() - before).toBeGreaterThanOrEqual(ms);
    }
  });

  it("treats NaN and negative sleeps as none, and an abort rejects with its reason", async () => {
    const clock = scaledClock(10);
    await clock.sleep(Number.NaN);
    await clock.sleep(-5);
    const controller = new AbortController();
    const forever = caught(clock.sleep(Infinity, controller.signal));
    controller.abort("stop");
    expect(await forever).toBe("stop");
    expect(await caught(clock.sleep(10, controller.signal))).toBe("stop");
  });

  it.each([0, -1, Number.NaN, Infinity])("refuses a factor of %s", (factor) => {
    expect(() => scaledClock(factor)).toThrow(RangeError);
  });
});

describe("busiestWindow", () => {
  it("counts arrivals as a sliding window of windowMs does, ends excluded", () => {
    expect(busiestWindow([], 1_000)).toBe(0);
    expect(busiestWindow([0, 999, 1_000, 1_001, 5_000], 1_000)).toBe(3);
    expect(busiestWindow([3, 1, 2], 10)).toBe(3);
  });
});

describe("manyLists on the sandbox", () => {
  it("gives 200 lists with distinct names and distinct mixes", () => {
    const lists = manyLists(200);
    expect(new Set(lists.map((l) => l.name)).size).toBe(200);
    expect(new Set(lists.map((l) => `${l.valid}/${l.invalid}`)).size).toBe(200);
    expect(lists.every((l) => l.invalid > 0)).toBe(true);
  });

  it.each([0, 7, 13, 14, 99, 199])(
    "list %i: the sandbox's results are the expected rows, and the tally names its upload",
    async (i) => {
      const list = manyList(i);
      const sandbox = createSandbox({ speed: 1_000 });
      const isUpload = (r: Request, url: URL) => url.pathname === "/v2/sendfile";
      const { handler, tally } = countingHandler(sandbox.fetch, isUpload);
      const form = new FormData();
      form.set("api_key", "key");
      form.set("email_address_column", String(list.emailColumn));
      form.set("has_header_row", String(list.hasHeaderRow));
      form.set("file", new File([list.text], list.name, { type: "text/csv" }));
      const sent = await handler(
        new Request("http://sandbox.test/v2/sendfile", { method: "POST", body: form }),
      );
      const { file_id: id } = (await sent.json()) as { file_id: string };
      await new Promise((resolve) => setTimeout(resolve, 20)); // 20 s of sandbox time
      const got = await handler(
        new Request(`http://sandbox.test/v2/getfile?api_key=key&file_id=${id}`),
      );
      expect(csvRows(await got.text())).toEqual(list.expected);
      expect(Object.fromEntries(tally.uploads)).toEqual({ [list.name]: 1 });
      expect(Object.fromEntries(tally.paths)).toEqual({
        "POST /v2/sendfile": 1,
        "GET /v2/getfile": 1,
      });
      expect(Object.fromEntries(tally.statuses)).toEqual({ 200: 2 });
    },
  );
});
