/**
 * What `status`, `watch` and `list` do once commander has parsed their arguments.
 */
import { UploadFailedError, type RequestOptions } from "@filestatus/core";
import { clientFor, positiveNumber, type GlobalFlags } from "./connect.ts";
import { describe, isUsage, UsageError, withoutPrefix } from "./errors.ts";
import type { Io } from "./main.ts";
import { errorLine, statusJson, statusLine } from "./render.ts";
import { watchUploads } from "./watch.ts";

export type StatusFlags = GlobalFlags;

export interface WatchFlags extends GlobalFlags {
  interval?: string;
  timeout?: string;
}

export interface ListFlags extends GlobalFlags {
  limit: string;
}

/** Every request stops when the command is interrupted. */
const requestOptions = (io: Io): RequestOptions => (io.signal ? { signal: io.signal } : {});

/** Prints one upload's status; exit 0. */
export async function status(
  io: Io,
  provider: string,
  id: string,
  flags: StatusFlags,
): Promise<number> {
  const client = await clientFor(provider, flags, io);
  const status = await client.uploadStatus(id, requestOptions(io));
  io.stdout.write(`${flags.json ? statusJson(status) : statusLine(status)}\n`);
  return 0;
}

/** Watches every upload until it finishes; exit 0 when all completed, 1 when any did not. */
export async function watch(
  io: Io,
  provider: string,
  ids: string[],
  flags: WatchFlags,
): Promise<number> {
  const intervalMs = positiveNumber("--interval", flags.interval);
  const timeoutMs = positiveNumber("--timeout", flags.timeout);
  const client = await clientFor(provider, flags, io);
  const results = await watchUploads(
    ids.map((id) => ({ provider, id, client })),
    io.stdout,
    {
      ...requestOptions(io),
      json: flags.json ?? false,
      ...(intervalMs && { intervalMs }),
      ...(timeoutMs && { timeoutMs }),
    },
  );
  let failed = 0;
  for (const { target, error } of results) {
    if (error === undefined) continue;
    if (isUsage(error)) throw new UsageError(withoutPrefix(error.message));
    failed++;
    // With --json, a failed upload's last status has said it already.
    if (!UploadFailedError.is(error) || !flags.json)
      io.stderr.write(errorLine(`${target.id}: ${describe(error)}`));
  }
  if (!flags.json) io.stdout.write(`${results.length - failed} complete, ${failed} failed\n`);
  return failed > 0 ? 1 : 0;
}

/** Prints the newest uploads, at most `--limit`; exit 0. */
export async function list(io: Io, provider: string, flags: ListFlags): Promise<number> {
  const limit = positiveNumber("--limit", flags.limit, true)!;
  const client = await clientFor(provider, flags, io);
  if (!client.uploads)
    throw new UsageError(
      `${provider} has no list endpoint; use: filestatus status ${provider} <id>`,
    );
  let printed = 0;
  for await (const status of client.uploads(undefined, requestOptions(io))) {
    io.stdout.write(`${flags.json ? statusJson(status) : statusLine(status)}\n`);
    if (++printed >= limit) break;
  }
  return 0;
}
