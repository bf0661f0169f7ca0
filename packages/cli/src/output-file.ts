/**
 * Where results go: a file, or standard output (`-o -`, or no `-o`). A file is never left partial:
 * the results are written to a temporary file beside it (same directory, so the rename cannot
 * cross file systems) and renamed over it only once the body is complete and on disk. On any
 * failure or interruption the temporary file is removed and an existing file stays as it was.
 */
import { randomBytes } from "node:crypto";
import { unlinkSync } from "node:fs";
import { open, rename, stat, unlink, type FileHandle } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { UsageError } from "./errors.ts";
import { chunksOf, type ResultsTarget } from "./results-chunks.ts";
import { stdoutTarget, type ByteOutput } from "./stdout-target.ts";

/** Why the temporary file could not be made, as the user would put it right. */
function cannotWrite(path: string, dir: string, error: NodeJS.ErrnoException): Error {
  const where = `-o ${path}`;
  if (error.code === "ENOENT")
    return new UsageError(`${where}: the directory ${dir} does not exist`);
  if (error.code === "ENOTDIR") return new UsageError(`${where}: ${dir} is not a directory`);
  if (["EACCES", "EPERM", "EROFS"].includes(error.code ?? ""))
    return new UsageError(`${where}: cannot write in ${dir} (${error.code})`);
  return error;
}

/** A temporary file beside `path`, created exclusively (never someone else's file). */
async function temporaryBeside(path: string): Promise<{ temp: string; handle: FileHandle }> {
  const dir = dirname(path);
  // Room for the suffix within a file name's 255 bytes.
  const stem = basename(path).slice(0, 180);
  for (;;) {
    const temp = join(dir, `.${stem}.${randomBytes(6).toString("hex")}.partial`);
    try {
      return { temp, handle: await open(temp, "wx") };
    } catch (error) {
      const failure = error as NodeJS.ErrnoException;
      if (failure.code !== "EEXIST") throw cannotWrite(path, dir, failure);
    }
  }
}

/**
 * The file `path`: checked and its temporary file created now, before anything is sent, so that a
 * results file that could never be written is a usage error that costs nothing.
 */
async function fileTarget(path: string): Promise<ResultsTarget> {
  if ((await stat(path).catch(() => undefined))?.isDirectory())
    throw new UsageError(`-o ${path}: is a directory`);
  const { temp, handle } = await temporaryBeside(path);
  let settled = false;
  // A second Ctrl-C exits at once, without waiting for `discard`: the file goes even then.
  const removeAtExit = () => {
    try {
      unlinkSync(temp);
    } catch {
      // already gone
    }
  };
  process.on("exit", removeAtExit);
  const settle = async (keep: boolean) => {
    if (settled) return;
    settled = true;
    process.removeListener("exit", removeAtExit);
    const failed = (error: unknown) => (failure ??= error);
    let failure: unknown;
    if (keep) await handle.datasync().catch(failed);
    await handle.close().catch(failed);
    if (keep && failure === undefined) await rename(temp, path).catch(failed);
    if (!keep || failure !== undefined) await unlink(temp).catch(() => undefined);
    if (keep && failure !== undefined) throw failure;
  };
  return {
    name: path,
    toStdout: false,
    async write(results) {
      let bytes = 0;
      for await (const chunk of chunksOf(results)) {
        await handle.write(chunk);
        bytes += chunk.byteLength;
      }
      return bytes;
    },
    commit: () => settle(true),
    discard: () => settle(false),
  };
}

/** `-o path`, or standard output for `-o -` and no `-o`. */
export async function resultsTarget(
  path: string | undefined,
  stdout: ByteOutput,
): Promise<ResultsTarget> {
  if (path === undefined || path === "-") return stdoutTarget(stdout);
  if (path === "") throw new UsageError("-o needs a file name (or - for standard output)");
  return fileTarget(path);
}
