/**
 * `GET /v2/library/files`: the Library a page at a time. The query (`limit` 1–1000, `sort_by`,
 * `source`, `type`) is packed into an opaque `next` token; `meta.pagination.next_link` is
 * `/v2/library/files?next=<token>`, relative and without `api_key`, as in the SDK fixtures, and
 * `{}` on the last page. A request with `next` uses the token alone (the PHP SDK's docblock).
 */
import { json } from "../context.ts";
import { SOURCES } from "./constantcontact-form.ts";
import { errors } from "./constantcontact-library.ts";

type File = Record<string, unknown>;

interface ListQuery {
  offset: number;
  limit: number;
  sort: string;
  type: string;
  source: string;
}

const SORTS: Record<string, (file: File) => string | number> = {
  CREATED_DATE: (f) => Date.parse(f.created_date as string),
  MODIFIED_DATE: (f) => Date.parse(f.modified_date as string),
  NAME: (f) => (f.name as string).toLowerCase(),
  SIZE: (f) => f.size as number,
  DIMENSION: (f) => ((f.width as number | null) ?? 0) * ((f.height as number | null) ?? 0),
};

/** `type`: the table's IMAGES and DOCUMENTS, and the prose's IMAGE and Document. */
const TYPES: Record<string, (file: File) => boolean> = {
  ALL: () => true,
  IMAGES: (f) => f.is_image === true,
  IMAGE: (f) => f.is_image === true,
  DOCUMENTS: (f) => f.is_image !== true,
  DOCUMENT: (f) => f.is_image !== true,
};

const invalid = (message: string) => errors(400, "query.param.invalid", message);

const encode = (query: ListQuery) =>
  btoa(JSON.stringify(query)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");

function decode(token: string): ListQuery | undefined {
  try {
    const query = JSON.parse(atob(token.replace(/-/g, "+").replace(/_/g, "/"))) as ListQuery;
    return Number.isInteger(query.offset) && query.offset >= 0 ? query : undefined;
  } catch {
    return undefined;
  }
}

/** The query of a first page, or the 400 answer naming the parameter that is wrong. */
function readQuery(params: URLSearchParams): ListQuery | Response {
  const limitText = params.get("limit") ?? "50";
  const limit = /^\d{1,4}$/.test(limitText) ? Number(limitText) : NaN;
  if (!(limit >= 1 && limit <= 1000)) return invalid(`limit must be 1 to 1000, got ${limitText}`);
  const sort = params.get("sort_by") ?? "CREATED_DATE_DESC";
  if (!SORTS[sort.replace(/_DESC$/, "")]) return invalid(`sort_by ${sort} is not supported`);
  const type = (params.get("type") ?? "ALL").toUpperCase();
  if (!TYPES[type]) return invalid(`type ${type} is not one of ALL, IMAGES, DOCUMENTS`);
  const source = params.get("source") ?? "ALL";
  if (
    source.toUpperCase() !== "ALL" &&
    !SOURCES.some((s) => s.toUpperCase() === source.toUpperCase())
  )
    return invalid(`source ${source} is not ALL or one of ${SOURCES.join(", ")}`);
  return { offset: 0, limit, sort, type, source: source.toUpperCase() };
}

/** One page of `files` (newest first) as the query or its `next` token asks. */
export function listPage(params: URLSearchParams, files: File[]): Response {
  const token = params.get("next");
  const query = token === null ? readQuery(params) : decode(token);
  if (query === undefined) return invalid("next is not a token this API issued");
  if (query instanceof Response) return query;
  const { offset, limit, sort, type, source } = query;
  const key = SORTS[sort.replace(/_DESC$/, "")]!;
  const direction = sort.endsWith("_DESC") ? -1 : 1;
  const matching = files
    .filter(TYPES[type] ?? TYPES.ALL!)
    .filter((f) => source === "ALL" || String(f.source).toUpperCase() === source)
    // Stable on equal keys, so pages never repeat or skip a file.
    .map((file, index) => ({ file, index, key: key(file) }))
    .sort((a, b) => (a.key < b.key ? -direction : a.key > b.key ? direction : a.index - b.index))
    .map(({ file }) => file);
  const results = matching.slice(offset, offset + limit);
  const more = offset + limit < matching.length;
  const pagination = more
    ? { next_link: `/v2/library/files?next=${encode({ ...query, offset: offset + limit })}` }
    : {};
  return json({ meta: { pagination }, results });
}
