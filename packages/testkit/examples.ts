/**
 * The documented response examples of a spec, for tests that replay every one of them.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";

export interface ResponseExample {
  operationId: string;
  status: number;
  name: string;
  value: unknown;
}

type Json = Record<string, any>;

/** Follows local `#/…` references until `node` is not one. */
export function resolveRef(spec: Json, node: Json): Json {
  let out = node;
  while (typeof out?.$ref === "string") {
    out = (out.$ref as string)
      .slice(2)
      .split("/")
      .reduce((n: Json, key) => n[key.replace(/~1/g, "/").replace(/~0/g, "~")], spec);
  }
  return out;
}

/** Parsed `specs/<name>.yaml`. */
export function loadSpec(name: string): Json {
  return parse(
    readFileSync(fileURLToPath(new URL(`../../specs/${name}.yaml`, import.meta.url)), "utf8"),
  );
}

/** Every named example of every JSON response of `operationId`, with its status code. */
export function responseExamples(name: string, operationId: string): ResponseExample[] {
  const spec = loadSpec(name);
  const out: ResponseExample[] = [];
  for (const item of Object.values(spec.paths as Json)) {
    for (const operation of Object.values(item as Json)) {
      if (operation?.operationId !== operationId) continue;
      for (const [code, ref] of Object.entries(operation.responses as Json)) {
        const media = resolveRef(spec, ref as Json).content?.["application/json"];
        const status = /^\d+$/.test(code) ? Number(code) : Number(code[0]) * 100;
        for (const [exampleName, example] of Object.entries((media?.examples ?? {}) as Json)) {
          out.push({
            operationId,
            status,
            name: exampleName,
            value: resolveRef(spec, example).value,
          });
        }
      }
    }
  }
  if (out.length === 0)
    throw new Error(`specs/${name}.yaml: no response examples for ${operationId}`);
  return out;
}
