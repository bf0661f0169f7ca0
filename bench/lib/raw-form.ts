/**
 * What raw `fetch` sends in the large-file sections: the multipart body our ZeroBounce client
 * sends (the same fields, then the file), written out by hand and POSTed as a stream.
 */
import type { UploadOptions } from "@filestatus/zerobounce";
import { KEY } from "./fixtures.ts";

export const LIST_NAME = "large.csv";

/** The `sendfile` fields, as our client sends them for these options. */
export const FIELDS: Record<string, string> = {
  api_key: KEY,
  email_address_column: "1",
  has_header_row: "true",
  remove_duplicate: "false",
};

/** The upload options that produce {@link FIELDS}. */
export const UPLOAD_OPTIONS: UploadOptions = {
  emailColumn: 1,
  hasHeaderRow: true,
  removeDuplicate: false,
  filename: LIST_NAME,
};

export function rawForm(file: Blob): { body: Blob; type: string } {
  const boundary = `----raw${crypto.randomUUID().replaceAll("-", "")}`;
  const parts: (string | Blob)[] = Object.entries(FIELDS).map(
    ([name, value]) =>
      `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
  );
  parts.push(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${LIST_NAME}"\r\nContent-Type: text/csv\r\n\r\n`,
    file,
    `\r\n--${boundary}--\r\n`,
  );
  return { body: new Blob(parts), type: `multipart/form-data; boundary=${boundary}` };
}

/**
 * POSTs the form of `file` to `${base}/v2/sendfile` as a stream; resolves with the new file id.
 * `redirect` as given to `fetch` ("follow" is its default).
 */
export async function rawUpload(
  base: string,
  file: Blob,
  redirect: RequestRedirect = "follow",
): Promise<string> {
  const { body, type } = rawForm(file);
  const init = {
    method: "POST",
    body: body.stream(),
    duplex: "half",
    redirect,
    headers: { "content-type": type, "content-length": String(body.size) },
  };
  const data = (await (await fetch(`${base}/v2/sendfile`, init as RequestInit)).json()) as {
    file_id?: string;
  };
  if (!data.file_id) throw new Error(`raw upload refused: ${JSON.stringify(data)}`);
  return data.file_id;
}
