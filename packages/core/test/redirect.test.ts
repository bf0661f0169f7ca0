import { serve, type TestServer } from "@filestatus/testkit";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ApiError, createApiClient, type Credential, type ProviderConfig } from "../src/index.ts";

const KEY = "sk-live-0123456789abcdef";
const TOKEN = "tok-0123456789abcdef";

/** Credentials in every place a provider puts them: header, query and bearer. */
const credentials: Credential[] = [
  { in: "header", name: "X-API-KEY", value: KEY },
  { in: "query", name: "api_key", value: KEY },
  { in: "bearer", value: TOKEN },
];
const config: ProviderConfig = {
  provider: "demo",
  defaultBaseUrl: "http://unused.test",
  credentials,
};

/** Where a recorded request carried any credential. */
const carried = (r: TestServer["requests"][number]) =>
  [r.headers["x-api-key"], r.url.searchParams.get("api_key"), r.headers.authorization].filter(
    (v) => v !== undefined && v !== null,
  );

describe("redirects: credentials stay with their origin", () => {
  let home: TestServer;
  let other: TestServer;
  let answer: (request: Request) => Response = () => Response.json({});
  beforeAll(async () => {
    home = await serve((request) => answer(request));
    // Another origin: the same loopback address on another port.
    other = await serve(() => Response.json({ from: "other" }));
  });
  beforeEach(() => {
    home.requests.length = 0;
    other.requests.length = 0;
  });
  afterAll(async () => {
    await home.close();
    await other.close();
  });
  const client = () => createApiClient<{}>(config, { baseUrl: home.origin, retry: false });

  it.each([301, 302, 303, 307, 308])(
    "a %i to another origin is followed without any credential",
    async (status) => {
      answer = () =>
        new Response(null, { status, headers: { Location: `${other.origin}/landing` } });
      const { data } = await client().GET("/start" as never);
      expect(data).toEqual({ from: "other" });
      expect(carried(home.requests[0]!)).toEqual([KEY, KEY, `Bearer ${TOKEN}`]);
      expect(other.requests).toHaveLength(1);
      expect(carried(other.requests[0]!)).toEqual([]);
      expect(other.requests[0]!.target).toBe("/landing");
    },
  );

  it("a redirect within the origin keeps the credentials", async () => {
    answer = (request) =>
      new URL(request.url).pathname === "/start"
        ? new Response(null, { status: 302, headers: { Location: "/moved?page=2" } })
        : Response.json({ moved: true });
    const { data } = await client().GET("/start" as never);
    expect(data).toEqual({ moved: true });
    expect(home.requests.map((r) => r.url.pathname)).toEqual(["/start", "/moved"]);
    expect(carried(home.requests[1]!)).toEqual([KEY, KEY, `Bearer ${TOKEN}`]);
    expect(home.requests[1]!.url.searchParams.get("page")).toBe("2");
  });

  it("a Location that carries the key to another origin is not followed", async () => {
    answer = () =>
      new Response(null, { status: 302, headers: { Location: `${other.origin}/?api_key=${KEY}` } });
    const call = client().GET("/start" as never);
    const { error, response } = await call;
    expect(response.status).toBe(302);
    expect(error).toBeDefined();
    expect(other.requests).toHaveLength(0);
    expect(JSON.stringify(response.headers.get("location"))).toContain(KEY); // the server's own text
    const c = client();
    const thrown = await c.unwrap(c.GET("/start" as never)).catch((e: unknown) => e);
    expect(ApiError.is(thrown)).toBe(true);
    expect(JSON.stringify(thrown)).not.toContain(KEY);
  });

  it("a 303 after a POST becomes a GET without the body", async () => {
    answer = (request) =>
      request.method === "POST"
        ? new Response(null, { status: 303, headers: { Location: "/result" } })
        : Response.json({ done: true });
    const { data } = await client().POST("/submit" as never, { body: { a: 1 } } as never);
    expect(data).toEqual({ done: true });
    expect(home.requests.map((r) => `${r.method} ${r.url.pathname} ${r.body}`)).toEqual([
      'POST /submit {"a":1}',
      "GET /result ",
    ]);
  });

  it("a redirect loop ends after 20 hops with a ConnectionError", async () => {
    answer = () => new Response(null, { status: 302, headers: { Location: "/again" } });
    const error = await client()
      .GET("/start" as never)
      .catch((e: unknown) => e);
    expect((error as Error).name).toBe("ConnectionError");
    expect(String((error as Error).cause)).toContain("more than 20 redirects");
    expect(home.requests).toHaveLength(21);
  });

  it('redirect: "manual" hands the redirect back untouched', async () => {
    answer = () => new Response(null, { status: 302, headers: { Location: `${other.origin}/` } });
    const { response } = await client().GET("/start" as never, { redirect: "manual" } as never);
    expect(response.status).toBe(302);
    expect(other.requests).toHaveLength(0);
  });
});
