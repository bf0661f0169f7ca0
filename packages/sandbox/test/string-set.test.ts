import { describe, expect, it } from "vitest";
import { stringSet } from "../src/string-set.ts";
import { random } from "./csv-reference.ts";

const encode = (text: string) => new TextEncoder().encode(text);

describe("a compact set of strings", () => {
  it("answers as a Set does, through many growths, for strings and lower-cased ASCII bytes", () => {
    const next = random(23);
    const set = stringSet();
    const reference = new Set<string>();
    const letters = "abcXYZ@.-0123456789";
    for (let n = 0; n < 200_000; n++) {
      let value = "";
      const length = Math.floor(next() * 6);
      for (let i = 0; i < length; i++) value += letters[Math.floor(next() * letters.length)];
      const lower = value.toLowerCase();
      const expected = !reference.has(lower);
      reference.add(lower);
      const added =
        next() < 0.5
          ? set.add(lower)
          : set.addLowerAscii(encode(`>${value}<`), 1, 1 + value.length);
      if (added !== expected) throw new Error(`${JSON.stringify(value)}: ${added}`);
    }
    expect(set.size).toBe(reference.size);
  });

  it("keeps characters beyond one byte, and strings that differ only there", () => {
    const set = stringSet();
    expect(set.add("é@x.io")).toBe(true);
    expect(set.add("ĕ@x.io")).toBe(true);
    expect(set.add("ĕ@x.io")).toBe(false);
    expect(set.add("")).toBe(true);
    expect(set.addLowerAscii(new Uint8Array(0), 0, 0)).toBe(false);
    expect(set.addLowerAscii(encode("A@X.IO"), 0, 6)).toBe(true);
    expect(set.add("a@x.io")).toBe(false);
    expect(set.size).toBe(4);
  });
});
