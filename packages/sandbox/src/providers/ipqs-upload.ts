/**
 * Reading IPQS requests: the form fields of `POST /list`, and an upload (`POST /api/json/csv/{key}/{fileType}/upload`): the records arrive as one
 * multipart file (any field name), as JSON rows (`{"input": [[...]]}`) or as a `url` (also called
 * `input`) for IPQS to fetch, per the Uploading CSVs page (mirror
 * http://comam.info/uploading-csvs.html). Parameters may come in the query or the body.
 */
import { parseCsv, readForm } from "../lists.ts";
import { nonBlank, SAMPLE_FILES } from "./ipqs-files.ts";

/** Where the sample files live, so a `url` upload has something the sandbox can fetch. */
export const FILES_PATH: string = "/sandbox/ipqs/files/";

/** The records and name of an upload, or why IPQS would refuse it. */
export type Received = { rows: string[][]; fileName: string | undefined } | { problem: string };

type Params = Map<string, string>;

const isRows = (value: unknown): value is string[][] =>
  Array.isArray(value) &&
  value.every((row) => Array.isArray(row) && row.every((field) => typeof field === "string"));

/** The body's records (undefined when it carries none) after copying its parameters to `params`. */
async function bodyRows(
  request: Request,
  params: Params,
): Promise<string[][] | undefined | string> {
  const type = request.headers.get("content-type") ?? "";
  if (/^multipart\/form-data/i.test(type)) {
    const form = await readForm(request);
    if ("problem" in form) return form.problem;
    for (const [name, value] of form.fields) params.set(name, value);
    if (form.files.size > 1) return "Only one file can be uploaded at a time.";
    const [file] = form.files.values();
    return file && parseCsv(file.text);
  }
  if (/^application\/json/i.test(type)) {
    let body: unknown;
    try {
      body = JSON.parse(await request.text());
    } catch {
      return "The JSON body could not be read.";
    }
    if (typeof body !== "object" || body === null || Array.isArray(body))
      return "The JSON body must be an object.";
    const { input, ...rest } = body as Record<string, unknown>;
    for (const [name, value] of Object.entries(rest))
      if (typeof value === "string") params.set(name, value);
    if (typeof input === "string") return void params.set("input", input);
    if (input === undefined) return undefined;
    return isRows(input) ? input : "input must be an array of rows, each an array of strings.";
  }
  if (/^application\/x-www-form-urlencoded/i.test(type)) {
    new URLSearchParams(await request.text()).forEach((value, name) => params.set(name, value));
    return undefined;
  }
  const text = await request.text();
  return text === "" ? undefined : `Unsupported Content-Type ${JSON.stringify(type)}.`;
}

/**
 * The records a `url` points at. The sandbox cannot fetch the internet: only its own sample files
 * (`<origin>/sandbox/ipqs/files/<name>`) work; any other link is refused saying so.
 */
function fetchedRows(link: string, origin: string): string[][] | string {
  const url = URL.canParse(link) ? new URL(link) : undefined;
  if (!url || !["http:", "https:", "ftp:"].includes(url.protocol))
    return "The url must be a full link to the file, starting with http://, https:// or ftp://.";
  const name = url.pathname.startsWith(FILES_PATH) ? url.pathname.slice(FILES_PATH.length) : "";
  const sample = url.origin === origin ? SAMPLE_FILES[name] : undefined;
  if (sample === undefined)
    return (
      "The sandbox cannot fetch files from the internet; link to one of its own files instead: " +
      Object.keys(SAMPLE_FILES)
        .map((file) => origin + FILES_PATH + file)
        .join(", ")
    );
  return parseCsv(sample);
}

/** Form fields of `POST /list` (urlencoded or multipart) on top of the query string. */
export async function listParams(request: Request, url: URL): Promise<URLSearchParams> {
  const params = new URLSearchParams(url.search);
  if (request.method !== "POST") return params;
  const form = await request.formData().catch(() => undefined);
  form?.forEach((value, name) => {
    if (typeof value === "string") params.set(name, value);
  });
  return params;
}

export async function readUpload(request: Request, url: URL): Promise<Received> {
  const params: Params = new Map(url.searchParams);
  const fromBody = await bodyRows(request, params);
  if (typeof fromBody === "string") return { problem: fromBody };
  const link = params.get("url") || params.get("input");
  const rows = fromBody ?? (link ? fetchedRows(link, url.origin) : undefined);
  if (typeof rows === "string") return { problem: rows };
  if (rows === undefined) return { problem: "No file, rows or url to process were provided." };
  return { rows: nonBlank(rows), fileName: params.get("file_name") || undefined };
}
