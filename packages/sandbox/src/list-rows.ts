/**
 * The rows of an uploaded list, read from its bytes a chunk at a time. Nearly every line of a real
 * list is plain (ASCII, no quotes): those are handed over in place, as bytes and the positions of
 * their commas, with no string made unless asked for. A line that is not plain (a quote, which may
 * open a field running over several lines, a character beyond ASCII, a lone CR) sends the text from
 * there on through the CSV reader (csv-rows.ts) until it is back at the start of a row. Both ways
 * give the rows `parseCsv` gives for the text: a byte-order mark is dropped, CR LF, LF or a lone CR
 * end a row, and a line ending is never part of a field.
 */
import { csvReader } from "./csv-rows.ts";

/** A plain row, read in place. Valid only during the call it is passed to. */
export interface PlainRow {
  bytes: Uint8Array;
  /** Its first byte. */
  start: number;
  /** Past its last byte, the line break left out. */
  end: number;
  /** How many fields it has (commas + 1). */
  fields: number;
  /** True when every field is blank (spaces or tabs only). */
  blank: boolean;
  /** Where field `i` (from 0) starts, and where it ends; both `end` for a field it lacks. */
  fieldStart(i: number): number;
  fieldEnd(i: number): number;
}

/** What a pass over a list does with each row, in order. */
export interface RowVisitor {
  plain(row: PlainRow): void;
  /** A row that was not plain, as fields. */
  parsed(fields: string[]): void;
}

const LF = 10;
const CR = 13;
const COMMA = 44;
const QUOTE = 34;

const ASCII = new TextDecoder();

/** Field `i` of a plain row as text. */
export function fieldText(row: PlainRow, i: number): string {
  return ASCII.decode(row.bytes.subarray(row.fieldStart(i), row.fieldEnd(i)));
}

/** True for the bytes `String.prototype.trim` removes that can appear in a plain row. */
export const isSpace = (b: number): boolean => b === 32 || (b >= 9 && b <= 13);

/**
 * Reads `input` (a list as it was sent) one chunk per `next()`, calling the visitor for each row
 * completed; `next` resolves false once the whole list has been read. Pull-based, so a reader can
 * stream its output.
 */
export function listRows(
  input: ReadableStream<Uint8Array>,
  visitor: RowVisitor,
): { next(): Promise<boolean>; cancel(): Promise<void> } {
  const source = input.getReader();
  // Bytes go to the text route only in runs that end with a LF, so the decoder never holds part
  // of a character when the bytes after them are read in place. The byte-order mark is dropped
  // before either route sees it.
  const decoder = new TextDecoder("utf-8", { ignoreBOM: true });
  const text = csvReader((fields) => visitor.parsed(fields));
  const viaText = (bytes: Uint8Array) => text.push(decoder.decode(bytes, { stream: true }));
  let started = false;
  let commas: Int32Array = new Int32Array(64);
  const row: PlainRow = {
    bytes: new Uint8Array(0),
    start: 0,
    end: 0,
    fields: 0,
    blank: true,
    fieldStart: (i) => (i === 0 ? row.start : i < row.fields ? commas[i - 1]! + 1 : row.end),
    fieldEnd: (i) => (i < row.fields - 1 ? commas[i]! : row.end),
  };

  /** The lines of `bytes[0..to)`, the last ending at `to`: in place while they are plain. */
  const lines = (bytes: Uint8Array, to: number) => {
    row.bytes = bytes;
    for (let pos = 0; pos < to;) {
      let lf = bytes.indexOf(LF, pos);
      if (lf === -1 || lf >= to) lf = to;
      const end = lf < to && lf > pos && bytes[lf - 1] === CR ? lf - 1 : lf;
      let fields = 1;
      let blank = true;
      for (let i = pos; i < end; i++) {
        const b = bytes[i]!;
        if (b === COMMA) {
          if (fields > commas.length) commas = grow(commas);
          commas[fields - 1] = i;
          fields++;
        } else if (b >= 0x80 || b === QUOTE || b === CR) return viaText(bytes.subarray(pos, to));
        else if (blank && !isSpace(b)) blank = false;
      }
      ((row.start = pos), (row.end = end), (row.fields = fields), (row.blank = blank));
      visitor.plain(row);
      pos = lf + 1;
    }
  };

  // Bytes after the last LF so far (a line still arriving), kept as they came: a line of any
  // length is joined once, when its end arrives.
  let pending: Uint8Array[] = [];
  const take = (last?: Uint8Array): Uint8Array => {
    const joined = concat(last ? [...pending, last] : pending);
    pending = [];
    return joined;
  };

  return {
    cancel: () => source.cancel(),
    async next() {
      const { done, value } = await source.read();
      if (done) {
        const rest = take();
        if (text.midRow()) viaText(rest);
        else lines(rest, rest.length);
        text.push(decoder.decode());
        text.end();
        return false;
      }
      let bytes = value;
      if (!started) {
        pending.push(value);
        if (pending.reduce((n, p) => n + p.length, 0) < 3) return true;
        bytes = take();
        started = true;
        if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
      }
      // Inside a row that runs on (a quoted field), every byte goes the text way until it ends.
      if (text.midRow()) return (viaText(take(bytes)), true);
      const lf = bytes.lastIndexOf(LF);
      if (lf === -1) return (pending.push(bytes), true);
      const whole = take(bytes.subarray(0, lf + 1));
      lines(whole, whole.length);
      if (lf + 1 < bytes.length) pending.push(bytes.slice(lf + 1));
      return true;
    },
  };
}

function grow(array: Int32Array): Int32Array {
  const copy = new Int32Array(array.length * 2);
  copy.set(array);
  return copy;
}

function concat(parts: Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  const joined = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) (joined.set(part, at), (at += part.length));
  return joined;
}

/** Reads the whole of `bytes`, calling the visitor for every row. */
export async function visitRows(
  bytes: ReadableStream<Uint8Array>,
  visitor: RowVisitor,
): Promise<void> {
  const rows = listRows(bytes, visitor);
  while (await rows.next());
}
