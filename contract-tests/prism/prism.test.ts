/**
 * Client ↔ spec, judged by Prism (an OpenAPI implementation independent of ours): every operation,
 * called as the provider's README calls it, is accepted; a request missing what the spec requires
 * is refused; and Prism's answers, built from the spec's examples, parse through the typed clients
 * and their helpers.
 */
import { formBody, multipart, toUploadFile, type FieldValue } from "@filestatus/core";
import { caught, collect } from "@filestatus/testkit";
import { describe, expect, it } from "vitest";
import { loopbackFetch, tampered, violations } from "../lib/prism.ts";
import {
  expectAccepted,
  expectApiError,
  expectCovers,
  expectRejected,
  expectWellFormed,
  first,
} from "../lib/prism-expect.ts";
import { IPQS_PREFIX, usePrismFleet } from "../lib/prism-fleet.ts";

const fleet = usePrismFleet();
const { zerobounce: zb, ipqs: iq, sanitizeemail: se, highlevel: hl, constantcontact: cc } = fleet;

const FORM = { "Content-Type": "application/x-www-form-urlencoded" };
const LOCATION = "ve9EPM428h8vShlRW1KT";
const dropQuery = (name: string) => tampered((url) => url.searchParams.delete(name));
const dropHeader = (name: string) => tampered((_, headers) => headers.delete(name));

describe("zerobounce", () => {
  const query = { file_id: "aaaaaaaa-zzzz-xxxx-yyyy-5003727fffff" };
  const list = () => toUploadFile("zerobounce", "email\nada@example.com\n", "list.csv");
  /** A sendfile form as `upload` builds it; the client adds `api_key` beneath middleware. */
  const form = (fields: Record<string, FieldValue> = { email_address_column: 1 }) =>
    formBody(multipart(fields, { field: "file", file: list(), type: "text/csv" }));
  const download = { ...query, download_type: "phase_1" } as const;
  const calls = [
    ["getFileStatus", () => zb().GET("/v2/filestatus", { params: { query } })],
    ["getScoringFileStatus", () => zb().GET("/v2/scoring/filestatus", { params: { query } })],
    [
      "sendFile",
      () =>
        zb().POST("/v2/sendfile", {
          ...form({
            email_address_column: 1,
            has_header_row: true,
            remove_duplicate: false,
            allow_phase_2: true,
            return_url: "https://example.com/done",
          }),
        }),
    ],
    ["sendScoringFile", () => zb().POST("/v2/scoring/sendfile", { ...form() })],
    [
      "getFile",
      () =>
        zb().GET("/v2/getfile", {
          params: { query: { ...download, activity_data: true } },
          parseAs: "stream",
        }),
    ],
    [
      "getScoringFile",
      () => zb().GET("/v2/scoring/getfile", { params: { query: download }, parseAs: "stream" }),
    ],
    ["deleteFile", () => zb().GET("/v2/deletefile", { params: { query } })],
    ["deleteScoringFile", () => zb().GET("/v2/scoring/deletefile", { params: { query } })],
  ] as const;
  expectCovers("zerobounce", calls);
  it.each(calls)("%s is accepted by Prism", (id, send) => expectAccepted(id, send()));
  it("getFileStatus without file_id is rejected, naming file_id", async () => {
    const params = { query: {} as typeof query }; // what the types forbid, sent anyway
    await expectRejected("getFileStatus", zb().GET("/v2/filestatus", { params }), 400, /file_id/);
  });
  it("getFileStatus without the api_key credential is rejected", async () => {
    const send = zb({ fetch: dropQuery("api_key") }).GET("/v2/filestatus", { params: { query } });
    await expectRejected("getFileStatus", send, 401, /security/);
  });
  it("getFileStatus: uploadStatus parses Prism's example", async () => {
    expectWellFormed("zerobounce", await zb().uploadStatus(query.file_id));
  });
  it("getFileStatus: the invalidFileId example (HTTP 200) makes unwrap throw", async () => {
    const c = zb();
    const headers = { Prefer: "example=invalidFileId" };
    const call = c.unwrap(c.GET("/v2/filestatus", { params: { query }, headers }));
    await expectApiError(call, 200, "file_id is invalid.");
  });
  it("sendFile without email_address_column is rejected, naming it", async () => {
    const send = zb().POST("/v2/sendfile", { ...form({}) });
    await expectRejected("sendFile", send, 400, /email_address_column/);
  });
  it("sendFile: upload reads Prism's accepted example as a queued upload", async () => {
    const status = await zb().upload(list().blob, { emailColumn: 1, hasHeaderRow: true });
    expectWellFormed("zerobounce", status);
    expect(status).toMatchObject({ state: "queued", id: "aaaaaaaa-zzzz-xxxx-yyyy-5003727fffff" });
  });
  it("getFile: downloadResults streams Prism's results example", async () => {
    const results = await zb().downloadResults(query.file_id);
    expect(results.headers.get("content-type")).toMatch(/octet-stream|csv/);
    expect(await results.text()).toContain("ZB Status");
  });
  it("getFile: the notReady example (JSON, HTTP 200) makes downloadResults throw", async () => {
    // Prism picks the media type from Accept: ask for the JSON answer that carries the example.
    const fetch = tampered((_, headers) => headers.set("Accept", "application/json"));
    const c = zb({ headers: { Prefer: "example=notReady" }, fetch });
    const error = await caught(c.downloadResults(query.file_id));
    expect(error).toMatchObject({
      status: 200,
      message: expect.stringContaining("File not ready"),
    });
  });
  it("deleteFile: deleteUpload reads Prism's example; its notFound example throws", async () => {
    expect(await zb().deleteUpload(query.file_id, { scoring: true })).toMatchObject({
      message: "File Deleted",
    });
    const c = zb({ headers: { Prefer: "example=notFound" } });
    await expectApiError(c.deleteUpload(query.file_id), 200, "File cannot be found.");
  });
});

