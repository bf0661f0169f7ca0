/**
 * Sandbox ↔ spec, injected faults (`X-Sandbox-Fault`): for every operation of the five specs, the
 * 503 and 429 fault answers are validated where the spec documents that status, and a status the
 * spec does not document for the operation gets a test that names the gap. `503x1` checks that
 * the answer after the fault has run its course is the normal, valid one.
 */
import { FAULT_HEADER } from "@filestatus/sandbox";
import { describe, expect, it } from "vitest";
import { harness } from "../lib/sandbox-harness.ts";
import { operations, PROVIDERS, responseValidator, type Provider } from "../lib/spec.ts";

/** One valid request per operation: the answer once no fault applies is a 200. */
const VALID: Record<string, [string, RequestInit?]> = {
  "zerobounce getFileStatus": [
    "/v2/filestatus?api_key=k&file_id=aaaaaaaa-zzzz-xxxx-yyyy-5003727fffff",
  ],
  "zerobounce getScoringFileStatus": [
    "/v2/scoring/filestatus?api_key=k&file_id=aaaaaaaa-zzzz-xxxx-yyyy-5003727fffff",
  ],
  "ipqs listCsvs": ["/api/json/csv/k/list"],
  "ipqs listCsvsPost": ["/api/json/csv/k/list", { method: "POST", body: new URLSearchParams() }],
  "ipqs getCsvStatus": ["/api/json/csv/k/status/3398874"],
  "sanitizeemail listUploadedFiles": ["/v1/api/filesupload/", { headers: { "X-API-KEY": "k" } }],
  "sanitizeemail getUploadedFile": ["/v1/api/filesupload/745", { headers: { "X-API-KEY": "k" } }],
  "highlevel getUploadStatus": [
    "/social-media-posting/loc/csv",
    { headers: { Authorization: "Bearer t", Version: "2021-07-28" } },
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

for (const provider of PROVIDERS) {
  const validate = responseValidator(provider);
  for (const op of operations(provider)) {
    const name = `${provider} ${op.operationId}`;
    describe(name, () => {
      for (const status of [503, 429]) {
        const documented = documents(op.statuses, status);
        const title = documented
          ? `${status} fault body`
          : `${status} fault: the spec documents no ${status} for this operation`;
        it(title, async () => {
          const h = harness();
          const response = await h.sandbox.fetch(request(provider, op.operationId, String(status)));
          expect(response.status).toBe(status);
          const problems = validate(op.operationId, status, await response.json());
          // An undocumented status is a gap in the spec, named here rather than validated.
          if (documented) expect(problems).toEqual([]);
          else
            expect(problems).toEqual([
              expect.stringMatching(/the spec documents no \d+ response$/),
            ]);
        });
      }

      it("503x1: the answer after the fault is the normal 200", async () => {
        const h = harness();
        const first = await h.sandbox.fetch(request(provider, op.operationId, "503x1"));
        const second = await h.sandbox.fetch(request(provider, op.operationId, "503x1"));
        expect([first.status, second.status]).toEqual([503, 200]);
        expect(validate(op.operationId, 200, await second.json())).toEqual([]);
      });
    });
  }
}

it("every operation of the five specs has a valid request here", () => {
  const all = PROVIDERS.flatMap((p) => operations(p).map((o) => `${p} ${o.operationId}`));
  expect(all.sort()).toEqual(Object.keys(VALID).sort());
});
