/**
 * Peak resident memory of this process during one phase of work, relative to just before it:
 * `process.memoryUsage.rss()` sampled every millisecond, and on Linux the kernel's own peak
 * (`VmHWM` in /proc/self/status, reset through /proc/self/clear_refs before the phase), which
 * also catches a peak reached inside one synchronous call, between two samples.
 */
import { readFileSync, writeFileSync } from "node:fs";

export interface PhaseReport {
  ms: number;
  /** RSS just before the phase, after a full collection when `--expose-gc` allows one. */
  rssBefore: number;
  /** Highest sampled RSS minus `rssBefore`. */
  sampledGrowth: number;
  /** Kernel peak minus `rssBefore`; undefined where the kernel offers no resettable peak. */
  kernelGrowth: number | undefined;
  samples: number;
}

/** Resets the kernel's peak to the current RSS; false where that is not possible. */
function resetPeak(): boolean {
  try {
    writeFileSync("/proc/self/clear_refs", "5");
    return true;
  } catch {
    return false;
  }
}

function kernelPeak(): number | undefined {
  try {
    const kb = /VmHWM:\s+(\d+)\s+kB/.exec(readFileSync("/proc/self/status", "utf8"))?.[1];
    return kb === undefined ? undefined : Number(kb) * 1024;
  } catch {
    return undefined;
  }
}

async function settle(): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc;
  for (let i = 0; i < 3 && gc; i++) {
    gc();
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** Runs `work` as one phase, measuring its time and its peak RSS growth. */
export async function phase<T>(work: () => Promise<T>): Promise<{ value: T; report: PhaseReport }> {
  await settle();
  const resettable = resetPeak();
  const rssBefore = process.memoryUsage.rss();
  let peak = rssBefore;
  let samples = 0;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
    samples++;
  }, 1);
  const started = performance.now();
  try {
    const value = await work();
    const ms = performance.now() - started;
    peak = Math.max(peak, process.memoryUsage.rss());
    const kernel = resettable ? kernelPeak() : undefined;
    const kernelGrowth = kernel === undefined ? undefined : kernel - rssBefore;
    return {
      value,
      report: { ms, rssBefore, sampledGrowth: peak - rssBefore, kernelGrowth, samples },
    };
  } finally {
    clearInterval(sampler);
  }
}

/** The larger of the two growth figures: what a target is judged on. */
export const growth = (r: PhaseReport): number => Math.max(r.sampledGrowth, r.kernelGrowth ?? 0);

/** Reads `body` to its end; the number of bytes it held. */
export async function drain(body: ReadableStream<Uint8Array> | null): Promise<number> {
  let bytes = 0;
  if (!body) return bytes;
  const reader = body.getReader();
  for (let next = await reader.read(); !next.done; next = await reader.read())
    bytes += next.value.byteLength;
  return bytes;
}