describe("ipqs", () => {
  const EMAIL = { path: { fileType: "email" as const } };
  const calls = [
    ["listCsvs", () => iq().GET("/list", { params: { query: { type: "email" } } })],
    ["listCsvsPost", () => iq().POST("/list", { body: { type: "email", page: 1 }, headers: FORM })],
    ["getCsvStatus", () => iq().GET("/status/{csvId}", { params: { path: { csvId: 3398874 } } })],
    [
      "uploadCsv",
      () =>
        iq().POST("/{fileType}/upload", { params: EMAIL, body: { input: [["a@example.com"]] } }),
    ],
  ] as const;
  expectCovers("ipqs", calls);
  it("uploadCsv with a multipart file, as upload() sends it, is accepted by Prism", async () => {
    const { formBody, multipart, toUploadFile } = await import("@filestatus/core");
    const file = toUploadFile("ipqs", "email\na@example.com\n", "list.csv");
    const body = formBody(multipart({}, { field: "file", file }));
    const params = { ...EMAIL, query: { file_name: "list.csv" } };
    await expectAccepted("uploadCsv", iq().POST("/{fileType}/upload", { params, ...body }));
  });
  it("uploadCsv with a url form, as upload({ url }) sends it, is accepted by Prism", async () => {
    const body = { url: "https://example.com/list.csv" };
    await expectAccepted(
      "uploadCsv",
      iq().POST("/{fileType}/upload", { params: EMAIL, body, headers: FORM }),
    );
  });
  it("uploadCsv with an undocumented fileType is rejected, naming fileType", async () => {
    const params = { path: { fileType: "fax" as "email" } };
    const send = iq().POST("/{fileType}/upload", { params, body: { input: [["a"]] } });
    await expectRejected("uploadCsv", send, 422, /filetype/i);
  });
  it("uploadCsv: upload() and processFile's first step parse Prism's example as queued", async () => {
    const status = await iq().upload({ rows: [["a@example.com"]] }, { type: "email" });
    expectWellFormed("ipqs", status);
    expect(status.state).toBe("queued");
  });
  it.each(calls)("%s is accepted by Prism, the key in the path", async (id, send) => {
    await expectAccepted(id, send());
    expect(fleet.ipqsProxy.requests.at(-1)?.received).toMatch(new RegExp(`^${IPQS_PREFIX}/`));
  });
  it("listCsvs under another key is refused before Prism (the key is a path segment)", async () => {
    const { response } = await iq({ apiKey: "other" }).GET("/list");
    expect(response.status).toBe(404);
  });
  it("getCsvStatus with a non-integer csvId is rejected, naming csvId", async () => {
    const params = { path: { csvId: "abc" as unknown as number } };
    await expectRejected("getCsvStatus", iq().GET("/status/{csvId}", { params }), 422, /csvid/i);
  });
  it("listCsvsPost with an undocumented type is rejected, naming type", async () => {
    const body = { type: "emails" as "email" };
    await expectRejected("listCsvsPost", iq().POST("/list", { body, headers: FORM }), 422, /type/);
  });
  it("getCsvStatus and listCsvs: uploadStatus and uploads() parse Prism's examples", async () => {
    // Prism answers with the spec's example whatever the id; the client checks the id it asked for.
    expectWellFormed("ipqs", await iq().uploadStatus("3498646"));
    expectWellFormed("ipqs", await first(iq().uploads({ type: "email" })));
  });
  it("getCsvStatus: the invalidId example (HTTP 200) makes unwrap throw", async () => {
    const c = iq();
    const headers = { Prefer: "example=invalidId" };
    const call = c.unwrap(c.GET("/status/{csvId}", { params: { path: { csvId: 1 } }, headers }));
    await expectApiError(call, 200, "Invalid CSV ID specified.");
  });
});

