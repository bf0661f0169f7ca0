/**
 * Sandbox ↔ spec, injected faults (`X-Sandbox-Fault`): for every operation of the five specs, the
 * 503 and 429 fault answers are validated against the spec's schema for that status where it
 * documents one, and otherwise against the operation's documented error answers (the provider's
 * error shape: a client reads its message from there). `503x1` checks that the answer after the
 * fault has run its course is the normal, valid one.
 */
import { FAULT_HEADER } from "@filestatus/sandbox";
import { describe, expect, it } from "vitest";
import { harness } from "../lib/sandbox-harness.ts";
import {
  operations,
  PROVIDERS,
  responseValidator,
  type Operation,
  type Provider,
  type ResponseValidator,
} from "../lib/spec.ts";

/** A ZeroBounce sendfile form (the key is a form field there). */
function zbForm(): FormData {
  const form = new FormData();
  form.set("api_key", "k");
  form.set("email_address_column", "1");
  form.set("file", new File(["ada@example.com\n"], "list.csv", { type: "text/csv" }));
  return form;
}

const SE_KEY = { "X-API-KEY": "k" };
/** A SanitizeEmail JSON request (a job's start). */
const seJson = (body: unknown): RequestInit => ({
  method: "POST",
  headers: { ...SE_KEY, "Content-Type": "application/json" },
  body: JSON.stringify(body),
});
/** A SanitizeEmail upload whose file has no email-like header. */
function seForm(): FormData {
  const form = new FormData();
  form.set("name", "List");
  form.set("is_file_organised", "true");
  form.set(
    "file",
    new Blob(["Name,Contact\nAnn,ann@example.com\n"], { type: "text/csv" }),
    "l.csv",
  );
  return form;
}

const HL = { Authorization: "Bearer t", Version: "2021-07-28" };
/** A seeded HighLevel import, whose posts and file every location sees. */
const HL_CSV = "ve9EPM428h8vShlRW1KT";
function hlForm(): FormData {
  const form = new FormData();
  form.append("file", new File(["postAtSpecificTime,content\n2025-01-02 09:00:00,Hi\n"], "p.csv"));
  return form;
}

/** One valid request per operation: the answer once no fault applies is a 2xx. */
const VALID: Record<string, [string, RequestInit?]> = {
  "zerobounce getFileStatus": [
    "/v2/filestatus?api_key=k&file_id=aaaaaaaa-zzzz-xxxx-yyyy-5003727fffff",
  ],
  "zerobounce getScoringFileStatus": [
    "/v2/scoring/filestatus?api_key=k&file_id=aaaaaaaa-zzzz-xxxx-yyyy-5003727fffff",
  ],
  "zerobounce sendFile": ["/v2/sendfile", { method: "POST", body: zbForm() }],
  "zerobounce sendScoringFile": ["/v2/scoring/sendfile", { method: "POST", body: zbForm() }],
  // The demo upload is still queued: getfile answers its JSON "File not ready" with HTTP 200.
  "zerobounce getFile": ["/v2/getfile?api_key=k&file_id=5b7e0c3a-9d41-4f2e-8c6a-000000000001"],
  "zerobounce getScoringFile": [
    "/v2/scoring/getfile?api_key=k&file_id=5b7e0c3a-9d41-4f2e-8c6a-000000000001",
  ],
  "zerobounce deleteFile": [
    "/v2/deletefile?api_key=k&file_id=aaaaaaaa-zzzz-xxxx-yyyy-5003727fffff",
  ],
  "zerobounce deleteScoringFile": [
    "/v2/scoring/deletefile?api_key=k&file_id=aaaaaaaa-zzzz-xxxx-yyyy-5003727fffff",
  ],
  "ipqs listCsvs": ["/api/json/csv/k/list"],
  "ipqs listCsvsPost": ["/api/json/csv/k/list", { method: "POST", body: new URLSearchParams() }],
  "ipqs getCsvStatus": ["/api/json/csv/k/status/3398874"],
  "ipqs uploadCsv": [
    "/api/json/csv/k/email/upload",
    {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ input: [["alice@example.com"]] }),
    },
  ],
  "sanitizeemail listUploadedFiles": ["/v1/api/filesupload/", { headers: { "X-API-KEY": "k" } }],
  "sanitizeemail getUploadedFile": ["/v1/api/filesupload/745", { headers: { "X-API-KEY": "k" } }],
  // No email-like header: the documented 200 "requires email column selection" answer.
  "sanitizeemail uploadFile": [
    "/v1/api/filesupload/",
    { method: "POST", body: seForm(), headers: SE_KEY },
  ],
  "sanitizeemail cleanEmailList": ["/v1/api/cleanemail/", seJson({ file_id: 745 })],
  "sanitizeemail validateEmails": [
    "/v1/api/email-validation/",
    seJson({ file_id: 745, file_tag: "validate" }),
  ],
  "sanitizeemail listValidationResults": [
    "/v1/api/email-validation/?file_id=745",
    { headers: SE_KEY },
  ],
  "sanitizeemail listCleanedEmails": ["/v1/api/cleanedemail/?file_id=699", { headers: SE_KEY }],
  "sanitizeemail downloadCleanedEmails": [
    "/v1/api/cleanedemail/download-cleaned-emails/?file_id=699",
    { headers: SE_KEY },
  ],
  "sanitizeemail downloadValidationResults": [
    "/v1/api/email-validation/download-validation-results/?file_id=745",
    { headers: SE_KEY },
  ],
  "highlevel getUploadStatus": ["/social-media-posting/loc/csv", { headers: HL }],
  "highlevel uploadCsv": [
    "/social-media-posting/loc/csv",
    { method: "POST", headers: HL, body: hlForm() },
  ],
  // The seeded import's file is still stored, so set-accounts can import it again.
  "highlevel setAccounts": [
    "/social-media-posting/loc/set-accounts",
    {
      method: "POST",
      headers: { ...HL, "Content-Type": "application/json" },
      body: JSON.stringify({
        accountIds: ["acc"],
        filePath: `loc/social-import/${HL_CSV}.csv`,
        rowsCount: 1,
        fileName: "customers.csv",
      }),
    },
  ],
  "highlevel getCsvPost": [`/social-media-posting/loc/csv/${HL_CSV}`, { headers: HL }],
  "highlevel startCsvFinalize": [
    `/social-media-posting/loc/csv/${HL_CSV}`,
    { method: "PATCH", headers: HL },
  ],
  "highlevel deleteCsv": [
    `/social-media-posting/loc/csv/${HL_CSV}`,
    { method: "DELETE", headers: HL },
  ],
  // The first post of the seeded import, as getCsvPost lists it.
  "highlevel deleteCsvPost": [
    `/social-media-posting/loc/csv/${HL_CSV}/post/ca42c5731a6064882cae6289`,
    { method: "DELETE", headers: HL },
  ],
  "constantcontact getFileUploadStatus": [
    "/v2/library/files/uploadstatus/9?api_key=k",
    { headers: { Authorization: "Bearer t", Accept: "application/json" } },
  ],
  "constantcontact addLibraryFile": [
    "/v2/library/files?api_key=k",
    { method: "POST", body: ccUpload(), headers: { Authorization: "Bearer t" } },
  ],
  "constantcontact getLibraryFile": [
    "/v2/library/files/9?api_key=k",
    { headers: { Authorization: "Bearer t" } },
  ],
  "constantcontact listLibraryFiles": [
    "/v2/library/files?api_key=k",
    { headers: { Authorization: "Bearer t" } },
  ],
  "constantcontact deleteLibraryFile": [
    "/v2/library/files/9?api_key=k",
    { method: "DELETE", headers: { Authorization: "Bearer t" } },
  ],
  "constantcontact getLibraryInfo": [
    "/v2/library/info?api_key=k",
    { headers: { Authorization: "Bearer t" } },
  ],
};

