/**
 * What a round trip has done so far, and what to tell the user when it stops short: the server
 * may still hold the upload, processing or processed, and sending the file again would pay twice.
 */
import type { OnRoundTripProgress, RoundTripPhase } from "@filestatus/core";
import { UploadFailedError } from "@filestatus/core";
import { downloadFlags, type ProviderOptions } from "./provider-flags.ts";
import { PROVIDERS } from "./providers.ts";

/** How far a round trip got. */
export interface TripState {
  provider: string;
  /** The name the file is sent as. */
  name: string;
  phase: RoundTripPhase | "starting";
  /** Bytes of the upload read for sending: more than 0, and the provider may have it. */
  bytesSent: number;
  /** The upload's id, once a status has named it. */
  id?: string;
  /** A status said the upload is complete: its results wait at the provider. */
  complete?: boolean;
}

/** Where the results were going and how to reach the server again, for the `results` hint. */
export interface HintContext {
  download: ProviderOptions;
  output?: string;
  baseUrl?: string;
  sandbox?: boolean;
}

/** `onProgress` that keeps `state` up to date, then passes each report on. */
export function tracking(
  state: TripState,
  next: OnRoundTripProgress | undefined,
): OnRoundTripProgress {
  return (progress) => {
    state.phase = progress.phase;
    if (progress.phase === "uploading" && progress.bytes)
      state.bytesSent = Math.max(state.bytesSent, progress.bytes);
    if (progress.status) state.id = progress.status.id;
    if (progress.status?.state === "complete") state.complete = true;
    return next?.(progress);
  };
}

/** `word` as a shell reads it back: quoted when it holds anything but the plainest characters. */
function shellWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** The command that fetches the results of upload `id` later. */
export function resultsCommand(provider: string, id: string, context: HintContext): string {
  const words = [
    "filestatus",
    "results",
    provider,
    id,
    ...downloadFlags(provider, context.download),
  ];
  if (context.baseUrl) words.push("--base-url", context.baseUrl);
  if (context.output !== undefined && context.output !== "-") words.push("-o", context.output);
  return words.map(shellWord).join(" ");
}

/** What the provider may hold when the command was interrupted. */
export function interruptedNote(state: TripState, context: HintContext): string {
  const { provider, name, id } = state;
  if (state.phase === "starting" || (state.phase === "uploading" && state.bytesSent === 0))
    return `interrupted before anything was sent to ${provider}`;
  const lists = PROVIDERS[provider]?.lists ? ` (filestatus list ${provider})` : "";
  if (state.phase === "uploading" || id === undefined)
    return `interrupted while sending ${name}: ${provider} may have accepted it; look for "${name}" among your uploads${lists} before sending it again`;
  // The built-in sandbox ran inside this process: whatever it held stopped with it.
  if (context.sandbox)
    return `interrupted: the upload ${id} was ${state.phase} in the built-in sandbox, which stopped with this command`;
  const later = `\`${resultsCommand(provider, id, context)}\``;
  if (!state.complete)
    return `interrupted: the upload ${id} was sent and is still processing at ${provider}; ${later} fetches its results later`;
  return `interrupted: the upload ${id} is complete at ${provider} but its results were not saved; ${later} fetches them`;
}

/**
 * For a failure once the upload is there (a wait that timed out, results cut off mid-way): how
 * to get its results without sending the file again. Nothing for an upload that itself failed.
 */
export function failureHint(error: unknown, state: TripState, context: HintContext): string {
  if (state.id === undefined || context.sandbox || UploadFailedError.is(error)) return "";
  if (state.phase !== "processing" && state.phase !== "downloading") return "";
  const fetch = `\`${resultsCommand(state.provider, state.id, context)}\``;
  return !state.complete
    ? `; the upload ${state.id} is at ${state.provider}: ${fetch} fetches its results once it is complete`
    : `; the upload ${state.id} is complete at ${state.provider}: ${fetch} fetches its results again`;
}
