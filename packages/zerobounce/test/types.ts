// Compile-time contract, checked by `pnpm lint` (tsc --noEmit): each @ts-expect-error must fail.
import { createClient } from "../src/index.ts";

const client = createClient({ apiKey: "k" });

export async function typeContract(): Promise<void> {
  const { data } = await client.GET("/v2/filestatus", { params: { query: { file_id: "f" } } });
  if (data && (data.success === true || data.success === "True")) {
    const status: string = data.file_status;
    void status;
  }

  // @ts-expect-error a misspelled path
  await client.GET("/v2/filestatuss", { params: { query: { file_id: "f" } } });
  // @ts-expect-error file_id is required
  await client.GET("/v2/filestatus", { params: { query: {} } });
  // @ts-expect-error file_id is a string
  await client.GET("/v2/filestatus", { params: { query: { file_id: 42 } } });
  // @ts-expect-error apiKey is required
  createClient({});
}
