/**
 * multipart/form-data read as it streams in (RFC 7578), for uploads of any size: file parts go
 * into a `Blob` block by block as they arrive, so neither the body nor a file is ever one array or
 * one string (`request.formData()` reads the body whole first). What it accepts follows the fetch
 * standard's parser (undici's): only line breaks before the first boundary and after the last, a
 * `Content-Disposition: form-data` with a `name` in every part. `Content-Transfer-Encoding` is
 * ignored (RFC 7578 §4.7: senders do not use it).
 */
import { bytesSearch, splitHeaders, type PartHead } from "./multipart-head.ts";

/** A file part, kept as it arrived. */
export interface StreamedFile {
  name: string;
  type: string;
  size: number;
  blob: Blob;
}

/** The parts of a multipart/form-data request, or a reason it is not one the sandbox can read. */
export type StreamedForm =
  { fields: Map<string, string>; files: Map<string, StreamedFile> } | { problem: string };

/** File bytes are copied into blocks of this size, each then kept as a `Blob`. */
const BLOCK = 4 * 1024 * 1024;
const FIRST_BLOCK = 16 * 1024;
/** The most a part's headers, or what comes before the first boundary, may take. */
const HEAD_LIMIT = 64 * 1024;
const UNREADABLE = { problem: "the multipart body could not be read" } as const;
const EMPTY = new Uint8Array(0);

/**
 * Collects bytes into a `Blob` while holding at most one block of them as an array. Blocks start
 * small (most parts are short fields) and double up to {@link BLOCK}.
 */
function blobBuilder(): { write(bytes: Uint8Array): void; finish(): Blob } {
  const parts: Blob[] = [];
  let block = new Uint8Array(0);
  let used = 0;
  return {
    write(bytes) {
      for (let at = 0; at < bytes.length;) {
        if (used === block.length) {
          // A Blob copies what it is made of, so a full block of the largest size is reused.
          if (block.length > 0) parts.push(new Blob([block]));
          if (block.length < BLOCK) block = new Uint8Array(Math.max(FIRST_BLOCK, block.length * 2));
          used = 0;
        }
        const n = Math.min(bytes.length - at, block.length - used);
        block.set(bytes.subarray(at, at + n), used);
        ((used += n), (at += n));
      }
    },
    finish() {
      if (used > 0) parts.push(new Blob([block.subarray(0, used)]));
      return new Blob(parts);
    },
  };
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b;
  const joined = new Uint8Array(a.length + b.length);
  joined.set(a);
  joined.set(b, a.length);
  return joined;
}

/** True when `bytes` are CR LF pairs, the last perhaps cut short (its LF still to come). */
const lineBreaks = (bytes: Uint8Array): boolean =>
  bytes.every((b, i) => b === (i % 2 === 0 ? 13 : 10));

function boundaryOf(type: string): string | undefined {
  return /;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(type)?.slice(1).find(Boolean);
}

type State = "preamble" | "delimited" | "head" | "body" | "epilogue" | "failed";

interface Part {
  head: PartHead;
  blob: Blob;
}

/** A push parser: `step` consumes what it can and returns the bytes to see again. */
function parser(boundary: string) {
  // The first boundary may open the body; a virtual line break before it makes it like the rest.
  const delimiter = bytesSearch(new TextEncoder().encode(`\r\n--${boundary}`));
  const parts: Part[] = [];
  let state: State = "preamble";
  let head: PartHead | undefined;
  let builder = blobBuilder();

  const step = (buf: Uint8Array): Uint8Array => {
    let pos = 0;
    for (;;) {
      if (state === "preamble" || state === "body") {
        const found = delimiter.find(buf, pos);
        if (state === "preamble") {
          // Kept until the first boundary has arrived whole; only CR LF pairs may come before it.
          if (found === -1) {
            if (buf.length > HEAD_LIMIT) state = "failed";
            return buf.subarray(pos);
          }
          const before = buf.subarray(pos, found);
          if (!lineBreaks(before) || before.length % 2 === 1) return ((state = "failed"), EMPTY);
        } else {
          const until = found === -1 ? Math.max(pos, buf.length - delimiter.length + 1) : found;
          builder.write(buf.subarray(pos, until));
          if (found === -1) return buf.subarray(until);
          parts.push({ head: head!, blob: builder.finish() });
          builder = blobBuilder();
        }
        ((pos = found + delimiter.length), (state = "delimited"));
      } else if (state === "delimited") {
        if (buf.length - pos < 2) return buf.subarray(pos);
        const pair = (buf[pos]! << 8) | buf[pos + 1]!;
        pos += 2;
        // `--` closes the body; CR LF opens another part.
        state = pair === 0x2d2d ? "epilogue" : pair === 0x0d0a ? "head" : "failed";
      } else if (state === "head") {
        const split = splitHeaders(buf, pos);
        if (split === undefined && buf.length - pos <= HEAD_LIMIT) return buf.subarray(pos);
        if (split === undefined || split === "failure") state = "failed";
        else ((head = split.head), (pos = split.end), (state = "body"));
      } else if (state === "epilogue") {
        const rest = buf.subarray(pos);
        if (!lineBreaks(rest)) state = "failed";
        return rest.length % 2 === 1 ? rest.subarray(-1) : EMPTY;
      } else return EMPTY;
    }
  };
  return {
    step,
    /** The parts, once the body has ended where a body may end. */
    end: (rest: Uint8Array): Part[] | undefined =>
      state === "epilogue" && rest.length === 0 ? parts : undefined,
    failed: () => state === "failed",
  };
}

/** Reads a multipart/form-data request body as it streams. */
export async function readStreamedForm(request: Request): Promise<StreamedForm> {
  const type = request.headers.get("content-type") ?? "";
  if (!/^multipart\/form-data\s*;/i.test(type))
    return { problem: `Content-Type must be multipart/form-data, got ${JSON.stringify(type)}` };
  const boundary = boundaryOf(type);
  if (!boundary || !request.body) return UNREADABLE;
  const p = parser(boundary);
  const reader = request.body.getReader();
  let pending: Uint8Array = new Uint8Array([13, 10]);
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      pending = p.step(concat(pending, value));
      if (p.failed()) {
        await reader.cancel().catch(() => undefined);
        return UNREADABLE;
      }
    }
  } catch {
    return UNREADABLE;
  }
  const parts = p.end(pending);
  if (!parts) return UNREADABLE;
  const fields = new Map<string, string>();
  const files = new Map<string, StreamedFile>();
  for (const { head, blob } of parts) {
    if (head.filename === undefined) fields.set(head.name, await blob.text());
    else
      files.set(head.name, {
        name: head.filename,
        type: head.type,
        size: blob.size,
        blob: new Blob([blob], { type: head.type }),
      });
  }
  return { fields, files };
}
