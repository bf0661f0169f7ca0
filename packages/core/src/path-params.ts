/**
 * Path parameters that cannot stay inside their own segment. openapi-fetch percent-encodes `/`, `?`
 * and `#`, but `.`, `..` and the empty string survive `encodeURIComponent`, and the URL parser then
 * resolves them into a different path (WHATWG URL treats `%2e%2e` as `..` too, so encoding cannot
 * help): `uploadstatus/..` would call the parent endpoint. Such values are rejected.
 */
import { defaultPathSerializer, type PathSerializer } from "openapi-fetch";
import { refuse } from "./options.ts";

const UNSAFE_SEGMENTS: ReadonlySet<string> = new Set(["", ".", ".."]);

/** Why `value` cannot fill a path parameter, or `undefined`. */
function problem(value: unknown): string | undefined {
  const values: unknown[] = Array.isArray(value) ? value : [value];
  if (!values.length) return "needs at least one value";
  const bad = values.find((v) => typeof v === "string" && UNSAFE_SEGMENTS.has(v.trim()));
  return bad === undefined
    ? undefined
    : `cannot be ${JSON.stringify(bad)}; it would change the request path`;
}

/** openapi-fetch's path serializer, refusing values that would leave their segment. */
export function safePathSerializer(provider: string): PathSerializer {
  return (pathname, params) => {
    for (const [name, value] of Object.entries(params)) {
      const why = problem(value);
      if (why) refuse(`@filestatus/${provider}`, `path parameter "${name}" ${why}`);
    }
    return defaultPathSerializer(pathname, params);
  };
}
