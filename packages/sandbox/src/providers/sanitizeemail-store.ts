/**
 * What the SanitizeEmail route remembers about the files uploaded to it: their emails, the job
 * started on each, the download links handed out, and the direct `emails` validations.
 *
 * The lifecycle model. Uploading stores a file without processing it (the docs start the work with
 * a second call, `cleanemail` or `email-validation`), so a received file is registered with
 * `Context.add` as queued for {@link IDLE_MS} — it reads `pending` — and when its job starts it is
 * re-staged here: queued for `QUEUED_MS` from the job's start, then processing over its rows. The
 * sandbox's own records (`Sandbox.uploads`, `GET /`) keep the idle timeline; the API answers follow
 * the job.
 */
import type { Context } from "../context.ts";
import { DEAD_DOMAINS, QUEUED_MS, verdict, type Verdict } from "../lists.ts";
import { viewAt, type UploadView } from "../uploads.ts";

/** Sandbox time a file without a job stays `pending`: in effect forever (1,000 years). */
export const IDLE_MS: number = 1_000 * 365 * 24 * 3_600_000;

export type JobKind = "clean" | "validate";

export interface Job {
  kind: JobKind;
  /** Sandbox time the job was started. */
  startedAt: number;
  listName: string;
  options: Readonly<Record<string, boolean>>;
}

export interface ReceivedFile {
  id: string;
  /** The `name` form field. */
  name: string;
  /** The uploaded file's own name. */
  fileName: string;
  size: number;
  organised: boolean;
  /** The column the emails were read from (organised files only). */
  emailColumn: string | undefined;
  /** The non-empty emails found, in file order, duplicates included. */
  emails: string[];
  /** Rows whose email cell was empty. */
  dropped: number;
  job?: Job;
}

/** The sandbox's finding on one distinct address. */
export interface Outcome {
  email: string;
  normalized: string;
  verdict: Verdict;
  role: boolean;
}

export interface Link {
  fileId: string;
  kind: JobKind;
  signature: string;
  /** Real time (`Context.now`) after which the link is refused. */
  expiresAt: number;
}

export interface Store {
  files: Map<string, ReceivedFile>;
  links: Map<string, Link>;
  /** Direct `emails` validations, newest last (`GET /email-validation/?type=list`). */
  history: (Outcome & { id: number; at: number })[];
  nextId: number;
}

export const createStore = (): Store => ({
  files: new Map(),
  links: new Map(),
  history: [],
  nextId: 1_001,
});

/** Local parts the sandbox reports as role accounts (`is_role_account`). */
const ROLES: ReadonlySet<string> = new Set(
  "admin billing contact help info noreply no-reply office postmaster sales support team webmaster".split(
    " ",
  ),
);

export function outcome(email: string): Outcome {
  const normalized = email.trim().toLowerCase();
  const local = normalized.slice(0, Math.max(0, normalized.lastIndexOf("@")));
  return { email: email.trim(), normalized, verdict: verdict(email), role: ROLES.has(local) };
}

/**
 * Both jobs work on the distinct addresses (compared normalised, first one kept): a clean list
 * holds each valid address once, and validation reports each address once.
 */
export function outcomes(file: ReceivedFile): Outcome[] {
  const seen = new Set<string>();
  const out: Outcome[] = [];
  for (const email of file.emails) {
    const found = outcome(email);
    if (seen.has(found.normalized)) continue;
    seen.add(found.normalized);
    out.push(found);
  }
  return out;
}

/** A received file's view as its job has it; other views unchanged. */
function restage(view: UploadView, file: ReceivedFile | undefined, at: number): UploadView {
  if (!file?.job) return view;
  const queuedMs = file.job.startedAt - view.createdAt + QUEUED_MS;
  // viewAt measures createdAt from its `start`: 0 makes it the absolute time the view carries.
  const upload = { ...view.upload, createdAt: view.createdAt, queuedMs, tag: file.job.kind };
  return viewAt(upload, 0, at) ?? view;
}

/** Every SanitizeEmail file that exists now, newest first, received ones as their job has them. */
export function fileViews(context: Context, store: Store): UploadView[] {
  return context
    .views("sanitizeemail")
    .map((view) => restage(view, store.files.get(view.upload.id), context.at));
}

/** A file that exists now and is not deleted, by the id in a path or query. */
export function findFile(context: Context, store: Store, id: string): UploadView | undefined {
  return fileViews(context, store).find((v) => v.upload.id === id && v.phase !== "deleted");
}

/** A fresh id no file has, in SanitizeEmail's format (digits). */
export function newId(context: Context, store: Store): string {
  const taken = new Set(context.views("sanitizeemail").map((v) => v.upload.id));
  while (taken.has(String(store.nextId))) store.nextId++;
  return String(store.nextId++);
}

const domainOf = (found: Outcome): string =>
  found.normalized.slice(found.normalized.lastIndexOf("@") + 1);

/**
 * The `reason` of a validation, each check with its status as the docs show them: an address on
 * a dead domain passes `format` and fails `dns` and `mx`; any other invalid one fails `format`.
 */
export function reasons(found: Outcome): Record<string, { status: string; reason: string }> {
  const fail = (reason: string) => ({ status: "fail", reason });
  const pass = (reason: string) => ({ status: "pass", reason });
  if (found.verdict === "valid")
    return {
      format: pass("Valid format"),
      dns: pass("Domain resolves"),
      mx: pass("MX records found"),
    };
  if (!DEAD_DOMAINS.includes(domainOf(found))) return { format: fail("Invalid email format") };
  return {
    format: pass("Valid format"),
    dns: fail("Domain does not resolve"),
    mx: fail("No MX records found"),
  };
}

/** The MX host the sandbox reports for a live domain. */
export const mxRecords = (found: Outcome): string[] =>
  found.verdict === "valid" ? [`mx.${domainOf(found)}`] : [];
