/**
 * Regeneration: `generate --check` (every spec compiled in one process, nothing written) against
 * one openapi-typescript CLI process per spec, and what a no-op `turbo run build` costs once
 * everything is built.
 */
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { bin, check, ROOT, run, type Ran } from "./lib/exec.ts";
import type { Section, Target } from "./lib/report.ts";
import { int, ratio, seconds } from "./lib/table.ts";

/** Alternating trials, so neither side always runs on a warm file cache. */
const TRIALS = 3;

export interface Build {
  ms: number;
  cached: number;
  total: number;
}

export interface RegenResult {
  specs: string[];
  /** Per trial: one `generate --check` process. */
  generate: { ms: number; code: number }[];
  /** Per trial: the total of one CLI process per spec. */
  cli: number[];
  full: Build;
  noop: Build;
}

function parseBuild(ran: Ran): Build {
  const text = (ran.stdout + ran.stderr).replace(/\x1b\[[0-9;]*m/g, "");
  const match = /Cached:\s+(\d+) cached, (\d+) total/.exec(text);
  if (!match) throw new Error(`turbo printed no "Cached:" line:\n${text}`);
  return { ms: ran.ms, cached: Number(match[1]), total: Number(match[2]) };
}

export async function runRegen(): Promise<RegenResult> {
  const build = ["run", "build", "--output-logs=errors-only"];
  const full = parseBuild(
    check(await run(bin("turbo"), build, { timeoutMs: 300_000 }), "turbo run build"),
  );
  const noop = parseBuild(check(await run(bin("turbo"), build), "turbo run build (again)"));

  const specs = (await readdir(join(ROOT, "specs"))).filter((f) => f.endsWith(".yaml")).sort();
  const out = await mkdtemp(join(tmpdir(), "filestatus-regen-"));
  const generate: RegenResult["generate"] = [];
  const cli: number[] = [];
  try {
    for (let trial = 0; trial < TRIALS; trial++) {
      // Exit 1 means "stale", which still compiled every spec: the time is what we measure.
      const g = await run(bin("tsx"), ["scripts/generate.ts", "--check"]);
      if (g.code > 1) check(g, "generate --check");
      generate.push({ ms: g.ms, code: g.code });
      let total = 0;
      for (const spec of specs) {
        const args = [`specs/${spec}`, "-o", join(out, spec.replace(".yaml", ".ts"))];
        total += check(await run(bin("openapi-typescript"), args), `openapi-typescript ${spec}`).ms;
      }
      cli.push(total);
    }
  } finally {
    await rm(out, { recursive: true, force: true });
  }
  return { specs, generate, cli, full, noop };
}

/** The middle trial: the first of each often pays for a cold file cache. */
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export function reportRegen(r: RegenResult): Section {
  const gen = median(r.generate.map((g) => g.ms));
  const cli = median(r.cli);
  const stale = r.generate.some((g) => g.code === 1);
  const hit = r.noop.cached / r.noop.total;
  const targets: Target[] = [
    {
      target: "regeneration of all specs faster than the per-spec CLI runs",
      met: gen < cli,
      measured: `${seconds(gen)} vs ${seconds(cli)} (${ratio(cli / gen)} faster)`,
      ...(gen < cli
        ? {}
        : {
            why: "one process should amortise Node start-up and module loading over every spec; look for per-spec work that repeats (prettier config resolution, spec loading).",
          }),
    },
  ];
  return {
    title: "5. Regeneration and build cache",
    method: [
      `\`tsx scripts/generate.ts --check\` compiles all ${r.specs.length} specs (openapi-typescript's Node API, then prettier, as \`pnpm generate\` does) in one process and writes nothing; ` +
        `the alternative is one \`node_modules/.bin/openapi-typescript specs/<p>.yaml -o <tmp>\` process per spec (no prettier). ${TRIALS} alternating trials; wall-clock time per trial, compared by the median.`,
      "The build cache: `turbo run build` once (so everything is built; it may itself be served from cache), then again, unchanged: the second run's `Cached: N cached, M total`.",
    ],
    tables: [
      {
        caption: "Generating every spec",
        table: {
          head: ["how", ...r.generate.map((_, i) => `trial ${i + 1}`), "median"],
          align: ["l", ...r.generate.map((): "r" => "r"), "r"],
          rows: [
            [
              "`generate --check`, one process",
              ...r.generate.map((g) => seconds(g.ms)),
              seconds(gen),
            ],
            [
              `openapi-typescript CLI, ${r.specs.length} processes`,
              ...r.cli.map(seconds),
              seconds(cli),
            ],
          ],
        },
      },
      {
        caption: "turbo run build",
        table: {
          head: ["run", "cached", "total", "hit ratio", "wall time"],
          align: ["l", "r", "r", "r", "r"],
          rows: [
            [
              "first (ensures a full build)",
              int(r.full.cached),
              int(r.full.total),
              `${int((100 * r.full.cached) / r.full.total)} %`,
              seconds(r.full.ms),
            ],
            [
              "second, nothing changed",
              int(r.noop.cached),
              int(r.noop.total),
              `${int(100 * hit)} %`,
              seconds(r.noop.ms),
            ],
          ],
        },
      },
    ],
    notes: [
      ...(stale
        ? [
            "`generate --check` reported stale generated code in this tree (exit 1); it compiled every spec all the same, so the timing stands.",
          ]
        : []),
      ...(hit < 1
        ? [
            `The no-op build missed the cache for ${r.noop.total - r.noop.cached} task(s): some task's inputs changed between the two runs or it writes into its own inputs.`,
          ]
        : []),
    ],
    targets,
  };
}
