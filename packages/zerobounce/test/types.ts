// Compile-time contract, checked by `pnpm lint` (tsc --noEmit): each @ts-expect-error must fail.
import { createClient } from "../src/index.ts";

const client = createClient({ apiKey: "k" });

export async function typeContract(): Promise<void> {
  const { data, error } = await client.GET("/v2/filestatus", {
    params: { query: { file_id: "f" } },
  });
  if (data) {
    // HTTP-200 error bodies are moved to `error`, so `data` is the status without narrowing.
    const status: string = data.file_status;
    void status;
  } else if (error && typeof error === "object" && "message" in error) {
    const message: string | string[] | undefined = error.message;
    void message;
  }
  // The helper throws ApiError for the error branch and returns the status itself.
  const status: string = (
    await client.unwrap(client.GET("/v2/filestatus", { params: { query: { file_id: "f" } } }))
  ).file_status;
  void status;

  // @ts-expect-error a misspelled path
  await client.GET("/v2/filestatuss", { params: { query: { file_id: "f" } } });
  // @ts-expect-error file_id is required
  await client.GET("/v2/filestatus", { params: { query: {} } });
  // @ts-expect-error file_id is a string
  await client.GET("/v2/filestatus", { params: { query: { file_id: 42 } } });
  // @ts-expect-error apiKey is required
  createClient({});
}
