import { describe, expect, it } from "vitest";
import { csvReader, csvRows, forEachRow } from "../src/csv-rows.ts";
import { parseCsv } from "../src/lists.ts";
import { random, randomText, referenceRows } from "./csv-reference.ts";

describe("CSV rows read in pieces", () => {
  it("gives the rows of the whole text, however the text is cut", () => {
    const next = random(7);
    for (let n = 0; n < 3000; n++) {
      const text = randomText(next, Math.floor(next() * 40));
      const rows: string[][] = [];
      const reader = csvReader((row) => rows.push(row));
      for (let at = 0; at < text.length;) {
        const size = 1 + Math.floor(next() * 8);
        reader.push(text.slice(at, at + size));
        at += size;
      }
      reader.end();
      const expected = referenceRows(text);
      expect(rows, JSON.stringify(text)).toEqual(expected);
      expect(csvRows(text)).toEqual(expected);
    }
  });

  it("reads the cases that need a look ahead: a CR at the end of a piece, a quote at the end", () => {
    const pieces = ["a,b\r", '\nc,"d', '"', '"e",f\r', "g"];
    const rows: string[][] = [];
    const reader = csvReader((row) => rows.push(row));
    for (const piece of pieces) reader.push(piece);
    reader.end();
    expect(rows).toEqual([["a", "b"], ["c", 'd"e', "f"], ["g"]]);
    expect(parseCsv(pieces.join(""))).toEqual(rows);
  });

  it("says when a row is unfinished: a quoted field still open", () => {
    const reader = csvReader(() => undefined);
    reader.push('a,"multi\n');
    expect(reader.midRow()).toBe(true);
    reader.push('line"\n');
    expect(reader.midRow()).toBe(false);
  });

  it("reads a Blob row by row, dropping a byte-order mark, and stops where asked", async () => {
    const blob = new Blob(["\ufeffemail\r\n", "a@x.io\r\n".repeat(20_000)]);
    const seen: string[][] = [];
    await forEachRow(blob, (row) => (seen.push(row), seen.length === 3));
    expect(seen).toEqual([["email"], ["a@x.io"], ["a@x.io"]]);
    let count = 0;
    await forEachRow(blob, () => void count++);
    expect(count).toBe(20_001);
  });
});
