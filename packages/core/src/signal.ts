/**
 * Abort propagation, the one way it is done in this package.
 */

/** Aborts `child` (with the same reason) when `parent` aborts, at once if it already has; returns the unlink. */
export function follow(parent: AbortSignal | undefined, child: AbortController): () => void {
  if (!parent) return () => undefined;
  if (parent.aborted) child.abort(parent.reason);
  const onAbort = () => child.abort(parent.reason);
  parent.addEventListener("abort", onAbort, { once: true });
  return () => parent.removeEventListener("abort", onAbort);
}
