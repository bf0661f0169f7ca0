/**
 * Throughput of a large upload and download: our ZeroBounce client against raw `fetch` moving the
 * same bytes to the same server (lib/large-throughput.ts), on the sandbox and on its sink.
 */
import type { Section, Target } from "./lib/report.ts";
import { largeList, MIB, type LargeList } from "./lib/large-list.ts";
import { runChild, withSandbox } from "./lib/large-run.ts";
import type { Contender, Transfer, ThroughputTask } from "./lib/large-throughput.ts";
import { quantile } from "./lib/stats.ts";
import { mib, num, ratio } from "./lib/table.ts";
import { LIST_BYTES } from "./large-memory.ts";

/** The floor: our rate over raw fetch's. */
export const FLOOR = 0.8;
/** As many rounds as contenders, so that each goes first, second (and third) once. */
const ROUNDS: ThroughputTask["rounds"] = { sandbox: 2, sink: 3 };

export interface LargeTimeResult {
  list: LargeList;
  transfers: Transfer[];
}

export async function runLargeTime(): Promise<LargeTimeResult> {
  const list = await largeList(LIST_BYTES);
  const { value } = await withSandbox(list.path, (origin) =>
    runChild<Transfer[]>(new URL("./lib/large-throughput.ts", import.meta.url), {
      origin,
      file: list.path,
      rounds: ROUNDS,
    } satisfies ThroughputTask),
  );
  return { list, transfers: value };
}

const KEYS = [
  ["sandbox", "upload"],
  ["sandbox", "download"],
  ["sink", "upload"],
  ["sink", "download"],
] as const;

/** MiB/s of one transfer. */
const rateOf1 = (t: Transfer): number => t.bytes / MIB / (t.ms / 1000);

/** MiB/s of one contender: the median of its rounds (other processes on the machine move a few). */
function rateOf(ts: Transfer[]): number {
  return quantile(
    ts.map(rateOf1).sort((a, b) => a - b),
    0.5,
  );
}

export function reportLargeTime(r: LargeTimeResult): Section {
  const pick = (target: string, direction: string, contender: Contender) =>
    r.transfers.filter(
      (t) => t.target === target && t.direction === direction && t.contender === contender,
    );
  const rows = KEYS.map(([target, direction]) => {
    const ours = pick(target, direction, "ours");
    const raw = pick(target, direction, "raw fetch");
    const noFollow = pick(target, direction, 'raw fetch, redirect "error"');
    const strict = noFollow.length > 0 ? rateOf(ours) / rateOf(noFollow) : undefined;
    return { target, direction, ours, raw, noFollow, ratio: rateOf(ours) / rateOf(raw), strict };
  });
  const rounds = (ts: Transfer[]) => ts.map((t) => num(rateOf1(t), 0)).join(", ");
  const sameBytes = rows.every(
    (x) => new Set([...x.ours, ...x.raw, ...x.noFollow].map((t) => t.bytes)).size === 1,
  );
  const target: Target = {
    target: `large upload and download at ≥ ${FLOOR}× raw fetch's throughput`,
    met: rows.every((x) => x.ratio >= FLOOR) && sameBytes,
    measured: rows.map((x) => `${x.target} ${x.direction} ${ratio(x.ratio)}`).join("; "),
    ...(!sameBytes && { why: "the contenders did not receive the same number of bytes" }),
  };
  return {
    title: "9. Large files: throughput",
    method: [
      `The ${mib(r.list.bytes)} list of section 8, sent and its results received by our ZeroBounce client (\`upload\`, \`downloadResults\` read to the end) and by raw \`fetch\` ` +
        '(the same multipart body POSTed as a stream with `duplex: "half"`; a GET of the same `getfile` URL read to the end), in one client process against one sandbox process.',
      `Two servers in that sandbox process: the sandbox itself, which reads the CSV as it arrives and writes the results as they are read, and its sink, which reads a body and drops it, and serves a stored file of ${mib(r.list.bytes)} as \`getfile\` would. ` +
        `${ROUNDS.sandbox} rounds on the sandbox and ${ROUNDS.sink} on the sink; the order of the contenders rotates every round; the sandbox starts empty before every upload. Rates are MiB of the list (uploads) or of the results (downloads) per second, the median of the rounds.`,
    ],
    tables: [
      {
        caption: "MiB/s, ours against raw fetch",
        table: {
          head: [
            "server",
            "direction",
            "ours",
            "raw fetch",
            "ours / raw fetch",
            'raw fetch, redirect "error"',
            "ours / that",
            "ours by round",
            "raw fetch by round",
          ],
          align: ["l", "l", "r", "r", "r", "r", "r", "r", "r"],
          rows: rows.map((x) => [
            x.target,
            x.direction,
            num(rateOf(x.ours), 0),
            num(rateOf(x.raw), 0),
            ratio(x.ratio),
            x.noFollow.length > 0 ? num(rateOf(x.noFollow), 0) : "",
            x.strict === undefined ? "" : ratio(x.strict),
            rounds(x.ours),
            rounds(x.raw),
          ]),
        },
      },
    ],
    notes: [
      "On the sandbox, its own work bounds both contenders (reading the CSV and its rows as they arrive; writing each result row), so the ratio is near 1 whatever the client does; the sink shows what the client's transport costs against the runtime's `fetch` alone.",
      'Raw fetch is judged as written, with its default `redirect: "follow"`, where undici tees an upload\'s body (time as well as memory). Our uploads go with `redirect: "error"` (section 8); on the sink, raw fetch uploads that way too, for the comparison of the transports alone (`ours / that`).',
    ],
    targets: [target],
  };
}
