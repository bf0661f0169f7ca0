/**
 * A status source whose looks go through the store (shared-poll.ts): what `waitForUpload` and
 * `watchUploads` poll on a client created with a `store`. One per wait or watch, since it
 * remembers that watcher's previous looks. `uploadStatus` stays a direct request: asked once, it
 * wants the provider's answer now.
 */
import type { StatusSource } from "./helpers.ts";
import { sharedLooks, type PollLink } from "./shared-poll.ts";

export function sharedSource(link: PollLink, source: StatusSource): StatusSource {
  const looks = sharedLooks(link, source.name ?? "status");
  const { one, many } = source;
  return {
    ...source,
    one: async (id, signal) => {
      const found = await looks([id], async () => new Map([[id, await one(id, signal)]]), signal);
      return found.get(id) ?? one(id, signal);
    },
    ...(many && {
      many: (ids, signal) => looks(ids, (wanted) => many(wanted, signal), signal),
    }),
  };
}
