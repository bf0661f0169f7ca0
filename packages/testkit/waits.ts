/**
 * The two `waitForUpload` limits every provider shares: its `timeoutMs` and an abort. The upload
 * must still be queued for the whole test (the sandbox's "signups" upload is queued for an hour).
 */
import { expect, it } from "vitest";

interface Waiter {
  waitForUpload(
    id: string,
    options?: { intervalMs?: number; timeoutMs?: number; signal?: AbortSignal },
  ): Promise<unknown>;
}

export interface WaitLimitsTarget {
  client(): Waiter;
  /** An upload that stays queued. */
  queuedId: string;
  /** What the `TimeoutError`'s `lastStatus` must hold, beyond `state: "queued"`. */
  lastStatus?: Record<string, unknown>;
  TimeoutError: { is(value: unknown): boolean };
}

export function itHonoursWaitLimits(target: WaitLimitsTarget): void {
  it("times out with TimeoutError while the upload is still queued", async () => {
    const error = await target
      .client()
      .waitForUpload(target.queuedId, { intervalMs: 40, timeoutMs: 200 })
      .catch((e: unknown) => e);
    expect(target.TimeoutError.is(error)).toBe(true);
    expect(error).toMatchObject({ lastStatus: { state: "queued", ...target.lastStatus } });
  });

  it("stops at once when aborted", async () => {
    const controller = new AbortController();
    const waiting = target.client().waitForUpload(target.queuedId, { signal: controller.signal });
    setTimeout(() => controller.abort(new Error("user stopped")), 50);
    const started = performance.now();
    await expect(waiting).rejects.toThrow("user stopped");
    // The upload stays queued for an hour: anything short of that is the abort, even under load.
    expect(performance.now() - started).toBeLessThan(2_000);
  });
}
