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
  /** True while a row is under way: a quoted field runs on, a line was cut, a CR awaits its LF. */
  midRow(): boolean;
}

const QUOTE = 34;
const COMMA = 44;
const CR = 13;
const LF = 10;
/** Characters that change the state of an unquoted field. */
const SPECIAL = /[",\r\n]/g;

/** A row under way in the character loop, kept between pieces of text. */
interface OpenRow {
  fields: string[];
  field: string;
  quoted: boolean;
}

/**
 * Reads the row under way from `i` character by character: where it ended (past its line break),
 * or -1 when `s` ran out first (the row is kept in `open`; `carry` is the one character, a quote or
 * a CR, that can only be read with the next). Each character is read once, however many pieces the
 * row spans.
 */
function readRow(
  s: string,
  i: number,
  open: OpenRow,
  final: boolean,
  onRow: OnRow,
): { end: number; carry: string } {
  while (i < s.length) {
    if (open.quoted) {
      const q = s.indexOf('"', i);
      if (q === -1) {
        open.field += s.slice(i);
        i = s.length;
        break;
      }
      open.field += s.slice(i, q);
      // A quote as the last character may be the first of a doubled quote: wait for the next.
      if (q + 1 === s.length && !final) return { end: -1, carry: '"' };
      if (s.charCodeAt(q + 1) === QUOTE) ((open.field += '"'), (i = q + 2));
      else ((open.quoted = false), (i = q + 1));
      continue;
    }
    SPECIAL.lastIndex = i;
    const next = SPECIAL.exec(s)?.index ?? -1;
    if (next === -1) {
      open.field += s.slice(i);
      i = s.length;
      break;
    }
    open.field += s.slice(i, next);
    const c = s.charCodeAt(next);
    i = next + 1;
    if (c === QUOTE) {
      if (open.field === "") open.quoted = true;
      else open.field += '"';
    } else if (c === COMMA) (open.fields.push(open.field), (open.field = ""));
    else {
      if (c === CR && i === s.length && !final) return { end: -1, carry: "\r" }; // a LF may follow
      if (c === CR && s.charCodeAt(i) === LF) i++;
      onRow([...open.fields, open.field]);
      return { end: i, carry: "" };
    }
  }
  // The text has ended: the last row, if it holds anything; a quote left open ends there too.
  if (!final) return { end: -1, carry: "" };
  if (open.field !== "" || open.fields.length > 0) onRow([...open.fields, open.field]);
  return { end: s.length, carry: "" };
}

/**
 * A reader of CSV text in pieces. A whole line without a quote (nearly every line of a list) is
 * found with `indexOf` and split; anything else (a quote, a line cut by the end of a piece) is read
 * character by character until its row ends, and its state kept from one piece to the next.
 */
export function csvReader(onRow: OnRow): CsvReader {
  let open: OpenRow | undefined;
  let carry = "";
  const read = (text: string, final: boolean) => {
    const s = carry + text;
    carry = "";
    let pos = 0;
    // The next quote, CR and LF at or after `pos`; -1 once there is none left in `s`.
    let quote = -2;
    let cr = -2;
    let lf = -2;
    while (pos < s.length || (open && final)) {
      if (!open) {
        if (quote !== -1 && quote < pos) quote = s.indexOf('"', pos);
        if (cr !== -1 && cr < pos) cr = s.indexOf("\r", pos);
        if (lf !== -1 && lf < pos) lf = s.indexOf("\n", pos);
        const br = cr === -1 ? lf : lf === -1 ? cr : Math.min(cr, lf);
        const whole = br !== -1 && (quote === -1 || br < quote) && (br !== cr || br + 1 < s.length);
        if (whole) {
          onRow(s.slice(pos, br).split(","));
          pos = br === cr && s.charCodeAt(br + 1) === LF ? br + 2 : br + 1;
          continue;
        }
        open = { fields: [], field: "", quoted: false };
      }
      const step = readRow(s, pos, open, final, onRow);
      if (step.end === -1) return void (carry = step.carry);
      ((pos = step.end), (open = undefined));
    }
  };
  return {
    push: (text) => read(text, false),
    end: () => read("", true),
    midRow: () => open !== undefined,
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
