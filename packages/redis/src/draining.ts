/**
 * A store whose calls in flight can be waited for. A request gives its place back to the shared
 * window as it ends, in the background: closing the connection under that call would lose it (the
 * place stays taken for the other processes until its lease runs out) and report the store
 * unavailable just as the work ends. `close` waits for them first (each ends within the command
 * timeout).
 */
import { STORE_METHODS, type Store } from "@filestatus/core";

export interface Draining {
  /** `store`'s methods, each call tracked until it settles. */
  store: Store;
  /** Resolves once every call made so far has settled. */
  settled(): Promise<void>;
}

export function draining(store: Store): Draining {
  const pending = new Set<Promise<unknown>>();
  const tracked = {} as Record<keyof Store, unknown>;
  for (const name of STORE_METHODS) {
    tracked[name] = (...args: unknown[]) => {
      const call = (store[name] as (...a: unknown[]) => Promise<unknown>)(...args);
      pending.add(call);
      const settled = () => void pending.delete(call);
      call.then(settled, settled);
      return call;
    };
  }
  return {
    store: tracked as unknown as Store,
    settled: async () => void (await Promise.allSettled([...pending])),
  };
}
