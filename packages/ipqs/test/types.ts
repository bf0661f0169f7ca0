// Compile-time contract, checked by `pnpm lint` (tsc --noEmit): each @ts-expect-error must fail.
import { createClient } from "../src/index.ts";

const client = createClient({ apiKey: "k" });
const form = { "Content-Type": "application/x-www-form-urlencoded" };

export async function typeContract(): Promise<void> {
  const list = await client.GET("/list", { params: { query: { type: "email", page: 1 } } });
  // HTTP-200 errors (`success: false`) are moved to `error`: `data` is always a success body.
  if (list.data) {
    const ids: number[] = list.data.csvs.map((csv) => csv.id);
    void ids;
  } else if (list.error) {
    const message: string = list.error.message;
    void message;
  }

  const posted = await client.POST("/list", { body: { type: "leaked_password" }, headers: form });
  if (posted.error) {
    const message: string = posted.error.message;
    void message;
  }

  const status = await client.GET("/status/{csvId}", { params: { path: { csvId: 3398874 } } });
  if (status.data?.success) {
    const state: string = status.data.status;
    const link: string | null | undefined = status.data.downloads?.all;
    (void state, link);
  }

  // @ts-expect-error a misspelled path
  await client.GET("/lists", { params: { query: { type: "email" } } });
  // @ts-expect-error csvId is required
  await client.GET("/status/{csvId}", { params: { path: {} } });
  // @ts-expect-error csvId is an integer, not a string
  await client.GET("/status/{csvId}", { params: { path: { csvId: "3398874" } } });
  // @ts-expect-error type is an enum
  await client.GET("/list", { params: { query: { type: "csv" } } });
  // @ts-expect-error page is a number
  await client.GET("/list", { params: { query: { page: "1" } } });
  // @ts-expect-error the form body has the same enum
  await client.POST("/list", { body: { type: "emails" }, headers: form });
  // @ts-expect-error data is never an error body
  const failed: false = list.data!.success;
  void failed;
  // @ts-expect-error apiKey is required
  createClient({});
}

export async function roundTripContract(file: Blob): Promise<void> {
  const queued = await client.upload(file, { type: "email", filename: "leads.csv" });
  await client.upload({ rows: [["a@example.com"]] }, { type: "phone" });
  await client.upload({ url: "https://example.com/list.csv" }, { type: "url" });
  const results: Response = await client.downloadResults(queued.id, { which: "bad" });
  const { status, results: body } = await client.processFile(file, { type: "proxy" });
  (void status.state, results, body.body);

  // @ts-expect-error type is required
  await client.upload(file, {});
  // @ts-expect-error the leaked_* types are not documented for uploads
  await client.upload(file, { type: "leaked_email" });
  // @ts-expect-error which is one of all, bad, clean, pristine
  await client.downloadResults(queued.id, { which: "good" });
  // @ts-expect-error rows are strings
  await client.upload({ rows: [[1]] }, { type: "email" });
}
