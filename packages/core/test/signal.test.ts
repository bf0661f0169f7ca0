import { caught, virtualClock } from "@filestatus/testkit";
import { afterEach, describe, expect, it } from "vitest";
import { follow } from "../src/signal.ts";
import { helpersOf, json, scripted, upload } from "./demo.ts";

/** An abortable signal that counts the abort listeners on it now, and the most there ever were. */
function watchedSignal() {
  const controller = new AbortController();
  const { signal } = controller;
  const add = signal.addEventListener.bind(signal);
  const remove = signal.removeEventListener.bind(signal);
  const live = new Set<unknown>();
  let most = 0;
  signal.addEventListener = ((type: string, listener: EventListener, options?: unknown) => {
    if (type === "abort") most = Math.max(most, live.add(listener).size);
    add(type, listener, options as AddEventListenerOptions);
  }) as typeof signal.addEventListener;
  signal.removeEventListener = ((type: string, listener: EventListener, options?: unknown) => {
    if (type === "abort") live.delete(listener);
    remove(type, listener, options as EventListenerOptions);
  }) as typeof signal.removeEventListener;
  return { controller, signal, listeners: () => live.size, most: () => most };
}

const warnings: Error[] = [];
const onWarning = (warning: Error) => warnings.push(warning);
afterEach(() => {
  process.off("warning", onWarning);
  warnings.length = 0;
});

describe("many calls sharing one signal", () => {
  it("200 concurrent waits put one listener on it, no warning, and one abort stops them all", async () => {
    process.on("warning", onWarning);
    const clock = virtualClock();
    const { client, sent } = scripted(clock, [() => json(upload("queued"))], { rateLimit: false });
    const { controller, signal, listeners, most } = watchedSignal();
    const stop = new Error("stopped by the user");
    const waits = Array.from({ length: 200 }, (_, i) =>
      caught(helpersOf(client).waitForUpload(`u${i}`, { signal, intervalMs: 1_000 })),
    );
    const aborted = clock.sleep(5_500).then(() => controller.abort(stop));
    const outcomes = await clock.run(Promise.all([...waits, aborted]));
    expect(outcomes.slice(0, 200).every((o) => o === stop)).toBe(true);
    expect(sent.length).toBe(200 * 6); // at 0, 1, 2, 3, 4 and 5 s, then nothing
    expect(most()).toBe(1);
    expect(listeners()).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 10)); // warnings are emitted on a later tick
    expect(warnings.map((w) => w.name)).toEqual([]);
  }, 30_000); // hundreds of requests or waits: seconds on a loaded machine
});

describe("follow", () => {
  it("aborts every follower with the reason, in the order they started following", () => {
    const parent = new AbortController();
    const order: number[] = [];
    const children = [0, 1, 2].map((i) => {
      const child = new AbortController();
      child.signal.addEventListener("abort", () => order.push(i));
      follow(parent.signal, child);
      return child;
    });
    parent.abort("why");
    expect(order).toEqual([0, 1, 2]);
    expect(children.map((c) => c.signal.reason)).toEqual(["why", "why", "why"]);
  });

  it("leaves an unlinked follower alone and no listener once the last one unlinks", () => {
    const { controller, signal, listeners } = watchedSignal();
    const [a, b] = [new AbortController(), new AbortController()];
    const unlinkA = follow(signal, a);
    const unlinkB = follow(signal, b);
    unlinkA();
    unlinkA(); // twice is harmless
    expect(listeners()).toBe(1);
    unlinkB();
    expect(listeners()).toBe(0);
    const c = new AbortController();
    follow(signal, c); // following again after everyone left
    controller.abort("late");
    expect([a.signal.aborted, b.signal.aborted, c.signal.reason]).toEqual([false, false, "late"]);
  });

  it("aborts at once for a signal already aborted; its unlink leaves no listener", () => {
    const { controller, signal, listeners } = watchedSignal();
    controller.abort("before");
    const child = new AbortController();
    const unlink = follow(signal, child);
    expect(child.signal.reason).toBe("before");
    unlink();
    expect(listeners()).toBe(0);
  });

  it("does nothing without a parent", () => {
    const child = new AbortController();
    follow(undefined, child)();
    expect(child.signal.aborted).toBe(false);
  });
});
