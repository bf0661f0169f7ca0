/**
 * ZeroBounce `getfile`: the rows of a list as sent, each with `ZB Status` (validation) or
 * `ZB Score` (A.I. scoring), duplicates left out. The file is read again and the results written
 * as the client reads them, a piece at a time, so a list of any size streams in flat memory. Plain
 * rows (list-rows.ts) are copied as bytes: a field without quotes, commas or line breaks is
 * written as it was read.
 */
import { fieldText, listRows, type PlainRow, type RowVisitor } from "../list-rows.ts";
import { csvLine, verdict } from "../lists.ts";
import type { ZbList } from "./zerobounce-form.ts";

/** A piece is handed on once it holds this many bytes. */
const PIECE = 64 * 1024;
const COMMA = 44;
const encoder = new TextEncoder();
const tail = (text: string) => encoder.encode(`,${text}\r\n`);
const TAILS = {
  valid: tail("valid"),
  invalid: tail("invalid"),
  "10": tail("10"),
  "0": tail("0"),
  "ZB Status": tail("ZB Status"),
  "ZB Score": tail("ZB Score"),
} as const;

/** Bytes gathered for the next piece. */
function output() {
  let bytes = new Uint8Array(2 * PIECE);
  let used = 0;
  const room = (n: number) => {
    if (used + n <= bytes.length) return;
    const grown = new Uint8Array(Math.max(bytes.length * 2, used + n));
    grown.set(bytes.subarray(0, used));
    bytes = grown;
  };
  return {
    get size() {
      return used;
    },
    plain(row: PlainRow, pad: number, last: Uint8Array) {
      room(row.end - row.start + pad + last.length);
      // Locals: the copy runs for every byte of the list.
      const from = row.bytes;
      const to = bytes;
      let at = used;
      for (let i = row.start; i < row.end; i++) to[at++] = from[i]!;
      for (let i = 0; i < pad; i++) to[at++] = COMMA;
      for (let i = 0; i < last.length; i++) to[at++] = last[i]!;
      used = at;
    },
    text(line: string) {
      const encoded = encoder.encode(line);
      room(encoded.length);
      bytes.set(encoded, used);
      used += encoded.length;
    },
    /** The piece so far; the next one starts empty. */
    take(): Uint8Array {
      const piece = bytes.subarray(0, used);
      ((bytes = new Uint8Array(2 * PIECE)), (used = 0));
      return piece;
    },
  };
}

/** Writes the result row for each row of `list` to `out`. */
function resultRows(list: Omit<ZbList, "name">, out: ReturnType<typeof output>): RowVisitor {
  const result = (email: string): keyof typeof TAILS =>
    list.scoring ? (verdict(email) === "valid" ? "10" : "0") : verdict(email);
  const title = list.scoring ? "ZB Score" : "ZB Status";
  let index = 0;
  /** Which tail a row that holds anything gets, or undefined when it is left out. */
  const next = (email: () => string): keyof typeof TAILS | undefined => {
    const at = index++;
    if (at === 0 && list.header) return title;
    return list.dropped.has(at) ? undefined : result(email());
  };
  return {
    plain(row) {
      if (row.blank) return;
      const which = next(() => fieldText(row, list.emailColumn));
      if (which) out.plain(row, Math.max(0, list.width - row.fields), TAILS[which]);
    },
    parsed(fields) {
      if (!fields.some((field) => field.trim() !== "")) return; // a blank line is not a row
      const which = next(() => fields[list.emailColumn] ?? "");
      if (!which) return;
      const padding = Array<string>(Math.max(0, list.width - fields.length)).fill("");
      out.text(csvLine([...fields, ...padding, which]));
    },
  };
}

/** The results CSV of `list` as a stream of UTF-8 bytes, lines ending with CRLF. */
export function resultsBody(list: Omit<ZbList, "name">): ReadableStream<Uint8Array> {
  const out = output();
  let rows: ReturnType<typeof listRows> | undefined;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      rows ??= listRows(list.file.stream(), resultRows(list, out));
      while (out.size < PIECE) {
        if (await rows.next()) continue;
        if (out.size > 0) controller.enqueue(out.take());
        controller.close();
        return;
      }
      controller.enqueue(out.take());
    },
    cancel: () => rows?.cancel(),
  });
}
