// Compile-time contract, checked by `pnpm lint` (tsc --noEmit): each @ts-expect-error must fail.
import { createClient } from "../src/index.ts";

const client = createClient({ apiKey: "k" });

/** true only when A and B are the same type (not merely assignable). */
type Equal<A, B> =
  (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

export async function typeContract(): Promise<void> {
  const page = await client.GET("/v1/api/filesupload/", {
    params: { query: { file_tag: "validate", size: 100, page: 2 } },
  });
  if (page.error) {
    const detail: string | undefined = page.error.detail;
    void detail;
  } else {
    const nextIsNullable: Equal<typeof page.data.next, string | null> = true;
    const previousIsNullable: Equal<typeof page.data.previous, string | null> = true;
    void [nextIsNullable, previousIsNullable];
    if (page.data.next !== null) new URL(page.data.next);
    // @ts-expect-error next is null on the last page
    const next: string = page.data.next;
    void next;
    for (const file of page.data.results) void (file.id + 1);
  }

  const { data } = await client.GET("/v1/api/filesupload/{file_id}", {
    params: { path: { file_id: 745 } },
  });
  if (data) {
    const status: string = data.status;
    const jobId: number | null | undefined = data.validate_email_id;
    if (typeof data.validate_email_id === "number") void (data.validate_email_id + 1);
    // @ts-expect-error file_size is a string, not a number
    const bytes: number = data.file_size;
    void [status, jobId, bytes];
  }

  // @ts-expect-error the list path keeps its trailing slash
  await client.GET("/v1/api/filesupload");
  // @ts-expect-error a misspelled path
  await client.GET("/v1/api/fileupload/{file_id}", { params: { path: { file_id: 745 } } });
  // @ts-expect-error file_id is required
  await client.GET("/v1/api/filesupload/{file_id}", { params: { path: {} } });
  // @ts-expect-error file_id is an integer, not a string
  await client.GET("/v1/api/filesupload/{file_id}", { params: { path: { file_id: "745" } } });
  // @ts-expect-error file_tag is a closed enum
  await client.GET("/v1/api/filesupload/", { params: { query: { file_tag: "verify" } } });
  // @ts-expect-error size is a number
  await client.GET("/v1/api/filesupload/", { params: { query: { size: "6" } } });
  // @ts-expect-error apiKey is required
  createClient({});
}
