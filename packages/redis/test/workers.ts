/**
 * Worker processes (child/worker.mjs) against one sandbox served over loopback HTTP, all on one
 * clock running `scale` times faster than real time, with every request the sandbox answered
 * recorded: when (on that clock), what, and with which status.
 */
import { spawn } from "node:child_process";
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
  answered: Answered[];
  /** Runs one worker per job; once all are loaded, starts a fresh sandbox and them at once. */
  run(jobs: readonly object[]): Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
}

interface Worker {
  ready: Promise<void>;
  done: Promise<Record<string, unknown>>;
  go(): void;
}

function worker(env: NodeJS.ProcessEnv): Worker {
  const child = spawn(process.execPath, [WORKER], { cwd: PACKAGE, env, timeout: 60_000 });
  let stdout = "";
  let stderr = "";
  let loaded!: () => void;
  const ready = new Promise<void>((resolve) => (loaded = resolve));
  child.stdout.on("data", (chunk: Buffer) => {
    stdout += chunk.toString();
    if (stdout.startsWith("ready\n")) loaded();
  });
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const done = new Promise<Record<string, unknown>>((resolve, reject) => {
    child.once("close", (code) => {
      if (code !== 0) return reject(new Error(`worker exited ${code}\n${stderr}`));
      resolve(JSON.parse(stdout.trim().split("\n").at(-1)!) as Record<string, unknown>);
    });
  });
  done.catch(() => loaded()); // a worker that dies while loading does not hold up the others
  return { ready, done, go: () => child.stdin.end("go\n") };
}

export async function team(scale: number, options: SandboxOptions = {}): Promise<Team> {
  const t0 = Date.now();
  const now = () => t0 + (Date.now() - t0) * scale;
  let sandbox = createSandbox({ ...options, now });
  const answered: Answered[] = [];
  const server = await serve(async (request: Request) => {
    const response = await sandbox.fetch(request);
    const url = new URL(request.url);
    answered.push({ at: now(), path: `${url.pathname}${url.search}`, status: response.status });
    return response;
  });
  return {
    baseUrl: server.url,
    answered,
    async run(jobs) {
      const env = (job: object) => ({
        ...process.env,
        WORKER: JSON.stringify({ ...job, t0, scale, baseUrl: server.url }),
      });
      const workers = jobs.map((job) => worker(env(job)));
      await Promise.all(workers.map((w) => w.ready));
      // Time starts now for the sandbox (its uploads' timelines) and, through `t0`, the workers.
      sandbox = createSandbox({ ...options, now });
      workers.forEach((w) => w.go());
      return Promise.all(workers.map((w) => w.done));
    },
    close: () => server.close(),
  };
}
