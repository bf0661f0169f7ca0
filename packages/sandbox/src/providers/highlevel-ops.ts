/**
 * HighLevel's import operations (specs/highlevel.yaml): `setAccounts`, `getCsvPost`,
 * `startCsvFinalize`, `deleteCsv` and `deleteCsvPost`, with class-validator's 422 messages (S3
 * examples) and a 400 for an id that names no import [I: the sources document no 404].
 */
import type { Context } from "../context.ts";
import type { StoredFile } from "./highlevel-files.ts";
import {
  createImport,
  finalize,
  findImport,
  statusOf,
  seededFileRows,
  type Import,
  type Imports,
} from "./highlevel-imports.ts";
import { nest, ok, renderImport, renderPost, USER } from "./highlevel-render.ts";

/** What one operation needs: the request's context, its location and the rate-limit headers. */
export interface Call {
  context: Context;
  locationId: string;
  headers: Headers;
  imports: Imports;
  files: Map<string, StoredFile>;
}

const invalid = (call: Call, messages: string[]) =>
  nest(422, messages, "Unprocessable Entity", call.headers);

const notFound = (call: Call, what = "CSV") =>
  nest(400, `${what} not found`, "Bad Request", call.headers);

/** The JSON body, `{}` when there is none, or undefined when it is not a JSON object. */
async function body(request: Request): Promise<Record<string, unknown> | undefined> {
  const text = await request.text();
  if (text.trim() === "") return {};
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === "object" && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

const badJson = (call: Call) =>
  nest(400, "The request body is not a JSON object", "Bad Request", call.headers);

/** class-validator's messages for a `SetAccountsDTO`. */
function accountProblems(dto: Record<string, unknown>): string[] {
  const { accountIds, filePath, rowsCount, fileName } = dto;
  const messages: string[] = [];
  if (!Array.isArray(accountIds)) messages.push("accountIds must be an array");
  else if (accountIds.length === 0) messages.push("accountIds should not be empty");
  else if (!accountIds.every((a) => typeof a === "string"))
    messages.push("each value in accountIds must be a string");
  else if (accountIds.some((a) => a.trim() === ""))
    messages.push("Invalid account id in accountIds list");
  if (typeof filePath !== "string") messages.push("filePath must be a string");
  if (typeof rowsCount !== "number" || !Number.isInteger(rowsCount))
    messages.push("rowsCount must be an integer number");
  else if (rowsCount < 1) messages.push("rowsCount must not be less than 1");
  if (typeof fileName !== "string") messages.push("fileName must be a string");
  for (const name of ["approver", "userId"])
    if (dto[name] !== undefined && typeof dto[name] !== "string")
      messages.push(`${name} must be a string`);
  return messages;
}

export async function setAccounts(call: Call): Promise<Response> {
  const dto = await body(call.context.request);
  if (!dto) return badJson(call);
  const messages = accountProblems(dto);
  if (messages.length > 0) return invalid(call, messages);
  const { locationId, context } = call;
  const filePath = dto.filePath as string;
  const stored = call.files.get(filePath);
  const file =
    stored?.locationId === locationId ? stored : seededFileRows(context, locationId, filePath);
  if (!file) return invalid(call, ["filePath does not name an uploaded file"]);
  const rowsCount = dto.rowsCount as number;
  if (rowsCount > file.rows.length)
    return invalid(call, [`rowsCount must not be greater than ${file.rows.length}`]);
  const record = createImport(
    call.imports,
    context.at,
    {
      locationId,
      fileName: dto.fileName as string,
      file: filePath,
      accountIds: dto.accountIds as string[],
      ...(typeof dto.approver === "string" && { approver: dto.approver }),
      createdBy: typeof dto.userId === "string" ? dto.userId : USER,
    },
    file.rows.slice(0, rowsCount),
  );
  return ok(201, "Accounts Set Successfully", call.headers, { csvId: record.id });
}

const viewOf = (call: Call, record: Import) =>
  call.context.views("highlevel").find((v) => v.upload.id === record.id);

/** class-validator's messages for `skip` and `limit`, strings of digits (S2). */
function pageProblems(query: URLSearchParams): string[] {
  return ["skip", "limit"]
    .filter((name) => query.has(name) && !/^\d+$/.test(query.get(name)!))
    .map((name) => `${name} must be a number string`);
}

export function getCsvPost(call: Call, id: string): Response {
  const query = call.context.url.searchParams;
  const messages = pageProblems(query);
  if (messages.length > 0) return invalid(call, messages);
  const record = findImport(call.imports, call.context, call.locationId, id);
  if (!record) return notFound(call);
  const status = statusOf(record, viewOf(call, record));
  // Neither source gives defaults; the list's ("0" and "10") are assumed [I].
  const skip = Number(query.get("skip") ?? "0");
  const limit = Number(query.get("limit") ?? "10");
  const posts = record.posts
    .slice(skip, skip + limit)
    .map((post) => renderPost(post, record.accountIds, status));
  const csv = renderImport(record, status);
  return ok(200, "Fetched CSV Posts", call.headers, { csv, count: record.posts.length, posts });
}

export async function startCsvFinalize(call: Call, id: string): Promise<Response> {
  const dto = await body(call.context.request);
  if (!dto) return badJson(call);
  if (dto.userId !== undefined && typeof dto.userId !== "string")
    return invalid(call, ["userId must be a string"]);
  const record = findImport(call.imports, call.context, call.locationId, id);
  if (!record) return notFound(call);
  if (record.deleted) return nest(400, "CSV is deleted", "Bad Request", call.headers);
  // Finalizing twice changes nothing: the posts are scheduled once.
  finalize(record, call.context);
  return ok(200, "Updated Successfully", call.headers);
}

export function deleteCsv(call: Call, id: string): Response {
  const record = findImport(call.imports, call.context, call.locationId, id);
  if (!record) return notFound(call);
  const csv = renderImport(record, "deleted");
  record.deleted = true;
  record.posts = [];
  return ok(200, "Deleted CSV", call.headers, { csv });
}

export function deleteCsvPost(call: Call, csvId: string, postId: string): Response {
  const record = findImport(call.imports, call.context, call.locationId, csvId);
  if (!record) return notFound(call);
  const index = record.posts.findIndex((p) => p.id === postId);
  if (index < 0) return notFound(call, "Post");
  record.posts.splice(index, 1);
  const status = statusOf(record, viewOf(call, record));
  return ok(200, "Deleted Post", call.headers, { postId, csv: { _id: record.id, status } });
}