describe("sanitizeemail", () => {
  const one = { params: { path: { file_id: 745 } } };
  const byFile = (file_id: number) => ({ params: { query: { file_id } } });
  const form = () => {
    const body = new FormData();
    body.set("name", "Customer List");
    body.set("is_file_organised", "true");
    body.set("file_tag", "clean");
    body.set("file", new Blob(["email\nann@example.com\n"], { type: "text/csv" }), "list.csv");
    return body as never;
  };
  const clean = {
    file_id: 739,
    list_name: "Customer List - Cleaned",
    options: { validate_mx: true },
  };
  const calls = [
    ["listUploadedFiles", () => se().GET("/v1/api/filesupload/", { params: {} })],
    ["getUploadedFile", () => se().GET("/v1/api/filesupload/{file_id}", one)],
    ["uploadFile", () => se().POST("/v1/api/filesupload/", { body: form() })],
    ["cleanEmailList", () => se().POST("/v1/api/cleanemail/", { body: clean })],
    [
      "validateEmails",
      () =>
        se().POST("/v1/api/email-validation/", { body: { file_id: 740, file_tag: "validate" } }),
    ],
    ["listValidationResults", () => se().GET("/v1/api/email-validation/", byFile(740))],
    ["listCleanedEmails", () => se().GET("/v1/api/cleanedemail/", byFile(757))],
    [
      "downloadCleanedEmails",
      () => se().GET("/v1/api/cleanedemail/download-cleaned-emails/", byFile(757)),
    ],
    [
      "downloadValidationResults",
      () => se().GET("/v1/api/email-validation/download-validation-results/", byFile(740)),
    ],
  ] as const;
  expectCovers("sanitizeemail", calls);
  it.each(calls)("%s is accepted by Prism", (id, send) => expectAccepted(id, send()));
  it("uploadFile without name is rejected, naming name", async () => {
    const body = form() as unknown as FormData;
    body.delete("name");
    const send = se().POST("/v1/api/filesupload/", { body: body as never });
    await expectRejected("uploadFile", send, 400, /name/);
  });
  it("validateEmails with both emails and file_id is rejected", async () => {
    const body = { emails: ["a@example.com"], file_id: 740, file_tag: "validate" } as never;
    await expectRejected(
      "validateEmails",
      se().POST("/v1/api/email-validation/", { body }),
      400,
      /exactly one schema in oneOf/,
    );
  });
  it("uploadFile and cleanEmailList: upload() sends what Prism accepts, and parses the file", async () => {
    const c = se({ headers: { Prefer: "code=201" } });
    const seen: [string, number, unknown[]][] = [];
    c.use({
      onResponse: ({ request, response }) =>
        void seen.push([
          `${request.method} ${new URL(request.url).pathname}`,
          response.status,
          violations(response),
        ]),
    });
    const csv = "email,name\nann@example.com,Ann\n";
    const status = await c.upload(csv, { job: "clean", emailColumn: "email", validateMx: true });
    expectWellFormed("sanitizeemail", status);
    expect(status).toMatchObject({ id: "739", state: "queued" });
    expect(seen).toEqual([
      ["POST /v1/api/filesupload/", 201, []],
      ["POST /v1/api/cleanemail/", 201, []],
    ]);
  });
  it("uploadFile: the documented email-column answer makes upload() reject with the columns", async () => {
    const error = await se()
      .upload("Name,Contact\nAnn,ann@example.com\n", { job: "validate" })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 200, availableColumns: ["Name", "Contact", "Company"] });
  });
  it("getUploadedFile without X-API-KEY is rejected", async () => {
    const send = se({ fetch: dropHeader("X-API-KEY") }).GET("/v1/api/filesupload/{file_id}", one);
    await expectRejected("getUploadedFile", send, 401, /security/);
  });
  it("listUploadedFiles with size over 100 is rejected, naming size", async () => {
    const params = { query: { size: 101 } };
    await expectRejected(
      "listUploadedFiles",
      se().GET("/v1/api/filesupload/", { params }),
      400,
      /size/,
    );
  });
  it("getUploadedFile and listUploadedFiles: uploadStatus and uploads() parse", async () => {
    expectWellFormed("sanitizeemail", await se().uploadStatus("745"));
    expectWellFormed("sanitizeemail", await first(se().uploads({ file_tag: "validate" })));
  });
  it("getUploadedFile: the documented 404 makes unwrap throw", async () => {
    const c = se();
    const call = c.unwrap(
      c.GET("/v1/api/filesupload/{file_id}", { ...one, headers: { Prefer: "code=404" } }),
    );
    await expectApiError(call, 404, "Not found.");
  });
});

