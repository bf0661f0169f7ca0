/**
 * HighLevel's shapes (specs/highlevel.yaml): the NestJS error bodies, an import (`CsvUpload`) and a
 * post (`CsvPost`) as the sandbox renders them, and the rows it turns into posts.
 */
import { hash, json } from "../context.ts";
import type { Phase, UploadView } from "../uploads.ts";
import type { Import } from "./highlevel-imports.ts";

export const VERSION = "2021-07-28";
/** The user every seeded import was made by, and the default `createdBy` of new ones. */
export const USER = "sbxUser0000000000001";

export const STATUS: Record<Phase, string> = {
  queued: "pending",
  processing: "in_progress",
  complete: "completed",
  failed: "failed",
  deleted: "deleted",
};

/** NestJS error bodies: `{ statusCode, message, error }`, `message` an array on validation errors. */
export const nest = (
  statusCode: number,
  message: string | string[],
  error: string,
  headers: Headers,
): Response => json({ statusCode, message, error }, statusCode, headers);

/** HighLevel's success envelope (S2): `{ success, statusCode, message, results? }`. */
export const ok = (
  statusCode: number,
  message: string,
  headers: Headers,
  results?: unknown,
): Response =>
  json(
    { success: true, statusCode, message, ...(results !== undefined && { results }) },
    statusCode,
    headers,
  );

/** One data row of an uploaded file, in the columns of the basic format. */
export interface PostRow {
  content: string;
  scheduleDate: string;
  link: string;
  imageUrls: string[];
  gifUrl: string;
  videoUrls: string[];
}

/** A post of an import: the row it came from and its id. */
export interface Post {
  id: string;
  row: PostRow;
}

/** What a row without text is told (HighLevel's help pages: `content` is required) [I]. */
export const NO_CONTENT = "Post content is required";

/** A 24-digit hex id, like the MongoDB ObjectIds HighLevel's examples show. */
export function objectId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** The same 24-digit hex id for the same text, for the seeded imports' posts. */
export function stableObjectId(text: string): string {
  return [1, 2, 3].map((i) => hash(`${i}:${text}`).toString(16).padStart(8, "0")).join("");
}

/** `medias` as S2 describes them: a URL and its type, one entry per image, GIF or video. */
function medias(row: PostRow): Record<string, unknown>[] {
  const media = (url: string, type: string) => ({ url, type });
  return [
    ...row.imageUrls.map((url) => media(url, "image")),
    ...(row.gifUrl ? [media(row.gifUrl, "gif")] : []),
    ...row.videoUrls.map((url) => media(url, "video")),
  ];
}

/**
 * A post as `getCsvPost` lists it. Its review `status` (S3) is `pending` until the import has
 * completed, then `accepted`, or `rejected` for a row with an `errorMessage` [I].
 */
export function renderPost(
  post: Post,
  accountIds: readonly string[],
  importStatus: string,
): Record<string, unknown> {
  const { row } = post;
  const error = row.content.trim() === "" ? NO_CONTENT : undefined;
  const done = importStatus === "completed";
  return {
    _id: post.id,
    id: post.id,
    accountIds: [...accountIds],
    ...(row.scheduleDate && { scheduleDate: row.scheduleDate }),
    summary: row.content,
    type: "post",
    ...(row.link && { link: { url: row.link } }),
    medias: medias(row),
    ...(error && { errorMessage: error }),
    status: done ? (error ? "rejected" : "accepted") : "pending",
    csvFileType: "basic",
  };
}

/** The rows of a seeded import's file: `count` posts a day apart, as if a user had uploaded them. */
export function seededRows(id: string, name: string, count: number): PostRow[] {
  return Array.from({ length: count }, (_, i) => ({
    content: `Post ${i + 1} of ${name}`,
    scheduleDate: new Date(Date.UTC(2025, 0, 2 + i, 9))
      .toISOString()
      .slice(0, 19)
      .replace("T", " "),
    link: "",
    imageUrls: hash(`${id}:${i}`) % 2 === 0 ? [`https://example.com/${id}/${i + 1}.png`] : [],
    gifUrl: "",
    videoUrls: [],
  }));
}

/** How many posts a seeded import holds: stable for its id. */
export const seededCount = (id: string): number => 5 + (hash(id) % 40);

/** Where a seeded import's file is stored, in the shape of S2's `filePath` example. */
export const seededFile = (locationId: string, id: string): string =>
  `${locationId}/social-import/${id}.csv`;

/** The trace id of an import, stable for its id. */
export const traceId = (id: string): string =>
  `sbxTrace${String(hash(`trace:${id}`)).padStart(12, "0")}`;

/** A seeded import's social account: one per import, named as S2's examples name accounts. */
export const seededAccount = (id: string, locationId: string): string =>
  `sbxAccount${String(hash(id) % 1e6).padStart(6, "0")}_${locationId}`;

/** An import as `getUploadStatus` and `getCsvPost` show it (S2 `CSVImportSchema`). */
export function renderImport(record: Import, status: string): Record<string, unknown> {
  return {
    _id: record.id,
    id: record.id,
    locationId: record.locationId,
    fileName: record.fileName,
    accountIds: [...record.accountIds],
    file: record.file,
    status,
    count: record.posts.length,
    createdBy: record.createdBy,
    traceId: traceId(record.id),
    ...(record.approver !== undefined && { approver: record.approver }),
    createdAt: new Date(record.createdAt).toISOString(),
  };
}

/** A seeded import as the list shows it before anything touched it: no record needed. */
export function renderSeeded(view: UploadView, locationId: string): Record<string, unknown> {
  const { id, name } = view.upload;
  return {
    _id: id,
    id,
    locationId,
    fileName: name,
    accountIds: [seededAccount(id, locationId)],
    file: seededFile(locationId, id),
    status: STATUS[view.phase],
    count: seededCount(id),
    createdBy: USER,
    traceId: traceId(id),
    createdAt: new Date(view.createdAt).toISOString(),
  };
}
