/**
 * Uploads over the runtime's own `fetch` (Node's here): sent as they are read, never kept whole,
 * and never redirected.
 */
import { useServer } from "@filestatus/testkit";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { createApiClient, multipart, sendOnce, toUploadFile } from "../src/index.ts";

const server = useServer();
const MIB = 1024 * 1024;

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

const client = () =>
  createApiClient<any>({
    provider: "demo",
    defaultBaseUrl: server.origin,
    credentials: [{ in: "query", name: "api_key", value: "upload-stream-key", form: true }],
  });

/** An upload of `text`, ready to send: its file already made (a Blob, in memory). */
const upload = (text: string) => {
  const c = client();
  const form = multipart(
    { email_address_column: 1 },
    { field: "file", file: toUploadFile("demo", text, "big.csv"), type: "text/csv" },
  );
  return () => sendOnce(c, "big.csv", (init) => c.POST("/upload", { ...init }), { form });
};

/** Array buffers still held, after collecting everything that can be. */
function heldBuffers(): number {
  for (let i = 0; i < 3; i++) gc();
  return process.memoryUsage().arrayBuffers;
}

describe("uploads through the runtime's fetch", () => {
  it("lets go of what it has sent: 32 MiB sent, the answer still pending, almost nothing held", async () => {
    let arrived!: () => void;
    const whole = new Promise<void>((resolve) => (arrived = resolve));
    let answer!: () => void;
    const answered = new Promise<void>((resolve) => (answer = resolve));
    // The server has read the whole body (the test server reads it first) and holds its answer.
    server.answer(async () => (arrived(), await answered, Response.json({ id: "u1" })));
    const send = upload("a@example.com,Ann\n".repeat((32 * MIB) / 18));
    const baseline = heldBuffers();
    const sending = send();
    await whole;
    await new Promise((resolve) => setTimeout(resolve, 50));
    const held = heldBuffers() - baseline;
    answer();
    expect(await sending).toEqual({ id: "u1" });
    // Node's fetch clones a request it may redirect, and the clone keeps a copy of the body
    // until the answer: 32 MiB here. An upload goes without one.
    expect(held).toBeLessThan(4 * MIB);
  });

  it("does not follow a redirect: the upload fails, may have been accepted, and nothing else is asked", async () => {
    server.answer((request) =>
      request.method === "POST"
        ? new Response(null, { status: 303, headers: { location: "/done" } })
        : Response.json({ id: "from-the-redirect" }),
    );
    const error = await upload("a@example.com\n")().catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "ConnectionError", mayHaveBeenAccepted: true });
    expect(server.requests.map((r) => `${r.method} ${r.url.pathname}`)).toEqual(["POST /upload"]);
  });
});
