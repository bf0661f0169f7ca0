/**
 * The Constant Contact v2 MyLibrary the sandbox keeps: files received through the multipart POST
 * (with their bytes), the seeded uploads (served as a 1×1 PNG), and which of them were deleted.
 * Renders them as the documented File object, whose `url` points back at the sandbox
 * (`/sandbox/library/<id>/<name>`), where the bytes are served once the file is `Active`.
 */
import { json, type Context } from "../context.ts";
import { QUEUED_MS } from "../lists.ts";
import type { Phase, UploadView } from "../uploads.ts";
import { FILE_TYPES, extensionOf, imageSize, type AcceptedFile } from "./constantcontact-form.ts";

/** Sandbox milliseconds (at speed 1) the virus scan takes after the upload is queued. */
export const VIRUS_SCAN_MS = 1_500;

/** Where the sandbox hosts the library's files, as a real account's image host would. */
export const FILES_PREFIX = "/sandbox/library/";

const STATUS: Record<Phase, string> = {
  queued: "Uploaded",
  processing: "Processing",
  complete: "Active",
  failed: "Failed",
  deleted: "Deleted",
};

/** 1×1 transparent PNG: the bytes of every seeded upload, which has none of its own. */
const PLACEHOLDER_PNG = Uint8Array.from(
  atob(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
  ),
  (c) => c.charCodeAt(0),
);

export const errors = (status: number, error_key: string, error_message: string): Response =>
  json([{ error_key, error_message }], status);

export const notFound = (): Response =>
  errors(404, "http.status.not_found", "The requested resource was not found.");

/** ISO-8601 with an offset, as the documented `created_date` (`2013-06-19T11:36:43.000-04:00`). */
const isoOffset = (ms: number) => new Date(ms).toISOString().replace("Z", "+00:00");

export interface Library {
  /** Registers an accepted upload (a name containing "virus" fails the scan); returns its id. */
  add(context: Context, file: AcceptedFile): string;
  /** The documented status of a view: `VirusFound` for a failure that mentions a virus, `Deleted` once deleted. */
  status(view: UploadView): string;
  /** The File object of `id`, or undefined when the library never had it. */
  file(context: Context, id: string): Record<string, unknown> | undefined;
  /** Every File object not in the Trash, newest first. */
  files(context: Context): Record<string, unknown>[];
  /** Moves `id` to the Trash: false when the library never had it. */
  remove(context: Context, id: string): boolean;
  /** `GET /sandbox/library/<id>/<name>`: the bytes with their content type, once `Active`. */
  serve(context: Context): Response;
}

export function library(): Library {
  const received = new Map<string, AcceptedFile>();
  const deletedAt = new Map<string, number>();
  let next = 200_000;

  const viewOf = (context: Context, id: string) =>
    context.views("constantcontact").find((v) => v.upload.id === id);
  const contentOf = (view: UploadView): AcceptedFile => {
    const own = received.get(view.upload.id);
    if (own) return own;
    const { name } = view.upload;
    const type = FILE_TYPES[extensionOf(name).toUpperCase()]
      ? extensionOf(name).toUpperCase()
      : "PNG";
    const { mime, image } = FILE_TYPES[type]!;
    const base = {
      name,
      fileType: type,
      mime,
      image,
      description: "",
      folderId: "0",
      source: "MyComputer",
    };
    return { ...base, bytes: PLACEHOLDER_PNG };
  };

  const status = (view: UploadView): string => {
    if (deletedAt.has(view.upload.id)) return "Deleted";
    const virus = view.phase === "failed" && /virus/i.test(view.upload.failure ?? "");
    return virus ? "VirusFound" : STATUS[view.phase];
  };

  const render = (context: Context, view: UploadView): Record<string, unknown> => {
    const { id } = view.upload;
    const file = contentOf(view);
    const url = `${context.url.origin}${FILES_PREFIX}${id}/${encodeURIComponent(file.name)}`;
    const size = file.image ? imageSize(file.bytes, file.fileType) : undefined;
    // Thumbnails are at most 200 pixels wide, as in the documented examples.
    const scale = size ? Math.min(1, 200 / Math.max(1, size.width)) : 1;
    return {
      name: file.name,
      id,
      description: file.description,
      folder: file.folderId === "0" || file.folderId === "-1" ? null : `Folder ${file.folderId}`,
      height: size?.height ?? null,
      width: size?.width ?? null,
      size: file.bytes.length,
      url,
      source: file.source,
      status: status(view),
      thumbnail: size
        ? { url, height: Math.round(size.height * scale), width: Math.round(size.width * scale) }
        : null,
      created_date: isoOffset(view.createdAt),
      modified_date: isoOffset(deletedAt.get(id) ?? view.updatedAt),
      folder_id: file.folderId === "0" ? null : file.folderId,
      is_image: file.image,
      file_type: file.fileType,
    };
  };

  return {
    add(context, file) {
      const taken = new Set(context.views("constantcontact").map((v) => v.upload.id));
      while (taken.has(String(next)) || received.has(String(next))) next++;
      const id = String(next++);
      const virus = /virus/i.test(file.name);
      context.add({
        provider: "constantcontact",
        id,
        name: file.name,
        createdAt: 0,
        queuedMs: QUEUED_MS,
        processingMs: VIRUS_SCAN_MS,
        outcome: virus ? "failed" : "complete",
        // Constant Contact reports no percentage, only the status.
        progress: "none",
        ...(virus && { failure: "VirusFound: the virus scan found a virus in the file" }),
      });
      received.set(id, file);
      return id;
    },
    status,
    file(context, id) {
      const view = viewOf(context, id);
      return view && render(context, view);
    },
    files: (context) =>
      context
        .views("constantcontact")
        .filter((view) => status(view) !== "Deleted")
        .map((view) => render(context, view)),
    remove(context, id) {
      if (!viewOf(context, id)) return false;
      if (!deletedAt.has(id)) deletedAt.set(id, context.at);
      return true;
    },
    serve(context) {
      const [id = ""] = context.url.pathname.slice(FILES_PREFIX.length).split("/");
      const view = viewOf(context, id);
      if (!view || context.request.method !== "GET" || status(view) !== "Active") return notFound();
      const { bytes, mime } = contentOf(view);
      const headers = { "content-type": mime, "content-length": String(bytes.length) };
      return new Response(bytes.slice(), { headers });
    },
  };
}
