/**
 * Reading response bodies in the transport: whole for a success (the caller wants the data), at
 * most {@link MAX_ERROR_BODY_BYTES} for an error (a gateway's 300 MB error page is not kept), and
 * checked for JSON nesting no API documents.
 */

/** An error body is read up to this many bytes; the rest is cancelled unread. */
export const MAX_ERROR_BODY_BYTES: number = 64 * 1024;

/** JSON nested deeper than this is refused: nothing the providers document comes close. */
export const MAX_JSON_DEPTH: number = 1_000;

/** Reads at most `max` bytes of `response` as UTF-8 text and cancels the rest. */
export async function readPrefix(response: Response, max: number): Promise<string> {
  if (!response.body) return "";
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let text = "";
  let bytes = 0;
  try {
    while (bytes < max) {
      const { done, value } = await reader.read();
      if (done) return text + decoder.decode();
      const chunk = value.subarray(0, max - bytes);
      bytes += chunk.byteLength;
      text += decoder.decode(chunk, { stream: true });
    }
    await reader.cancel().catch(() => undefined);
    return text + decoder.decode();
  } finally {
    reader.releaseLock();
  }
}

/** The body of an attempt's response: the whole text of a success, a bounded prefix otherwise. */
export function readBody(response: Response): Promise<string> {
  return response.ok ? response.text() : readPrefix(response, MAX_ERROR_BODY_BYTES);
}

/**
 * True when `text` opens more than `max` arrays or objects inside each other. `JSON.parse` copes,
 * but every recursive walk of the result (redaction, `JSON.stringify` of an error) would overflow
 * the stack. Only bodies long enough to nest that deep are scanned.
 */
export function nestedTooDeep(text: string, max: number = MAX_JSON_DEPTH): boolean {
  if (text.length <= 2 * max) return false;
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // a backslash escapes the next character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}
