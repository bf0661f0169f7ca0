// Compile-time contract, checked by `pnpm lint` (tsc --noEmit): each @ts-expect-error must fail.
import { createClient, type operations } from "../src/index.ts";

const client = createClient({ accessToken: "t" });
const PATH = "/social-media-posting/{locationId}/csv";

type Equal<A, B> =
  (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const assertType = <T extends true>(): T => true as T;

type Responses = operations["getUploadStatus"]["responses"];
type Unprocessable = Responses[422]["content"]["application/json"];
assertType<Equal<Unprocessable["message"], string[] | undefined>>();
assertType<Equal<Responses[400]["content"]["application/json"]["message"], string | undefined>>();

export async function typeContract(): Promise<void> {
  // Version is optional: the client sends it by default.
  const { data, error } = await client.GET(PATH, {
    params: {
      path: { locationId: "ve9EPM428h8vShlRW1KT" },
      query: { skip: "0", limit: "10", includeUsers: "true", userId: "u1" },
    },
  });
  const csvs = data?.results?.csvs;
  if (Array.isArray(csvs)) {
    // Either may be missing: `_id` in the 2021-07-28 spec, `id` in the v3 spec.
    const ids: (string | undefined)[] = csvs.map((c) => c._id ?? c.id);
    void ids;
  } else if (csvs) {
    const id: string | undefined = csvs._id;
    // @ts-expect-error a single upload is not an array
    void csvs.length;
    void id;
  }
  if (error && Array.isArray(error.message)) {
    const messages: string[] = error.message;
    void messages;
  }

  // A caller may still pass Version explicitly.
  await client.GET(PATH, {
    params: { path: { locationId: "loc" }, header: { Version: "2021-07-28" } },
  });

  // @ts-expect-error a misspelled path
  await client.GET("/social-media-posting/{locationId}/csvs", {
    params: { path: { locationId: "loc" } },
  });
  // @ts-expect-error locationId is required
  await client.GET(PATH, { params: { path: {} } });
  // @ts-expect-error the path parameters are required
  await client.GET(PATH, {});
  await client.GET(PATH, {
    // @ts-expect-error only Version 2021-07-28 is accepted
    params: { path: { locationId: "loc" }, header: { Version: "2023-02-21" } },
  });
  await client.GET(PATH, {
    // @ts-expect-error skip is a string
    params: { path: { locationId: "loc" }, query: { skip: 20 } },
  });
  await client.GET(PATH, {
    // @ts-expect-error includeUsers is "true" or "false"
    params: { path: { locationId: "loc" }, query: { includeUsers: true } },
  });
  // @ts-expect-error accessToken is required
  createClient({});

  // The round trip: accountIds is required, the results are the import and its posts.
  const located = createClient({ accessToken: "t", locationId: "loc" });
  const { status, results } = await located.processFile("content\nhi\n", { accountIds: ["a"] });
  const summary: string | undefined = results.posts[0]?.summary;
  void [status.state, summary];
  await located.upload(new Blob(["x"]), { accountIds: ["a"], finalize: false, userId: "u" });
  // @ts-expect-error accountIds is required
  await located.upload("x", {});
  // @ts-expect-error accountIds is an array
  await located.upload("x", { accountIds: "a" });
  await located.deletePost("csv", "post");
  await located.PATCH("/social-media-posting/{locationId}/csv/{id}", {
    params: { path: { locationId: "loc", id: "csv" } },
    body: { userId: "u" },
  });
}
