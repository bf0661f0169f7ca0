/**
 * Path parameters that cannot stay inside their own segment. openapi-fetch percent-encodes `/`, `?`
 * and `#`, but `.`, `..` and the empty string survive `encodeURIComponent`, and the URL parser then
 * resolves them into a different path (WHATWG URL treats `%2e%2e` as `..` too, so encoding cannot
 * help): `uploadstatus/..` would call the parent endpoint. Such values are rejected.
 */
import { defaultPathSerializer, type PathSerializer } from "openapi-fetch";

const UNSAFE_SEGMENTS: ReadonlySet<string> = new Set(["", ".", ".."]);

function check(provider: string, name: string, value: unknown): void {
  const values = Array.isArray(value) ? value : [value];
  if (values.length === 0) {
    throw new TypeError(
      `@filestatus/${provider}: path parameter "${name}" needs at least one value`,
    );
  }
  for (const v of values) {
    if (typeof v === "string" && UNSAFE_SEGMENTS.has(v.trim())) {
      throw new TypeError(
        `@filestatus/${provider}: path parameter "${name}" cannot be ${JSON.stringify(v)}; it would change the request path`,
      );
    }
  }
}

/** openapi-fetch's path serializer, refusing values that would leave their segment. */
export function safePathSerializer(provider: string): PathSerializer {
  return (pathname, params) => {
    for (const [name, value] of Object.entries(params)) check(provider, name, value);
    return defaultPathSerializer(pathname, params);
  };
}
