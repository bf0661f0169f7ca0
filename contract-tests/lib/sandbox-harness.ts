/**
 * Drives one in-process sandbox on a clock the test moves, and checks what it answers against the
 * spec: bodies with lib/spec.ts, documented response headers here (OpenAPI gives each header a
 * schema; the values arrive as text, so integers are read back as numbers before validating).
 */
import { createSandbox, type Sandbox, type SeedUpload } from "@filestatus/sandbox";
import { Ajv2020 } from "ajv/dist/2020.js";
import { resolveRef } from "@filestatus/testkit";
import { loadSpec, operations, responseValidator, type Provider } from "./spec.ts";

/** Request URLs only; the sandbox answers in-process, nothing is resolved or dialled. */
export const ORIGIN = "http://127.0.0.1";
/** A fixed start, so rate-limit days and timestamps do not depend on when the suite runs. */
export const T0 = Date.UTC(2025, 0, 15, 12, 0, 0);
export const SECOND = 1_000;
export const HOUR = 3_600_000;

/**
 * Sandbox-clock instants that, between them, put every built-in scenario in every phase: at +0 the
 * `demo` and `signups` uploads are queued, at +4 s `demo`/`webinar` and `newsletter` are processing,
 * at +2 h all of them have reached their outcome.
 */
export const INSTANTS = { "+0s": 0, "+4s": 4 * SECOND, "+2h": 2 * HOUR } as const;

export interface Answer {
  status: number;
  headers: Headers;
  body: unknown;
}

export interface Harness {
  sandbox: Sandbox;
  /** Sets the clock to `ms` after T0 (rate limits and lifecycles both run on it). */
  at(ms: number): void;
  call(path: string, init?: RequestInit): Promise<Answer>;
}

export function harness(): Harness {
  let now = T0;
  const sandbox = createSandbox({ now: () => now });
  return {
    sandbox,
    at: (ms) => void (now = T0 + ms),
    async call(path, init) {
      const response = await sandbox.fetch(new Request(ORIGIN + path, init));
      const text = await response.text();
      return { status: response.status, headers: response.headers, body: JSON.parse(text) };
    },
  };
}

/** The seeded uploads of a provider that are not the filler `*-batch-N.csv` ones. */
export function namedUploads(provider: Provider): SeedUpload[] {
  return createSandbox()
    .uploads(provider)
    .filter((u) => !/-batch-\d+\.csv$/.test(u.name));
}

type Json = Record<string, any>;

export interface HeaderValidator {
  /** Problems with the headers the spec documents for this answer, each naming the operation. */
  (operationId: string, status: number, headers: Headers): string[];
}

export function headerValidator(provider: Provider): HeaderValidator {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  const doc = loadSpec(provider);
  const compiled = new Map<Json, ReturnType<typeof ajv.compile>>();
  const compile = (schema: Json) => {
    let validate = compiled.get(schema);
    if (!validate) compiled.set(schema, (validate = ajv.compile(schema)));
    return validate;
  };
  return (operationId, status, headers) => {
    const op = operations(provider).find((o) => o.operationId === operationId);
    if (!op) return [`${provider}: no operation ${operationId}`];
    const key = [String(status), `${String(status)[0]}XX`, "default"].find((s) =>
      op.statuses.includes(s),
    );
    if (!key) return [];
    const response = resolveRef(doc, doc.paths[op.path][op.method].responses[key]);
    const label = `${provider} ${operationId} ${status} header`;
    const problems: string[] = [];
    for (const [name, ref] of Object.entries((response.headers ?? {}) as Json)) {
      const header = resolveRef(doc, ref);
      const raw = headers.get(name);
      if (raw === null) {
        if (header.required) problems.push(`${label} ${name}: missing`);
        continue;
      }
      const value = /^-?\d+$/.test(raw.trim()) ? Number(raw) : raw;
      const validate = compile(header.schema ?? {});
      if (!validate(value))
        for (const e of validate.errors ?? [])
          problems.push(`${label} ${name}: ${JSON.stringify(raw)} ${e.message}`);
    }
    return problems;
  };
}

/** Both validators of one provider, for `expect(check(...)).toEqual([])`. */
export function checker(provider: Provider) {
  const body = responseValidator(provider);
  const headers = headerValidator(provider);
  return (operationId: string, answer: Answer): string[] => [
    ...body(operationId, answer.status, answer.body),
    ...headers(operationId, answer.status, answer.headers),
  ];
}
