/**
 * Sandbox ↔ spec, ZeroBounce: every answer the simulated endpoints give (file status, and the
 * round trip: sendfile, getfile, deletefile), validated against specs/zerobounce.yaml. Application
 * errors arrive as HTTP 200 with `success: false`, so each case also checks it provoked the answer
 * it is named after.
 */
import { describe, expect, it } from "vitest";
import { resolveRef } from "@filestatus/testkit";
import {
  checker,
  harness,
  headerValidator,
  HOUR,
  INSTANTS,
  namedUploads,
  ORIGIN,
  SECOND,
  type Answer,
} from "../lib/sandbox-harness.ts";
import { loadSpec, operations } from "../lib/spec.ts";

const check = checker("zerobounce");
const headers = headerValidator("zerobounce");
const OPERATIONS = {
  getFileStatus: "/v2/filestatus",
  getScoringFileStatus: "/v2/scoring/filestatus",
} as const;
const KEY = "zb-contract-key";

const query = (params: Record<string, string>) => `?${new URLSearchParams(params)}`;

for (const [operationId, path] of Object.entries(OPERATIONS)) {
  describe(`zerobounce ${operationId}`, () => {
    const get = (params: Record<string, string>) => harness().call(path + query(params));

    for (const upload of namedUploads("zerobounce"))
      for (const [label, ms] of Object.entries(INSTANTS))
        it(`200 success: ${upload.name} at ${label}`, async () => {
          const h = harness();
          h.at(ms);
          const answer = await h.call(path + query({ api_key: KEY, file_id: upload.id }));
          expect([answer.status, (answer.body as { success: unknown }).success]).toEqual([
            200,
            true,
          ]);
          expect(check(operationId, answer)).toEqual([]);
        });

    it("200 success: the instants cover every lifecycle state", async () => {
      const seen = new Set<unknown>();
      for (const ms of Object.values(INSTANTS)) {
        const h = harness();
        h.at(ms);
        for (const upload of namedUploads("zerobounce")) {
          const { body } = await h.call(path + query({ api_key: KEY, file_id: upload.id }));
          seen.add((body as { file_status: unknown }).file_status);
        }
      }
      expect([...seen].sort()).toEqual(["Complete", "Deleted", "Failed", "In Progress", "Queued"]);
    });

    const failure = async (answer: Promise<Answer>, status: number, message: RegExp) => {
      const a = await answer;
      expect(a.status).toBe(status);
      expect(a.body).toMatchObject({ success: false, message: expect.stringMatching(message) });
      expect(check(operationId, a)).toEqual([]);
    };

    it("200 invalid file_id", () =>
      failure(get({ api_key: KEY, file_id: "no-such-file" }), 200, /file_id is invalid/));
    it("200 missing file_id", () => failure(get({ api_key: KEY }), 200, /file_id is invalid/));
    it("200 bad api_key", () =>
      failure(get({ api_key: "bad-key", file_id: "x" }), 200, /api_key is invalid/));
    it("200 missing api_key", () => failure(get({ file_id: "x" }), 200, /api_key is invalid/));

    it("429 key blocked: more than 250 requests in a minute", async () => {
      const h = harness();
      const url = path + query({ api_key: KEY, file_id: namedUploads("zerobounce")[0]!.id });
      for (let i = 0; i < 250; i++) expect((await h.call(url)).status).toBe(200);
      await failure(h.call(url), 429, /250 requests/);
    });

    it("429 key blocked: still blocked 30 minutes later", async () => {
      const h = harness();
      const url = path + query({ api_key: KEY, file_id: namedUploads("zerobounce")[0]!.id });
      for (let i = 0; i <= 250; i++) await h.call(url);
      h.at(HOUR / 2);
      await failure(h.call(url), 429, /blocked for one hour/);
    });

    it("429 key blocked: more than 200 bad requests in an hour", async () => {
      const h = harness();
      const url = path + query({ api_key: KEY, file_id: "no-such-file" });
      for (let i = 0; i < 200; i++) {
        // Spread over the hour so the 250-a-minute limit is not what trips.
        h.at(i * 10_000);
        expect((await h.call(url)).status).toBe(200);
      }
      await failure(h.call(url), 429, /200 bad requests/);
    });
  });
}

