import { virtualClock } from "@filestatus/testkit";
import { describe, expect, it } from "vitest";
import {
  createApiClient,
  uploadHelpers,
  type StatusSource,
  type UploadStatus,
} from "../src/index.ts";

const KEY = "sk-live-0123456789abcdef";

/** A status as a provider that echoes the key (IPQS does, in its status URLs) would give it. */
const echoing = (id: string): UploadStatus => ({
  provider: "demo",
  id,
  name: `list for ${KEY}.csv`,
  state: "complete",
  createdAt: `2026-11-25 ${KEY}`,
  raw: { id, status_url: `https://api.example.test/${KEY}/status/${id}`, nested: [{ key: KEY }] },
});

function helpers(source: Partial<StatusSource> = {}) {
  const clock = virtualClock();
  const client = createApiClient<{}>(
    {
      provider: "demo",
      defaultBaseUrl: "https://api.example.test",
      credentials: [{ in: "header", name: "X-API-KEY", value: KEY }],
    },
    { clock },
  );
  return { clock, ...uploadHelpers(client, { one: async (id) => echoing(id), ...source }) };
}

describe("every status the helpers hand out is redacted", () => {
  it("uploadStatus", async () => {
    const status = await helpers().uploadStatus("u1");
    expect(JSON.stringify(status)).not.toContain(KEY);
    expect(status.name).toBe("list for ***.csv");
    expect(status.raw).toEqual({
      id: "u1",
      status_url: "https://api.example.test/***/status/u1",
      nested: [{ key: "***" }],
    });
  });

  it("waitForUpload, and every status onProgress sees", async () => {
    const h = helpers();
    const seen: UploadStatus[] = [];
    const done = await h.clock.run(h.waitForUpload("u1", { onProgress: (s) => seen.push(s) }));
    expect(seen).toHaveLength(1);
    expect(JSON.stringify([done, seen])).not.toContain(KEY);
  });

  it.each([
    ["one id per request", {}],
    [
      "batched",
      { many: async (ids: readonly string[]) => new Map(ids.map((id) => [id, echoing(id)])) },
    ],
  ])("watchUploads, %s", async (_, source) => {
    const h = helpers(source);
    const outcomes = await h.clock.run(h.watchUploads(["u1", "u2"]));
    expect(outcomes.map((o) => o.status?.state)).toEqual(["complete", "complete"]);
    expect(JSON.stringify(outcomes)).not.toContain(KEY);
  });

  it("a short key standing after a line break, where its JSON shows it otherwise", async () => {
    const SHORT = "k3y"; // shorter than 16: replaced only where it stands alone
    const client = createApiClient<{}>({
      provider: "demo",
      defaultBaseUrl: "https://api.example.test",
      credentials: [{ in: "header", name: "X-API-KEY", value: SHORT }],
    });
    // In JSON the break is `\n`: the key would seem to follow a letter there.
    const raw = { note: `line\n${SHORT}`, plain: "k3yboard" };
    const status = await uploadHelpers(client, {
      one: async (id) => ({ provider: "demo", id, state: "complete", raw }),
    }).uploadStatus("u1");
    expect(status.raw).toEqual({ note: "line\n***", plain: "k3yboard" });
  });
});
