/**
 * Heap after many calls on one client (run with --expose-gc): a fully collected heap before and
 * at checkpoints through 100,000 sequential calls over an in-process transport.
 */
import { createClient } from "@filestatus/zerobounce";
import { finish } from "./child.ts";
import { preparedFetch } from "./contenders.ts";
import { BODIES, IDS, KEY } from "./fixtures.ts";

export interface HeapReport {
  warmup: number;
  /** Heap used after full collection: the start, then after each checkpoint's calls. */
  points: { calls: number; heapUsed: number }[];
}

const CALLS = 100_000;
const CHECKPOINTS = 5;
const WARMUP = 5_000;

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error("run with --expose-gc");

/** Collects until nothing more is freed (finalizers and weak maps can take a few passes). */
async function settledHeap(): Promise<number> {
  for (let i = 0; i < 4; i++) {
    gc!();
    await new Promise((resolve) => setImmediate(resolve));
  }
  return process.memoryUsage().heapUsed;
}

// rateLimit: false — the default limit (250/min) would stretch 100,000 calls over 6 hours.
const client = createClient({
  apiKey: KEY,
  baseUrl: "http://bench.test",
  fetch: preparedFetch(BODIES.zerobounce),
  rateLimit: false,
});
const params = { query: { file_id: IDS.zerobounce } };
const call = async (): Promise<void> => {
  const { data } = await client.GET("/v2/filestatus", { params });
  if (data === undefined) throw new Error("no data");
};

for (let i = 0; i < WARMUP; i++) await call();
const points = [{ calls: 0, heapUsed: await settledHeap() }];
for (let k = 1; k <= CHECKPOINTS; k++) {
  for (let i = 0; i < CALLS / CHECKPOINTS; i++) await call();
  points.push({ calls: (k * CALLS) / CHECKPOINTS, heapUsed: await settledHeap() });
}
finish({ warmup: WARMUP, points } satisfies HeapReport);
