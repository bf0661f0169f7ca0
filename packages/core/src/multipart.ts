/**
 * multipart/form-data bodies built as a `Blob` of strings and the file's own `Blob`: nothing is
 * copied or read until the body is sent, and its size (the `Content-Length`) is known up front.
 * `FormData` would do the same in a browser, but a `Request` made from it hides the length, and
 * core adds a form credential (ZeroBounce's `api_key`) beneath middleware, which needs the bytes
 * as a stream with a known length.
 */
import type { UploadFile } from "./upload-file.ts";

export interface Multipart {
  /** The whole body, lazily composed. */
  body: Blob;
  /** `multipart/form-data; boundary=…`. */
  contentType: string;
}

/** The value of one text field; `undefined` fields are left out. */
export type FieldValue = string | number | boolean | undefined;

/** Quotes and line breaks are percent-encoded in part names, as the HTML standard does. */
const escapeName = (name: string) =>
  name.replace(/\r/g, "%0D").replace(/\n/g, "%0A").replace(/"/g, "%22");

function boundary(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `----filestatus${Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("")}`;
}

/** A multipart body: the text `fields` (booleans as `true`/`false`), then the file part. */
export function multipart(
  fields: Readonly<Record<string, FieldValue>>,
  file: { field: string; file: UploadFile; type?: string },
): Multipart {
  const mark = boundary();
  const parts: (string | Blob)[] = [];
  for (const [name, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    parts.push(
      `--${mark}\r\nContent-Disposition: form-data; name="${escapeName(name)}"\r\n\r\n${String(value)}\r\n`,
    );
  }
  const type = file.type ?? (file.file.blob.type || "application/octet-stream");
  parts.push(
    `--${mark}\r\nContent-Disposition: form-data; name="${escapeName(file.field)}"; filename="${escapeName(file.file.name)}"\r\nContent-Type: ${type}\r\n\r\n`,
    file.file.blob,
    `\r\n--${mark}--\r\n`,
  );
  return { body: new Blob(parts), contentType: `multipart/form-data; boundary=${mark}` };
}
