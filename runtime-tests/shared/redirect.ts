/**
 * Credentials stay with their origin on every runtime: each runtime's `fetch` would re-send every
 * header to wherever a redirect points, so the clients follow redirects themselves. Two servers of
 * the runtime under test: `home` answers 302 to `away`, which records what reached it.
 */
import * as highlevel from "@filestatus/highlevel";
import * as sanitizeemail from "@filestatus/sanitizeemail";
import * as zerobounce from "@filestatus/zerobounce";
import { assert, assertEqual, assertNoSecret } from "./assert.ts";

type Handler = (request: Request) => Promise<Response>;

/** Serves `handler` on a free loopback port of the runtime under test. */
export type ServeOn = (handler: Handler) => Promise<{ origin: string; close(): Promise<void> }>;

const KEY = "live-K3y-r3d1rect";

export async function redirectFlow(serveOn: ServeOn): Promise<void> {
  const arrived: string[] = [];
  const away = await serveOn(async (request) => {
    arrived.push(`${request.url} ${JSON.stringify([...request.headers])}`);
    return Response.json({ from: "away" });
  });
  const home = await serveOn(
    async () =>
      new Response(null, { status: 302, headers: { Location: `${away.origin}/landing` } }),
  );
  try {
    const options = { baseUrl: home.origin, retry: false as const };
    const calls = [
      () => sanitizeemail.createClient({ apiKey: KEY, ...options }).GET("/v1/api/filesupload/"),
      () =>
        zerobounce
          .createClient({ apiKey: KEY, ...options })
          .GET("/v2/filestatus", { params: { query: { file_id: "f" } } }),
      () =>
        highlevel
          .createClient({ accessToken: KEY, ...options })
          .GET("/social-media-posting/{locationId}/csv", { params: { path: { locationId: "l" } } }),
    ];
    for (const call of calls) {
      const { data } = await call();
      assertEqual(JSON.stringify(data), '{"from":"away"}', "the redirect was followed");
    }
    assertEqual(arrived.length, calls.length, "requests that reached the other origin");
    assert(
      arrived.every((line) => line.includes("/landing")),
      "they went to the Location",
    );
    assertNoSecret(arrived.join("\n"), [KEY], "requests to the other origin");
  } finally {
    await home.close();
    await away.close();
  }
}
