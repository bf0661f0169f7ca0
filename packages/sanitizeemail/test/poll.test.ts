import { caught, collect, useServer } from "@filestatus/testkit";
import { describe, expect, it } from "vitest";
import {
  ApiError,
  createClient,
  WATCH_LIST_LIMIT,
  type ClientOptions,
  type UploadStatus,
} from "../src/index.ts";

// Statuses and lists from a loopback server that misbehaves on cue.
const KEY = "se-Poll/Key+1";
const server = useServer();
const client = (options: Partial<ClientOptions> = {}) =>
  createClient({ apiKey: KEY, baseUrl: server.origin, ...options });

const file = (id: number, status = "validated", extra: object = {}) => ({
  id,
  name: `list ${id}`,
  status,
  progress_percentage: status === "validated" ? 100 : 40,
  ...extra,
});
const page = (results: unknown[], next: string | null = null) =>
  Response.json({ count: results.length, next, previous: null, results });
const reasonOf = (error: unknown) => (error as ApiError).providerMessage;

describe("sanitizeemail answers of an unexpected shape", () => {
  it.each([
    ["a JSON null", null, "the body is null, not an object"],
    ["another file", file(746), "id is 746, not 745"],
  ])("uploadStatus: %s is an ApiError saying so", async (_, body, reason) => {
    server.answer(() => Response.json(body));
    const error = await caught(client().uploadStatus("745"));
    expect(ApiError.is(error)).toBe(true);
    expect(reasonOf(error)).toBe(`unexpected response: ${reason}`);
  });

  it.each([
    ["without results", { count: 0, next: null }, "results is missing, not an array"],
    ["as a JSON null", null, "the body is null, not an object"],
  ])("uploads(): a list %s is an ApiError saying so", async (_, body, reason) => {
    server.answer(() => Response.json(body));
    const error = await caught(collect(client().uploads()));
    expect(ApiError.is(error)).toBe(true);
    expect(reasonOf(error)).toBe(`unexpected response: ${reason}`);
  });
});

describe("sanitizeemail pages", () => {
  it("stop with an ApiError when next names the page just fetched", async () => {
    server.answer((request) => page([file(1)], request.url)); // always "the same page again"
    const error = await caught(collect(client().uploads()));
    expect(ApiError.is(error)).toBe(true);
    expect(reasonOf(error)).toBe("unexpected response: the next page (1) was already fetched");
    expect(server.requests).toHaveLength(1);
  });

  it("follow a relative next, resolved against the request's URL", async () => {
    server.answer((request) => {
      const n = Number(new URL(request.url).searchParams.get("page"));
      return page([file(10 - n)], n < 3 ? `?page=${n + 1}&size=10` : null);
    });
    const items = await collect(client().uploads());
    expect(items.map((s) => s.id)).toEqual(["9", "8", "7"]);
    expect(server.requests.map((r) => r.url.searchParams.get("page"))).toEqual(["1", "2", "3"]);
  });

  it("stop with an ApiError when next is no URL at all", async () => {
    server.answer(() => page([file(1)], "http://["));
    const error = await caught(collect(client().uploads()));
    expect(reasonOf(error)).toMatch(/^unexpected response: next is not a URL/);
  });
});

describe("sanitizeemail list redaction", () => {
  it("uploads() returns every item with the key (the X-API-KEY header) replaced", async () => {
    server.answer((request) =>
      page([file(1, "validated", { file_name: `echo ${request.headers.get("x-api-key")}` })]),
    );
    const [item] = await collect(client().uploads());
    expect(JSON.stringify(item)).not.toContain(KEY);
    expect(item!.raw).toMatchObject({ file_name: "echo ***" });
  });
});

describe("sanitizeemail watchUploads", () => {
  it("looks a file older than the newest 1,000 up by id before calling it missing", async () => {
    server.answer((request) => {
      const url = new URL(request.url);
      if (url.pathname === "/v1/api/filesupload/") {
        const n = Number(url.searchParams.get("page"));
        const newest = Array.from({ length: 100 }, (_, i) => file(100_000 - (n - 1) * 100 - i));
        return page(newest, `${url.origin}${url.pathname}?page=${n + 1}&size=100`);
      }
      if (url.pathname.endsWith("/745")) return Response.json(file(745));
      return Response.json({ detail: "Not found." }, { status: 404 });
    });
    const outcomes = await client().watchUploads(["99999", "745", "746"]);
    expect(outcomes.map((o) => o.status?.state ?? reasonOf(o.error))).toEqual([
      "complete",
      "complete",
      "Not found.",
    ]);
    const lists = server.requests.filter((r) => r.url.pathname === "/v1/api/filesupload/");
    expect(lists).toHaveLength(WATCH_LIST_LIMIT / 100);
  });

  it("rides out a failed round, and ends only the unfinished files on a permanent failure", async () => {
    const answers = [
      () => page([file(1), file(2, "processing"), file(3, "processing")]),
      () => Response.json({ detail: "busy" }, { status: 502 }),
      () => page([file(1), file(2), file(3, "processing")]),
      () => Response.json({ detail: "Invalid API key." }, { status: 401 }),
    ];
    let n = 0;
    server.answer(() => answers[Math.min(n++, answers.length - 1)]!());
    const outcomes = await client({ retry: false }).watchUploads(["1", "2", "3"], {
      intervalMs: 10,
    });
    expect(outcomes.map((o) => o.status?.state ?? reasonOf(o.error))).toEqual([
      "complete",
      "complete",
      "Invalid API key.",
    ]);
    expect(server.requests).toHaveLength(4);
  });
});
