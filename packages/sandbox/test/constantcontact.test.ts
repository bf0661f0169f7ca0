import { describe, expect, it } from "vitest";
import { demoId, harness, TRANSPORTS } from "./helpers.ts";

const path = (ids: string, key: string | null = "cc-key") =>
  `/v2/library/files/uploadstatus/${ids}${key === null ? "" : `?api_key=${key}`}`;
const JSON_HEADERS = { Authorization: "Bearer cc-token", Accept: "application/json" };

describe.each(TRANSPORTS)("constantcontact (%s)", (transport) => {
  it("answers the documented ids 9,8,18 with the documented statuses", async () => {
    const h = await harness(transport);
    const { status, body } = await h.get(path("9,8,18"), { headers: JSON_HEADERS });
    expect(status).toBe(200);
    expect(body).toEqual([
      { file_id: "9", status: "Active", description: "Active" },
      { file_id: "8", status: "Uploaded", description: "Uploaded" },
      { file_id: "18", status: "Processing", description: "Processing" },
    ]);
  });

  it("leaves out ids that match nothing, and answers [] when none match", async () => {
    const h = await harness(transport);
    const some = (await h.get(path("404,9,9,%31%30%35"), { headers: JSON_HEADERS })).body;
    expect(some.map((f: { file_id: string }) => f.file_id)).toEqual(["9", "105"]);
    expect(some[1].status).toBe("VirusFound");
    expect(await h.get(path("404,405"), { headers: JSON_HEADERS })).toMatchObject({
      status: 200,
      body: [],
    });
  });

  it.each([
    ["no api_key", null, "Bearer cc-token", 401, "http.status.authentication.invalid_token"],
    ["no token", "cc-key", undefined, 401, "http.status.authentication.invalid_token"],
    ["a bad token", "cc-key", "Bearer bad-token", 401, "http.status.authentication.invalid_token"],
    ["a bad api_key", "bad-key", "Bearer cc-token", 403, "mashery.not.authorized.inactive"],
  ])("answers %s with its documented error", async (_, key, authorization, status, errorKey) => {
    const h = await harness(transport);
    const headers: Record<string, string> = { Accept: "application/json" };
    if (authorization) headers.Authorization = authorization;
    const answer = await h.get(path("9", key), { headers });
    expect(answer).toMatchObject({
      status,
      body: [{ error_key: errorKey, error_message: expect.any(String) }],
    });
  });

  it.each([
    ["application/json", 200],
    ["application/json, text/plain;q=0.5", 200],
    ["*/*", 200],
    ["text/html", 406],
    ["application/xml", 406],
    ["application/json;q=0", 406],
  ])("answers Accept: %s with %i", async (accept, status) => {
    const h = await harness(transport);
    const answer = await h.get(path("9"), {
      headers: { Authorization: "Bearer t", Accept: accept },
    });
    expect(answer.status).toBe(status);
    if (status === 406)
      expect(answer.body).toEqual([
        { error_key: "http.status.not_acceptable", error_message: expect.any(String) },
      ]);
  });

  it("walks the demo file from Uploaded to Processing to Active", async () => {
    const h = await harness(transport);
    const id = demoId(h.sandbox, "constantcontact");
    const statusAt = async (ms: number) => {
      h.clock.at(ms);
      return (await h.get(path(id), { headers: JSON_HEADERS })).body[0].status;
    };
    expect([await statusAt(0), await statusAt(4_000), await statusAt(8_000)]).toEqual([
      "Uploaded",
      "Processing",
      "Active",
    ]);
  });

  it("answers the 5th call in a second with 403 mashery.not.authorized.over.qps", async () => {
    const h = await harness(transport);
    for (let i = 0; i < 4; i++)
      expect((await h.send(path("9"), { headers: JSON_HEADERS })).status).toBe(200);
    const over = await h.get(path("9"), { headers: JSON_HEADERS });
    expect(over).toMatchObject({
      status: 403,
      body: [{ error_key: "mashery.not.authorized.over.qps" }],
    });
    expect((await h.send(path("9", "other-key"), { headers: JSON_HEADERS })).status).toBe(200);
    h.clock.advance(1_000);
    expect((await h.send(path("9"), { headers: JSON_HEADERS })).status).toBe(200);
  });
});
