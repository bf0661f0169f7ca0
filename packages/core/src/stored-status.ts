/**
 * What shared polling writes to and reads from a store: keys built from ids that cannot reach
 * outside their place, stored answers checked before use (a store may hold any text), and store
 * failures told apart from the look's own.
 */
import type { UploadState, UploadStatus } from "./upload-status.ts";

/** `text` percent-encoded, glob characters too (`SCAN MATCH` reads `*` as a wildcard). */
export const keyPart = (text: string): string =>
  encodeURIComponent(text).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );

/** The store failed: the look goes on without it. */
export class StoreDown extends Error {}
export const stored = <T>(call: Promise<T>): Promise<T> =>
  call.catch((error: unknown) => {
    throw error instanceof StoreDown ? error : new StoreDown("store", { cause: error });
  });

const STATES = new Set<UploadState>(["queued", "processing", "complete", "failed", "deleted"]);

/** A stored answer, or `undefined` for anything else (a store may hold any text). */
export function parse(
  text: string | undefined,
  id: string,
): { at: number; status: UploadStatus } | undefined {
  try {
    const entry = JSON.parse(text ?? "null") as { at?: unknown; status?: Partial<UploadStatus> };
    const s = entry?.status;
    const valid =
      typeof entry?.at === "number" && typeof s?.id === "string" && STATES.has(s.state!);
    return valid ? { at: entry.at as number, status: s as UploadStatus } : undefined;
  } catch {
    return undefined;
  }
}
