/**
 * A 256 MiB list through the sandbox and back, in flat memory: the peak RSS growth of the client
 * process in each phase of the round trip (lib/large-client.ts), the sandbox in a process of its
 * own. Raw `fetch` uploading the same body shows what Node's fetch itself holds of an upload.
 */
import { join } from "node:path";
import { largeList, MIB, scratchDir, type LargeList } from "./lib/large-list.ts";
import type { PhaseOutcome, RoundTripReport, RoundTripTask } from "./lib/large-client.ts";
import {
  checkResults,
  runClient,
  SANDBOX_SPEED,
  withSandbox,
  type ResultsCheck,
} from "./lib/large-run.ts";
import type { Section, Target } from "./lib/report.ts";
import { growth, type PhaseReport } from "./lib/rss.ts";
import { int, mib, num, seconds } from "./lib/table.ts";

export const LIST_BYTES: number = 256 * MIB;
/** The issue's bound on the client's peak RSS growth in any phase. */
export const LIMIT: number = 64 * MIB;

export interface LargeMemoryResult {
  list: LargeList;
  ours: RoundTripReport;
  /** Raw fetch uploads to the sink: as Node's fetch sends by default, and with redirect "error". */
  raw: { redirect: RequestRedirect; report: RoundTripReport }[];
  check: ResultsCheck;
  sandboxMaxRss: number;
}

export async function runLargeMemory(): Promise<LargeMemoryResult> {
  const list = await largeList(LIST_BYTES);
  const out = join(scratchDir(), "results-256.csv");
  const { value, sandboxMaxRss } = await withSandbox(list.path, async (origin) => {
    const ours = await runClient({ kind: "ours", origin, file: list.path, out });
    const raw = [];
    for (const redirect of ["follow", "error"] as const) {
      const task: RoundTripTask = {
        kind: "raw",
        redirect,
        origin: `${origin}/sink`,
        file: list.path,
        out,
      };
      raw.push({ redirect, report: await runClient(task) });
    }
    return { ours, raw };
  });
  return { list, ...value, check: await checkResults(out, list), sandboxMaxRss };
}

const rate = (bytes: number, ms: number) => `${num(bytes / MIB / (ms / 1000), 0)} MiB/s`;
const plus = (n: number | undefined) => (n === undefined ? "n/a" : `+${mib(Math.max(0, n))}`);

function row(who: string, p: PhaseOutcome, bytes: number | undefined): string[] {
  const r: PhaseReport = p.report;
  return [
    who,
    p.name,
    seconds(r.ms),
    bytes === undefined ? "" : rate(bytes, r.ms),
    mib(r.rssBefore),
    plus(r.sampledGrowth),
    plus(r.kernelGrowth),
    p.name === "processing" ? "" : growth(r) <= LIMIT ? "yes" : "**no**",
  ];
}

export function reportLargeMemory(r: LargeMemoryResult): Section {
  const phases = r.ours.phases;
  const size = (p: PhaseOutcome) =>
    p.name === "upload"
      ? r.list.bytes
      : p.name === "download"
        ? Number(/^\d+/.exec(p.outcome)?.[0])
        : undefined;
  const judged = phases.filter((p) => p.name !== "processing");
  const target: Target = {
    target: "256 MiB round trip: client peak RSS growth ≤ 64 MiB in each phase",
    met: judged.every((p) => growth(p.report) <= LIMIT) && r.check.problem === undefined,
    measured: judged.map((p) => `${p.name} +${mib(growth(p.report))}`).join(", "),
    ...(r.check.problem && { why: `the results file is wrong: ${r.check.problem}` }),
  };
  return {
    title: "8. Large files: memory",
    method: [
      `A generated list of ${mib(r.list.bytes)} (${int(r.list.bytes)} B): a header and ${int(r.list.rows)} rows \`user<i>@<domain>,<name>\`, one in ten on \`dead.example\` and one in fifty on \`bounce.example\` (${int(r.list.invalid)} invalid).`,
      `The sandbox runs in its own process (bench/lib/large-sandbox.ts: \`createSandbox({ speed: ${int(SANDBOX_SPEED)} })\` behind \`serve\` from \`@filestatus/sandbox/node\`), so an upload is complete as soon as it is read. ` +
        "The client runs in another process with `--expose-gc`, one ZeroBounce client with its defaults: " +
        "`client.upload(await fs.openAsBlob(path), { emailColumn: 1, hasHeaderRow: true, removeDuplicate: false })`, `waitForUpload`, then `downloadResults` piped to a file (`body.pipeTo(Writable.toWeb(createWriteStream(…)))`).",
      "Each phase is measured on its own: after a full collection, RSS just before the phase is the baseline; `process.memoryUsage.rss()` is sampled every millisecond during it, and the kernel's own peak (`VmHWM`, reset through `/proc/self/clear_refs` before the phase) catches what falls between samples. " +
        "The target is judged on the larger of the two growths.",
      'For comparison, raw `fetch` uploads the same multipart body as a stream (`duplex: "half"`) to the sandbox process\'s sink (read and dropped), once with `fetch`\'s default `redirect: "follow"` and once with `redirect: "error"`.',
    ],
    tables: [
      {
        caption: "Client process, by phase",
        table: {
          head: [
            "client",
            "phase",
            "time",
            "rate",
            "RSS before",
            "peak growth (sampled)",
            "peak growth (kernel)",
            "≤ 64 MiB",
          ],
          align: ["l", "l", "r", "r", "r", "r", "r", "l"],
          rows: [
            ...phases.map((p) => row("@filestatus/zerobounce", p, size(p))),
            ...r.raw.map(({ redirect, report }) =>
              row(`raw fetch, redirect "${redirect}"`, report.phases[0]!, r.list.bytes),
            ),
          ],
        },
      },
    ],
    notes: [
      `Results file: ${int(r.check.lines)} lines, ${int(r.check.invalid)} \`invalid\`${r.check.problem ? ` — WRONG: ${r.check.problem}` : ", as the list implies"}. Sandbox process peak RSS: ${mib(r.sandboxMaxRss)} (it keeps the upload, ${mib(r.list.bytes)}, until deleted).`,
      "Node's fetch (undici 6, Node 20) clones every request it may have to redirect, and the clone tees the body: the branch kept for a redirect is never read and holds every byte sent until the answer (nodejs/undici#4058, fixed in undici 8.6). " +
        'That is the raw `redirect: "follow"` row. An upload cannot follow a redirect anyway (its body is gone), so our client sends uploads with `redirect: "error"`, the mode in which undici sends without the clone.',
      "`removeDuplicate: false`: the sandbox would otherwise deduplicate 8 million addresses (about 10 s of its CPU here, and some 350 MB) before answering; it changes nothing on the client's side.",
      "The rest of the growth is garbage not yet collected (chunks of the file as they are read and sent, or received and written): V8 collects it when it sees fit, so the figure varies by a few MiB from run to run.",
    ],
    targets: [target],
  };
}
