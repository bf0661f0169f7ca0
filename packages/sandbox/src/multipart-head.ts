/**
 * The pieces of a streamed multipart/form-data reader (multipart.ts): finding a boundary in bytes,
 * and reading a part's headers (RFC 7578 §4.2, names escaped as the HTML standard and undici do).
 */

/** A byte sequence to look for in chunks of a body. */
export interface BytesSearch {
  length: number;
  /** The first index at or after `from` where the sequence starts in `hay`, or -1. */
  find(hay: Uint8Array, from: number): number;
}

/**
 * Boyer-Moore-Horspool: a boundary is some 40 bytes long, so most bytes of a file part are never
 * looked at, and a CSV's line breaks (a boundary starts with CR LF) cost nothing.
 */
export function bytesSearch(needle: Uint8Array): BytesSearch {
  const n = needle.length;
  const skip = new Uint32Array(256).fill(n);
  for (let i = 0; i < n - 1; i++) skip[needle[i]!] = n - 1 - i;
  const last = needle[n - 1]!;
  return {
    length: n,
    find(hay, from) {
      for (let i = from + n - 1; i < hay.length;) {
        const c = hay[i]!;
        if (c === last) {
          let j = n - 2;
          let k = i - 1;
          while (j >= 0 && hay[k] === needle[j]) (j--, k--);
          if (j < 0) return i - n + 1;
        }
        i += skip[c]!;
      }
      return -1;
    },
  };
}

/** What a part's headers say. */
export interface PartHead {
  name: string;
  /** Present for a file part (even when empty). */
  filename?: string;
  /** `Content-Type`; a file part without one is `text/plain`, as the fetch standard says. */
  type: string;
}

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const PARAM = /;\s*([^\s=;]+)\s*=\s*(?:"([^"\r\n]*)"|([^;\s]*))/g;
const END = new Uint8Array([13, 10, 13, 10]);
const endSearch = bytesSearch(END);

/** Quotes and line breaks arrive percent-encoded in names (the HTML standard's encoding). */
const unescapeName = (name: string) =>
  name.replace(/%0A/gi, "\n").replace(/%0D/gi, "\r").replace(/%22/g, '"');

/** RFC 5987 `filename*=UTF-8''…`, or undefined when it does not decode. */
function extendedValue(value: string): string | undefined {
  const match = /^[^']*'[^']*'(.*)$/.exec(value);
  try {
    return match ? decodeURIComponent(match[1]!) : undefined;
  } catch {
    return undefined;
  }
}

/** The part's headers, or undefined when they do not name it as a form-data part. */
export function parseHead(text: string): PartHead | undefined {
  let name: string | undefined;
  let filename: string | undefined;
  let type: string | undefined;
  for (const line of text.split("\r\n")) {
    const colon = line.indexOf(":");
    const header = line.slice(0, colon).trim();
    if (colon === -1 || !TOKEN.test(header)) return undefined;
    const value = line.slice(colon + 1).trim();
    const lower = header.toLowerCase();
    if (lower === "content-type") type = /^[\x00-\x7f]*$/.test(value) ? value : "";
    if (lower !== "content-disposition") continue;
    if (!/^form-data\s*(;|$)/i.test(value)) return undefined;
    const params = new Map<string, string>();
    for (const m of value.matchAll(PARAM)) params.set(m[1]!.toLowerCase(), m[2] ?? m[3] ?? "");
    const plain = params.get("name");
    name = plain === undefined ? undefined : unescapeName(plain);
    const extended = params.get("filename*");
    const file = params.get("filename");
    filename =
      (extended === undefined ? undefined : extendedValue(extended)) ??
      (file === undefined ? undefined : unescapeName(file));
  }
  if (name === undefined) return undefined;
  return {
    name,
    ...(filename !== undefined && { filename }),
    type: type ?? (filename === undefined ? "" : "text/plain"),
  };
}

/**
 * A part's headers from `pos` (just past its boundary line): the head and where its body starts,
 * undefined while their end has not arrived, "failure" when they cannot be read.
 */
export function splitHeaders(
  buf: Uint8Array,
  pos: number,
): { head: PartHead; end: number } | "failure" | undefined {
  if (buf.length - pos >= 2 && buf[pos] === 13 && buf[pos + 1] === 10) return "failure";
  const end = endSearch.find(buf, pos);
  if (end === -1) return undefined;
  const head = parseHead(new TextDecoder().decode(buf.subarray(pos, end)));
  return head ? { head, end: end + END.length } : "failure";
}
