import { placesOf, responseExamples, useServer } from "@filestatus/testkit";
import { describe, expect, it } from "vitest";
import { createClient } from "../src/index.ts";

const TOKEN = "hl-Secret/Token+456=";
const PATH = "/social-media-posting/{locationId}/csv";

const server = useServer();

const client = () => createClient({ accessToken: TOKEN, baseUrl: server.origin });
const { last } = server;
const getStatus = (locationId = "loc-1") =>
  client().GET(PATH, { params: { path: { locationId } } });
const replyWith = (name: string) => {
  const example = responseExamples("highlevel", "getUploadStatus").find((e) => e.name === name)!;
  server.answer(() => Response.json(example.value, { status: example.status }));
};

describe("highlevel getUploadStatus over HTTP", () => {
  it("sends the token only as Authorization: Bearer", async () => {
    await getStatus();
    expect(last().headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(placesOf(last(), TOKEN)).toEqual(["header:authorization"]);
  });

  it("calls GET /social-media-posting/{locationId}/csv with Version and Accept by default", async () => {
    await getStatus("ve9EPM428h8vShlRW1KT");
    expect(last().method).toBe("GET");
    expect(last().target).toBe("/social-media-posting/ve9EPM428h8vShlRW1KT/csv");
    expect(last().headers.version).toBe("2021-07-28");
    expect(last().headers.accept).toBe("application/json");
  });

  it("leaves skip and limit to the server's defaults when not given", async () => {
    await getStatus();
    expect(last().url.search).toBe("");
  });

  it("sends skip, limit, includeUsers and userId as string query values", async () => {
    await client().GET(PATH, {
      params: {
        path: { locationId: "loc-1" },
        query: { skip: "20", limit: "50", includeUsers: "true", userId: "u 1+2" },
      },
    });
    expect([...last().url.searchParams]).toEqual([
      ["skip", "20"],
      ["limit", "50"],
      ["includeUsers", "true"],
      ["userId", "u 1+2"],
    ]);
  });

  it("sends an explicitly passed Version header once, unchanged", async () => {
    await client().GET(PATH, {
      params: { path: { locationId: "loc-1" }, header: { Version: "2021-07-28" } },
    });
    expect(last().headers.version).toBe("2021-07-28");
  });

  it("sends the version option's Version header instead of the default", async () => {
    const custom = createClient({
      accessToken: TOKEN,
      baseUrl: server.origin,
      version: "2099-01-01",
    });
    await custom.GET(PATH, { params: { path: { locationId: "loc-1" } } });
    expect(last().headers.version).toBe("2099-01-01");
  });

  it("keeps a locationId with / ? # and .. inside its own path segment", async () => {
    const id = "../a/b?c=d#e";
    await getStatus(id);
    expect(last().target).toBe("/social-media-posting/..%2Fa%2Fb%3Fc%3Dd%23e/csv");
    expect(decodeURIComponent(last().url.pathname.split("/")[2]!)).toBe(id);
    expect(last().url.search).toBe("");
  });

  describe.each(responseExamples("highlevel", "getUploadStatus"))(
    "documented $status response $name",
    ({ status, value }) => {
      it("comes back on the branch its status code selects", async () => {
        server.answer(() => Response.json(value, { status }));
        const { data, error, response } = await getStatus();
        expect(response.status).toBe(status);
        if (status === 200) {
          expect(data).toEqual(value);
          expect(error).toBeUndefined();
        } else {
          expect(error).toEqual(value);
          expect(data).toBeUndefined();
        }
      });
    },
  );

  describe("results.csvs, one object or an array", () => {
    it("narrows the documented single object with Array.isArray", async () => {
      replyWith("singleUpload");
      const { data } = await getStatus();
      const csvs = data?.results?.csvs;
      if (!csvs || Array.isArray(csvs)) return expect.unreachable("expected one upload object");
      expect(csvs._id).toBe("ve9EPM428h8vShlRW1KT");
      expect(csvs.status).toBe("completed");
      expect(data?.results?.count).toBe(6);
    });

    it("narrows the array of uploads with Array.isArray", async () => {
      replyWith("uploadList");
      const { data } = await getStatus();
      const csvs = data?.results?.csvs;
      if (!Array.isArray(csvs)) return expect.unreachable("expected an array of uploads");
      expect(csvs.map((c) => [c._id, c.status])).toEqual([
        ["66b1f0c2a4d3e5f6a7b8c9d0", "in_progress"],
        ["ve9EPM428h8vShlRW1KT", "completed"],
      ]);
    });
  });

  describe("createClient", () => {
    it("rejects a missing or empty token, without echoing it", () => {
      expect(() => createClient({ accessToken: "" })).toThrow(TypeError);
      expect(() => createClient({ accessToken: " \t " })).toThrow(/"accessToken" option is empty/);
      expect(() => createClient({} as never)).toThrow(/"accessToken" option is required/);
      expect(() => createClient({ accessToken: 987654 as never })).toThrow(
        expect.objectContaining({
          name: "TypeError",
          message: expect.not.stringContaining("987654"),
        }),
      );
      expect(() => createClient(undefined as never)).toThrow(TypeError);
    });

    it("defaults to the spec's server", async () => {
      const seen: Request[] = [];
      const c = createClient({
        accessToken: TOKEN,
        fetch: async (r) => (seen.push(r), Response.json({})),
      });
      await c.GET(PATH, { params: { path: { locationId: "loc-1" } } });
      expect(seen[0]!.url).toBe(
        "https://services.leadconnectorhq.com/social-media-posting/loc-1/csv",
      );
      expect(seen[0]!.headers.get("version")).toBe("2021-07-28");
    });
  });
});
