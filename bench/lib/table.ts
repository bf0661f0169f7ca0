/**
 * Tables and number formats shared by every section. Tables are printed as Markdown, padded the way
 * prettier pads them, so RESULTS.md passes the repository's `format:check` as written.
 */

export interface Table {
  head: string[];
  rows: string[][];
  /** Per column; numbers read best right-aligned. Default left. */
  align?: ("l" | "r")[];
}

const width = (s: string): number => [...s].length;

export function renderTable(t: Table): string {
  const cols = t.head.length;
  const widths = Array.from({ length: cols }, (_, i) =>
    Math.max(3, width(t.head[i]!), ...t.rows.map((r) => width(r[i] ?? ""))),
  );
  const right = (i: number): boolean => t.align?.[i] === "r";
  const pad = (s: string, i: number): string => {
    const fill = " ".repeat(widths[i]! - width(s));
    return right(i) ? fill + s : s + fill;
  };
  const line = (cells: string[]): string => `| ${cells.map((c, i) => pad(c, i)).join(" | ")} |`;
  const rule = widths.map((w, i) => (right(i) ? "-".repeat(w - 1) + ":" : "-".repeat(w)));
  return [line(t.head), `| ${rule.join(" | ")} |`, ...t.rows.map((r) => line(r))].join("\n");
}

/** `12,345` */
export function int(n: number): string {
  return Math.round(n).toLocaleString("en-US");
}

/** `n` with `digits` decimals and thousands separators. */
export function num(n: number, digits = 1): string {
  return n.toLocaleString("en-US", {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
}

/** `7,823 B` */
export function bytes(n: number): string {
  return `${int(n)} B`;
}

/** Kibibytes, written kB as the issue does (6 kB = 6,144 B). */
export function kb(n: number, digits = 2): string {
  return `${num(n / 1024, digits)} kB`;
}

/** Mebibytes. */
export function mb(n: number, digits = 1): string {
  return `${num(n / 1024 / 1024, digits)} MB`;
}

/** Mebibytes, written as such (the large-file sections' targets are in MiB). */
export function mib(n: number, digits = 1): string {
  return `${num(n / 1024 / 1024, digits)} MiB`;
}

/** `1.23×` */
export function ratio(n: number): string {
  return `${num(n, 2)}×`;
}

/** `+12.3 %` / `-4.0 %` */
export function percent(n: number, digits = 1): string {
  return `${n >= 0 ? "+" : ""}${num(n, digits)} %`;
}

/** Milliseconds as `ms` above 1 ms, else `µs`. */
export function duration(ms: number): string {
  return ms >= 1 ? `${num(ms, 2)} ms` : `${num(ms * 1000, 1)} µs`;
}

/** Seconds. */
export function seconds(ms: number): string {
  return `${num(ms / 1000, 2)} s`;
}
