/**
 * IPQS's one-time download links: "valid for 15 minutes after the status call or until first
 * download, whichever comes first; every status call makes fresh links" (Check CSV Status page).
 * The sandbox serves them on its own origin at `/download?download=<token>&filename=<name>`, the
 * path and parameters of the real links on downloads.ipqualityscore.com.
 */
import { randomId } from "../context.ts";
import type { Which } from "./ipqs-files.ts";

export const DOWNLOAD_PATH: string = "/download";
/** How long a link works after the status call that made it, in real (not sandbox) time. */
export const DOWNLOAD_TTL_MS: number = 15 * 60_000;

/** What a link leads to. */
export interface Link {
  id: string;
  which: Which;
  filename: string;
}

export interface LinkStore {
  /** A fresh link to one result file of CSV `id`, valid from `now` for {@link DOWNLOAD_TTL_MS}. */
  make(origin: string, link: Link, now: number): string;
  /** The file a token leads to, used up by this call; `expired` or undefined when it leads nowhere. */
  take(token: string, now: number): Link | "expired" | undefined;
}

export function linkStore(): LinkStore {
  // Insertion order is expiry order, so the expired ones are always at the front.
  const links = new Map<string, { link: Link; expires: number }>();
  const prune = (now: number) => {
    for (const [token, { expires }] of links) {
      if (expires >= now) return;
      links.delete(token);
    }
  };
  return {
    make(origin, link, now) {
      prune(now);
      const token = randomId(32);
      links.set(token, { link, expires: now + DOWNLOAD_TTL_MS });
      const query = new URLSearchParams({ download: token, filename: link.filename });
      return `${origin}${DOWNLOAD_PATH}?${query}`;
    },
    take(token, now) {
      const entry = links.get(token);
      links.delete(token);
      if (entry === undefined) return undefined;
      return entry.expires < now ? "expired" : entry.link;
    },
  };
}
