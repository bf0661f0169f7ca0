import { serve } from "@filestatus/testkit";
import { describe, expect, it } from "vitest";
import { createApiClient, type CommonOptions, type ProviderConfig } from "../src/index.ts";

const KEY = "sk-live-0123456789abcdef";
const BODY = { ok: true, items: [{ id: "a" }] };

const query: ProviderConfig = {
  provider: "demo",
  defaultBaseUrl: "https://api.example.test",
  credentials: [{ in: "query", name: "api_key", value: KEY }],
};
const header: ProviderConfig = {
  ...query,
  credentials: [{ in: "header", name: "X-API-KEY", value: KEY }],
};

/** A client whose fetch records what was sent and answers `answer()` (JSON without a length). */
function recording(config: ProviderConfig, answer = () => Response.json(BODY), options = {}) {
  const seen: Request[] = [];
  const fetch = async (request: Request) => (seen.push(request), answer());
  const client = createApiClient<{}>(config, { fetch, ...(options as CommonOptions) });
  const get = (init: object = {}) =>
    client.GET("/list" as never, init as never) as Promise<{ data?: unknown; response: Response }>;
  return { client, get, seen };
}

describe("the response a call hands back", () => {
  it("shows its URL with *** where the key travelled, success or error", async () => {
    for (const status of [200, 404]) {
      const { get } = recording(query, () => Response.json(BODY, { status }), { retry: false });
      const { response } = await get();
      expect(response.url).toBe("https://api.example.test/list?api_key=***");
    }
  });

  it("reads as JSON, text, bytes or a stream, whatever openapi-fetch is asked to parse", async () => {
    const { get } = recording(query);
    const text = JSON.stringify(BODY);
    expect((await get()).data).toEqual(BODY);
    expect((await get({ parseAs: "text" })).data).toBe(text);
    const bytes = (await get({ parseAs: "arrayBuffer" })).data as ArrayBuffer;
    expect(new TextDecoder().decode(bytes)).toBe(text);
    expect(await ((await get({ parseAs: "blob" })).data as Blob).text()).toBe(text);
    const stream = (await get({ parseAs: "stream" })).data as ReadableStream;
    expect(await new Response(stream).text()).toBe(text);
  });

  it("parses the same with and without a Content-Length, over a real socket too", async () => {
    const text = JSON.stringify(BODY);
    const sized = () => new Response(text, { headers: { "content-length": `${text.length}` } });
    expect((await recording(query, sized).get()).data).toEqual(BODY);
    const server = await serve(() => Response.json(BODY));
    try {
      const client = createApiClient<{}>(query, { baseUrl: server.origin });
      const { data, response } = await client.GET("/list" as never);
      expect(data).toEqual(BODY);
      expect(response.url).toBe(`${server.origin}/list?api_key=***`);
      expect(server.requests[0]!.url.searchParams.getAll("api_key")).toEqual([KEY]);
    } finally {
      await server.close();
    }
  });

  it("lets middleware read the body too, each reader getting its own copy", async () => {
    const { client, get } = recording(query);
    const read: unknown[] = [];
    client.use({
      async onResponse({ response }) {
        const copy = (await response.clone().json()) as typeof BODY;
        copy.items.push({ id: "added by middleware" });
        read.push(copy, await response.clone().text());
      },
    });
    const { data, response } = await get();
    expect(data).toEqual(BODY);
    expect(read[1]).toBe(JSON.stringify(BODY));
    expect(response.bodyUsed).toBe(true);
    await expect(response.text()).rejects.toThrow(TypeError);
  });

  it("keeps an empty success empty", async () => {
    const { get } = recording(query, () => new Response(null, { status: 200 }));
    const { data, response } = await get();
    expect(data).toBeUndefined();
    expect(response.status).toBe(200);
  });
});

describe("credentials on a request without a body", () => {
  it("replace a query parameter of the same name instead of sending it twice", async () => {
    const { get, seen } = recording(query);
    await get({ params: { query: { api_key: "user", file_id: "1" } } });
    const url = new URL(seen[0]!.url);
    expect(url.searchParams.getAll("api_key")).toEqual([KEY]);
    expect(url.searchParams.get("file_id")).toBe("1");
  });

  it("replace a header of the same name set on the call", async () => {
    const { get, seen } = recording(header);
    await get({ headers: { "X-API-KEY": "user" } });
    expect(seen[0]!.headers.get("x-api-key")).toBe(KEY);
  });

  it("never reach the request middleware holds, before or after the answer", async () => {
    const { client, get, seen } = recording(header);
    const held: string[] = [];
    const look = ({ request }: { request: Request }) =>
      void held.push(request.url, [...request.headers].join());
    client.use({ onRequest: look, onResponse: look });
    await get();
    expect(seen[0]!.headers.get("x-api-key")).toBe(KEY);
    expect(held).toHaveLength(4);
    expect(held.join()).not.toContain(KEY);
  });
});
