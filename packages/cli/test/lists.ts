/**
 * What the round-trip tests send and expect: email lists with a known verdict for every row (the
 * sandbox's rule: valid unless malformed or on `dead.example`, `bounce.example` or `invalid.test`),
 * a loopback sandbox the CLI reaches with `--base-url`, and a way to read the CSVs it writes.
 */
import { mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createSandbox, type ProviderName, type Sandbox } from "@filestatus/sandbox";
import { serve } from "@filestatus/sandbox/node";

const DEAD = ["dead.example", "bounce.example", "invalid.test"];
const MALFORMED = ["not-an-email", "two@@example.com", "no-tld@example", "spa ce@example.com"];

/** `count` addresses, each with the verdict the rule gives it (row i decides which kind). */
export function emailList(count: number): { csv: string; verdicts: Map<string, string> } {
  const verdicts = new Map<string, string>();
  for (let i = 0; i < count; i++) {
    const kind = i % 5;
    const email =
      kind === 3
        ? `user${i}@${DEAD[i % DEAD.length]}`
        : kind === 4
          ? `${MALFORMED[i % MALFORMED.length]}${i}`
          : `user${i}@example.com`;
    verdicts.set(email, kind >= 3 ? "invalid" : "valid");
  }
  return {
    csv: `email,name\n${[...verdicts.keys()].map((e, i) => `${e},Name ${i}`).join("\n")}\n`,
    verdicts,
  };
}

/** A fresh directory under the system's temporary one. */
export const scratch = (): string => mkdtempSync(join(tmpdir(), "filestatus-cli-"));

/** Writes `text` to `dir/name` and returns its path. */
export function fileIn(dir: string, name: string, text: string | Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

/** The names in `dir`, hidden ones (a temporary `.out.csv.….partial`) included. */
export const listing = (dir: string): string[] => readdirSync(dir).sort();

/** The rows of a CSV without quoted fields (what the sandbox writes for these lists). */
export function csvRows(text: string): string[][] {
  return text
    .split(/\r?\n/)
    .filter((line) => line !== "")
    .map((line) => line.split(","));
}

/** `column` of each data row by its email (column 0), from a results CSV with a header. */
export function verdictsIn(text: string, column: string): Map<string, string> {
  const [header = [], ...rows] = csvRows(text);
  const at = header.indexOf(column);
  return new Map(rows.map((row) => [row[0]!, row[at]!]));
}

export interface LoopbackSandbox {
  sandbox: Sandbox;
  origin: string;
  /** `--base-url` for `provider` (IPQS's key is a path segment). */
  baseUrl(provider: ProviderName): string;
  /** Method and path of every request received, in order. */
  requests: string[];
  close(): Promise<void>;
}

/**
 * The sandbox on a loopback port; `fault(url, method)` names an `X-Sandbox-Fault` to add to a
 * request (a results download cut mid-way: `reset-body`; an upload answered late: `delay=…`).
 */
export async function loopbackSandbox(
  options: { speed?: number; fault?: (url: URL, method: string) => string | undefined } = {},
): Promise<LoopbackSandbox> {
  const sandbox = createSandbox({ speed: options.speed ?? 1 });
  const requests: string[] = [];
  const server = await serve(async (request) => {
    const url = new URL(request.url);
    requests.push(`${request.method} ${url.pathname}`);
    const fault = options.fault?.(url, request.method);
    if (fault === undefined) return sandbox.fetch(request);
    const headers = new Headers(request.headers);
    headers.set("X-Sandbox-Fault", fault);
    return sandbox.fetch(new Request(request, { headers }));
  });
  return {
    sandbox,
    origin: server.url,
    baseUrl: (provider) =>
      provider === "ipqs" ? `${server.url}/api/json/csv/{apiKey}` : server.url,
    requests,
    close: () => server.close(),
  };
}
