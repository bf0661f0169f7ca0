/**
 * The shared flow on Cloudflare Workers: the Worker (worker.ts) bundled from the packed tarballs
 * runs inside workerd, and reaches over loopback HTTP a fresh sandbox that Node serves for each
 * test. One test per provider and step, as on Node, Deno and Bun; the assertions run inside the
 * Worker, which answers 500 with the failed one.
 */
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createSandbox } from "@filestatus/sandbox";
import { serve } from "@filestatus/sandbox/node";
import { afterAll, beforeAll, expect, test } from "vitest";
import { flows, SANDBOX_OPTIONS } from "../shared/flow.ts";
import { roundTrips } from "../shared/roundtrip.ts";
import { buildWorkerApp, type WorkerApp } from "./app.ts";
import { startWorkerd, type Workerd } from "./workerd.ts";

let root = "";
let app: WorkerApp;
let worker: Workerd;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "filestatus-workerd-"));
  app = await buildWorkerApp(root);
  worker = await startWorkerd(app.bundle);
}, 180_000);

afterAll(async () => {
  await worker?.close();
  if (root !== "") await rm(root, { recursive: true, force: true });
});

/** Asks the Worker to run `path`; throws what failed inside it, with workerd's output. */
async function inWorker(path: string): Promise<void> {
  const response = await fetch(`${worker.origins.http}${path}`);
  const text = await response.text();
  if (response.status !== 200) throw new Error(`${text}\n--- workerd\n${worker.output()}`);
  // Run by workerd's own fetch handler, not answered by something else on the port.
  expect(JSON.parse(text)).toEqual({ userAgent: "Cloudflare-Workers" });
}

/** Runs `path` in the Worker against a fresh sandbox, and checks the Worker's requests arrived. */
async function againstSandbox(path: string): Promise<void> {
  const sandbox = createSandbox(SANDBOX_OPTIONS);
  let requests = 0;
  const server = await serve((request: Request) => (requests++, sandbox.fetch(request)));
  try {
    await inWorker(`${path}?origin=${encodeURIComponent(server.url)}`);
  } finally {
    await server.close();
  }
  expect(requests).toBeGreaterThan(3);
}

test("the Worker is bundled from the installed tarballs, with no Node built-in", () => {
  expect(app.external).toEqual([]);
  const packages = app.inputs.filter((file) => file.includes("node_modules/"));
  expect(packages.length).toBeGreaterThan(10);
  for (const file of app.inputs) {
    // Every package from the project's own node_modules, none from the workspace.
    expect(file).toMatch(
      /^(node_modules\/(@filestatus\/[a-z]+\/dist|openapi-fetch)\/|shared\/|workerd\/)/,
    );
  }
  for (const name of [...Object.keys(flows), "core", "sandbox"]) {
    expect(
      packages.some((file) => file.startsWith(`node_modules/@filestatus/${name}/dist/`)),
      name,
    ).toBe(true);
  }
});

for (const provider of Object.keys(flows)) {
  test(`${provider}: status, wait, pages, retried 503s and a bad key over HTTP`, () =>
    againstSandbox(`/flow/${provider}`));
}

for (const provider of Object.keys(roundTrips)) {
  test(`${provider}: processFile sends a file, waits and reads its results over HTTP`, () =>
    againstSandbox(`/roundtrip/${provider}`));
}

test("credentials stay with their origin across a redirect", () =>
  inWorker(`/redirect?origins=${worker.origins.home},${worker.origins.away}`));
