/**
 * Our ZeroBounce client and @zerobounce/zero-bounce-sdk side by side on one 100 MiB list against
 * the same sandbox process: time and peak RSS growth of each phase, each client in a process of
 * its own (lib/large-client.ts), and what the SDK does with the bytes (read from its source).
 */
import { join } from "node:path";
import type { PhaseOutcome, RoundTripReport } from "./lib/large-client.ts";
import { largeList, MIB, scratchDir, type LargeList } from "./lib/large-list.ts";
import { checkResults, runClient, withSandbox, type ResultsCheck } from "./lib/large-run.ts";
import type { Section } from "./lib/report.ts";
import { growth } from "./lib/rss.ts";
import { ZEROBOUNCE_SDK_BASE } from "./lib/sdk-url.ts";
import { int, mib, seconds } from "./lib/table.ts";

export const SDK_LIST_BYTES: number = 100 * MIB;

export interface LargeSdkResult {
  list: LargeList;
  ours: RoundTripReport;
  sdk: RoundTripReport;
  check: ResultsCheck;
}

export async function runLargeSdk(): Promise<LargeSdkResult> {
  const list = await largeList(SDK_LIST_BYTES);
  const out = join(scratchDir(), "results-100.csv");
  const { value } = await withSandbox(list.path, async (origin) => ({
    ours: await runClient({ kind: "ours", origin, file: list.path, out }),
    sdk: await runClient({ kind: "sdk", origin, file: list.path, out }),
  }));
  return { list, ...value, check: await checkResults(out, list) };
}

const CALLS: Record<RoundTripReport["kind"], Record<PhaseOutcome["name"], string>> = {
  ours: {
    upload: "`upload(await openAsBlob(path), …)`",
    processing: "`waitForUpload`",
    download: "`downloadResults` piped to a file",
  },
  sdk: {
    upload: "`sendFile({ file: new File([await openAsBlob(path)], …) })`",
    processing: "`getFileStatus` until Complete",
    download: "`getFile`",
  },
  raw: { upload: "", processing: "", download: "" },
};

function rows(report: RoundTripReport, who: string): string[][] {
  return report.phases.map((p) => [
    who,
    CALLS[report.kind][p.name],
    seconds(p.report.ms),
    `+${mib(Math.max(0, growth(p.report)))}`,
    p.failed ? `**fails**: ${p.outcome}` : p.outcome.replace(/^file_id .*/, "accepted"),
  ]);
}

export function reportLargeSdk(r: LargeSdkResult): Section {
  const sdkGet = r.sdk.phases.find((p) => p.name === "download")!;
  return {
    title: "10. Large files: the ZeroBounce SDK side by side",
    method: [
      `The same sandbox process for both; a list of ${mib(r.list.bytes)} (${int(r.list.rows)} rows) generated as in section 8; each client in a fresh process of its own, measured phase by phase as in section 8 (peak RSS growth: the larger of the sampled and the kernel's figure). Both send \`has_header_row=true\` and \`remove_duplicate=false\` (the SDK's default).`,
      `Pointing the SDK at the sandbox: its bulk calls ignore the base URL \`init(apiKey, apiBaseURL)\` takes (src/utils.js builds \`batch ? API_BULK_BASE_URL : apiBaseURL\`, and every file call passes \`batch: true\`), so its process wraps the global \`fetch\` to rewrite \`${ZEROBOUNCE_SDK_BASE}\` to the sandbox's origin (bench/lib/sdk-url.ts). No other process is touched.`,
    ],
    tables: [
      {
        caption: `${mib(r.list.bytes)} list, by phase`,
        table: {
          head: ["client", "call", "time", "peak RSS growth", "outcome"],
          align: ["l", "l", "r", "r", "l"],
          rows: [
            ...rows(r.ours, "@filestatus/zerobounce"),
            ...rows(r.sdk, "@zerobounce/zero-bounce-sdk 1.2.2"),
          ],
        },
      },
    ],
    notes: [
      `Our results file: ${int(r.check.lines)} lines, ${int(r.check.invalid)} \`invalid\`${r.check.problem ? ` — WRONG: ${r.check.problem}` : ", as the list implies"}.`,
      "What the SDK does with the bytes (node_modules/@zerobounce/zero-bounce-sdk/src, the same code as its dist bundle): " +
        "`sendFile` puts the caller's file in a `FormData` and hands it to the global `fetch` with `Accept-Encoding` and `Connection: keep-alive` headers. Node's fetch streams a `FormData` body without reading the file whole, but with `redirect: \"follow\"` it clones the request and the clone's tee keeps every byte sent until the answer (section 8): that is the SDK's upload growth. " +
        "It checks nothing before sending (a missing file or column is a `console.error` and `undefined`), and turns every failure into `new Error(String(error))`.",
      `\`getFile\` reads the whole results file into one string (\`await response.text()\`), searches it for \`"success":"False"\`, copies it into a \`Blob\`, then saves it the browser's way: \`window.navigator.msSaveOrOpenBlob\`, else \`document.createElement("a")\`, \`window.URL.createObjectURL\` and a click. ` +
        `Node has no \`window\`, so in Node it always fails, after downloading and holding everything: "${sdkGet.outcome}" (+${mib(Math.max(0, growth(sdkGet.report)))} at its peak for ${mib(r.list.bytes)} of list). Its results cannot be saved in Node at all; the time and memory shown are what it spends before failing.`,
    ],
    targets: [],
  };
}
