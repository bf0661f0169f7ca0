/**
 * The progress of one round trip (`run`, `send`): one live line across the phases on a terminal
 * (bytes sent, percent processed, bytes received), plain lines otherwise, few enough to log.
 */
import type { RoundTripPhase, RoundTripProgress } from "@filestatus/core";
import { Presets, SingleBar } from "cli-progress";
import { holdTerminal } from "./live.ts";
import { printable } from "./render.ts";
import type { Output } from "./watch.ts";

export interface TripDisplay {
  update(progress: RoundTripProgress): void;
  /** Takes a live display down (cursor shown, auto-wrap on); safe to call again. */
  stop(): void;
}

/** `1536` → `1.5 KiB`. */
export function size(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ["KiB", "MiB", "GiB", "TiB"];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) ((value /= 1024), unit++);
  return `${value.toFixed(1)} ${units[unit]}`;
}

/** What one progress report says, in words and as a percentage where there is one. */
interface Reading {
  phase: RoundTripPhase;
  percent: number | undefined;
  detail: string;
}

/** `name` is the file being sent, shown while uploading; the upload's id follows from its status. */
function reader(name: string): (p: RoundTripProgress) => Reading {
  let id = "";
  return (p) => {
    if (p.status) id = printable(p.status.id);
    const percent = p.phase === "processing" && p.status?.state === "complete" ? 100 : p.progress;
    const bytes =
      p.bytes === undefined
        ? ""
        : p.totalBytes === undefined
          ? size(p.bytes)
          : `${size(p.bytes)} of ${size(p.totalBytes)}`;
    const detail =
      p.phase === "uploading"
        ? `${printable(name)}: ${bytes} sent`
        : p.phase === "processing"
          ? `${id}: ${printable(p.status?.state ?? "")}`
          : `${id}: ${bytes ? `${bytes} received` : "reading"}`;
    return { phase: p.phase, percent, detail };
  };
}

function live(out: Output, read: (p: RoundTripProgress) => Reading): TripDisplay {
  const bar = new SingleBar(
    {
      format: "{phase} [{bar}] {percent} {detail}",
      hideCursor: true,
      barsize: 30,
      stream: out as NodeJS.WritableStream,
    },
    Presets.shades_classic,
  );
  bar.start(100, 0, { phase: "uploading  ", percent: "    ", detail: "" });
  // A line for the user replaces the live one, which is drawn again below it. The cursor is saved
  // there (ESC 7), where the bar's end restores it to (ESC 8) to print its last line below. And
  // cli-progress (pinned) redraws only a line that changed: it is told it drew nothing.
  const release = holdTerminal(out, (line) => {
    out.write(`\r\u001b[2K${line}\u001b7`);
    Object.assign(bar, { lastDrawnString: "" });
    bar.render();
  });
  let stopped = false;
  return {
    update(p) {
      const { phase, percent, detail } = read(p);
      const shown = percent === undefined ? "    " : `${Math.floor(percent)}%`.padStart(4);
      bar.update(percent ?? 0, { phase: phase.padEnd(11), percent: shown, detail });
    },
    stop() {
      if (stopped) return;
      stopped = true;
      release();
      bar.stop();
    },
  };
}

/**
 * One line when a phase starts, then when its percentage passes the next tenth, or, with no
 * percentage to go by, at most once a second; while processing, one line per change.
 */
function lines(out: Output, read: (p: RoundTripProgress) => Reading): TripDisplay {
  let last = { phase: "", step: -1, at: 0, text: "" };
  return {
    update(p) {
      const { phase, percent, detail } = read(p);
      const text = `${phase} ${detail}${percent === undefined ? "" : ` ${Math.floor(percent)}%`}`;
      const step = percent === undefined ? -1 : Math.floor(percent / 10);
      const now = Date.now();
      const news =
        phase !== last.phase ||
        (phase === "processing"
          ? text !== last.text
          : percent === undefined
            ? now - last.at >= 1000 && text !== last.text
            : step > last.step);
      if (!news) return;
      last = { phase, step, at: now, text };
      out.write(`${text}\n`);
    },
    stop: () => undefined,
  };
}

/** A live display on a terminal, plain lines on anything else. */
export function tripDisplay(out: Output, name: string): TripDisplay {
  const read = reader(name);
  return out.isTTY ? live(out, read) : lines(out, read);
}
