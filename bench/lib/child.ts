/**
 * Child processes for what must not share the benchmark's process: a server (so it does not share
 * the client's event loop), a heap measured with `--expose-gc`, a peak RSS of the client alone.
 * Children inherit this process's loader flags (tsx), so they run the same `.ts` sources.
 */
import { fork, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";

export function forkTs(file: URL, args: string[] = [], nodeFlags: string[] = []): ChildProcess {
  // A parent started otherwise (vitest) has no tsx loader to pass on: the child gets its own.
  const loader = process.execArgv.some((flag) => flag === "tsx" || flag.includes("/tsx/dist/"))
    ? []
    : ["--import", "tsx"];
  return fork(fileURLToPath(file), args, {
    execArgv: [...process.execArgv, ...loader, ...nodeFlags],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
}

/**
 * The child's next IPC message; rejects if it ends first. "close", not "exit": a child that sends
 * its last message and exits can be reported as exited before that message is read (seen with
 * eight children at once), while "close" waits for its channels.
 */
export function nextMessage<T>(child: ChildProcess): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onClose = (code: number | null) => {
      child.off("message", onMessage);
      reject(new Error(`child exited (${code}) before answering`));
    };
    const onMessage = (message: unknown) => {
      child.off("close", onClose);
      resolve(message as T);
    };
    child.once("message", onMessage);
    child.once("close", onClose);
  });
}

/** Asks the child to stop and waits for it to exit. */
export async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, "exit");
  child.kill("SIGTERM");
  await exited;
}

/** Sends `value` to the parent (in a child); a no-op when run without IPC. */
export function reply(value: unknown): void {
  process.send?.(value);
}

/** Sends the child's last answer, then lets it exit (an open IPC channel would keep it alive). */
export function finish(value: unknown): void {
  if (process.send) process.send(value, () => process.disconnect());
}
