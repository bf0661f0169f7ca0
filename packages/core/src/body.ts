/**
 * Reading response bodies in the transport: whole for a success (the caller wants the data), at
 * most {@link MAX_ERROR_BODY_BYTES} for an error (a gateway's 300 MB error page is not kept).
 */
/** An error body is read up to this many bytes; the rest is cancelled unread. */
export const MAX_ERROR_BODY_BYTES: number = 64 * 1024;

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
