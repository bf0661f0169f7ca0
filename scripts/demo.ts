/**
 * `pnpm demo`: each provider's typed client against a local server that answers with the
 * provider's documented examples, over real HTTP on 127.0.0.1. No network, no keys.
 */
import * as constantcontact from "@filestatus/constantcontact";
import * as highlevel from "@filestatus/highlevel";
import * as ipqs from "@filestatus/ipqs";
import * as sanitizeemail from "@filestatus/sanitizeemail";
import * as zerobounce from "@filestatus/zerobounce";
import { responseExamples, serve } from "@filestatus/testkit";

/** Which documented example the local server answers, by the first path segment it serves. */
const answers: Record<string, unknown> = {
  v2: responseExamples("zerobounce", "getFileStatus")[0]!.value,
  api: responseExamples("ipqs", "listCsvs")[0]!.value,
  v1: responseExamples("sanitizeemail", "listUploadedFiles")[0]!.value,
  "social-media-posting": responseExamples("highlevel", "getUploadStatus")[1]!.value,
  library: responseExamples("constantcontact", "getFileUploadStatus")[0]!.value,
};

const server = await serve((request) => {
  const path = new URL(request.url).pathname;
  const key = path.startsWith("/v2/library") ? "library" : path.split("/")[1]!;
  return Response.json(answers[key] ?? { message: "not found" }, {
    status: key in answers ? 200 : 404,
  });
});
const base = server.origin;
const row = (provider: string, call: string, result: string) =>
  console.log(`${provider.padEnd(16)}${call.padEnd(52)}${result}`);

try {
  const zb = zerobounce.createClient({ apiKey: "demo-key", baseUrl: base });
  const z = await zb.GET("/v2/filestatus", { params: { query: { file_id: "aaaaaaaa-zzzz" } } });
  if (z.data?.success === false || z.data?.success === "False")
    throw new Error(String(z.data.message));
  row(
    "zerobounce",
    "GET /v2/filestatus",
    `${z.data?.file_status} (${z.data?.complete_percentage})`,
  );

  const iq = ipqs.createClient({ apiKey: "demo-key", baseUrl: `${base}/api/json/csv/{apiKey}` });
  const i = await iq.GET("/list", { params: { query: { type: "email" } } });
  if (!i.data?.success) throw new Error(String(i.data?.message));
  row("ipqs", "GET /list?type=email", i.data.csvs.map((c) => `#${c.id} ${c.status}`).join(", "));

  const se = sanitizeemail.createClient({ apiKey: "demo-key", baseUrl: base });
  const s = await se.GET("/v1/api/filesupload/", { params: { query: { file_tag: "validate" } } });
  row(
    "sanitizeemail",
    "GET /v1/api/filesupload/",
    s.data?.results.map((f) => `${f.name}: ${f.status} ${f.progress_percentage}%`).join(", ") ?? "",
  );

  const hl = highlevel.createClient({ accessToken: "demo-token", baseUrl: base });
  const h = await hl.GET("/social-media-posting/{locationId}/csv", {
    params: { path: { locationId: "ve9EPM428h8vShlRW1KT" } },
  });
  const csvs = h.data?.results?.csvs;
  const list = Array.isArray(csvs) ? csvs : csvs ? [csvs] : [];
  row(
    "highlevel",
    "GET /social-media-posting/{locationId}/csv",
    list.map((c) => `${c.fileName}: ${c.status}`).join(", "),
  );

  const cc = constantcontact.createClient({
    apiKey: "demo-key",
    accessToken: "demo-token",
    baseUrl: base,
  });
  const c = await cc.GET("/v2/library/files/uploadstatus/{fileId}", {
    params: { path: { fileId: ["9", "8", "18"] } },
  });
  row(
    "constantcontact",
    "GET /v2/library/files/uploadstatus/9,8,18",
    (c.data ?? []).map((f) => `${f.file_id}: ${f.status}`).join(", "),
  );

  console.log(`\n${server.requests.length} requests answered by the local server at ${base}`);
} finally {
  await server.close();
}
