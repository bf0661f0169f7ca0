import { serve } from "@filestatus/testkit";
import { describe, expect, it } from "vitest";
import { ConnectionError, createApiClient, type ProviderConfig } from "../src/index.ts";

interface Paths {
  "/v2/filestatus": {
    get: {
      parameters: { query: { file_id: string } };
      responses: { 200: { content: { "application/json": { ok: boolean } } } };
    };
  };
}

const SECRET = "k3y-Secret";
const config: ProviderConfig = {
  provider: "demo",
  defaultBaseUrl: "https://unused.test",
  credentials: [{ in: "query", name: "api_key", value: SECRET }],
};

describe("createApiClient", () => {
  it("applies credentials beneath openapi-fetch: middleware never sees them", async () => {
    const server = await serve(() => Response.json({ ok: true }));
    try {
      const client = createApiClient<Paths>(config, { baseUrl: server.origin });
      const seenByMiddleware: string[] = [];
      client.use({ onRequest: ({ request }) => void seenByMiddleware.push(request.url) });
      const { data } = await client.GET("/v2/filestatus", { params: { query: { file_id: "1" } } });
      expect(data).toEqual({ ok: true });
      expect(server.requests[0]!.url.searchParams.get("api_key")).toBe(SECRET);
      expect(seenByMiddleware.join()).not.toContain(SECRET);
    } finally {
      await server.close();
    }
  });

  it("sends user headers beside JSON Accept and the provider's required headers", async () => {
    const seen: Request[] = [];
    const client = createApiClient<Paths>(
      { ...config, headers: { Version: "2021-07-28" } },
      { fetch: async (r) => (seen.push(r), Response.json({})), headers: { "X-Trace": "user" } },
    );
    await client.GET("/v2/filestatus", { params: { query: { file_id: "1" } } });
    expect(seen[0]!.headers.get("accept")).toBe("application/json");
    expect(seen[0]!.headers.get("version")).toBe("2021-07-28");
    expect(seen[0]!.headers.get("x-trace")).toBe("user");
  });

  it("turns a refused connection into a ConnectionError with the key redacted", async () => {
    const server = await serve(() => new Response());
    await server.close(); // nothing listens on this port any more
    const client = createApiClient<Paths>(config, { baseUrl: server.origin, retry: false });
    const error = await client
      .GET("/v2/filestatus", { params: { query: { file_id: "1" } } })
      .catch((e: unknown) => e);
    expect(ConnectionError.is(error)).toBe(true);
    expect((error as ConnectionError).url).toBe(
      `${server.origin}/v2/filestatus?file_id=1&api_key=***`,
    );
    expect((error as Error).cause).toBeInstanceOf(Error);
  });

  it("redacts the key from a transport's own error message, stack and cause chain", async () => {
    const client = createApiClient<Paths>(config, {
      fetch: async (request) => {
        throw new Error(`could not reach ${request.url}`, { cause: new Error(`inner ${SECRET}`) });
      },
    });
    const error = await client
      .GET("/v2/filestatus", { params: { query: { file_id: "1" } } })
      .catch((e: unknown) => e);
    const chain: string[] = [];
    for (let e: unknown = error; e instanceof Error; e = e.cause)
      chain.push(e.message, e.stack ?? "");
    chain.push(JSON.stringify(error));
    expect(chain.join("\n")).not.toContain(SECRET);
    expect(chain.join("\n")).toContain(
      "could not reach https://unused.test/v2/filestatus?file_id=1&api_key=***",
    );
  });
});

describe("retries beneath openapi-fetch", () => {
  it("middleware sees one logical request however many attempts it takes", async () => {
    let attempts = 0;
    const client = createApiClient<Paths>(config, {
      clock: { now: () => 0, sleep: async () => undefined },
      fetch: async () =>
        ++attempts < 3 ? new Response(null, { status: 503 }) : Response.json({ ok: true }),
    });
    const requests: string[] = [];
    const responses: number[] = [];
    client.use({
      onRequest: ({ request }) => void requests.push(request.method),
      onResponse: ({ response }) => void responses.push(response.status),
    });
    const { data } = await client.GET("/v2/filestatus", { params: { query: { file_id: "1" } } });
    expect(data).toEqual({ ok: true });
    expect(attempts).toBe(3);
    expect(requests).toEqual(["GET"]);
    expect(responses).toEqual([200]);
  });

  it("an abort while the request is in flight rejects at once with the abort reason", async () => {
    let started!: () => void;
    const inFlight = new Promise<void>((resolve) => (started = resolve));
    const client = createApiClient<Paths>(config, {
      fetch: (request) =>
        new Promise((_, reject) => {
          request.signal.addEventListener("abort", () => reject(request.signal.reason));
          started();
        }),
    });
    const controller = new AbortController();
    const call = client.GET("/v2/filestatus", {
      params: { query: { file_id: "1" } },
      signal: controller.signal,
    });
    await inFlight;
    controller.abort(new Error("user gave up"));
    await expect(call).rejects.toThrow("user gave up");
  });

  it("an already aborted signal sends nothing", async () => {
    const seen: Request[] = [];
    const client = createApiClient<Paths>(config, {
      fetch: async (r) => (seen.push(r), Response.json({})),
    });
    const call = client.GET("/v2/filestatus", {
      params: { query: { file_id: "1" } },
      signal: AbortSignal.abort(new Error("too late")),
    });
    await expect(call).rejects.toThrow("too late");
    expect(seen).toEqual([]);
  });
});

describe("path parameters", () => {
  interface ByIdPaths {
    "/files/{id}/status": {
      get: {
        parameters: { path: { id: string | string[] } };
        responses: { 200: { content: { "application/json": unknown } } };
      };
    };
  }

  it.each([[".."], ["."], [""], [[]], [["1", ".."]]])(
    "refuses %j, which would leave its segment",
    async (id) => {
      const seen: Request[] = [];
      const client = createApiClient<ByIdPaths>(config, {
        fetch: async (r) => (seen.push(r), Response.json({})),
      });
      await expect(client.GET("/files/{id}/status", { params: { path: { id } } })).rejects.toThrow(
        /@filestatus\/demo: path parameter "id" (cannot be|needs at least one value)/,
      );
      expect(seen).toEqual([]);
    },
  );

  it("encodes anything else inside its own segment", async () => {
    const seen: Request[] = [];
    const client = createApiClient<ByIdPaths>(config, {
      fetch: async (r) => (seen.push(r), Response.json({})),
    });
    await client.GET("/files/{id}/status", { params: { path: { id: "../a/b?c#d" } } });
    await client.GET("/files/{id}/status", { params: { path: { id: ["1", "a,b", "..."] } } });
    expect(seen.map((r) => new URL(r.url).pathname)).toEqual([
      "/files/..%2Fa%2Fb%3Fc%23d/status",
      "/files/1,a%2Cb,.../status",
    ]);
  });
});
