/**
 * The public shapes of the sandbox: what a seeded upload is, and what `createSandbox` returns.
 */

/** The five simulated providers. */
export type ProviderName =
  "zerobounce" | "ipqs" | "sanitizeemail" | "highlevel" | "constantcontact";

/** Every provider the sandbox simulates, in a stable order. */
export const PROVIDERS: readonly ProviderName[] = [
  "zerobounce",
  "ipqs",
  "sanitizeemail",
  "highlevel",
  "constantcontact",
];

/** How an upload ends once it has been processed. */
export type UploadOutcome = "complete" | "failed" | "deleted";

/**
 * Whether and how the provider reports a percentage while processing: `linear` rises by whole
 * percents, `steps` jumps 0 → 25 → 50 → 75, `none` reports no percentage until the outcome.
 * Only ZeroBounce and SanitizeEmail report a percentage at all.
 */
export type ProgressMode = "linear" | "steps" | "none";

/** One upload the sandbox knows about, with the timeline it follows. */
export interface SeedUpload {
  provider: ProviderName;
  /**
   * The provider's own id: uuid-like for ZeroBounce, digits for IPQS, SanitizeEmail and Constant
   * Contact, 20 characters for HighLevel.
   */
  id: string;
  /** File name as the provider reports it. */
  name: string;
  /** Upload time in ms from the sandbox's start (negative: uploaded before the sandbox started). */
  createdAt: number;
  /** Time spent queued, in ms at speed 1. */
  queuedMs: number;
  /** Time spent processing, in ms at speed 1. */
  processingMs: number;
  outcome: UploadOutcome;
  progress: ProgressMode;
  /** IPQS `type` (default `email`) or SanitizeEmail `file_tag` (default `validate`). */
  tag?: string;
  /**
   * Why a failed upload failed: ZeroBounce's `error_reason`; Constant Contact reports `VirusFound`
   * instead of `Failed` when it mentions a virus.
   */
  failure?: string;
}

export interface SandboxOptions {
  /** Milliseconds since the epoch; defaults to `Date.now`. Rate limits run on it too. */
  now?: () => number;
  /** How many times faster than real time uploads progress (default 1). */
  speed?: number;
  /** Replaces the built-in uploads; spread `defaultUploads()` to add to them instead. */
  uploads?: SeedUpload[];
}

/** A request handler for Deno.serve, Bun.serve, the Node adapter or a client's `fetch` option. */
export type FetchHandler = (request: Request) => Promise<Response>;

export interface Sandbox {
  /** Answers one request as the provider its path belongs to would. */
  fetch: FetchHandler;
  /** The uploads of one provider (copies): the seeded ones, then those received, e.g. to pick ids in a test. */
  uploads(provider: ProviderName): SeedUpload[];
  /** How many uploads the provider has accepted since the sandbox started: each one counts once. */
  received(provider: ProviderName): number;
}
