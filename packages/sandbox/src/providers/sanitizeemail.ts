/**
 * SanitizeEmail (specs/sanitizeemail.yaml): the uploaded files and their status
 * (https://docs.sanitizeemail.com/api-reference/endpoint/view_all_files, …/view_file), the upload,
 * the jobs that clean or validate a file, and their results.
 * The API is Django REST framework; where its docs are silent the sandbox answers as DRF does
 * (`{"detail": …}` errors, page-number pagination). No rate limit is documented, so none is applied.
 */
import { isBadCredential, json, type Context, type ProviderRoute } from "../context.ts";
import { clean, validate } from "./sanitizeemail-jobs.ts";
import { cleanedEmails, validationResults } from "./sanitizeemail-pages.ts";
import { detail, paged, render } from "./sanitizeemail-render.ts";
import { downloadLink, presigned, PRESIGNED } from "./sanitizeemail-results.ts";
import { createStore, fileViews, findFile, type Store } from "./sanitizeemail-store.ts";
import { upload } from "./sanitizeemail-upload.ts";

const LIST = "/v1/api/filesupload/";
const TAGS = new Set(["clean", "validate", "analyze"]);

type Handler = (context: Context, store: Store) => Response | Promise<Response>;

/** `METHOD path` → handler, for the paths that are not a file id. */
const ROUTES: Readonly<Record<string, Handler>> = {
  [`GET ${LIST}`]: list,
  [`POST ${LIST}`]: upload,
  "POST /v1/api/cleanemail/": clean,
  "POST /v1/api/email-validation/": validate,
  "GET /v1/api/email-validation/": validationResults,
  "GET /v1/api/cleanedemail/": cleanedEmails,
  "GET /v1/api/cleanedemail/download-cleaned-emails/": (c, s) => downloadLink(c, s, "clean"),
  "GET /v1/api/email-validation/download-validation-results/": (c, s) =>
    downloadLink(c, s, "validate"),
};

/** The paths this route owns, whatever the method (DRF answers 405 for another method). */
const PATHS = new Set(Object.keys(ROUTES).map((key) => key.slice(key.indexOf(" ") + 1)));

function list(context: Context, store: Store): Response {
  const { url } = context;
  const tag = url.searchParams.get("file_tag");
  if (tag && !TAGS.has(tag))
    return json(
      { file_tag: [`Select a valid choice. ${tag} is not one of the available choices.`] },
      400,
    );
  const files = fileViews(context, store).filter(
    (v) => v.phase !== "deleted" && (!tag || (v.upload.tag ?? "validate") === tag),
  );
  return paged(url, files, (v) => render(v, url.origin, store.files.get(v.upload.id)));
}

function one(context: Context, store: Store): Response {
  const id = context.url.pathname.slice(LIST.length);
  const view = findFile(context, store, id);
  return view
    ? json(render(view, context.url.origin, store.files.get(id)))
    : detail(404, "Not found.");
}

function handle(context: Context, store: Store): Response | Promise<Response> {
  const { request, url } = context;
  // A pre-signed link carries its own authorisation, like S3's: no X-API-KEY.
  if (url.pathname.startsWith(PRESIGNED))
    return request.method === "GET"
      ? presigned(context, store)
      : detail(405, "Method not allowed.");
  const key = request.headers.get("x-api-key");
  if (!key) return detail(401, "Authentication credentials were not provided.");
  if (isBadCredential(key)) return detail(401, "Invalid API key.");
  const route = ROUTES[`${request.method} ${url.pathname}`];
  if (route) return route(context, store);
  if (PATHS.has(url.pathname) || request.method !== "GET")
    return detail(405, `Method "${request.method}" not allowed.`);
  if (url.pathname.startsWith(LIST)) return one(context, store);
  return detail(404, "Not found.");
}

export function sanitizeemail(): ProviderRoute {
  const store = createStore();
  return {
    provider: "sanitizeemail",
    match: ({ pathname }) =>
      pathname.startsWith("/v1/api/filesupload") ||
      /^\/v1\/api\/(cleanemail|cleanedemail|email-validation)(\/|$)/.test(pathname) ||
      pathname.startsWith(PRESIGNED),
    handle: (context) => handle(context, store),
  };
}