/** A 1×1 PNG as Constant Contact's multipart parts (FormData can be sent more than once). */
function ccUpload(): FormData {
  const png =
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";
  const form = new FormData();
  for (const [name, value] of Object.entries({
    file_name: "a.png",
    file_type: "PNG",
    folder_id: "0",
    source: "MyComputer",
  }))
    form.set(name, value);
  form.set("data", new Blob([Uint8Array.from(atob(png), (c) => c.charCodeAt(0))]), "a.png");
  return form;
}

const documents = (statuses: string[], status: number) =>
  [String(status), `${String(status)[0]}XX`, "default"].some((s) => statuses.includes(s));

function request(provider: Provider, operationId: string, fault?: string): Request {
  const [path, init = {}] = VALID[`${provider} ${operationId}`]!;
  const headers = new Headers(init.headers);
  if (fault) headers.set(FAULT_HEADER, fault);
  return new Request(`http://127.0.0.1${path}`, { ...init, headers });
}

/**
 * Problems with `body` as an error answer of `op` whose status the spec does not document: none
 * when it has the shape of one of the error answers it does document (4xx, 5xx).
 */
function asDocumentedError(validate: ResponseValidator, op: Operation, body: unknown): string[] {
  const statuses = op.statuses
    .filter((s) => /^[45]/.test(s))
    .map((s) => Number(s.replace("XX", "00")));
  const problems = statuses.map((status) => validate(op.operationId, status, body));
  if (problems.length === 0)
    return [`${op.provider} ${op.operationId}: no error answer documented`];
  return problems.some((p) => p.length === 0) ? [] : problems.flat();
}

for (const provider of PROVIDERS) {
  const validate = responseValidator(provider);
  for (const op of operations(provider)) {
    const name = `${provider} ${op.operationId}`;
    describe(name, () => {
      for (const status of [503, 429]) {
        const documented = documents(op.statuses, status);
        const title = documented
          ? `${status} fault body`
          : `${status} fault body (no ${status} documented): the shape of the documented errors`;
        it(title, async () => {
          const h = harness();
          const response = await h.sandbox.fetch(request(provider, op.operationId, String(status)));
          expect(response.status).toBe(status);
          const body: unknown = await response.json();
          const problems = documented
            ? validate(op.operationId, status, body)
            : asDocumentedError(validate, op, body);
          expect(problems).toEqual([]);
        });
      }

      it("503x1: the answer after the fault is the normal 2xx", async () => {
        const h = harness();
        const first = await h.sandbox.fetch(request(provider, op.operationId, "503x1"));
        const second = await h.sandbox.fetch(request(provider, op.operationId, "503x1"));
        expect([first.status, second.ok]).toEqual([503, true]);
        expect(op.statuses).toContain(String(second.status));
        // Some successes have no body (Constant Contact's 202 upload and 204 delete).
        const text = await second.text();
        if (text !== "")
          expect(validate(op.operationId, second.status, JSON.parse(text))).toEqual([]);
      });
    });
  }
}

it("every operation of the five specs has a valid request here", () => {
  const all = PROVIDERS.flatMap((p) => operations(p).map((o) => `${p} ${o.operationId}`));
  expect(all.sort()).toEqual(Object.keys(VALID).sort());
});
