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

const HL = { Authorization: "Bearer t", Version: "2021-07-28" };
/** A seeded HighLevel import, whose posts and file every location sees. */
const HL_CSV = "ve9EPM428h8vShlRW1KT";
function hlForm(): FormData {
  const form = new FormData();
  form.append("file", new File(["postAtSpecificTime,content\n2025-01-02 09:00:00,Hi\n"], "p.csv"));
  return form;
}

/** One valid request per operation: the answer once no fault applies is the documented 2xx. */
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
};

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

      // The documented success: 200, or 201 for an upload (HighLevel uploadCsv, setAccounts).
      const ok = Number(op.statuses.find((s) => /^2\d\d$/.test(s)) ?? 200);
      it(`503x1: the answer after the fault is the normal ${ok}`, async () => {
        const h = harness();
        const first = await h.sandbox.fetch(request(provider, op.operationId, "503x1"));
        const second = await h.sandbox.fetch(request(provider, op.operationId, "503x1"));
        expect([first.status, second.status]).toEqual([503, ok]);
        expect(validate(op.operationId, ok, await second.json())).toEqual([]);
      });
    });
  }
}

it("every operation of the five specs has a valid request here", () => {
  const all = PROVIDERS.flatMap((p) => operations(p).map((o) => `${p} ${o.operationId}`));
  expect(all.sort()).toEqual(Object.keys(VALID).sort());
});
