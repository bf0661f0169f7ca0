/**
 * What the SanitizeEmail route remembers about the files uploaded to it: their emails, the job
 * started on each, the download links handed out, and the direct `emails` validations.
 *
 * The lifecycle model. Uploading stores a file without processing it (the docs start the work with
 * a second call, `cleanemail` or `email-validation`), so a received file is registered with
 * `Context.add` as queued for {@link IDLE_MS} — it reads `pending` — and when its job starts it is
 * re-staged here: queued for `QUEUED_MS` from the job's start, then processing over its rows. The
 * sandbox's own records (`Sandbox.uploads`, `GET /`) keep the idle timeline; the API answers follow
 * the job. A job may be started again once the last one is done; it then runs anew. Seeded files
 * get made-up emails (matching the counts they show) the first time a job or results need them.
 */
import { hash, type Context } from "../context.ts";
import { DEAD_DOMAINS, QUEUED_MS } from "../lists.ts";
import type { Outcome } from "./sanitizeemail-outcomes.ts";
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

/**
 * The emails of a seeded file, made up to match the counts its file object shows (render.ts):
 * `200 + hash % 5000` addresses, one in 20 a repeat, and of the distinct ones every 8th on a dead
 * domain. They let a seeded file be given a job and have results like an uploaded one.
 */
function seededFile(view: UploadView): ReceivedFile {
  const { id, name } = view.upload;
  const total = 200 + (hash(id) % 5_000);
  const distinct = total - Math.floor(total / 20);
  const emails = Array.from({ length: distinct }, (_, i) =>
    i % 8 === 7 ? `user${i}@${DEAD_DOMAINS[0]}` : `user${i}@example.com`,
  );
  emails.push(...emails.slice(0, total - distinct));
  const base = name.replace(/\.[^.]*$/, "");
  const common = { id, name: base, fileName: name, size: total * 31, organised: true };
  return { ...common, emailColumn: "email", emails, dropped: 0 };
}

/** The file behind a view: the one uploaded, or the made-up emails of a seeded one (kept). */
export function fileFor(store: Store, view: UploadView): ReceivedFile {
  let file = store.files.get(view.upload.id);
  if (!file) store.files.set(view.upload.id, (file = seededFile(view)));
  return file;
}

/** The job a file's results come from: its own, else the one its seed's tag implies. */
export const jobOf = (view: UploadView, file: ReceivedFile): JobKind =>
  file.job?.kind ?? (view.upload.tag === "clean" ? "clean" : "validate");

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