describe("highlevel", () => {
  const path = "/social-media-posting/{locationId}/csv";
  const params = { path: { locationId: LOCATION } };
  const one = { path: { locationId: LOCATION, id: "65f92e55cc884f0d0845e447" } };
  const post = { path: { ...one.path, csvId: one.path.id, postId: "65f92e55cc884f0d0845e448" } };
  const csv = "postAtSpecificTime (yyyy-MM-dd HH:mm:ss),content\r\n2025-01-02 09:00:00,Hi\r\n";
  const file = () => toUploadFile("highlevel", csv, "sample.csv");
  const form = () => formBody(multipart({}, { field: "file", file: file(), type: "text/csv" }));
  const accounts = {
    accountIds: ["64ba7b2a3f6f1b2d3c4e5f60_omaDY3RbWtTP511e_17841400000000000"],
    filePath: "omaDY3RbWtTP511e/social-import/d23d68c2-82c0-1db6e2.csv",
    rowsCount: 1,
    fileName: "sample.csv",
    userId: "sdfdsfdsfEWEsdfsdsW32dd",
  };
  const calls = [
    ["getUploadStatus", () => hl().GET(path, { params })],
    ["uploadCsv", () => hl().POST(path, { params, ...form() })],
    [
      "setAccounts",
      () =>
        hl().POST("/social-media-posting/{locationId}/set-accounts", { params, body: accounts }),
    ],
    [
      "getCsvPost",
      () => hl().GET(`${path}/{id}`, { params: { ...one, query: { skip: "0", limit: "100" } } }),
    ],
    [
      "startCsvFinalize",
      () => hl().PATCH(`${path}/{id}`, { params: one, body: { userId: accounts.userId } }),
    ],
    ["deleteCsv", () => hl().DELETE(`${path}/{id}`, { params: one })],
    ["deleteCsvPost", () => hl().DELETE(`${path}/{csvId}/post/{postId}`, { params: post })],
  ] as const;
  expectCovers("highlevel", calls);
  it.each(calls)("%s is accepted by Prism", (id, send) => expectAccepted(id, send()));
  it("getUploadStatus without Version is rejected, naming Version", async () => {
    const send = hl().GET(path, { params, headers: { Version: null } });
    await expectRejected("getUploadStatus", send, 422, /version/i);
  });
  it("getUploadStatus with an unknown Version is rejected, naming Version", async () => {
    const send = hl({ version: "2099-01-01" }).GET(path, { params });
    await expectRejected("getUploadStatus", send, 422, /version/i);
  });
  it("getUploadStatus without the bearer token is rejected", async () => {
    const send = hl({ fetch: dropHeader("Authorization") }).GET(path, { params });
    await expectRejected("getUploadStatus", send, 401, /security/);
  });
  it("getUploadStatus: uploadStatus and uploads() parse both documented csvs shapes", async () => {
    expectWellFormed("highlevel", await hl({ locationId: LOCATION }).uploadStatus(LOCATION));
    expectWellFormed("highlevel", await first(hl({ locationId: LOCATION }).uploads()));
    const list = hl({ locationId: LOCATION, headers: { Prefer: "example=uploadList" } });
    expectWellFormed("highlevel", await first(list.uploads()));
    const v3 = hl({ locationId: LOCATION, headers: { Prefer: "example=v3List" } });
    expectWellFormed("highlevel", await first(v3.uploads()));
  });
  it("getUploadStatus: the documented 422 (array message) makes unwrap throw", async () => {
    const c = hl();
    const call = c.unwrap(c.GET(path, { params, headers: { Prefer: "code=422" } }));
    await expectApiError(call, 422, "Unprocessable Entity");
  });
  it("uploadCsv without the file is rejected, naming file", async () => {
    const empty = formBody(multipart({ note: "no file" }, { field: "other", file: file() }));
    await expectRejected("uploadCsv", hl().POST(path, { params, ...empty }), 422, /file/);
  });
  it("setAccounts without accountIds is rejected, naming accountIds", async () => {
    const { accountIds: _, ...rest } = accounts;
    const send = hl().POST("/social-media-posting/{locationId}/set-accounts", {
      params,
      body: rest as typeof accounts, // what the types forbid, sent anyway
    });
    await expectRejected("setAccounts", send, 422, /accountIds/);
  });
  it("upload: every request it sends is accepted, and it resolves Prism's import", async () => {
    // Prism answers set-accounts with S2's example (no csvId): upload finds "sample.csv" by name.
    const status = await hl({ locationId: LOCATION }).upload(csv, {
      accountIds: accounts.accountIds,
      userId: accounts.userId,
      filename: "sample.csv",
    });
    expectWellFormed("highlevel", status);
  });
  it("getCsvPost: csvImport parses Prism's example", async () => {
    const { csv: found, posts } = await hl({ locationId: LOCATION }).csvImport(one.path.id);
    expect(found._id).toBe("65f92e55cc884f0d0845e447");
    expect(posts.map((p) => p.summary)).toEqual(["Spring sale starts today!", ""]);
  });
  it("uploadCsv: the documented 400 CSV check makes sendOnce throw, not accepted", async () => {
    const c = hl({ locationId: LOCATION, headers: { Prefer: "code=400, example=missingHeaders" } });
    const error = await c
      .upload(csv, { accountIds: ["a"], filename: "sample.csv" })
      .catch((e) => e);
    await expectApiError(Promise.reject(error), 400, "The file is missing required headers");
    expect(error.mayHaveBeenAccepted).toBe(false);
  });
});

