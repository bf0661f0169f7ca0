/**
 * The lifecycle every simulated upload follows, whatever the provider calls its states:
 * queued for `queuedMs`, processing for `processingMs` (percent rising), then its outcome.
 * Providers render a {@link UploadView} in their own vocabulary.
 */
import { PROVIDERS, type SeedUpload, type UploadOutcome } from "./types.ts";

export type Phase = "queued" | "processing" | UploadOutcome;

/** An upload as it stands at one moment of sandbox time. */
export interface UploadView {
  upload: SeedUpload;
  phase: Phase;
  /**
   * 0–100, or undefined when the upload's progress mode reports none yet. A failed upload reports
   * 0 (its results are void); a deleted one 100 (it was processed, then deleted).
   */
  percent: number | undefined;
  /** Upload time on the sandbox's (sped-up) clock, ms since the epoch. */
  createdAt: number;
  /** When the view last changed: the start of its phase, or now while processing. */
  updatedAt: number;
}

/** Sandbox time: starts at the real start time and runs `speed` times faster. */
export interface Timeline {
  start: number;
  speed: number;
  now: () => number;
}

/** The sandbox clock now, ms since the epoch. */
export function sandboxNow(timeline: Timeline): number {
  return timeline.start + (timeline.now() - timeline.start) * timeline.speed;
}

function processingPercent(upload: SeedUpload, fraction: number): number | undefined {
  if (upload.progress === "none") return undefined;
  if (upload.progress === "steps") return Math.min(75, Math.floor(fraction * 4) * 25);
  return Math.min(99, Math.floor(fraction * 100));
}

function finalPercent(upload: SeedUpload): number | undefined {
  if (upload.outcome === "failed") return upload.progress === "none" ? undefined : 0;
  return 100;
}

/** The upload at sandbox time `at`, or undefined when it has not been uploaded yet. */
export function viewAt(upload: SeedUpload, start: number, at: number): UploadView | undefined {
  const createdAt = start + upload.createdAt;
  const age = at - createdAt;
  if (age < 0) return undefined;
  const processingFrom = createdAt + upload.queuedMs;
  const doneAt = processingFrom + upload.processingMs;
  if (age < upload.queuedMs) {
    const percent = upload.progress === "none" ? undefined : 0;
    return { upload, phase: "queued", percent, createdAt, updatedAt: createdAt };
  }
  if (at < doneAt) {
    const percent = processingPercent(upload, (at - processingFrom) / upload.processingMs);
    return { upload, phase: "processing", percent, createdAt, updatedAt: at };
  }
  const percent = finalPercent(upload);
  return { upload, phase: upload.outcome, percent, createdAt, updatedAt: doneAt };
}

/** Every upload of `uploads` that exists at sandbox time `at`, newest first. */
export function viewsAt(uploads: readonly SeedUpload[], start: number, at: number): UploadView[] {
  const views: UploadView[] = [];
  for (const upload of uploads) {
    const view = viewAt(upload, start, at);
    if (view) views.push(view);
  }
  return views.sort((a, b) => b.createdAt - a.createdAt || compareIds(b.upload.id, a.upload.id));
}

/** Numeric ids compare as numbers ("9" < "18"), others as strings. */
function compareIds(a: string, b: string): number {
  const numeric = /^\d+$/;
  if (numeric.test(a) && numeric.test(b)) return Number(a) - Number(b);
  return a < b ? -1 : a > b ? 1 : 0;
}

const ID_FORMATS: Record<SeedUpload["provider"], RegExp> = {
  zerobounce: /^[\w-]+$/,
  ipqs: /^[1-9]\d{0,15}$/,
  sanitizeemail: /^[1-9]\d{0,15}$/,
  highlevel: /^[\w-]+$/,
  constantcontact: /^\d+$/,
};

/** Throws a TypeError naming the first seed the sandbox could not serve truthfully. */
export function checkUploads(uploads: readonly SeedUpload[]): void {
  const seen = new Set<string>();
  for (const upload of uploads) {
    const where = `sandbox: upload ${JSON.stringify(upload.id)} (${upload.provider})`;
    if (!PROVIDERS.includes(upload.provider)) throw new TypeError(`${where}: unknown provider`);
    if (!ID_FORMATS[upload.provider].test(upload.id))
      throw new TypeError(`${where}: not a valid ${upload.provider} id`);
    const key = `${upload.provider}/${upload.id}`;
    if (seen.has(key)) throw new TypeError(`${where}: duplicate id`);
    seen.add(key);
    for (const field of ["createdAt", "queuedMs", "processingMs"] as const) {
      const value = upload[field];
      if (!Number.isFinite(value) || (field !== "createdAt" && value < 0))
        throw new TypeError(`${where}: ${field} must be a finite number of ms`);
    }
  }
}
