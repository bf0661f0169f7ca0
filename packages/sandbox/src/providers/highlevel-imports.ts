/**
 * HighLevel imports (specs/highlevel.yaml): what `setAccounts` creates and the other operations
 * read, finalize and delete. An import is kept here from `setAccounts` on, and registered with
 * `Context.add` only when it is finalized: until then it stays `pending` however long it waits, as
 * S3 says an import is scheduled by `startCsvFinalize`; from then on it follows the usual
 * lifecycle (`pending` while queued, `in_progress`, then `completed`, or `failed` when no post is
 * valid [I]). `Sandbox.received("highlevel")` therefore counts finalized imports. The seeded
 * imports get a record (with made-up posts) the first time one of these operations touches them.
 */
import type { Context } from "../context.ts";
import { processingMs, QUEUED_MS } from "../lists.ts";
import type { UploadView } from "../uploads.ts";
import {
  objectId,
  renderImport,
  renderSeeded,
  seededAccount,
  seededCount,
  seededFile,
  seededRows,
  stableObjectId,
  STATUS,
  USER,
  type Post,
  type PostRow,
} from "./highlevel-render.ts";

export interface Import {
  id: string;
  locationId: string;
  fileName: string;
  file: string;
  accountIds: string[];
  approver?: string;
  createdBy: string;
  /** Sandbox time of `setAccounts` (for a seeded import, of its upload). */
  createdAt: number;
  posts: Post[];
  /** False until `startCsvFinalize`; seeded imports are finalized. */
  finalized: boolean;
  /** Set by `deleteCsv`: the import answers `deleted` and its posts are gone (S3). */
  deleted: boolean;
}

/**
 * The imports of one sandbox. A seeded import is seen by every location, so its record is kept per
 * location; an import made here belongs to the location it was made in.
 */
export interface Imports {
  /** Keyed by `${locationId}/${id}`. */
  records: Map<string, Import>;
  /** The location of every import made here, by id. */
  owners: Map<string, string>;
}

export const newImports = (): Imports => ({ records: new Map(), owners: new Map() });

const keyOf = (locationId: string, id: string) => `${locationId}/${id}`;

/** The import an id names in a location: one made there, or a seeded one. */
export function findImport(
  imports: Imports,
  context: Context,
  locationId: string,
  id: string,
): Import | undefined {
  const known = imports.records.get(keyOf(locationId, id));
  if (known || imports.owners.has(id)) return known;
  const view = context.views("highlevel").find((v) => v.upload.id === id);
  if (!view) return undefined;
  const record = seededImport(view, locationId);
  imports.records.set(keyOf(locationId, id), record);
  return record;
}

function seededImport(view: UploadView, locationId: string): Import {
  const { id, name } = view.upload;
  const rows = seededRows(id, name, seededCount(id));
  return {
    id,
    locationId,
    fileName: name,
    file: seededFile(locationId, id),
    accountIds: [seededAccount(id, locationId)],
    createdBy: USER,
    createdAt: view.createdAt,
    posts: rows.map((row, i) => ({ id: stableObjectId(`${id}/${i}`), row })),
    finalized: true,
    deleted: false,
  };
}

/** A new, pending import of the first `rowsCount` rows of a stored file. */
export function createImport(
  imports: Imports,
  at: number,
  fields: Omit<Import, "id" | "createdAt" | "posts" | "finalized" | "deleted">,
  rows: readonly PostRow[],
): Import {
  const record: Import = {
    ...fields,
    id: objectId(),
    createdAt: at,
    posts: rows.map((row) => ({ id: objectId(), row })),
    finalized: false,
    deleted: false,
  };
  imports.records.set(keyOf(record.locationId, record.id), record);
  imports.owners.set(record.id, record.locationId);
  return record;
}

/** Schedules the import: from now on the sandbox's lifecycle moves it on. */
export function finalize(record: Import, context: Context): void {
  if (record.finalized) return;
  record.finalized = true;
  const valid = record.posts.some((p) => p.row.content.trim() !== "");
  context.add({
    provider: "highlevel",
    id: record.id,
    name: record.fileName,
    createdAt: 0,
    queuedMs: QUEUED_MS,
    processingMs: processingMs(record.posts.length),
    outcome: valid ? "complete" : "failed",
    progress: "none",
  });
}

/** The import's status now: `pending` until finalized, then its lifecycle's, `deleted` once deleted. */
export function statusOf(record: Import | undefined, view: UploadView | undefined): string {
  if (record?.deleted) return "deleted";
  if (record && !record.finalized) return "pending";
  return view ? STATUS[view.phase] : "pending";
}

/** Every import of a location, newest first, each rendered as the list shows it. */
export function listImports(
  imports: Imports,
  context: Context,
  locationId: string,
): Record<string, unknown>[] {
  const entries: { at: number; id: string; csv: Record<string, unknown> }[] = [];
  for (const view of context.views("highlevel")) {
    const { id } = view.upload;
    const record = imports.records.get(keyOf(locationId, id));
    if (!record && imports.owners.has(id)) continue; // another location's import
    const csv = record
      ? renderImport(record, statusOf(record, view))
      : renderSeeded(view, locationId);
    entries.push({ at: record?.createdAt ?? view.createdAt, id, csv });
  }
  for (const record of imports.records.values())
    if (!record.finalized && record.locationId === locationId)
      // Not among the views until finalized: `pending`, or `deleted` if deleted before that.
      entries.push({
        at: record.createdAt,
        id: record.id,
        csv: renderImport(record, statusOf(record, undefined)),
      });
  // At the same instant, the imports made here came after the seeded ones, in the order made.
  const made = new Map([...imports.owners.keys()].map((id, i) => [id, i + 1]));
  const rank = (id: string) => made.get(id) ?? 0;
  return entries
    .sort((a, b) => b.at - a.at || rank(b.id) - rank(a.id) || (a.id < b.id ? 1 : -1))
    .map((e) => e.csv);
}

/** The rows of a seeded import's file, for `setAccounts` with its `file` as `filePath`. */
export function seededFileRows(
  context: Context,
  locationId: string,
  filePath: string,
): { fileName: string; rows: PostRow[] } | undefined {
  const match = /^(.+)\/social-import\/([\w-]+)\.csv$/.exec(filePath);
  if (!match || match[1] !== locationId) return undefined;
  const view = context.views("highlevel").find((v) => v.upload.id === match[2]);
  if (!view) return undefined;
  const { id, name } = view.upload;
  return { fileName: name, rows: seededRows(id, name, seededCount(id)) };
}