describe("constantcontact", () => {
  const path = "/v2/library/files/uploadstatus/{fileId}";
  const ids = ["9", "8", "18"];
  const png = Uint8Array.from(
    atob(
      "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
    ),
    (c) => c.charCodeAt(0),
  );
  const parts = { file_name: "logo.png", file_type: "PNG", folder_id: "0", source: "MyComputer" };
  const form = (fields: Record<string, string> = parts) =>
    multipart(fields, { field: "data", file: toUploadFile("constantcontact", png, "logo.png") });
  const fileId = { params: { path: { fileId: "4" } } };
  const calls = [
    ["getFileUploadStatus", () => cc().GET(path, { params: { path: { fileId: ids } } })],
    ["addLibraryFile", () => cc().POST("/v2/library/files", { ...formBody(form()) })],
    ["getLibraryFile", () => cc().GET("/v2/library/files/{fileId}", fileId)],
    ["deleteLibraryFile", () => cc().DELETE("/v2/library/files/{fileId}", fileId)],
    [
      "listLibraryFiles",
      () => cc().GET("/v2/library/files", { params: { query: { limit: 2, sort_by: "NAME" } } }),
    ],
    ["getLibraryInfo", () => cc().GET("/v2/library/info")],
  ] as const;
  expectCovers("constantcontact", calls);
  it.each(calls)("%s is accepted by Prism", (id, send) => expectAccepted(id, send()));
  it("getFileUploadStatus sends the ids as one comma list", async () => {
    await cc().GET(path, { params: { path: { fileId: ids } } });
    expect(fleet.ccProxy.requests.at(-1)?.received).toMatch(/\/uploadstatus\/9,8,18\?/);
  });
  it.each([
    ["the bearer token", dropHeader("Authorization")],
    ["the api_key credential", dropQuery("api_key")],
  ])("getFileUploadStatus without %s is rejected", async (_, fetch) => {
    const send = cc({ fetch }).GET(path, { params: { path: { fileId: ids } } });
    await expectRejected("getFileUploadStatus", send, 401, /security/);
  });
  it("addLibraryFile without the data part is rejected, naming data", async () => {
    const body = new Blob([
      `--b\r\nContent-Disposition: form-data; name="file_name"\r\n\r\nx.png\r\n--b--\r\n`,
    ]);
    const init = formBody({ body, contentType: "multipart/form-data; boundary=b" });
    await expectRejected(
      "addLibraryFile",
      cc().POST("/v2/library/files", { ...init }),
      400,
      /data/,
    );
  });
  it("upload sends what Prism accepts, and reads the new id from Prism's Location", async () => {
    const found: unknown[] = [];
    const c = cc({
      fetch: async (r) => loopbackFetch(r).then((a) => (found.push(...violations(a)), a)),
    });
    const status = await c.upload(png, { filename: "logo.png", description: "Logo" });
    expect(found).toEqual([]);
    expect(status).toMatchObject({ id: "123456789", state: "queued" });
  });
  it("getLibraryFile, listLibraryFiles, deleteLibraryFile: the helpers parse Prism's examples", async () => {
    expect((await cc().file("4")).url).toMatch(/^https:/);
    const last = cc({ headers: { Prefer: "example=lastPage" } });
    expect(await collect(last.files({ limit: 2 }))).toHaveLength(2);
    expect((await first(cc().files())).id).toBe("182");
    await expect(cc().deleteUpload("4")).resolves.toBeUndefined();
  });
  it("getFileUploadStatus: uploadStatus and uploadStatuses parse Prism's example", async () => {
    expectWellFormed("constantcontact", await cc().uploadStatus("9"));
    const all = await cc().uploadStatuses(ids);
    expect(all.map((s) => s.id)).toEqual(ids);
    all.forEach((s) => expectWellFormed("constantcontact", s));
    const none = cc({ headers: { Prefer: "example=noMatchNull" } });
    expect(await none.uploadStatuses(ids)).toEqual([]);
  });
  it("getFileUploadStatus: the documented 401 makes unwrap throw", async () => {
    const c = cc();
    const params = { path: { fileId: ids } };
    const call = c.unwrap(c.GET(path, { params, headers: { Prefer: "code=401" } }));
    await expectApiError(call, 401, "Invalid token.");
  });
});
