/**
 * The large lists of the large-file sections: generated once per run into a temporary directory
 * (removed when the process exits) and shared by every section that asks for the same size.
 * Each row is one address and a name; every tenth address is on a dead domain, every fiftieth on a
 * bouncing one, so the expected results are known from the generator alone.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { open } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface LargeList {
  path: string;
  bytes: number;
  /** Data rows (the header excluded). */
  rows: number;
  /** Rows the sandbox judges invalid. */
  invalid: number;
}

export const MIB: number = 1024 * 1024;
export const HEADER: string = "email,first_name\n";

/** Row `i`: its text, and whether its address is on a dead domain (`lists.ts` DEAD_DOMAINS). */
export function row(i: number): { text: string; invalid: boolean } {
  if (i % 10 === 3) return { text: `user${i}@dead.example,Ann\n`, invalid: true };
  if (i % 50 === 7) return { text: `user${i}@bounce.example,Bo\n`, invalid: true };
  return { text: `user${i}@mail${i % 97}.example.com,Cy\n`, invalid: false };
}

let directory: string | undefined;
const made = new Map<number, Promise<LargeList>>();

/** A temporary directory for this run's files, removed at exit. */
export function scratchDir(): string {
  if (!directory) {
    const dir = mkdtempSync(join(tmpdir(), "filestatus-bench-"));
    directory = dir;
    process.once("exit", () => rmSync(dir, { recursive: true, force: true }));
  }
  return directory;
}

/** Writes rows until the next would pass `bytes`. */
async function generate(path: string, bytes: number): Promise<LargeList> {
  const file = await open(path, "w");
  try {
    let size = 0;
    let rows = 0;
    let invalid = 0;
    let piece: string[] = [HEADER];
    let pieceBytes = HEADER.length;
    for (;;) {
      const next = row(rows);
      if (size + pieceBytes + next.text.length > bytes) break;
      (piece.push(next.text), (pieceBytes += next.text.length), rows++);
      if (next.invalid) invalid++;
      if (pieceBytes >= 4 * MIB) {
        await file.write(piece.join(""));
        ((size += pieceBytes), (piece = []), (pieceBytes = 0));
      }
    }
    await file.write(piece.join(""));
    return { path, bytes: size + pieceBytes, rows, invalid };
  } finally {
    await file.close();
  }
}

/** The list of (at most) `bytes` bytes, generated on first use. */
export function largeList(bytes: number): Promise<LargeList> {
  let list = made.get(bytes);
  if (!list) {
    list = generate(join(scratchDir(), `list-${bytes}.csv`), bytes);
    made.set(bytes, list);
  }
  return list;
}
