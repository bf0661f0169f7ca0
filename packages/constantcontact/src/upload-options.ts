/**
 * The options of `upload`, in the words of "Add Library Files - Multipart POST"
 * (https://v2.developer.constantcontact.com/docs/mylibrary-files-api/file-add-multipart-post.html),
 * checked before anything is sent: each wrong one is a `TypeError` (wrong kind) or `RangeError`
 * (a value the Library refuses) naming the option.
 */
import { toUploadFile, type RoundTripOptions, type UploadFile } from "@filestatus/core";

/** The documented `file_type` values: images, then documents. */
export type FileType =
  "JPEG" | "JPG" | "GIF" | "PNG" | "PDF" | "DOC" | "DOCX" | "XLS" | "XLSX" | "PPT" | "PPTX";

/** The documented `source` values; `Facebook` and `Instagram` need MyLibrary Plus. */
export type FileSource =
  "MyComputer" | "StockImage" | "Facebook" | "Instagram" | "Shutterstock" | "Mobile";

const OFFICE = "application/vnd.openxmlformats-officedocument";

/** Each type's MIME type (sent on the `data` part, as the Java SDK does) and file extensions. */
export const FILE_TYPES: Readonly<Record<FileType, { mime: string; extensions: string[] }>> = {
  JPEG: { mime: "image/jpeg", extensions: ["jpeg", "jpg"] },
  JPG: { mime: "image/jpeg", extensions: ["jpg", "jpeg"] },
  GIF: { mime: "image/gif", extensions: ["gif"] },
  PNG: { mime: "image/png", extensions: ["png"] },
  PDF: { mime: "application/pdf", extensions: ["pdf"] },
  DOC: { mime: "application/msword", extensions: ["doc"] },
  DOCX: { mime: `${OFFICE}.wordprocessingml.document`, extensions: ["docx"] },
  XLS: { mime: "application/vnd.ms-excel", extensions: ["xls"] },
  XLSX: { mime: `${OFFICE}.spreadsheetml.sheet`, extensions: ["xlsx"] },
  PPT: { mime: "application/vnd.ms-powerpoint", extensions: ["ppt"] },
  PPTX: { mime: `${OFFICE}.presentationml.presentation`, extensions: ["pptx"] },
};

export const SOURCES: readonly FileSource[] = [
  "MyComputer",
  "StockImage",
  "Facebook",
  "Instagram",
  "Shutterstock",
  "Mobile",
];

/** At most this many characters in `description` (documented on the file object). */
export const MAX_DESCRIPTION = 100;

export interface UploadOptions extends RoundTripOptions {
  /**
   * `file_type`. By default, from the file name's extension (`.jpeg` is sent as `JPG`, the one
   * spelling every official SDK accepts). Must match the extension when both are given.
   */
  fileType?: FileType;
  /** `folder_id`: the folder to add the file to; default `"0"`, which the docs give for an account without folders. */
  folderId?: string | number;
  /** `source`; default `MyComputer`. The docs' own sample spells it `MYCOMPUTER`: any casing is sent as given. */
  source?: FileSource | Uppercase<FileSource>;
  /** `description`: at most 100 characters. */
  description?: string;
  /**
   * `file_name`: the name the Library shows. Default: the `File`'s own name, else `upload.<ext>`
   * of `fileType`. One of the two is needed to know the type.
   */
  filename?: string;
}

/** The parts of one upload, checked. */
export interface CheckedUpload {
  file: UploadFile;
  fileType: FileType;
  mime: string;
  fields: {
    file_name: string;
    file_type: FileType;
    folder_id: string;
    description?: string;
    source: string;
  };
}

const OWNER = "@filestatus/constantcontact";

const extensionOf = (name: string) => {
  const dot = name.lastIndexOf(".");
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : "";
};

function checkFileType(value: unknown): FileType | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "string")
    throw new TypeError(`${OWNER}: fileType must be a string such as "PNG"`);
  const type = value.toUpperCase();
  if (!Object.hasOwn(FILE_TYPES, type))
    throw new RangeError(
      `${OWNER}: fileType ${JSON.stringify(value)} is not one the Library takes (${Object.keys(FILE_TYPES).join(", ")}); nothing was sent`,
    );
  return type as FileType;
}

/** The type of `name`, when its extension is one the Library takes. */
function typeOfName(name: string): FileType | undefined {
  const extension = extensionOf(name);
  if (extension === "jpeg") return "JPG";
  const type = extension.toUpperCase();
  return Object.hasOwn(FILE_TYPES, type) ? (type as FileType) : undefined;
}

function checkText(name: string, value: unknown, fallback: string): string {
  if (value === undefined) return fallback;
  if (typeof value === "number" && Number.isSafeInteger(value)) return String(value);
  if (typeof value !== "string") throw new TypeError(`${OWNER}: ${name} must be a string`);
  return value;
}

/** The file and parts of an upload; throws before anything is sent when one is wrong. */
export function checkUpload(input: unknown, options: UploadOptions): CheckedUpload {
  if (options !== undefined && (typeof options !== "object" || options === null))
    throw new TypeError(`${OWNER}: upload options must be an object`);
  options ??= {};
  const given = checkFileType(options.fileType);
  const own = typeof File !== "undefined" && input instanceof File ? input.name : "";
  const filename =
    options.filename ?? (own || (given && `upload.${FILE_TYPES[given].extensions[0]}`));
  if (filename === undefined)
    throw new TypeError(
      `${OWNER}: the file has no name to tell its type by: give filename (e.g. "logo.png") or fileType; nothing was sent`,
    );
  const file = toUploadFile("constantcontact", input, filename);
  const extension = extensionOf(file.name);
  if (given && extension !== "" && !FILE_TYPES[given].extensions.includes(extension))
    throw new RangeError(
      `${OWNER}: fileType ${given} does not match the file name "${file.name}"; nothing was sent`,
    );
  const fileType = given ?? typeOfName(file.name);
  if (!fileType)
    throw new RangeError(
      `${OWNER}: the file name "${file.name}" is not an image or document the Library takes (${Object.keys(FILE_TYPES).join(", ")}); give fileType or rename it; nothing was sent`,
    );
  const folderId = checkText("folderId", options.folderId, "0");
  if (!/^-?\d+$/.test(folderId))
    throw new RangeError(
      `${OWNER}: folderId must be a folder id such as "0", got ${JSON.stringify(folderId)}`,
    );
  const source = checkText("source", options.source, "MyComputer");
  if (!SOURCES.some((s) => s.toLowerCase() === source.toLowerCase()))
    throw new RangeError(
      `${OWNER}: source must be one of ${SOURCES.join(", ")}, got ${JSON.stringify(source)}`,
    );
  const description =
    options.description === undefined
      ? undefined
      : checkText("description", options.description, "");
  if (description !== undefined && description.length > MAX_DESCRIPTION)
    throw new RangeError(
      `${OWNER}: description must be at most ${MAX_DESCRIPTION} characters, got ${description.length}; nothing was sent`,
    );
  const fields = {
    file_name: file.name,
    file_type: fileType,
    folder_id: folderId,
    description,
    source,
  };
  return { file, fileType, mime: FILE_TYPES[fileType].mime, fields };
}
