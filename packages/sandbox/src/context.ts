/**
 * What a provider's handler gets for one request, and small helpers the providers share.
 */
import type { ProviderName, SeedUpload } from "./types.ts";
import type { UploadView } from "./uploads.ts";

export interface Context {
  request: Request;
  /** The request URL without the `sandbox_fault` parameter. */
  url: URL;
  /** Real time (the sandbox's `now`), for rate limits. */
  now: number;
  /** Sandbox time, which runs `speed` times faster, for upload lifecycles and timestamps. */
  at: number;
  /** The provider's uploads that exist at `at`, newest first. */
  views(provider: ProviderName): UploadView[];
  /**
   * Registers an upload received now: it follows its timeline from `at` (its `createdAt` is
   * ignored) and appears in `views` and `Sandbox.uploads` from then on.
   */
  add(upload: SeedUpload): void;
}

/** One provider's slice of the sandbox; created per sandbox, so its rate-limit state is too. */
export interface ProviderRoute {
  provider: ProviderName;
  /** Whether the path belongs to this provider (even when no endpoint matches exactly). */
  match(url: URL): boolean;
  handle(context: Context): Response | Promise<Response>;
}

export function json(body: unknown, status = 200, headers: HeadersInit = {}): Response {
  const all = new Headers(headers);
  all.set("content-type", "application/json");
  return new Response(JSON.stringify(body), { status, headers: all });
}

/** True for a credential the sandbox rejects: missing, empty, or starting with `bad`. */
export function isBadCredential(value: string | null | undefined): boolean {
  return !value || value.startsWith("bad");
}

/** The token of `Authorization: Bearer <token>`, or undefined. */
export function bearerToken(request: Request): string | undefined {
  const match = /^Bearer[ \t]+(\S+)\s*$/i.exec(request.headers.get("authorization") ?? "");
  return match?.[1];
}

/** A stable pseudo-random number for an id, for counts that must not change between calls. */
export function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

const ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

/** A fresh random id such as IPQS's `request_id` (`ie6jj3lohy`). */
export function randomId(length = 10): string {
  const bytes = crypto.getRandomValues(new Uint8Array(length));
  return Array.from(bytes, (b) => ALPHABET[b % ALPHABET.length]).join("");
}

/** `2023-04-28T15:25:41Z`: ISO-8601 UTC to the second, as ZeroBounce documents it. */
export function isoSeconds(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(".000Z", "Z");
}

/** The path's segments, percent-decoded (`/a/b%2Fc` → `a`, `b/c`); undefined if one does not decode. */
export function segments(url: URL): string[] | undefined {
  try {
    return url.pathname.split("/").slice(1).map(decodeURIComponent);
  } catch {
    return undefined;
  }
}
