/**
 * Sandbox ↔ spec, ZeroBounce: every answer the simulated File Status endpoints give, validated
 * against specs/zerobounce.yaml. Application errors arrive as HTTP 200 with `success: false`, so
 * each case also checks it provoked the answer it is named after.
 */
import { describe, expect, it } from "vitest";
import {
  checker,
  harness,
  HOUR,
  INSTANTS,
  namedUploads,
  type Answer,
} from "../lib/sandbox-harness.ts";

const check = checker("zerobounce");
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
