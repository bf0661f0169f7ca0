/**
 * Watching uploads until each one finishes: a live progress bar per upload on a terminal, one
 * plain (or JSON) line per change otherwise.
 */
import type { UploadStatus, WaitOptions } from "@filestatus/core";
import { MultiBar, Presets, type SingleBar } from "cli-progress";
import { holdTerminal } from "./live.ts";
import type { StatusClient } from "./providers.ts";
import { printable, statusJson, statusLine } from "./render.ts";

export interface WatchTarget {
  provider: string;
  id: string;
  client: StatusClient;
}

export interface Output {
  write(text: string): void;
  isTTY?: boolean;
}

export interface WatchResult {
  target: WatchTarget;
  status?: UploadStatus;
  error?: unknown;
}

/**
 * Undoes what the live display does to a terminal: shows the cursor (`ESC[?25h`) and turns
 * auto-wrap back on (`ESC[?7h`). Its own stop writes the same; this is for an exit that cannot wait.
 */
export const TERMINAL_RESTORE: string = "\u001b[?25h\u001b[?7h";

interface Display {
  update(target: WatchTarget, status: UploadStatus): void;
  stop(): void;
}

function liveDisplay(out: Output, targets: readonly WatchTarget[]): Display {
  const bars = new MultiBar(
    {
      format: "{provider} {id} [{bar}] {progress} {state} {name}",
      hideCursor: true,
      clearOnComplete: false,
      stream: out as NodeJS.WritableStream,
    },
    Presets.shades_classic,
  );
  const byTarget = new Map<WatchTarget, SingleBar>();
  const idWidth = Math.max(...targets.map((t) => printable(t.id).length));
  for (const t of targets) {
    const payload = {
      provider: printable(t.provider).padEnd(15),
      id: printable(t.id).padEnd(idWidth),
      progress: "   ",
      state: "waiting",
      name: "",
    };
    byTarget.set(t, bars.create(100, 0, payload));
  }
  // Lines for the user go above the bars at their next drawing, or after the last one.
  const waiting: string[] = [];
  bars.on("redraw-pre", () => waiting.splice(0).forEach((line) => bars.log(line)));
  const release = holdTerminal(out, (line) => waiting.push(line));
  return {
    update(target, status) {
      // Providers that report no percentage show none; the bar fills when the upload completes.
      const value = status.state === "complete" ? 100 : Math.round(status.progress ?? 0);
      const progress =
        status.progress === undefined && status.state !== "complete" ? "   " : `${value}%`;
      byTarget.get(target)?.update(value, {
        progress: progress.padStart(4),
        state: printable(status.state),
        name: printable(status.name ?? ""),
      });
    },
    stop: () => {
      release();
      bars.stop();
      for (const line of waiting.splice(0)) out.write(line);
    },
  };
}

function lineDisplay(out: Output, json: boolean): Display {
  return {
    update: (_, status) => out.write(`${json ? statusJson(status) : statusLine(status)}\n`),
    stop: () => undefined,
  };
}

/** Waits for every target at once; never rejects: each result carries its status or error. */
export async function watchUploads(
  targets: readonly WatchTarget[],
  out: Output,
  options: WaitOptions & { json?: boolean } = {},
): Promise<WatchResult[]> {
  const display =
    out.isTTY && !options.json
      ? liveDisplay(out, targets)
      : lineDisplay(out, options.json ?? false);
  // One watchUploads per client: its watchers share the client's rate limit and, where the API
  // allows, one request answers for all of them.
  const byClient = new Map<StatusClient, WatchTarget[]>();
  for (const t of targets) byClient.set(t.client, [...(byClient.get(t.client) ?? []), t]);
  try {
    const groups = await Promise.all(
      [...byClient].map(async ([client, group]) => {
        const byId = new Map(group.map((t) => [t.id, t]));
        const outcomes = await client.watchUploads([...byId.keys()], {
          ...options,
          onProgress: (s) => display.update(byId.get(s.id)!, s),
        });
        // A failed upload's last status has already been shown through onProgress.
        return outcomes.map((o): WatchResult => ({ target: byId.get(o.id)!, ...o }));
      }),
    );
    const results = groups.flat();
    return targets.map((t) => ({
      ...results.find((r) => r.target.client === t.client && r.target.id === t.id)!,
      target: t,
    }));
  } finally {
    display.stop();
  }
}
