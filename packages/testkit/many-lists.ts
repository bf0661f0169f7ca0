/**
 * Many small email lists whose results are known in advance, for round trips at scale: each list
 * has its own name, its own mix of valid and invalid addresses, and its own layout (header row or
 * not, where the email column is), so a result delivered to the wrong upload cannot pass.
 */

/** Domains the sandbox documents as dead (packages/sandbox README, "Uploads you send"). */
const DEAD_DOMAINS = ["dead.example", "bounce.example", "invalid.test"];
const LIVE_DOMAINS = ["example.com", "example.org", "mail.example.net"];
/** Plainly not addresses. */
const MALFORMED = ["not-an-email", "no-at.example.com", "trailing@", "@example.com", "a b@example"];

/**
 * The documented rule: an address is valid when it is well-formed and its domain is not one of
 * `dead.example`, `bounce.example`, `invalid.test`. The lists hold only addresses that are plainly
 * one or the other, so this need not be a full address grammar.
 */
export function expectedVerdict(email: string): "valid" | "invalid" {
  const match = /^[^@\s,]+@([a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,})$/i.exec(email.trim());
  return match && !DEAD_DOMAINS.includes(match[1]!.toLowerCase()) ? "valid" : "invalid";
}

export interface ManyList {
  /** Unique among the lists; some are not ASCII. */
  name: string;
  /** The CSV as sent (CRLF lines, no quoting needed). */
  text: string;
  /** Column of the address, from 1. */
  emailColumn: number;
  hasHeaderRow: boolean;
  valid: number;
  invalid: number;
  /** The results file's rows: the list's rows plus the verdict (`ZB Status` under a header). */
  expected: string[][];
}

/** A deterministic shuffle (a linear congruential generator seeded by the list's index). */
function shuffled<T>(items: T[], seed: number): T[] {
  let state = seed + 1;
  const random = () => (state = (state * 1_103_515_245 + 12_345) >>> 0) / 2 ** 32;
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

/**
 * List `i`: `i % 14` valid addresses and `1 + ⌊i / 14⌋` invalid ones (a dead domain or a
 * malformed address), so no two of the first 210 lists have the same mix; rows shuffled; a header
 * row on even lists; the address in column 1, 2 or 3.
 */
export function manyList(i: number): ManyList {
  const valid = i % 14;
  const invalid = 1 + Math.floor(i / 14);
  const addresses = [
    ...Array.from({ length: valid }, (_, j) => `u${i}.${j}@${LIVE_DOMAINS[(i + j) % 3]}`),
    ...Array.from({ length: invalid }, (_, j) =>
      j % 2 === 0 ? `u${i}.x${j}@${DEAD_DOMAINS[(i + j) % 3]}` : `${MALFORMED[(i + j) % 5]}${j}`,
    ),
  ];
  const emailColumn = 1 + (i % 3);
  const hasHeaderRow = i % 2 === 0;
  const header = ["name", "city"];
  header.splice(emailColumn - 1, 0, "email");
  const rows = shuffled(addresses, i).map((email, j) => {
    const row = [`Person ${i}-${j}`, `City ${j % 7}`];
    row.splice(emailColumn - 1, 0, email);
    return row;
  });
  const all = hasHeaderRow ? [header, ...rows] : rows;
  const results = rows.map((row) => [...row, expectedVerdict(row[emailColumn - 1]!)]);
  return {
    name: i % 10 === 7 ? `liste-été-${i}.csv` : `list-${String(i).padStart(3, "0")}.csv`,
    text: all.map((row) => row.join(",") + "\r\n").join(""),
    emailColumn,
    hasHeaderRow,
    valid,
    invalid,
    expected: hasHeaderRow ? [[...header, "ZB Status"], ...results] : results,
  };
}

/** Lists 0 … count − 1. */
export function manyLists(count: number): ManyList[] {
  return Array.from({ length: count }, (_, i) => manyList(i));
}

/** The rows of a small CSV without quoted fields (the lists have none). */
export function csvRows(text: string): string[][] {
  return text
    .split(/\r?\n/)
    .filter((line) => line !== "")
    .map((line) => line.split(","));
}
