/**
 * SanitizeEmail's multipart upload, as the sandbox tests send it.
 */
import type { Answer, Harness } from "./helpers.ts";

const LIST = "/v1/api/filesupload/";
const KEY = { "X-API-KEY": "se-key" };

export interface UploadFields {
  file?: Blob | null;
  filename?: string;
  name?: string | null;
  is_file_organised?: string | null;
  file_tag?: string;
  email_column?: string;
}

/** A multipart upload with the documented fields; `null` leaves a field out. */
export function uploadForm(csv: string, fields: UploadFields = {}): FormData {
  const form = new FormData();
  const set = (name: string, value: string | null | undefined, fallback?: string) => {
    const v = value === undefined ? fallback : value;
    if (v !== null && v !== undefined) form.set(name, v);
  };
  set("name", fields.name, "Customer List");
  set("is_file_organised", fields.is_file_organised, "true");
  set("file_tag", fields.file_tag);
  set("email_column", fields.email_column);
  if (fields.file !== null)
    form.set(
      "file",
      fields.file ?? new Blob([csv], { type: "text/csv" }),
      fields.filename ?? "list.csv",
    );
  return form;
}

/** Sends the upload and reads the JSON answer. */
export function sendUpload(
  h: Harness,
  csv: string,
  fields?: UploadFields,
  headers: Record<string, string> = KEY,
): Promise<Answer<any>> {
  return h.get(LIST, { method: "POST", headers, body: uploadForm(csv, fields) });
}
