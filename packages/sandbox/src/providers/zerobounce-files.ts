/**
 * ZeroBounce `sendfile`, `getfile` and `deletefile` (and their A.I. scoring twins): the lists
 * received, their results, and what has been deleted. The official "Get File" page could not be
 * read; the answers follow the official SDKs and their mocks (specs/zerobounce.yaml `getFile`).
 */
import { json, type Context } from "../context.ts";
import { processingMs, QUEUED_MS, toCsv } from "../lists.ts";
import type { StreamedForm } from "../multipart.ts";
import { rowSet } from "../row-set.ts";
import type { UploadView } from "../uploads.ts";
import { readList, type ZbList } from "./zerobounce-form.ts";
import { resultsBody } from "./zerobounce-results.ts";

/** An answer, and whether it counts as a bad request towards the hourly block. */
export interface FileAnswer {
  response: Response;
  bad?: boolean;
}

/**
 * Seeded uploads were sent before the sandbox started: their results are this small list, so a
 * `getfile` on the demo upload answers a CSV like any other.
 */
const SEEDED: Omit<ZbList, "scoring" | "name"> = {
  file: new Blob([
    toCsv([
      ["email"],
      ["info@example.com"],
      ["sales@example.org"],
      ["nobody@dead.example"],
      ["not-an-email"],
    ]),
  ]),
  width: 1,
  header: true,
  emailColumn: 0,
  kept: 4,
  dropped: rowSet(),
  returnUrl: null,
};

const DOWNLOAD_TYPES = new Set(["phase_1", "phase_2", "combined"]);

/** Errors with HTTP 200, as ZeroBounce sends them (the SDKs' mocks). */
const failure = (message: string, status = 200): FileAnswer => ({
  response: json({ success: false, message }, status),
  bad: true,
});

/** `attachment; filename="…"`: an ASCII fallback, and the exact name as RFC 6266 `filename*`. */
function disposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

export interface ZbFiles {
  /** Whether `id` was received under the other kind (validation vs scoring): then it is unknown here. */
  foreign(id: string, scoring: boolean): boolean;
  /** Whether `deletefile` removed it. */
  deleted(id: string): boolean;
  /** The `return_url` given at upload, or null. */
  returnUrl(id: string): string | null;
  send(
    context: Context,
    form: Exclude<StreamedForm, { problem: string }>,
    scoring: boolean,
  ): Promise<FileAnswer>;
  get(view: UploadView | undefined, url: URL, scoring: boolean): FileAnswer;
  remove(view: UploadView | undefined): FileAnswer;
}

export function zbFiles(): ZbFiles {
  const lists = new Map<string, ZbList>();
  const removed = new Set<string>();

  return {
    foreign: (id, scoring) => (lists.get(id)?.scoring ?? scoring) !== scoring,
    deleted: (id) => removed.has(id),
    returnUrl: (id) => lists.get(id)?.returnUrl ?? null,

    async send(context, form, scoring) {
      const list = await readList(form, scoring);
      if ("message" in list)
        return {
          response: json({ success: false, message: [list.message] }, list.status),
          bad: true,
        };
      const id = crypto.randomUUID();
      lists.set(id, list);
      context.add({
        provider: "zerobounce",
        id,
        name: list.name,
        createdAt: 0,
        queuedMs: QUEUED_MS,
        processingMs: processingMs(list.kept),
        outcome: "complete",
        progress: "linear",
      });
      const body = { success: true, message: "File Accepted", file_name: list.name, file_id: id };
      return { response: json(body) };
    },

    get(view, url, scoring) {
      if (!view) return failure("File cannot be found.");
      const id = view.upload.id;
      if (removed.has(id) || view.phase === "deleted") return failure("File deleted.");
      if (view.phase === "failed") return failure("The file could not be processed.");
      if (view.phase !== "complete") return failure("File not ready");
      const type = url.searchParams.get("download_type") ?? "phase_1";
      if (!DOWNLOAD_TYPES.has(type)) return failure("download_type is invalid.");
      // Phase 2 (Verify+) never runs in the sandbox: file_phase_2_status stays "N/A". Scoring
      // returns the same file for every download_type (zero-bounce-android-sdk-setup README).
      if (!scoring && type !== "phase_1") return failure("Phase 2 results are not available.");
      const list = lists.get(id) ?? { ...SEEDED, scoring };
      return {
        response: new Response(resultsBody(list), {
          headers: {
            "content-type": "application/octet-stream",
            "content-disposition": disposition(view.upload.name),
          },
        }),
      };
    },

    remove(view) {
      if (!view || removed.has(view.upload.id) || view.phase === "deleted")
        return failure("File cannot be found.");
      // https://www.zerobounce.net/docs/email-validation-api-quickstart/v2-delete-file/:
      // "only allowed when file status is Complete".
      if (view.phase !== "complete") return failure("File cannot be deleted until it is Complete.");
      const { id, name } = view.upload;
      removed.add(id);
      // Its kind stays known (a deleted scoring file is still unknown to /v2/filestatus).
      const list = lists.get(id);
      if (list) list.file = new Blob([]); // its bytes are let go
      return {
        response: json({ success: true, message: "File Deleted", file_name: name, file_id: id }),
      };
    },
  };
}
