/**
 * Loading a spec: YAML with line numbers, the structural checks the generator relies on, and the
 * facts a scaffolded client needs (server, credentials, headers the client always sends).
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { LineCounter, parseDocument, type Document } from "yaml";

/** A spec problem, always naming the file and the place in it. */
export class SpecError extends Error {
  override readonly name = "SpecError";
}

export type CredentialFact =
  | { in: "query" | "header"; name: string; option: string }
  | { in: "path"; name: string; option: string }
  | { in: "bearer"; option: string };

export interface Spec {
  /** `zerobounce` for `specs/zerobounce.yaml`. */
  name: string;
  file: string;
  document: Record<string, unknown>;
  title: string;
  serverUrl: string;
  credentials: CredentialFact[];
  /** Required header parameters with exactly one allowed value: the client sends them itself. */
  fixedHeaders: Record<string, string>;
  /** The first GET operation with its required parameters filled from the spec's examples. */
  example: ExampleCall;
}

export interface ExampleCall {
  path: string;
  params: Record<string, Record<string, unknown>>;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** Loads `specs/<name>.yaml` under `root`; errors name the file relative to `root`. */
export async function loadSpec(root: string, name: string): Promise<Spec> {
  const file = `specs/${name}.yaml`;
  const text = await readFile(join(root, file), "utf8");
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const first = doc.errors[0];
  if (first) {
    const at = lines.linePos(first.pos[0]);
    throw new SpecError(
      `${file}:${at.line}:${at.col}: invalid YAML: ${first.message.split("\n")[0]}`,
    );
  }
  const where = (path: (string | number)[]): string => locate(doc, lines, file, path);
  const document = doc.toJS() as unknown;
  if (!isObject(document)) throw new SpecError(`${file}:1:1: a spec must be a YAML mapping`);
  if (typeof document.openapi !== "string" || !document.openapi.startsWith("3.1.")) {
    throw new SpecError(
      `${where(["openapi"])}: openapi must be "3.1.x" (found ${JSON.stringify(document.openapi)})`,
    );
  }
  const info = document.info;
  if (!isObject(info) || typeof info.title !== "string")
    throw new SpecError(`${where(["info"])}: info.title is required`);
  const servers = document.servers;
  if (!Array.isArray(servers) || !isObject(servers[0]) || typeof servers[0].url !== "string") {
    throw new SpecError(`${where(["servers"])}: at least one server with a url is required`);
  }
  if (!isObject(document.paths) || Object.keys(document.paths).length === 0) {
    throw new SpecError(`${where(["paths"])}: paths must describe at least one operation`);
  }
  return {
    name,
    file,
    document,
    title: info.title,
    serverUrl: servers[0].url,
    credentials: credentialFacts(document, servers[0], where),
    fixedHeaders: fixedHeaders(document),
    example: exampleCall(document),
  };
}

function exampleCall(document: Json): ExampleCall {
  const fixed = fixedHeaders(document);
  for (const [path, item] of Object.entries(document.paths as Json)) {
    const get = isObject(item) ? item.get : undefined;
    if (!isObject(get)) continue;
    const params: ExampleCall["params"] = {};
    for (const ref of Array.isArray(get.parameters) ? get.parameters : []) {
      const p = resolve(document, ref);
      if (
        !isObject(p) ||
        p.required !== true ||
        typeof p.name !== "string" ||
        typeof p.in !== "string"
      )
        continue;
      if (p.in === "header" && p.name in fixed) continue;
      const schema = isObject(p.schema) ? p.schema : {};
      const fallback = schema.type === "array" ? ["1"] : schema.type === "integer" ? 1 : "1";
      (params[p.in] ??= {})[p.name] = p.example ?? schema.example ?? schema.default ?? fallback;
    }
    return { path, params };
  }
  return { path: Object.keys(document.paths as Json)[0]!, params: {} };
}

/** `file:line:col` of the deepest node of `path` that exists. */
function locate(
  doc: Document,
  lines: LineCounter,
  file: string,
  path: (string | number)[],
): string {
  for (let depth = path.length; depth >= 0; depth--) {
    const node = doc.getIn(path.slice(0, depth), true) as
      { range?: [number, number, number] } | undefined;
    if (node?.range) {
      const at = lines.linePos(node.range[0]);
      return `${file}:${at.line}:${at.col}`;
    }
  }
  return `${file}:1:1`;
}

/**
 * Credentials from the first global security requirement (all its schemes at once) and from server
 * variables, which is how a key that is a path segment (IPQS) is described.
 */
function credentialFacts(
  document: Json,
  server: Json,
  where: (p: (string | number)[]) => string,
): CredentialFact[] {
  const facts: CredentialFact[] = [];
  const schemes =
    isObject(document.components) && isObject(document.components.securitySchemes)
      ? document.components.securitySchemes
      : {};
  const requirement =
    Array.isArray(document.security) && isObject(document.security[0]) ? document.security[0] : {};
  for (const schemeName of Object.keys(requirement)) {
    const scheme = schemes[schemeName];
    const at = where(["components", "securitySchemes", schemeName]);
    if (!isObject(scheme))
      throw new SpecError(
        `${where(["security", 0, schemeName])}: unknown security scheme "${schemeName}"`,
      );
    if (
      scheme.type === "apiKey" &&
      (scheme.in === "query" || scheme.in === "header") &&
      typeof scheme.name === "string"
    ) {
      facts.push({ in: scheme.in, name: scheme.name, option: "apiKey" });
    } else if (scheme.type === "http" && scheme.scheme === "bearer") {
      facts.push({ in: "bearer", option: "accessToken" });
    } else {
      throw new SpecError(
        `${at}: unsupported security scheme (use apiKey in query/header, or http bearer)`,
      );
    }
  }
  for (const variable of Object.keys(isObject(server.variables) ? server.variables : {})) {
    facts.push({ in: "path", name: variable, option: variable });
  }
  const options = facts.map((f) => f.option);
  const twice = options.find((o, i) => options.indexOf(o) !== i);
  if (twice)
    throw new SpecError(
      `${where(["security"])}: two credentials would both be the "${twice}" option`,
    );
  return facts;
}

function fixedHeaders(document: Json): Record<string, string> {
  const out: Record<string, string> = {};
  for (const item of Object.values(document.paths as Json)) {
    if (!isObject(item)) continue;
    for (const operation of Object.values(item)) {
      if (!isObject(operation) || !Array.isArray(operation.parameters)) continue;
      for (const ref of operation.parameters) {
        const p = resolve(document, ref);
        const only =
          isObject(p) &&
          isObject(p.schema) &&
          Array.isArray(p.schema.enum) &&
          p.schema.enum.length === 1;
        if (only && p.in === "header" && p.required === true && typeof p.name === "string") {
          out[p.name] = String((p.schema as Json & { enum: unknown[] }).enum[0]);
        }
      }
    }
  }
  return out;
}

/** Follows a local `#/...` reference; anything else is returned as it is. */
function resolve(document: Json, value: unknown): unknown {
  if (!isObject(value) || typeof value.$ref !== "string" || !value.$ref.startsWith("#/"))
    return value;
  let node: unknown = document;
  for (const key of value.$ref.slice(2).split("/"))
    node = isObject(node) ? node[key.replace(/~1/g, "/").replace(/~0/g, "~")] : undefined;
  return node;
}
