/**
 * What `upload` accepts as a file, checked before anything is sent. A `Blob` stays a `Blob` (a
 * `File`, `fs.openAsBlob(path)` in Node, `Bun.file(path)`): it is streamed when sent and never read
 * whole; only its first line is read to check columns.
 */

/** A file to upload: a `Blob`/`File`, bytes, or the text of a CSV. */
export type UploadInput = Blob | Uint8Array | ArrayBuffer | string;

/** An upload's file, normalised. */
export interface UploadFile {
  readonly blob: Blob;
  /** The name sent to the provider: `filename`, else the `File`'s name, else `upload.csv`. */
  readonly name: string;
  /** Bytes. */
  readonly size: number;
}

/**
 * Control characters (C0, DEL, C1: U+009B starts a terminal escape), bidirectional overrides (a
 * name that displays as another), and the characters a multipart header would need to escape.
 */
const BAD_NAME = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069"\\/]/;

/** The most of a file {@link headerFields} reads to find its first line. */
export const HEADER_BYTES: number = 64 * 1024;

function toBlob(provider: string, input: unknown): Blob {
  if (input instanceof Blob) return input;
  if (typeof input === "string") return new Blob([input], { type: "text/csv" });
  if (input instanceof ArrayBuffer) return new Blob([input]);
  if (input instanceof Uint8Array) return new Blob([input as Uint8Array<ArrayBuffer>]);
  throw new TypeError(
    `@filestatus/${provider}: the file must be a Blob, File, Uint8Array, ArrayBuffer or string`,
  );
}

/**
 * The file of an upload; a `TypeError` for an input of another type or a file name with control
 * characters, quotes or slashes, a `RangeError` for an empty file. Nothing is sent either way.
 */
export function toUploadFile(provider: string, input: unknown, filename?: string): UploadFile {
  const blob = toBlob(provider, input);
  const own = typeof File !== "undefined" && blob instanceof File ? blob.name : undefined;
  const name = filename ?? (own || "upload.csv");
  if (typeof name !== "string" || name.trim() === "" || BAD_NAME.test(name)) {
    throw new TypeError(
      `@filestatus/${provider}: filename must be a non-empty name without control characters, direction overrides, quotes or slashes`,
    );
  }
  if (blob.size === 0) {
    throw new RangeError(`@filestatus/${provider}: the file is empty; nothing was sent`);
  }
  return { blob, name, size: blob.size };
}

/**
 * The CSV fields of the file's first line (reading at most {@link HEADER_BYTES}), for checks such
 * as "is column 7 there?" before an upload is sent. Quoted fields may hold commas.
 */
export async function headerFields(file: UploadFile): Promise<string[]> {
  let text = await file.blob.slice(0, HEADER_BYTES).text();
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1); // a byte-order mark is not a field
  const fields: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') ((field += '"'), i++);
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field.trim() === "") ((quoted = true), (field = ""));
    else if (c === ",") (fields.push(field), (field = ""));
    else if (c === "\n" || c === "\r") break;
    else field += c;
  }
  fields.push(field);
  return fields.map((f) => f.trim());
}
