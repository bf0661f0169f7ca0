/**
 * HighLevel (LeadConnector) Social Planner "Get Upload Status" (specs/highlevel.yaml).
 * https://marketplace.gohighlevel.com/docs/ghl/social-planner/get-upload-status/index.html
 * Every location sees the same seeded uploads, reported under its own `locationId`.
 */
import {
  bearerToken,
  hash,
  isBadCredential,
  json,
  segments,
  type Context,
  type ProviderRoute,
} from "../context.ts";
import { dailyQuota, slidingWindow } from "../rate-limit.ts";
import type { Phase, UploadView } from "../uploads.ts";

const VERSION = "2021-07-28";
const USER = "sbxUser0000000000001";

/**
 * API v2 limits: a burst of 100 requests per 10 s and 200,000 a day, per app per location
 * (HighLevel API documentation, "Rate Limits"), reported in `X-RateLimit-*` headers on every
 * response. The 429 body is undocumented; NestJS's default is used.
 */
const LIMITS = { burst: 100, intervalMs: 10_000, daily: 200_000 } as const;

const STATUS: Record<Phase, string> = {
  queued: "pending",
  processing: "in_progress",
  complete: "completed",
  failed: "failed",
  deleted: "deleted",
};

/** NestJS error bodies: `{ statusCode, message, error }`, `message` an array on validation errors. */
const nest = (statusCode: number, message: string | string[], error: string, headers: Headers) =>
  json({ statusCode, message, error }, statusCode, headers);

function render(view: UploadView, locationId: string): Record<string, unknown> {
  const { id, name } = view.upload;
  return {
    _id: id,
    id,
    locationId,
    fileName: name,
    accountIds: [`sbxAccount${String(hash(id) % 1e6).padStart(6, "0")}_${locationId}`],
    file: `locations/${locationId}/social-planner/csv/${name}`,
    status: STATUS[view.phase],
    count: 5 + (hash(id) % 40),
    createdBy: USER,
    traceId: `sbxTrace${String(hash(`trace:${id}`)).padStart(12, "0")}`,
    createdAt: new Date(view.createdAt).toISOString(),
  };
}

/** class-validator's messages for the query, as the API's 422 lists them. */
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

function list({ url, views }: Context, locationId: string, headers: Headers): Response {
  const query = url.searchParams;
  const userId = query.get("userId");
  const all = views("highlevel").filter((v) => !userId || userId === USER);
  const skip = Number(query.get("skip") ?? "0");
  const limit = Number(query.get("limit") ?? "10");
  const csvs = all.slice(skip, skip + limit).map((v) => render(v, locationId));
  return json(
    {
      success: true,
      statusCode: 200,
      message: "Fetched CSV Upload Status",
      results: { csvs, count: all.length },
    },
    200,
    headers,
  );
}

export function highlevel(): ProviderRoute {
  const burst = slidingWindow(LIMITS.burst, LIMITS.intervalMs);
  const daily = dailyQuota(LIMITS.daily);

  const handle = (context: Context): Response => {
    const { request, url, now } = context;
    const parts = segments(url) ?? [];
    const token = bearerToken(request);
    const path = parts.length === 3 && parts[2] === "csv" && parts[1] ? parts[1] : undefined;
    const key = `${token ?? ""}\n${path ?? ""}`;
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
    if (path === undefined || request.method !== "GET")
      return nest(404, `Cannot ${request.method} ${url.pathname}`, "Not Found", headers);
    if (isBadCredential(token))
      return nest(401, "Invalid token: access token is invalid", "Unauthorized", headers);
    const messages = invalidQuery(url.searchParams);
    if (request.headers.get("version") !== VERSION)
      messages.unshift(`version must be one of the following values: ${VERSION}`);
    if (messages.length > 0) return nest(422, messages, "Unprocessable Entity", headers);
    return list(context, path, headers);
  };

  return {
    provider: "highlevel",
    match: (url) => url.pathname.startsWith("/social-media-posting/"),
    handle,
  };
}
