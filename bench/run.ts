/**
 * `pnpm bench`: runs every section in one process (children where a section needs its own),
 * prints each as it finishes and writes RESULTS.md. `--only=size,regen` runs some sections and
 * prints them without writing RESULTS.md, which must always hold one complete run.
 */
import { writeFile } from "node:fs/promises";
import { machine, renderResults, renderSection, type Section } from "./lib/report.ts";
import { reportRegen, runRegen } from "./regen.ts";

interface Step {
  name: string;
  /** Where the section goes in RESULTS.md (the numbering). */
  place: number;
  run(): Promise<Section>;
}

// Regeneration runs first: its `turbo run build` builds every package (a fresh clone has no
// dist/), and only then are the sections that import, bundle or pack them loaded.
const STEPS: Step[] = [
  { name: "regen", place: 5, run: async () => reportRegen(await runRegen()) },
  {
    name: "size",
    place: 3,
    run: async () => {
      const { reportSize, runSize } = await import("./size.ts");
      return reportSize(await runSize());
    },
  },
  {
    name: "footprint",
    place: 4,
    run: async () => {
      const { reportFootprint, runFootprint } = await import("./footprint.ts");
      return reportFootprint(await runFootprint());
    },
  },
  {
    name: "overhead",
    place: 1,
    run: async () => {
      const { reportOverhead, runOverhead } = await import("./overhead.ts");
      return reportOverhead(await runOverhead());
    },
  },
  {
    name: "throughput",
    place: 2,
    run: async () => {
      const { reportThroughput, runThroughput } = await import("./throughput.ts");
      return reportThroughput(await runThroughput());
    },
  },
  {
    name: "memory",
    place: 6,
    run: async () => {
      const { reportMemory, runMemory } = await import("./memory.ts");
      return reportMemory(await runMemory());
    },
  },
  {
    name: "large-memory",
    place: 8,
    run: async () => {
      const { reportLargeMemory, runLargeMemory } = await import("./large-memory.ts");
      return reportLargeMemory(await runLargeMemory());
    },
  },
  {
    name: "large-time",
    place: 9,
    run: async () => {
      const { reportLargeTime, runLargeTime } = await import("./large-time.ts");
      return reportLargeTime(await runLargeTime());
    },
  },
  {
    name: "large-sdk",
    place: 10,
    run: async () => {
      const { reportLargeSdk, runLargeSdk } = await import("./large-sdk.ts");
      return reportLargeSdk(await runLargeSdk());
    },
  },
  {
    name: "polling",
    place: 7,
    run: async () => {
      const { runPolling } = await import("./polling.ts");
      const section = await runPolling();
      return { ...section, title: `7. ${section.title}` };
    },
  },
  {
    name: "scale",
    place: 11,
    run: async () => {
      const { reportScale, runScaleSection } = await import("./scale.ts");
      return reportScale(await runScaleSection());
    },
  },
  {
    name: "store",
    place: 12,
    run: async () => {
      const { reportStore, runStore } = await import("./store.ts");
      return reportStore(await runStore());
    },
  },
];

async function main(argv: string[]): Promise<void> {
  const only = argv
    .find((a) => a.startsWith("--only="))
    ?.slice("--only=".length)
    .split(",");
  const steps = only ? STEPS.filter((s) => only.includes(s.name)) : STEPS;
  if (only && steps.length !== only.length)
    throw new Error(`--only takes ${STEPS.map((s) => s.name).join(",")}`);
  const startedAt = new Date();
  const started = performance.now();
  const done: { place: number; section: Section }[] = [];
  for (const step of steps) {
    const t = performance.now();
    console.log(`\n[bench] ${step.name}…`);
    const section = await step.run();
    console.log(
      `${renderSection(section)}\n\n[bench] ${step.name}: ${((performance.now() - t) / 1000).toFixed(1)} s`,
    );
    done.push({ place: step.place, section });
  }
  const ms = performance.now() - started;
  if (only) return;
  const sections = done.sort((a, b) => a.place - b.place).map((d) => d.section);
  const path = new URL("./RESULTS.md", import.meta.url);
  await writeFile(path, renderResults(sections, machine(), startedAt, ms));
  console.log(`\n[bench] wrote bench/RESULTS.md in ${(ms / 1000).toFixed(0)} s`);
}

await main(process.argv.slice(2));
