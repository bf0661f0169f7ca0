/**
 * Uploads on a runtime whose `Request` refuses `redirect: "error"`, as Cloudflare Workers' does
 * ("Invalid redirect value, must be one of "follow" or "manual""). This file's `Request` is such
 * a one from the start, since the mode is chosen once, at the first upload.
 */
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { createApiClient, multipart, sendOnce, toUploadFile } from "../src/index.ts";

class WorkersRequest extends Request {
  constructor(input: RequestInfo | URL, init?: RequestInit) {
    if (init?.redirect === "error") throw new TypeError("Invalid redirect value");
    super(input, init);
  }
}

beforeAll(() => void vi.stubGlobal("Request", WorkersRequest));
afterAll(() => void vi.unstubAllGlobals());

/** An upload through a client whose transport is `answer`; what reached it is kept. */
async function upload(answer: (request: Request) => Response) {
  const seen: string[] = [];
  const client = createApiClient<any>(
    {
      provider: "demo",
      defaultBaseUrl: "http://api.test",
      credentials: [{ in: "query", name: "api_key", value: "k-123", form: true }],
    },
    {
      retry: { retries: 2, minDelayMs: 1, maxDelayMs: 5, maxRetryAfterMs: 2_000 },
      fetch: async (request: Request) => {
        seen.push(`${request.method} ${new URL(request.url).pathname} ${request.redirect}`);
        await request.arrayBuffer();
        return answer(request);
      },
    },
  );
  const file = toUploadFile("demo", "email\r\na@example.com\r\n", "list.csv");
  const form = multipart({ email_column: 1 }, { field: "file", file, type: "text/csv" });
  const sent = sendOnce(client, "list.csv", (init) => client.POST("/upload", { ...init }), {
    form,
  });
  return {
    result: await sent.then(
      (data) => ({ data }),
      (error: unknown) => ({ error }),
    ),
    seen,
  };
}

it("sends the upload with redirects left unfollowed", async () => {
  const { result, seen } = await upload(() => Response.json({ id: "u1" }));
  expect(result).toEqual({ data: { id: "u1" } });
  expect(seen).toEqual(["POST /upload manual"]);
});

it("a redirect answer is not followed, and the upload may have been accepted", async () => {
  const { result, seen } = await upload(
    () => new Response(null, { status: 303, headers: { location: "/done" } }),
  );
  expect(result).toMatchObject({ error: { status: 303, mayHaveBeenAccepted: true } });
  expect(seen).toEqual(["POST /upload manual"]);
});
