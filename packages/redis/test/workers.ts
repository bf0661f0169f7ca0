/**
 * Worker processes (child/worker.mjs) against one sandbox served over loopback HTTP, all on one
 * clock running `scale` times faster than real time, with every request the sandbox answered
 * recorded: when (on that clock), what, and with which status.
 */
import { execFile } from "node:child_process";
import { createSandbox, type SandboxOptions } from "@filestatus/sandbox";
import { serve } from "@filestatus/sandbox/node";

const WORKER = new URL("./child/worker.mjs", import.meta.url).pathname;
const PACKAGE = new URL("..", import.meta.url).pathname;

export interface Answered {
  at: number;
  path: string;
  status: number;
}

export interface Team {
  baseUrl: string;
  t0: number;
  answered: Answered[];
  sandbox: ReturnType<typeof createSandbox>;
  /** Runs one worker per job at once; resolves with each one's report. */
  run(jobs: readonly object[]): Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
}

export async function team(scale: number, options: SandboxOptions = {}): Promise<Team> {
  const t0 = Date.now();
  const now = () => t0 + (Date.now() - t0) * scale;
  const sandbox = createSandbox({ ...options, now });
  const answered: Answered[] = [];
  const server = await serve(async (request: Request) => {
    const response = await sandbox.fetch(request);
    const url = new URL(request.url);
    answered.push({ at: now(), path: `${url.pathname}${url.search}`, status: response.status });
    return response;
  });
  const one = (job: object) =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      const env = {
        ...process.env,
        WORKER: JSON.stringify({ ...job, t0, scale, baseUrl: server.url }),
      };
      execFile(
        process.execPath,
        [WORKER],
        { cwd: PACKAGE, env, timeout: 60_000 },
        (error, stdout, stderr) => {
          if (error) return reject(new Error(`worker failed: ${error.message}\n${stderr}`));
          resolve(JSON.parse(stdout.trim().split("\n").at(-1)!) as Record<string, unknown>);
        },
      );
    });
  return {
    baseUrl: server.url,
    t0,
    answered,
    sandbox,
    run: (jobs) => Promise.all(jobs.map(one)),
    close: () => server.close(),
  };
}
