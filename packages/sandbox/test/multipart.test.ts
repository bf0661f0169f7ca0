import { describe, expect, it } from "vitest";
import { readStreamedForm } from "../src/multipart.ts";
import { random, randomPieces, streamOf } from "./csv-reference.ts";

/** The bytes and type of `form` as this runtime's fetch would send it. */
async function serialize(form: FormData): Promise<{ bytes: Uint8Array; type: string }> {
  const request = new Request("http://x/", { method: "POST", body: form });
  return {
    bytes: new Uint8Array(await request.arrayBuffer()),
    type: request.headers.get("content-type")!,
  };
}

const posted = (type: string, pieces: Uint8Array[]) =>
  new Request("http://x/", {
    method: "POST",
    headers: { "content-type": type },
    body: streamOf(pieces),
    duplex: "half",
  } as RequestInit);

/** Fields and files as plain values, to compare with what `formData()` reads. */
async function shape(form: Awaited<ReturnType<typeof readStreamedForm>>) {
  if ("problem" in form) return form;
  const files: Record<string, unknown> = {};
  for (const [name, f] of form.files)
    files[name] = { name: f.name, type: f.type, size: f.size, text: await f.blob.text() };
  return { fields: Object.fromEntries(form.fields), files };
}

async function reference(type: string, bytes: Uint8Array) {
  const form = await new Request("http://x/", {
    method: "POST",
    headers: { "content-type": type },
    body: bytes as Uint8Array<ArrayBuffer>,
  }).formData();
  const fields: Record<string, string> = {};
  const files: Record<string, unknown> = {};
  for (const [name, value] of form) {
    if (typeof value === "string") fields[name] = value;
    else
      files[name] = {
        name: value.name,
        type: value.type,
        size: value.size,
        text: await value.text(),
      };
  }
  return { fields, files };
}

function sample(): FormData {
  const form = new FormData();
  form.set("api_key", "key");
  form.set('odd "name"\r\n', "välue\r\nwith lines");
  form.set(
    "file",
    new File(["email\r\na@x.io\r\n\r\n--not-a-boundary\r\n"], "list.csv", { type: "text/csv" }),
  );
  form.set("after", "the file");
  form.set("empty", new File([], "empty.txt"));
  return form;
}

describe("multipart read as it streams", () => {
  it("reads what formData() reads, however the body arrives, down to a byte at a time", async () => {
    const { bytes, type } = await serialize(sample());
    const expected = await reference(type, bytes);
    const next = random(5);
    for (let n = 0; n < 50; n++)
      expect(await shape(await readStreamedForm(posted(type, randomPieces(next, bytes))))).toEqual(
        expected,
      );
    const single = Array.from(bytes, (b) => new Uint8Array([b]));
    expect(await shape(await readStreamedForm(posted(type, single)))).toEqual(expected);
  });

  it("keeps a file of several blocks whole", async () => {
    const form = new FormData();
    const text = "a@x.io,Ann\n".repeat(1_000_000);
    form.set("file", new File([text], "big.csv", { type: "text/csv" }));
    const { bytes, type } = await serialize(form);
    const read = await readStreamedForm(
      posted(type, [bytes.slice(0, 70_000), bytes.slice(70_000)]),
    );
    if ("problem" in read) throw new Error(read.problem);
    expect(await read.files.get("file")!.blob.text()).toBe(text);
  });

  const body = (boundary: string, text: string) =>
    posted(`multipart/form-data; boundary=${boundary}`, [new TextEncoder().encode(text)]);
  const part = 'Content-Disposition: form-data; name="a"\r\n\r\nvalue';

  it("accepts line breaks before the first boundary and after the last, and filename*", async () => {
    const ok = await readStreamedForm(body("b", `\r\n\r\n--b\r\n${part}\r\n--b--\r\n\r\n`));
    expect(await shape(ok)).toEqual({ fields: { a: "value" }, files: {} });
    const named = await readStreamedForm(
      body(
        "b",
        `--b\r\nContent-Disposition: form-data; name="f"; filename="x.csv"; filename*=UTF-8''li%C3%9Fte.csv\r\n\r\nz\r\n--b--`,
      ),
    );
    expect(await shape(named)).toMatchObject({
      files: { f: { name: "lißte.csv", type: "text/plain" } },
    });
  });

  it.each([
    ["text before the first boundary", `preamble\r\n--b\r\n${part}\r\n--b--`],
    ["text after the last boundary", `--b\r\n${part}\r\n--b--\r\nepilogue`],
    ["no closing boundary", `--b\r\n${part}\r\n`],
    ["a part without a name", `--b\r\nContent-Disposition: form-data\r\n\r\nx\r\n--b--`],
    ["a part without headers", `--b\r\n\r\nx\r\n--b--`],
    [
      "a header without a colon",
      `--b\r\nContent-Disposition form-data; name="a"\r\n\r\nx\r\n--b--`,
    ],
    ["an empty body", ""],
  ])("refuses %s", async (_, text) => {
    expect(await readStreamedForm(body("b", text))).toEqual({
      problem: "the multipart body could not be read",
    });
  });

  it("refuses another content type, and a multipart type without a boundary", async () => {
    const json = new Request("http://x/", { method: "POST", body: "{}" });
    expect(await readStreamedForm(json)).toMatchObject({ problem: /must be multipart/ });
    const bare = posted("multipart/form-data; charset=utf-8", []);
    expect(await readStreamedForm(bare)).toMatchObject({ problem: /could not be read/ });
  });
});
