/**
 * How a status reads on a terminal and in `--json`.
 */
import type { UploadStatus } from "@filestatus/core";

/** `zerobounce  a1b2…  processing 42%  customers.csv` */
export function statusLine(status: UploadStatus): string {
  const progress = status.progress === undefined ? "" : ` ${Math.round(status.progress)}%`;
  const name = status.name ? `  ${status.name}` : "";
  return `${status.provider.padEnd(15)} ${status.id}  ${status.state}${progress}${name}`;
}

/** The status as one JSON line; `raw` is already redacted by the client. */
export function statusJson(status: UploadStatus): string {
  return JSON.stringify(status);
}
