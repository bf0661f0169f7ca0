/**
 * `processFile`: upload → wait → results, as one call with one deadline, one signal and one
 * progress callback across the phases. Each provider supplies the three steps.
 */
import type { ApiClient } from "./client.ts";
import { TimeoutError } from "./errors.ts";
import { DURATION, optionalNumber } from "./options.ts";
import type { RoundTripOptions, RoundTripPhase } from "./progress.ts";
import { follow, startDeadline } from "./signal.ts";
import { checkWaitOptions, type UploadStatus, type WaitOptions } from "./upload-status.ts";

export interface ProcessOptions extends RoundTripOptions {
  /**
   * Give up with a `TimeoutError` after this long, whichever phase is running (the results body,
   * once handed over, is read at the caller's pace: `signal` and the client's idle `timeoutMs`
   * still stop it).
   */
  timeoutMs?: number;
  /** A fixed delay between status polls, as `waitForUpload`'s. */
  intervalMs?: number;
}

/** What `processFile` resolves with: the upload's final status and its results. */
export interface Processed<Results> {
  status: UploadStatus;
  results: Results;
}

/** The three steps of a provider's round trip. */
export interface RoundTripSteps<Results> {
  upload(options: RoundTripOptions): Promise<UploadStatus>;
  wait(id: string, options: WaitOptions): Promise<UploadStatus>;
  results(status: UploadStatus, options: RoundTripOptions): Promise<Results>;
}

export async function processFile<Results>(
  client: ApiClient<{}>,
  steps: RoundTripSteps<Results>,
  options: ProcessOptions = {},
): Promise<Processed<Results>> {
  const owner = `@filestatus/${client.provider}`;
  const timeoutMs = optionalNumber(owner, "timeoutMs", options.timeoutMs, DURATION);
  // Checked now: a bad intervalMs found after the upload would have spent its credits.
  checkWaitOptions(client.provider, { intervalMs: options.intervalMs });
  const { onProgress, signal: callerSignal } = options;
  callerSignal?.throwIfAborted();
  const deadline = startDeadline(client.clock, timeoutMs, callerSignal);
  // The results body outlives this call: it follows the caller's signal for good (without a
  // listener left on it: `AbortSignal.any`), and the deadline only until the results are handed over.
  const handover = new AbortController();
  const unlinkDeadline = follow(deadline.signal, handover);
  const download = callerSignal
    ? AbortSignal.any([callerSignal, handover.signal])
    : handover.signal;
  let phase: RoundTripPhase = "uploading";
  try {
    const signal = deadline.signal;
    const uploaded = await steps.upload({ signal, onProgress });
    phase = "processing";
    const status = await steps.wait(uploaded.id, {
      signal,
      ...(options.intervalMs !== undefined && { intervalMs: options.intervalMs }),
      ...(onProgress && {
        onProgress: (s: UploadStatus) =>
          onProgress({
            phase: "processing",
            status: s,
            ...(s.progress !== undefined && { progress: s.progress }),
          }),
      }),
    });
    phase = "downloading";
    const results = await steps.results(status, { signal: download, onProgress });
    return { status, results };
  } catch (error) {
    if (!deadline.expired()) throw error;
    const timeout = new TimeoutError({
      provider: client.provider,
      method: "",
      url: "",
      timeoutMs: timeoutMs!,
      message: `${client.provider}: processFile did not finish within ${timeoutMs} ms (it was ${phase})`,
      cause: error,
    });
    // Cut off while sending: the provider may have the file already.
    if (phase === "uploading")
      Object.defineProperty(timeout, "mayHaveBeenAccepted", { value: true, enumerable: true });
    throw timeout;
  } finally {
    unlinkDeadline();
    deadline.end();
  }
}
