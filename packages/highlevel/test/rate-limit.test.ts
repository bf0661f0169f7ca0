import { recordingClock, useServer, virtualClock } from "@filestatus/testkit";
import { describe, expect, it } from "vitest";
import { createClient } from "../src/index.ts";

const params = { path: { locationId: "ve9EPM428h8vShlRW1KT" } };
const spent = { "X-RateLimit-Remaining": "0", "X-RateLimit-Interval-Milliseconds": "10000" };

describe("highlevel X-RateLimit headers", () => {
  const server = useServer();

  it("a 429 that says the window is spent is retried after the window", async () => {
    let n = 0;
    server.answer(() =>
      ++n === 1
        ? Response.json({ statusCode: 429 }, { status: 429, headers: spent })
        : Response.json({}),
    );
    const clock = recordingClock();
    const client = createClient({ accessToken: "t", baseUrl: server.origin, clock });
    const { response } = await client.GET("/social-media-posting/{locationId}/csv", { params });
    expect(response.status).toBe(200);
    expect(clock.sleeps).toEqual([10_000]);
  });

  it("a success that says the window is spent holds the next call until the window passes", async () => {
    const clock = virtualClock();
    const sent: number[] = [];
    const client = createClient({
      accessToken: "t",
      clock,
      fetch: async () => {
        sent.push(clock.now());
        return Response.json({}, { headers: sent.length === 1 ? spent : {} });
      },
    });
    const call = () => client.GET("/social-media-posting/{locationId}/csv", { params });
    await clock.run(call().then(call));
    expect(sent).toEqual([0, 10_000]);
  });
});