/** The round-trip endpoints, validation and A.I. scoring: sendfile, getfile, deletefile. */
const KINDS = {
  validation: { prefix: "/v2", send: "sendFile", get: "getFile", remove: "deleteFile" },
  scoring: {
    prefix: "/v2/scoring",
    send: "sendScoringFile",
    get: "getScoringFile",
    remove: "deleteScoringFile",
  },
} as const;
const LIST = "email\r\nada@example.com\r\nbob@dead.example\r\n";

function sendForm(fields: Record<string, string> = {}, file: File | null = null): RequestInit {
  const body = new FormData();
  const all = { api_key: KEY, email_address_column: "1", has_header_row: "true", ...fields };
  for (const [name, value] of Object.entries(all)) body.set(name, value);
  body.set("file", file ?? new File([LIST], "list.csv", { type: "text/csv" }));
  return { method: "POST", body };
}

/** The media types the spec documents for the 200 answer of `operationId`. */
function documentedTypes(operationId: string): string[] {
  const doc = loadSpec("zerobounce");
  const op = operations("zerobounce").find((o) => o.operationId === operationId)!;
  const response = resolveRef(doc, doc.paths[op.path][op.method].responses["200"]);
  return Object.keys(response.content);
}

for (const [kind, { prefix, send, get, remove }] of Object.entries(KINDS)) {
  describe(`zerobounce ${kind} round trip`, () => {
    const upload = async (h: ReturnType<typeof harness>, init = sendForm()) => {
      const answer = await h.call(`${prefix}/sendfile`, init);
      expect(check(send, answer)).toEqual([]);
      return answer;
    };
    const fileQuery = (id: string) => query({ api_key: KEY, file_id: id });

    it(`200 ${send}: File Accepted`, async () => {
      const answer = await upload(harness());
      expect(answer).toMatchObject({
        status: 200,
        body: { success: true, file_id: expect.any(String) },
      });
    });

    it.each([
      ["bad api_key", sendForm({ api_key: "bad-key" }), 200],
      ["column beyond the file", sendForm({ email_address_column: "2" }), 400],
      ["not a csv or txt", sendForm({}, new File([LIST], "list.xlsx")), 400],
      ["empty file", sendForm({}, new File([], "list.csv")), 400],
      ["duplicates", sendForm({}, new File(["email\na@x.io\na@x.io\na@x.io\n"], "d.csv")), 400],
    ])(`%s: ${send} error answer`, async (_, init, status) => {
      const answer = await upload(harness(), init);
      expect(answer.status).toBe(status);
      expect([false, "False"]).toContain((answer.body as { success: unknown }).success);
    });

    it(`429 ${send}: the key is blocked`, async () => {
      const h = harness();
      for (let i = 0; i < 250; i++) await h.call(`${prefix}/getfile${fileQuery("nope")}`);
      expect((await upload(h)).status).toBe(429);
    });

    it(`200 ${get}: the CSV, as a documented media type with a Content-Disposition`, async () => {
      const h = harness();
      const { body } = await upload(h);
      h.at(60 * SECOND);
      const id = (body as { file_id: string }).file_id;
      const response = await h.sandbox.fetch(
        new Request(`${ORIGIN}${prefix}/getfile${fileQuery(id)}`),
      );
      expect(response.status).toBe(200);
      expect(documentedTypes(get)).toContain(response.headers.get("content-type"));
      expect(headers(get, 200, response.headers)).toEqual([]);
      expect(await response.text()).toMatch(/^email,ZB (Status|Score)\r\n/);
    });

    it(`200 ${get} and ${remove}: the JSON errors and the deletion`, async () => {
      const h = harness();
      const id = ((await upload(h)).body as { file_id: string }).file_id;
      const at = (path: string) => h.call(`${prefix}/${path}${fileQuery(id)}`);
      const seen: unknown[] = [];
      const expectValid = async (operationId: string, answer: Promise<Answer>) => {
        const a = await answer;
        expect(a.status).toBe(200);
        expect(check(operationId, a)).toEqual([]);
        seen.push((a.body as { message: unknown }).message);
      };
      await expectValid(get, at("getfile")); // not ready
      await expectValid(remove, at("deletefile")); // not Complete yet
      h.at(60 * SECOND);
      await expectValid(remove, at("deletefile")); // deleted
      await expectValid(get, at("getfile")); // after the deletion
      await expectValid(remove, at("deletefile")); // gone
      expect(seen).toEqual([
        "File not ready",
        expect.stringMatching(/Complete/),
        "File Deleted",
        "File deleted.",
        "File cannot be found.",
      ]);
    });
  });
}
