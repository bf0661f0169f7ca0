/**
 * The file `send` and `run` upload: checked before anything is sent, then opened with
 * `fs.openAsBlob`, which streams it from disk as it is sent instead of reading it whole.
 */
import { constants, openAsBlob } from "node:fs";
import { access, stat } from "node:fs/promises";
import { basename } from "node:path";
import { UsageError } from "./errors.ts";
import type { FileInput } from "./round-trips.ts";

/** `path` as a file to send, named by its last segment; a usage error when it is not one. */
export async function openFile(path: string): Promise<FileInput> {
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw new UsageError(`${path} is a directory, not a file`);
    if (!info.isFile()) throw new UsageError(`${path} is not a regular file`);
    await access(path, constants.R_OK);
    return { blob: await openAsBlob(path), name: basename(path) };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") throw new UsageError(`${path}: no such file`);
    if (code === "EACCES" || code === "EPERM")
      throw new UsageError(`${path}: cannot read (${code})`);
    throw error;
  }
}
