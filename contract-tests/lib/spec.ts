/**
 * The specs as contracts: their operations, and a validator for any response body against the
 * schema the spec gives that operation and status. OpenAPI 3.1 schemas are JSON Schema 2020-12,
 * so Ajv's 2020 dialect reads them as they are.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { resolveRef } from "@filestatus/testkit";
import { parse } from "yaml";

export const PROVIDERS = [
  "zerobounce",
  "ipqs",
  "sanitizeemail",
  "highlevel",
  "constantcontact",
] as const;
export type Provider = (typeof PROVIDERS)[number];

type Json = Record<string, any>;

export interface Operation {
  provider: Provider;
  operationId: string;
  method: string;
  path: string;
  /** Status codes as written in the spec: "200", "4XX", "default". */
  statuses: string[];
}

export function specPath(provider: Provider): string {
  return fileURLToPath(new URL(`../../specs/${provider}.yaml`, import.meta.url));
}

const documents = new Map<Provider, Json>();

export function loadSpec(provider: Provider): Json {
  let doc = documents.get(provider);
  if (!doc)
    documents.set(provider, (doc = parse(readFileSync(specPath(provider), "utf8")) as Json));
  return doc;
}

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

export function operations(provider: Provider): Operation[] {
  const out: Operation[] = [];
  for (const [path, item] of Object.entries(loadSpec(provider).paths as Json)) {
    for (const method of METHODS) {
      const op = (item as Json)[method];
      if (op)
        out.push({
          provider,
          operationId: op.operationId,
          method,
          path,
          statuses: Object.keys(op.responses),
        });
    }
  }
  return out;
}

const pointer = (...parts: string[]) =>
  parts.map((p) => p.replace(/~/g, "~0").replace(/\//g, "~1")).join("/");

/** The spec key that answers `status`: the exact code, else its range ("4XX"), else "default". */
function statusKey(statuses: string[], status: number): string | undefined {
  return [String(status), `${String(status)[0]}XX`, "default"].find((s) => statuses.includes(s));
}

export interface ResponseValidator {
  /**
   * Problems with `body` as the `status` answer of `operationId`, each naming the operation;
   * empty when it conforms.
   */
  (operationId: string, status: number, body: unknown): string[];
}

export function responseValidator(provider: Provider): ResponseValidator {
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false });
  addFormats.default(ajv);
  ajv.addSchema(loadSpec(provider), "spec");
  const ops = operations(provider);
  return (operationId, status, body) => {
    const op = ops.find((o) => o.operationId === operationId);
    if (!op) return [`${provider}: no operation ${operationId} in specs/${provider}.yaml`];
    const key = statusKey(op.statuses, status);
    const label = `${provider} ${operationId} (${op.method.toUpperCase()} ${op.path}) ${status}`;
    if (!key) return [`${label}: the spec documents no ${status} response`];
    const declared = loadSpec(provider).paths[op.path][op.method].responses[key] as Json;
    // Ajv needs the pointer of the schema it compiles: the shared response's, when it is a $ref.
    const ref =
      typeof declared.$ref === "string"
        ? declared.$ref.slice(2)
        : pointer("paths", op.path, op.method, "responses", key);
    const response = resolveRef(loadSpec(provider), declared);
    if (!response.content?.["application/json"]?.schema)
      return [`${label}: the spec gives no JSON schema`];
    const validate = ajv.getSchema(`spec#/${ref}/content/${pointer("application/json")}/schema`);
    if (!validate) return [`${label}: could not compile the schema`];
    if (validate(body)) return [];
    return (validate.errors ?? []).map((e) => `${label}: body${e.instancePath} ${e.message}`);
  };
}
