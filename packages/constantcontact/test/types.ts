// Compile-time contract, checked by `pnpm lint` (tsc --noEmit): each @ts-expect-error must fail.
import { createClient } from "../src/index.ts";

const client = createClient({ apiKey: "k", accessToken: "t" });
const PATH = "/v2/library/files/uploadstatus/{fileId}";

export async function typeContract(): Promise<void> {
  const { data, error } = await client.GET(PATH, {
    params: { path: { fileId: ["9", "8", "18"] } },
  });
  if (error) {
    // Error bodies are arrays of { error_key, error_message }.
    const keys: (string | undefined)[] = error.map((e) => e.error_key);
    void keys;
  }
  // The 200 body is an array, or null when no id matched (narrow before use).
  for (const file of data ?? []) {
    const id: string | number = file.file_id;
    const state: string = file.status;
    const done: boolean = file.status === "Active" || file.status === "Deleted";
    const detail: string | undefined = file.description;
    void [id, state, done, detail];
  }

  // @ts-expect-error a misspelled path
  await client.GET("/v2/library/files/uploadstatuses/{fileId}", {
    params: { path: { fileId: ["9"] } },
  });
  // @ts-expect-error fileId is required
  await client.GET(PATH, { params: { path: {} } });
  // @ts-expect-error fileId is an array of ids, not a comma-joined string
  await client.GET(PATH, { params: { path: { fileId: "9,8,18" } } });
  // @ts-expect-error each id is a string
  await client.GET(PATH, { params: { path: { fileId: [9, 8] } } });
  // @ts-expect-error the endpoint is read-only
  await client.POST(PATH, { params: { path: { fileId: ["9"] } } });
  // @ts-expect-error accessToken is required
  createClient({ apiKey: "k" });
  // @ts-expect-error apiKey is required
  createClient({ accessToken: "t" });
  // @ts-expect-error the token option is accessToken, not token
  createClient({ apiKey: "k", token: "t" });
}
