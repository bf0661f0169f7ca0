/**
 * Dispatches a request to the provider its path belongs to. The paths do not overlap, so one
 * sandbox serves all five providers on one origin, each at the paths its spec documents.
 */
import { json, type Context, type ProviderRoute } from "./context.ts";
import { PROVIDERS, type ProviderName } from "./types.ts";

/** What each provider answers, as `GET /` lists it. */
export const ENDPOINTS: Readonly<Record<ProviderName, readonly string[]>> = {
  zerobounce: [
    "GET /v2/filestatus?api_key={key}&file_id={id}",
    "GET /v2/scoring/filestatus?api_key={key}&file_id={id}",
    "POST /v2/sendfile (multipart: api_key, file, email_address_column, …)",
    "POST /v2/scoring/sendfile (multipart: api_key, file, email_address_column, …)",
    "GET /v2/getfile?api_key={key}&file_id={id}&download_type={type}",
    "GET /v2/scoring/getfile?api_key={key}&file_id={id}",
    "GET /v2/deletefile?api_key={key}&file_id={id}",
    "GET /v2/scoring/deletefile?api_key={key}&file_id={id}",
  ],
  ipqs: [
    "POST /api/json/csv/{key}/{fileType}/upload?file_name={name} (one multipart file, JSON {input: rows}, or url={link})",
    "GET|POST /api/json/csv/{key}/list?type={type}&page={page}",
    "GET /api/json/csv/{key}/status/{csvId}",
    "GET /download?download={token}&filename={name} (one-time links of a FINISHED status)",
    "GET /sandbox/ipqs/files/{emails,phones,urls,ips}.csv (files a url upload can link to)",
  ],
  sanitizeemail: [
    "GET /v1/api/filesupload/?file_tag={tag}&size={size}&page={page} (X-API-KEY)",
    "GET /v1/api/filesupload/{file_id} (X-API-KEY)",
    "POST /v1/api/filesupload/ multipart: file, name, is_file_organised, file_tag, email_column (X-API-KEY)",
    "POST /v1/api/cleanemail/ {file_id, list_name, options} (X-API-KEY)",
    "POST /v1/api/email-validation/ {file_id, file_tag} | {emails} (X-API-KEY)",
    "GET /v1/api/cleanedemail/?file_id={id}&page={page}&size={size} (X-API-KEY)",
    "GET /v1/api/email-validation/?file_id={id}|type=list&page={page}&size={size} (X-API-KEY)",
    "GET /v1/api/cleanedemail/download-cleaned-emails/?file_id={id} (X-API-KEY)",
    "GET /v1/api/email-validation/download-validation-results/?file_id={id} (X-API-KEY)",
    "GET /sandbox/presigned/{token}?X-Amz-Signature={signature}&X-Amz-Expires=900",
  ],
  highlevel: [
    "GET /social-media-posting/{locationId}/csv?skip={skip}&limit={limit} (Bearer, Version: 2021-07-28)",
    "POST /social-media-posting/{locationId}/csv (multipart file: postAtSpecificTime, content, …)",
    "POST /social-media-posting/{locationId}/set-accounts (JSON accountIds, filePath, rowsCount, fileName)",
    "GET|PATCH|DELETE /social-media-posting/{locationId}/csv/{id}?skip={skip}&limit={limit}",
    "DELETE /social-media-posting/{locationId}/csv/{csvId}/post/{postId}",
  ],
  constantcontact: [
    "GET /v2/library/files/uploadstatus/{id,id,…}?api_key={key} (Bearer)",
    "POST /v2/library/files?api_key={key} (Bearer; multipart file_name, file_type, folder_id, description, source, data)",
    "GET /v2/library/files?api_key={key}&limit={limit}&sort_by={sort}&type={type}&source={source} (Bearer)",
    "GET|DELETE /v2/library/files/{id}?api_key={key} (Bearer)",
    "GET /v2/library/info?api_key={key} (Bearer)",
    "GET /sandbox/library/{id}/{name} (the file's url)",
  ],
};

function index(context: Context): Response {
  const providers = Object.fromEntries(
    PROVIDERS.map((provider) => {
      const uploads = context.views(provider).map(({ upload, phase }) => ({
        id: upload.id,
        name: upload.name,
        phase,
      }));
      const named = uploads.filter((u) => !/-batch-\d+\.csv$/.test(u.name));
      return [provider, { endpoints: ENDPOINTS[provider], uploads: named, total: uploads.length }];
    }),
  );
  return json({ name: "filestatus sandbox", providers });
}

export function route(
  routes: readonly ProviderRoute[],
  context: Context,
): Response | Promise<Response> {
  const { request, url } = context;
  const owner = routes.find((candidate) => candidate.match(url));
  if (owner) return owner.handle(context);
  if (url.pathname === "/" && request.method === "GET") return index(context);
  return json(
    {
      message: `sandbox: nothing is simulated at ${request.method} ${url.pathname}`,
      endpoints: ENDPOINTS,
    },
    404,
  );
}
