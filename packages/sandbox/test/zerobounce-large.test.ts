/**
 * A list of many chunks, every kind of row mixed in, through `sendfile` and `getfile`: the results
 * are what the rules give for the list read whole (test/csv-reference.ts), over both transports.
 */
import { describe, expect, it } from "vitest";
import { parseCsv, verdict } from "../src/lists.ts";
import { referenceRows } from "./csv-reference.ts";
import { harness, TRANSPORTS } from "./helpers.ts";

const KEY = "zb-large-key";

/** ~400 KB: plain rows, quoted fields (with commas, quotes, line breaks), non-ASCII, blank lines. */
function list(): string {
  const lines = ["Email,Name,Note"];
  for (let i = 0; i < 12_000; i++) {
    if (i % 997 === 0) lines.push("");
    else if (i % 101 === 0) lines.push(`"q${i}@x.io","Last, First","says ""hi""\non two lines"`);
    else if (i % 103 === 0) lines.push(`ü${i}@x.io,Zoë`);
    else if (i % 7 === 0) lines.push(`dup${i % 50}@dead.example,D`);
    else if (i % 11 === 0) lines.push(` DUP${i % 50}@DEAD.EXAMPLE ,E,extra,fields`);
    else if (i % 13 === 0) lines.push(`"Dup${i % 50}@dead.example","quoted, so read as text"`);
    else lines.push(`user${i}@mail.example.com,N${i}`);
  }
  return lines.join("\r\n") + "\r\n";
}

/** What getfile must answer, from the rules applied to the whole list. */
function expected(text: string, dedupe: boolean): string[][] {
  const rows = referenceRows(text).filter((row) => row.some((f) => f.trim() !== ""));
  const width = rows[0]!.length;
  const pad = (row: string[]) => [
    ...row,
    ...Array<string>(Math.max(0, width - row.length)).fill(""),
  ];
  const seen = new Set<string>();
  const out = [[...pad(rows[0]!), "ZB Status"]];
  for (const row of rows.slice(1)) {
    const email = (row[0] ?? "").trim().toLowerCase();
    if (dedupe && seen.has(email)) continue;
    seen.add(email);
    out.push([...pad(row), verdict(row[0] ?? "")]);
  }
  return out;
}

describe.each(TRANSPORTS)("a large ZeroBounce list (%s)", (transport) => {
  it.each([true, false])("gives every row its verdict, duplicates removed: %s", async (dedupe) => {
    const h = await harness(transport, { speed: 1e6 });
    const text = list();
    const body = new FormData();
    body.set("api_key", KEY);
    body.set("email_address_column", "1");
    body.set("has_header_row", "true");
    body.set("remove_duplicate", String(dedupe));
    body.set("file", new File([text], "large.csv", { type: "text/csv" }));
    const sent = await h.get("/v2/sendfile", { method: "POST", body });
    expect(sent.body).toMatchObject({ success: true });
    h.clock.advance(60_000);
    const query = new URLSearchParams({ api_key: KEY, file_id: sent.body.file_id });
    const results = await (await h.send(`/v2/getfile?${query}`)).text();
    expect(parseCsv(results)).toEqual(expected(text, dedupe));
  });
});
