/**
 * Row numbers as bits: which rows of a list of millions were left out (duplicates), at one bit a
 * row instead of a number in an array.
 */

export interface RowSet {
  add(row: number): void;
  has(row: number): boolean;
}

export function rowSet(): RowSet {
  let bits = new Uint8Array(1024);
  return {
    add(row) {
      if (row >> 3 >= bits.length) {
        const grown = new Uint8Array(Math.max(bits.length * 2, (row >> 3) + 1));
        grown.set(bits);
        bits = grown;
      }
      bits[row >> 3]! |= 1 << (row & 7);
    },
    has: (row) => ((bits[row >> 3] ?? 0) & (1 << (row & 7))) !== 0,
  };
}
