/**
 * CSV rows from text that arrives in pieces (a file read as a stream), so a list of any size is
 * read row by row and never held as text or as arrays. The rules are RFC 4180's as the sandbox
 * reads every list: quoted fields may hold commas, doubled quotes and line breaks; a quote opens a
 * quoted field only at the field's start; `\r\n`, `\n` and a lone `\r` each end a row; a trailing
 * empty line is not a row.
 */

/** Receives each row as it is completed. */
export type OnRow = (row: string[]) => void;

export interface CsvReader {
  /** Reads the next piece of text; `onRow` is called for every row it completes. */
  push(text: string): void;
  /** The text has ended: the last row, if it had no line break. */
  end(): void;
  /** True while a row is unfinished: a quoted field runs on, or a CR waits for its LF. */
  midRow(): boolean;
}

const QUOTE = 34;
const COMMA = 44;
const CR = 13;
const LF = 10;
/** Characters that change the state of an unquoted field. */
const SPECIAL = /[",\r\n]/g;

/**
 * One row that holds a quote, read character by character from `from`: its end (past the line
 * break), or -1 when `s` ends before the row does and more text may follow.
 */
function quotedRow(s: string, from: number, final: boolean, onRow: OnRow): number {
  const row: string[] = [];
  let field = "";
  let quoted = false;
  let i = from;
  while (i < s.length) {
    if (quoted) {
      const q = s.indexOf('"', i);
      if (q === -1) return final ? finish(row, field + s.slice(i), onRow, s.length) : -1;
      field += s.slice(i, q);
      // A quote as the last character may be the first of a doubled quote: wait for the next.
      if (q + 1 === s.length && !final) return -1;
      if (s.charCodeAt(q + 1) === QUOTE) ((field += '"'), (i = q + 2));
      else ((quoted = false), (i = q + 1));
      continue;
    }
    SPECIAL.lastIndex = i;
    const next = SPECIAL.exec(s)?.index ?? -1;
    if (next === -1) return final ? finish(row, field + s.slice(i), onRow, s.length) : -1;
    field += s.slice(i, next);
    const c = s.charCodeAt(next);
    i = next + 1;
    if (c === QUOTE) {
      if (field === "") quoted = true;
      else field += '"';
    } else if (c === COMMA) (row.push(field), (field = ""));
    else {
      if (c === CR && i === s.length && !final) return -1; // a `\n` may follow
      if (c === CR && s.charCodeAt(i) === LF) i++;
      row.push(field);
      onRow(row);
      return i;
    }
  }
  return final ? finish(row, field, onRow, s.length) : -1;
}

/** The last row, when the text ends without a line break; a quote left open ends there too. */
function finish(row: string[], field: string, onRow: OnRow, end: number): number {
  if (field !== "" || row.length > 0) (row.push(field), onRow(row));
  return end;
}

/**
 * A reader of CSV text in pieces. Rows without a quote (nearly all of a list) are found with
 * `indexOf` and split whole; only rows holding a quote are read character by character.
 */
export function csvReader(onRow: OnRow): CsvReader {
  let carry = "";
  const read = (text: string, final: boolean) => {
    const s = carry + text;
    let pos = 0;
    // The next quote, CR and LF at or after `pos`; -1 once there is none left in `s`.
    let quote = -2;
    let cr = -2;
    let lf = -2;
    while (pos < s.length) {
      if (quote !== -1 && quote < pos) quote = s.indexOf('"', pos);
      if (cr !== -1 && cr < pos) cr = s.indexOf("\r", pos);
      if (lf !== -1 && lf < pos) lf = s.indexOf("\n", pos);
      const br = cr === -1 ? lf : lf === -1 ? cr : Math.min(cr, lf);
      if (quote !== -1 && (br === -1 || quote < br)) {
        const end = quotedRow(s, pos, final, onRow);
        if (end === -1) break;
        pos = end;
        continue;
      }
      if (br === -1) {
        if (final) (onRow(s.slice(pos).split(",")), (pos = s.length));
        break;
      }
      if (br === cr && br + 1 === s.length && !final) break; // a `\n` may follow
      onRow(s.slice(pos, br).split(","));
      pos = br === cr && s.charCodeAt(br + 1) === LF ? br + 2 : br + 1;
    }
    carry = s.slice(pos);
  };
  return {
    push: (text) => read(text, false),
    end: () => read("", true),
    midRow: () => carry !== "",
  };
}

/** The rows of a whole CSV text. */
export function csvRows(text: string): string[][] {
  const rows: string[][] = [];
  const reader = csvReader((row) => rows.push(row));
  reader.push(text);
  reader.end();
  return rows;
}

/**
 * Reads `blob` as UTF-8 (a byte-order mark dropped, as `Blob.text()` does) and calls `onRow` for
 * each row. `onRow` may return true to stop reading there.
 */
export async function forEachRow(
  blob: Blob,
  onRow: (row: string[]) => boolean | void,
): Promise<void> {
  const decoder = new TextDecoder();
  let stop = false;
  const reader = csvReader((row) => {
    if (!stop) stop = onRow(row) === true;
  });
  const bytes = blob.stream().getReader();
  try {
    while (!stop) {
      const { done, value } = await bytes.read();
      if (done) break;
      reader.push(decoder.decode(value, { stream: true }));
    }
    if (!stop) (reader.push(decoder.decode()), reader.end());
  } finally {
    if (stop) await bytes.cancel().catch(() => undefined);
    else bytes.releaseLock();
  }
}
