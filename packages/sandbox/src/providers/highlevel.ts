/**
 * HighLevel (LeadConnector) Social Planner CSV imports (specs/highlevel.yaml).
 * https://marketplace.gohighlevel.com/docs/ghl/social-planner/get-upload-status/index.html
 * Every location sees the same seeded imports, reported under its own `locationId`; an import
 * uploaded through the sandbox belongs to its location.
 */
import {
  bearerToken,
  isBadCredential,
  segments,
  type Context,
  type ProviderRoute,
} from "../context.ts";
import { dailyQuota, slidingWindow } from "../rate-limit.ts";
import { uploadCsv, type StoredFile } from "./highlevel-files.ts";
import { listImports, newImports } from "./highlevel-imports.ts";
import {
  deleteCsv,
  deleteCsvPost,
  getCsvPost,
  setAccounts,
  startCsvFinalize,
  type Call,
} from "./highlevel-ops.ts";
import { nest, ok, VERSION } from "./highlevel-render.ts";

/**
 * API v2 limits: a burst of 100 requests per 10 s and 200,000 a day, per app per location
 * (HighLevel API documentation, "Rate Limits"), for every endpoint, reported in `X-RateLimit-*`
 * headers on every response. The 429 body is undocumented; NestJS's default is used.
 */
const LIMITS = { burst: 100, intervalMs: 10_000, daily: 200_000 } as const;

/** class-validator's messages for the list's query, as the API's 422 lists them. */
function invalidQuery(query: URLSearchParams): string[] {
  const messages: string[] = [];
  for (const name of ["skip", "limit"]) {
    const value = query.get(name);
    if (value !== null && !/^\d+$/.test(value)) messages.push(`${name} must be a number string`);
  }
  const users = query.get("includeUsers");
  if (users !== null && users !== "true" && users !== "false")
    messages.push("includeUsers must be a boolean string");
  return messages;
}

function list(call: Call): Response {
  const query = call.context.url.searchParams;
  const messages = invalidQuery(query);
  if (messages.length > 0) return nest(422, messages, "Unprocessable Entity", call.headers);
  const userId = query.get("userId");
  const all = listImports(call.imports, call.context, call.locationId).filter(
    (csv) => !userId || csv.createdBy === userId,
  );
  const skip = Number(query.get("skip") ?? "0");
  const limit = Number(query.get("limit") ?? "10");
  const csvs = all.slice(skip, skip + limit);
  return ok(200, "Fetched CSV Upload Status", call.headers, { csvs, count: all.length });
}

type Operation = (call: Call) => Response | Promise<Response>;

/** The operation a method and the path after `/social-media-posting/{locationId}/` name. */
function operation(method: string, rest: string[]): Operation | undefined {
  const [first, id, post, postId, ...more] = rest;
  if (more.length > 0) return undefined;
  if (first === "set-accounts" && id === undefined)
    return method === "POST" ? setAccounts : undefined;
  if (first !== "csv") return undefined;
  if (id === undefined) {
    if (method === "GET") return list;
    if (method === "POST")
      return (call) => uploadCsv(call.context.request, call.locationId, call.headers, call.files);
    return undefined;
  }
  if (post === undefined) {
    if (method === "GET") return (call) => getCsvPost(call, id);
    if (method === "PATCH") return (call) => startCsvFinalize(call, id);
    if (method === "DELETE") return (call) => deleteCsv(call, id);
    return undefined;
  }
  if (post === "post" && postId !== undefined && method === "DELETE")
    return (call) => deleteCsvPost(call, id, postId);
  return undefined;
}

export function highlevel(): ProviderRoute {
  const burst = slidingWindow(LIMITS.burst, LIMITS.intervalMs);
  const daily = dailyQuota(LIMITS.daily);
  const imports = newImports();
  const files = new Map<string, StoredFile>();

  const handle = (context: Context): Response | Promise<Response> => {
    const { request, url, now } = context;
    const [, locationId, ...rest] = segments(url) ?? [];
    const token = bearerToken(request);
    const key = `${token ?? ""}\n${locationId ?? ""}`;
    const window = burst.take(key, now);
    const day = window.allowed ? daily.take(key, now) : daily.peek(key, now);
    const headers = new Headers({
      "X-RateLimit-Max": String(LIMITS.burst),
      "X-RateLimit-Remaining": String(window.remaining),
      "X-RateLimit-Interval-Milliseconds": String(LIMITS.intervalMs),
      "X-RateLimit-Limit-Daily": String(LIMITS.daily),
      "X-RateLimit-Daily-Remaining": String(day.remaining),
    });
    if (!window.allowed || !day.allowed)
      return nest(429, "Too Many Requests", "Too Many Requests", headers);
    const answer = locationId ? operation(request.method, rest) : undefined;
    if (!locationId || !answer)
      return nest(404, `Cannot ${request.method} ${url.pathname}`, "Not Found", headers);
    if (isBadCredential(token))
      return nest(401, "Invalid token: access token is invalid", "Unauthorized", headers);
    if (request.headers.get("version") !== VERSION)
      return nest(
        422,
        [`version must be one of the following values: ${VERSION}`],
        "Unprocessable Entity",
        headers,
      );
    return answer({ context, locationId, headers, imports, files });
  };

  return {
    provider: "highlevel",
    match: (url) => url.pathname.startsWith("/social-media-posting/"),
    handle,
  };
}
