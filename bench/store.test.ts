/**
 * The pure helpers of the "beyond one process" section: how requests beyond a provider's limit
 * are counted, how uploads are dealt out to workers, and which requests come close behind
 * another for the same upload. The section's figures are only as right as these.
 */
import { describe, expect, it } from "vitest";
import { closeRepeats, overLimit, seededUploads, split } from "./lib/store-plan.ts";

const LIMIT = { requests: 3, perMs: 1_000 };

describe("overLimit", () => {
  it("counts arrivals that find the window full", () => {
    expect(overLimit([0, 0, 0], LIMIT)).toBe(0);
    expect(overLimit([0, 0, 0, 0, 0], LIMIT)).toBe(2);
  });

  it("frees a place once its arrival is a whole window old, as the sandbox does", () => {
    expect(overLimit([0, 0, 0, 1_000], LIMIT)).toBe(0);
    expect(overLimit([0, 0, 0, 999], LIMIT)).toBe(1);
  });

  it("never counts a refused arrival towards the window", () => {
    // 500 is refused; were it counted, 1,200 would find 500, 1,000 and 1,100 and be refused too.
    expect(overLimit([0, 0, 0, 500, 1_000, 1_100, 1_200], LIMIT)).toBe(1);
  });

  it("takes arrivals in any order", () => {
    expect(overLimit([999, 0, 0, 0], LIMIT)).toBe(1);
  });
});

describe("split", () => {
  it("deals every item once, in order, as evenly as it goes", () => {
    expect(split([1, 2, 3, 4, 5, 6, 7], 3)).toEqual([[1, 2, 3], [4, 5, 6], [7]]);
    expect(
      split(
        Array.from({ length: 2_000 }, (_, i) => i),
        8,
      ).map((p) => p.length),
    ).toEqual(Array(8).fill(250));
  });

  it("refuses a count of parts that is not a whole number ≥ 1", () => {
    for (const parts of [0, -1, 1.5, NaN, Infinity])
      expect(() => split([1], parts)).toThrow(RangeError);
  });
});

describe("closeRepeats", () => {
  it("counts a request that follows the previous one for its upload within the gap, whoever sent it", () => {
    const looks = [[["a", 0]], [["a", 1_000]], [["a", 5_000]]] as const;
    expect(closeRepeats(looks, 2_000)).toBe(1);
    expect(
      closeRepeats(
        [
          [
            ["a", 0],
            ["a", 1_000],
          ],
        ],
        2_000,
      ),
    ).toBe(1);
  });

  it("measures each gap from the request just before, never across uploads", () => {
    const looks = [
      [
        ["a", 0],
        ["b", 500],
      ],
      [
        ["a", 1_500],
        ["a", 3_000],
      ],
    ] as const;
    // a: 0 → 1,500 → 3,000, both gaps under 2 s; b alone.
    expect(closeRepeats(looks, 2_000)).toBe(2);
  });

  it("takes each worker's requests in any order", () => {
    expect(
      closeRepeats(
        [
          [
            ["a", 5_000],
            ["a", 0],
            ["a", 1_000],
          ],
        ],
        2_000,
      ),
    ).toBe(1);
  });
});

describe("seededUploads", () => {
  it("gives the same uploads every time, each with its own id, within the timeline", () => {
    const timeline = {
      agoMs: 60_000,
      queuedMs: 60_000,
      processingMs: [30_000, 150_000] as [number, number],
    };
    const uploads = seededUploads(2_000, "team", timeline);
    expect(seededUploads(2_000, "team", timeline)).toEqual(uploads);
    expect(new Set(uploads.map((u) => u.id)).size).toBe(2_000);
    for (const u of uploads) {
      expect(-u.createdAt).toBeLessThanOrEqual(60_000);
      expect(u.processingMs).toBeGreaterThanOrEqual(30_000);
      expect(u.processingMs).toBeLessThanOrEqual(150_000);
    }
    expect(uploads.filter((u) => u.outcome === "failed")).toHaveLength(100);
  });
});
