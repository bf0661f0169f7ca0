import { describe, expect, it } from "vitest";
import { fieldText, listRows, visitRows, type RowVisitor } from "../src/list-rows.ts";
import { random, randomPieces, randomText, referenceRows, streamOf } from "./csv-reference.ts";

/** Every row of `bytes` as fields, whichever way it was read, and how many were read in place. */
async function readAll(pieces: Uint8Array[]): Promise<{ rows: string[][]; plain: number }> {
  const rows: string[][] = [];
  let plain = 0;
  const visitor: RowVisitor = {
    plain(row) {
      plain++;
      const fields = Array.from({ length: row.fields }, (_, i) => fieldText(row, i));
      expect(row.blank).toBe(fields.every((f) => f.trim() === ""));
      rows.push(fields);
    },
    parsed: (fields) => void rows.push(fields),
  };
  await visitRows(streamOf(pieces), visitor);
  return { rows, plain };
}

const encode = (text: string) => new TextEncoder().encode(text);

describe("list rows read from bytes", () => {
  it("gives the rows the text gives, however the bytes arrive", async () => {
    const next = random(11);
    for (let n = 0; n < 1500; n++) {
      let text = randomText(next, Math.floor(next() * 60));
      if (next() < 0.1) text = "\ufeff" + text;
      const bytes = encode(text);
      const { rows } = await readAll(randomPieces(next, bytes));
      expect(rows, JSON.stringify(text)).toEqual(referenceRows(new TextDecoder().decode(bytes)));
    }
  });

  it("reads plain lines in place and only the rest as text, then goes back", async () => {
    const text = 'a@x.io,Ann\r\nb@x.io,"Bo\nB"\nc@x.io,Cy\n\n"é"\nd@x.io, Dee \r\n,\n';
    const { rows, plain } = await readAll(randomPieces(random(3), encode(text)));
    expect(rows).toEqual(referenceRows(text));
    // a, c, the blank line, d and "," are plain; the quoted and non-ASCII rows are not.
    expect(plain).toBe(5);
  });

  it("treats bytes that are not UTF-8 as the text decoder does", async () => {
    const bytes = new Uint8Array([0x61, 0x2c, 0xff, 0x0a, 0xc3, 0x0a, 0x62, 0x0d]);
    const { rows } = await readAll([bytes.slice(0, 5), bytes.slice(5)]);
    expect(rows).toEqual(referenceRows(new TextDecoder().decode(bytes)));
  });

  it("reads a line of 8 MiB, and a quoted field of 8 MiB over many lines, arriving 4 KiB at a time", async () => {
    const chunks = (text: string) => {
      const bytes = encode(text);
      return Array.from({ length: Math.ceil(bytes.length / 4096) }, (_, i) =>
        bytes.subarray(i * 4096, (i + 1) * 4096),
      );
    };
    const long = "x".repeat(8 * 1024 * 1024);
    const plain = await readAll(chunks(`a@x.io,${long}\nb@x.io\n`));
    expect(plain.rows.map((r) => r.map((f) => f.length))).toEqual([[6, long.length], [6]]);
    const field = "y\n".repeat(4 * 1024 * 1024);
    const quoted = await readAll(chunks(`a@x.io,"${field}"\nb@x.io\n`));
    expect(quoted.rows).toEqual([["a@x.io", field], ["b@x.io"]]);
  });

  it("reads one chunk per call, and can be cancelled", async () => {
    const pieces = [encode("a\nb\n"), encode("c\n"), encode("d\n")];
    const seen: number[] = [];
    const rows = listRows(streamOf(pieces), { plain: () => void seen.push(1), parsed: () => {} });
    expect(await rows.next()).toBe(true);
    expect(seen).toHaveLength(2);
    await rows.cancel();
  });
});
