import { caught, useServer } from "@filestatus/testkit";
import { describe, expect, it } from "vitest";
import {
  ApiError,
  createClient,
  UploadNotFoundError,
  type ClientOptions,
  type UploadStatus,
} from "../src/index.ts";

// Upload statuses from a loopback server that misbehaves on cue.
const server = useServer();
const client = (options: Partial<ClientOptions> = {}) =>
  createClient({
    apiKey: "cc-Poll/Key+1",
    accessToken: "cc-token",
    baseUrl: server.origin,
    ...options,
  });

const file = (file_id: string, status = "Active") => ({ file_id, status, description: status });
const idsOf = (request: Request) =>
  decodeURIComponent(request.url.split("/").at(-1)!.split("?")[0]!);
/** Answers with the files asked for whose ids are in `states`, in those states. */
const files = (states: Record<string, string>) => (request: Request) =>
  Response.json(
    idsOf(request)
      .split(",")
      .filter((id) => id in states)
      .map((id) => file(id, states[id])),
  );
const stateOf = (o: { status?: UploadStatus; error?: unknown }) =>
  o.status?.state ?? (o.error as Error).name;

describe("constantcontact answers of an unexpected shape", () => {
  it.each([
    ["one object where a list is documented", file("9"), "the body is an object, not an array"],
    ["a list holding null", [null], "the body holds something other than objects"],
    ["a file without file_id", [{ status: "Active" }], "a file has no file_id"],
  ])("%s is an ApiError saying so", async (_, body, reason) => {
    server.answer(() => Response.json(body));
    for (const work of [() => client().uploadStatus("9"), () => client().uploadStatuses(["9"])]) {
      const error = await caught(work());
      expect(ApiError.is(error)).toBe(true);
      expect((error as ApiError).providerMessage).toBe(`unexpected response: ${reason}`);
    }
  });

  it("takes a JSON null as the documented 'no file matched'", async () => {
    server.answer(() => Response.json(null));
    expect(await client().uploadStatuses(["9"])).toEqual([]);
    expect(UploadNotFoundError.is(await caught(client().uploadStatus("9")))).toBe(true);
  });
});

describe("constantcontact uploadStatuses ids", () => {
  it.each([["98"], [98], [{ 0: "9", length: 1 }]])(
    "refuses %j, which is not an array, with a TypeError before any request",
    async (ids) => {
      const error = await caught(client().uploadStatuses(ids as unknown as string[]));
      expect(error).toBeInstanceOf(TypeError);
      expect((error as Error).message).toMatch(/ids must be an array/);
      await expect(client().watchUploads(ids as unknown as string[])).rejects.toThrow(TypeError);
      expect(server.requests).toHaveLength(0);
    },
  );

  it("merges repeated ids: each is asked for once, and answered once", async () => {
    server.answer(() => Response.json([file("9"), file("8"), file("9")]));
    const statuses = await client().uploadStatuses(["9", "9", "8", "9"]);
    expect(server.requests.map((r) => r.url.pathname)).toEqual([
      "/v2/library/files/uploadstatus/9,8",
    ]);
    expect(statuses.map((s) => s.id)).toEqual(["9", "8"]);
  });
});

describe("constantcontact watchUploads", () => {
  it("reports an id that matches no file as UploadNotFoundError, without another request", async () => {
    server.answer(files({ "9": "Active" }));
    const [found, missing] = await client().watchUploads(["9", "404404"]);
    expect(found!.status?.state).toBe("complete");
    expect(UploadNotFoundError.is(missing!.error)).toBe(true);
    expect((missing!.error as Error).message).toBe(
      "constantcontact: upload 404404 matches no library file",
    );
    expect(server.requests).toHaveLength(1);
  });

  it("rides out a failed round, and ends only the unfinished files on a permanent failure", async () => {
    const answers = [
      files({ "1": "Active", "2": "Processing", "3": "Processing" }),
      () => Response.json([{ error_key: "busy", error_message: "busy" }], { status: 503 }),
      files({ "1": "Active", "2": "Active", "3": "Processing" }),
      () =>
        Response.json([{ error_key: "auth", error_message: "Invalid token." }], { status: 401 }),
    ];
    let n = 0;
    server.answer((request) => answers[Math.min(n++, answers.length - 1)]!(request));
    const outcomes = await client({ retry: false, rateLimit: false }).watchUploads(
      ["1", "2", "3"],
      {
        intervalMs: 10,
      },
    );
    expect(outcomes.map(stateOf)).toEqual(["complete", "complete", "ApiError"]);
    expect(outcomes[2]!.error).toMatchObject({ status: 401, providerMessage: "Invalid token." });
    expect(server.requests).toHaveLength(4);
  });
});
