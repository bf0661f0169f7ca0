import { caught } from "@filestatus/testkit";
import { describe, expect, it } from "vitest";
import { ApiError, ConnectionError } from "../src/index.ts";
import { fileReads, firstPost, KEY, PNG, running, TOKEN } from "./roundtrip-kit.ts";

const fast = { intervalMs: 20, timeoutMs: 10_000, filename: "logo.png" };

/** The error as a user sees it: message, stack and JSON all free of the key and the token. */
function expectNoSecrets(error: unknown): void {
  const shown = [String(error), (error as Error).stack ?? "", JSON.stringify(error)].join("\n");
  for (const secret of [KEY, TOKEN, encodeURIComponent(KEY)]) expect(shown).not.toContain(secret);
}

describe("constantcontact upload faults", () => {
  it("a reset while sending: mayHaveBeenAccepted, the name to look for, sent once", async () => {
    const run = await running(firstPost("reset"));
    const error = await caught(run.client().upload(PNG, { filename: "logo.png" }));
    expect(ConnectionError.is(error)).toBe(true);
    expect(error).toMatchObject({ mayHaveBeenAccepted: true });
    expect((error as Error).message).toContain('look for "logo.png"');
    expect(run.posts()).toBe(1);
    expectNoSecrets(error);
  });

  it.each(["503", "429"])(
    "a %s before the upload is taken: sent again, received once",
    async (fault) => {
      const run = await running(firstPost(fault));
      const status = await run.client().upload(PNG, { filename: "logo.png" });
      expect(status.state).toBe("queued");
      expect(run.posts()).toBe(2);
      expect(run.sandbox.received("constantcontact")).toBe(1);
    },
  );

  it("503 on every attempt: refused, so mayHaveBeenAccepted is false and nothing was taken", async () => {
    const run = await running((request) => (request.method === "POST" ? "503" : undefined));
    const error = await caught(run.client().upload(PNG, { filename: "logo.png" }));
    expect(ApiError.is(error)).toBe(true);
    expect(error).toMatchObject({ status: 503, mayHaveBeenAccepted: false });
    expect(run.posts()).toBe(3); // the first try and the client's 2 retries
    expect(run.sandbox.received("constantcontact")).toBe(0);
  });

  it("a 401 names no credential", async () => {
    const run = await running();
    const client = run.client({ accessToken: `bad-${TOKEN}` });
    const error = await caught(client.upload(PNG, { filename: "logo.png" }));
    expect(error).toMatchObject({ name: "ApiError", status: 401 });
    expectNoSecrets(error);
  });
});

describe("constantcontact results faults", () => {
  it("the file read cut mid-body rejects: never a partial file object", async () => {
    const run = await running(fileReads("reset-body"));
    const error = await caught(run.client().processFile(PNG, fast));
    expect(ConnectionError.is(error)).toBe(true);
    expect(run.sandbox.received("constantcontact")).toBe(1);
    expectNoSecrets(error);
  });

  it("a slow file read still completes", async () => {
    const run = await running(fileReads("slow-body=30"));
    const { results } = await run.client().processFile(PNG, fast);
    expect(results).toMatchObject({ name: "logo.png", size: PNG.length });
  });
});
