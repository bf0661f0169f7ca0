/**
 * The values a spec documents for a string property, read from the `enum`s of its schema (through
 * `$ref`, `anyOf` and `oneOf`), so a test holds a provider's mapping to the spec itself: a value
 * added to or removed from specs/<name>.yaml fails the test until the mapping follows.
 */
import { loadSpec, resolveRef } from "./examples.ts";

type Json = Record<string, any>;

export interface DocumentedValues {
  /** Every documented value, sorted. */
  values: string[];
  /** True when the schema also takes any other string: the provider publishes no closed list. */
  open: boolean;
}

/** The values `components.schemas[schema].properties[property]` of `specs/<name>.yaml` documents. */
export function documentedValues(name: string, schema: string, property: string): DocumentedValues {
  const spec = loadSpec(name);
  const node = spec.components?.schemas?.[schema]?.properties?.[property];
  if (!node) throw new Error(`specs/${name}.yaml: no property ${property} in schema ${schema}`);
  const values = new Set<string>();
  let open = false;
  const visit = (n: Json): void => {
    const s = resolveRef(spec, n);
    const branches: Json[] = [...(s.anyOf ?? []), ...(s.oneOf ?? [])];
    for (const value of s.enum ?? []) values.add(String(value));
    for (const branch of branches) visit(branch);
    if (!s.enum && branches.length === 0 && s.type === "string") open = true;
  };
  visit(node);
  if (values.size === 0)
    throw new Error(`specs/${name}.yaml: ${schema}.${property} documents no values (no enum)`);
  return { values: [...values].sort(), open };
}
