/**
 * What each section hands back, and RESULTS.md built from it: every figure, the machine and the
 * date, and each target of the issue marked met or missed with why and what would close it.
 */
import { cpus, platform, release, totalmem } from "node:os";
import { renderTable, type Table } from "./table.ts";

export interface Target {
  /** As the issue states it. */
  target: string;
  met: boolean;
  /** The figures the verdict rests on. */
  measured: string;
  /** For a miss: the cause, and what would close it. */
  why?: string;
}

export interface Section {
  title: string;
  /** How it was measured, one paragraph per entry. */
  method: string[];
  tables: { caption: string; table: Table }[];
  notes: string[];
  targets: Target[];
}

export interface Machine {
  cpu: string;
  cores: number;
  memory: string;
  node: string;
  os: string;
}

export function machine(): Machine {
  const list = cpus();
  return {
    cpu: list[0]?.model.trim() ?? "unknown",
    cores: list.length,
    memory: `${(totalmem() / 1024 ** 3).toFixed(1)} GiB`,
    node: process.version,
    os: `${platform()} ${release()}`,
  };
}

function targetRow(t: Target): string[] {
  return [t.target, t.measured, t.met ? "met" : "**MISSED**"];
}

/** One section as Markdown (also what the console shows). */
export function renderSection(s: Section, level = 2): string {
  const out = [`${"#".repeat(level)} ${s.title}`, ...s.method];
  for (const { caption, table } of s.tables) out.push(`**${caption}**`, renderTable(table));
  if (s.notes.length) out.push(s.notes.map((n) => `- ${n}`).join("\n"));
  if (s.targets.length) {
    const head = ["target", "measured", "status"];
    out.push(renderTable({ head, rows: s.targets.map(targetRow) }));
    for (const t of s.targets.filter((t) => t.why))
      out.push(`${t.met ? "Note" : "Missed"} — ${t.target}: ${t.why}`);
  }
  return out.join("\n\n");
}

export function renderResults(
  sections: Section[],
  m: Machine,
  startedAt: Date,
  ms: number,
): string {
  const targets = sections.flatMap((s) => s.targets);
  const missed = targets.filter((t) => !t.met).length;
  const head = [
    "# Benchmark results",
    "Written by `pnpm bench` (bench/run.ts); every figure below comes from the one run described here. " +
      "Benchmarks are measurements, not tests: only the bundle-size budget is enforced, by `bench/size.test.ts` in `pnpm test`.",
    renderTable({
      head: ["", ""],
      rows: [
        ["date", startedAt.toISOString()],
        ["machine", `${m.cpu}, ${m.cores} cores, ${m.memory} memory`],
        ["runtime", `Node.js ${m.node} on ${m.os}`],
        ["bench duration", `${(ms / 1000).toFixed(0)} s`],
      ],
    }),
    "## Targets",
    `${targets.length - missed} of ${targets.length} met.`,
    renderTable({ head: ["target", "measured", "status"], rows: targets.map(targetRow) }),
  ];
  return [...head, ...sections.map((s) => renderSection(s))].join("\n\n") + "\n";
}
