/**
 * Constant Contact v2 "Add Library Files - Multipart POST": what the sandbox accepts in the parts
 * `file_name`, `file_type`, `folder_id`, `description`, `source` and `data` (specs/constantcontact.yaml
 * `AddFileForm`). The Library holds images and documents, so a `file_type` must be one it takes and
 * match the file: its name's extension and, where the format has one, its leading bytes.
 */
import type { Form } from "../lists.ts";

/** `max_upload_size_limit` of the SDK fixtures' `GET /v2/library/info` (5 MiB). */
export const MAX_UPLOAD_BYTES = 5_242_880;

/** At most this many characters in `description` (documented on the file object). */
export const MAX_DESCRIPTION = 100;

interface FileKind {
  mime: string;
  image: boolean;
  extensions: readonly string[];
  /** The first bytes every file of the kind starts with, if the format has such a signature. */
  magic?: readonly number[];
}

const OLE = [0xd0, 0xcf, 0x11, 0xe0]; // DOC, XLS, PPT: OLE2 compound documents
const ZIP = [0x50, 0x4b, 0x03, 0x04]; // DOCX, XLSX, PPTX: Office Open XML packages
const JPEG: FileKind = {
  mime: "image/jpeg",
  image: true,
  extensions: ["jpg", "jpeg"],
  magic: [0xff, 0xd8, 0xff],
};
const OFFICE = "application/vnd.openxmlformats-officedocument";

/** The documented types: images JPEG, JPG, GIF, PNG; documents PDF, DOC(X), XLS(X), PPT(X). */
export const FILE_TYPES: Readonly<Record<string, FileKind>> = {
  JPEG,
  JPG: JPEG,
  GIF: { mime: "image/gif", image: true, extensions: ["gif"], magic: [0x47, 0x49, 0x46, 0x38] },
  PNG: { mime: "image/png", image: true, extensions: ["png"], magic: [0x89, 0x50, 0x4e, 0x47] },
  PDF: {
    mime: "application/pdf",
    image: false,
    extensions: ["pdf"],
    magic: [0x25, 0x50, 0x44, 0x46],
  },
  DOC: { mime: "application/msword", image: false, extensions: ["doc"], magic: OLE },
  DOCX: {
    mime: `${OFFICE}.wordprocessingml.document`,
    image: false,
    extensions: ["docx"],
    magic: ZIP,
  },
  XLS: { mime: "application/vnd.ms-excel", image: false, extensions: ["xls"], magic: OLE },
  XLSX: { mime: `${OFFICE}.spreadsheetml.sheet`, image: false, extensions: ["xlsx"], magic: ZIP },
  PPT: { mime: "application/vnd.ms-powerpoint", image: false, extensions: ["ppt"], magic: OLE },
  PPTX: {
    mime: `${OFFICE}.presentationml.presentation`,
    image: false,
    extensions: ["pptx"],
    magic: ZIP,
  },
};

/** The documented upload sources; the documentation's own sample spells them in capitals. */
export const SOURCES: readonly string[] = [
  "MyComputer",
  "StockImage",
  "Facebook",
  "Instagram",
  "Shutterstock",
  "Mobile",
];

/** An upload the sandbox accepted. */
export interface AcceptedFile {
  name: string;
  /** As sent, upper-cased (`PNG`). */
  fileType: string;
  mime: string;
  image: boolean;
  bytes: Uint8Array;
  description: string;
  folderId: string;
  source: string;
}

const REQUIRED = ["file_name", "file_type", "folder_id", "source"] as const;

/** The name's extension, lower-cased, or "" when it has none. */
export function extensionOf(name: string): string {
  const dot = name.lastIndexOf(".");
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : "";
}

const startsWith = (bytes: Uint8Array, magic: readonly number[]) =>
  magic.every((byte, i) => bytes[i] === byte);

/** What is wrong with `data` as a file of `kind` named `name`, or undefined. */
function mismatch(
  kind: FileKind,
  type: string,
  name: string,
  bytes: Uint8Array,
): string | undefined {
  const extension = extensionOf(name);
  if (extension !== "" && !kind.extensions.includes(extension))
    return `file_type ${type} does not match the file name ${JSON.stringify(name)}`;
  if (kind.magic && !startsWith(bytes, kind.magic))
    return `file_type ${type} does not match the file's content`;
  return undefined;
}

/** The accepted file, or the reason (naming the part) the Library refuses it. */
export async function checkUpload(
  form: Form,
  maxBytes: number = MAX_UPLOAD_BYTES,
): Promise<AcceptedFile | { problem: string }> {
  if ("problem" in form) return form;
  const { fields, files } = form;
  const data = files.get("data");
  if (!data) return { problem: "data: the file part is missing" };
  for (const part of REQUIRED)
    if ((fields.get(part) ?? "").trim() === "") return { problem: `${part}: the part is missing` };
  const name = fields.get("file_name")!.trim();
  const fileType = fields.get("file_type")!.trim().toUpperCase();
  const kind = FILE_TYPES[fileType];
  if (!kind)
    return {
      problem: `file_type ${fileType} is not supported (${Object.keys(FILE_TYPES).join(", ")})`,
    };
  const folderId = fields.get("folder_id")!.trim();
  if (!/^-?\d+$/.test(folderId))
    return { problem: `folder_id must be a folder id or 0, got ${JSON.stringify(folderId)}` };
  const source = fields.get("source")!.trim();
  if (!SOURCES.some((s) => s.toLowerCase() === source.toLowerCase()))
    return { problem: `source ${JSON.stringify(source)} is not one of ${SOURCES.join(", ")}` };
  const description = fields.get("description") ?? "";
  if (description.length > MAX_DESCRIPTION)
    return { problem: `description is longer than ${MAX_DESCRIPTION} characters` };
  if (data.size === 0) return { problem: "data: the file is empty" };
  if (data.size > maxBytes)
    return {
      problem: `data: the file is larger than the maximum upload size of ${maxBytes} bytes`,
    };
  const bytes = new Uint8Array(await data.blob.arrayBuffer());
  const wrong = mismatch(kind, fileType, name, bytes);
  if (wrong) return { problem: wrong };
  return {
    name,
    fileType,
    mime: kind.mime,
    image: kind.image,
    bytes,
    description,
    folderId,
    source,
  };
}

/** Width and height of a PNG or GIF from its header; undefined for other formats. */
export function imageSize(
  bytes: Uint8Array,
  fileType: string,
): { width: number; height: number } | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (fileType === "PNG" && bytes.length >= 24)
    return { width: view.getUint32(16), height: view.getUint32(20) };
  if (fileType === "GIF" && bytes.length >= 10)
    return { width: view.getUint16(6, true), height: view.getUint16(8, true) };
  return undefined;
}
