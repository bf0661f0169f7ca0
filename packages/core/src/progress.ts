/**
 * One progress callback across the three phases of a round trip: bytes sent, the provider's
 * processing, bytes received.
 */
import type { UploadStatus } from "./upload-status.ts";

export type RoundTripPhase = "uploading" | "processing" | "downloading";

export interface RoundTripProgress {
  phase: RoundTripPhase;
  /** Bytes sent (`uploading`) or received (`downloading`) so far. */
  bytes?: number;
  /** The body's size, where it is known. */
  totalBytes?: number;
  /** 0–100, where it is known: of the bytes, or the provider's own percentage while processing. */
  progress?: number;
  /** While `processing`: the upload's latest status. */
  status?: UploadStatus;
}

export type OnRoundTripProgress = (progress: RoundTripProgress) => unknown;

/** Options of every round-trip call. */
export interface RoundTripOptions {
  signal?: AbortSignal;
  /**
   * Called as bytes go out and come in. While uploading it runs as the body is read (a throw stops
   * the upload); while downloading, as the caller reads the results body (a throw errors it).
   */
  onProgress?: OnRoundTripProgress;
}

/**
 * `body` counting the bytes that pass, reported to `onProgress` as `phase`. A callback that throws
 * or rejects errors the stream with its error.
 */
export function countingStream(
  body: ReadableStream<Uint8Array>,
  phase: "uploading" | "downloading",
  totalBytes: number | undefined,
  onProgress: OnRoundTripProgress | undefined,
): ReadableStream<Uint8Array> {
  if (!onProgress) return body;
  let bytes = 0;
  // Awaited, so an async callback that rejects errors the stream (and holds it while it runs).
  const report = async () => {
    const progress =
      totalBytes && totalBytes > 0 ? Math.min(100, (bytes / totalBytes) * 100) : undefined;
    await onProgress({
      phase,
      bytes,
      ...(totalBytes !== undefined && { totalBytes }),
      ...(progress !== undefined && { progress }),
    });
  };
  return body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      start: report,
      async transform(chunk, controller) {
        bytes += chunk.byteLength;
        controller.enqueue(chunk);
        await report();
      },
    }),
  );
}

/** The `Content-Length` of a response, when it gives a usable one. */
export function declaredLength(headers: Headers): number | undefined {
  const length = Number(headers.get("content-length") ?? NaN);
  return Number.isSafeInteger(length) && length >= 0 ? length : undefined;
}
