import { describe, expect, it } from "vitest";
import { harness, TRANSPORTS, type Harness } from "./helpers.ts";

/** A real 3×2 PNG, and the smallest PDF a reader opens. */
const PNG = Uint8Array.from(
  atob(
    "iVBORw0KGgoAAAANSUhEUgAAAAMAAAACCAIAAAASFvFNAAAAEElEQVR4nGP4z8AAQQxwFgBB0gX7h/C5SAAAAABJRU5ErkJggg==",
  ),
  (c) => c.charCodeAt(0),
);
const PDF = new TextEncoder().encode("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");

const AUTH = { Authorization: "Bearer cc-token", Accept: "application/json" };
const q = (path: string, key = "cc-key") =>
  `${path}${path.includes("?") ? "&" : "?"}api_key=${key}`;

type Parts = Record<string, string | undefined>;

function form(bytes: Uint8Array | undefined, parts: Parts = {}): FormData {
  const all: Parts = {
    file_name: "logo.png",
    file_type: "PNG",
    folder_id: "0",
    source: "MyComputer",
    description: "Our logo",
    ...parts,
  };
  const body = new FormData();
  for (const [name, value] of Object.entries(all)) if (value !== undefined) body.set(name, value);
  if (bytes) body.set("data", new Blob([bytes.slice()], { type: "image/png" }), all.file_name);
  return body;
}

const upload = (h: Harness, body: FormData, headers: Record<string, string> = AUTH, key?: string) =>
  h.send(q("/v2/library/files", key), { method: "POST", body, headers });

const statusOf = async (h: Harness, id: string) =>
  (await h.get(q(`/v2/library/files/uploadstatus/${id}`), { headers: AUTH })).body[0]?.status;

describe.each(TRANSPORTS)("constantcontact POST /v2/library/files (%s)", (transport) => {
  it("answers 202 with a Location ending in the new id, which then walks to Active", async () => {
    const h = await harness(transport);
    const response = await upload(h, form(PNG));
    expect(response.status).toBe(202);
    const id = /\/v2\/library\/files\/(\d+)$/.exec(response.headers.get("location") ?? "")?.[1];
    expect(id).toBeDefined();
    expect(h.sandbox.received("constantcontact")).toBe(1);
    const seen = [await statusOf(h, id!)];
    h.clock.advance(1_000);
    seen.push(await statusOf(h, id!));
    h.clock.advance(5_000);
    seen.push(await statusOf(h, id!));
    expect(seen).toEqual(["Uploaded", "Processing", "Active"]);
  });

  it("ends a file whose name mentions a virus in VirusFound", async () => {
    const h = await harness(transport);
    const response = await upload(h, form(PNG, { file_name: "eicar-virus.png" }));
    const id = response.headers.get("location")!.split("/").at(-1)!;
    h.clock.advance(60_000);
    expect(await statusOf(h, id)).toBe("VirusFound");
  });

  it("accepts a PDF, the documented MYCOMPUTER spelling and folder -1", async () => {
    const h = await harness(transport);
    const parts = {
      file_name: "terms.pdf",
      file_type: "pdf",
      source: "MYCOMPUTER",
      folder_id: "-1",
    };
    expect((await upload(h, form(PDF, parts))).status).toBe(202);
  });

  const long = "x".repeat(101);
  it.each([
    ["no data part", form(undefined), /data/],
    ["an empty file", form(new Uint8Array(0)), /empty/],
    ["no file_name", form(PNG, { file_name: undefined }), /file_name/],
    ["no file_type", form(PNG, { file_type: undefined }), /file_type/],
    ["no folder_id", form(PNG, { folder_id: undefined }), /folder_id/],
    ["no source", form(PNG, { source: undefined }), /source/],
    ["a file_type it does not take", form(PNG, { file_type: "CSV", file_name: "a.csv" }), /CSV/],
    ["a file_type the name contradicts", form(PNG, { file_name: "logo.pdf" }), /file name/],
    [
      "a file_type the bytes contradict",
      form(PNG, { file_type: "PDF", file_name: "a.pdf" }),
      /content/,
    ],
    ["an unknown source", form(PNG, { source: "Dropbox" }), /source/],
    ["a folder_id that is no id", form(PNG, { folder_id: "images" }), /folder_id/],
    ["a 101-character description", form(PNG, { description: long }), /description/],
  ])("answers %s with 400 and registers nothing", async (_, body, message) => {
    const h = await harness(transport);
    const answer = await upload(h, body);
    expect(answer.status).toBe(400);
    expect(await answer.json()).toEqual([
      { error_key: "http.status.bad_request", error_message: expect.stringMatching(message) },
    ]);
    expect(h.sandbox.received("constantcontact")).toBe(0);
  });

  it("answers a file over max_upload_size_limit with 400 naming the limit", async () => {
    const h = await harness(transport);
    const big = new Uint8Array(5_242_881);
    big.set(PNG);
    const answer = await upload(h, form(big));
    expect(answer.status).toBe(400);
    expect((await answer.json())[0].error_message).toContain("5242880");
    expect(h.sandbox.received("constantcontact")).toBe(0);
  });

  it("answers a body that is not multipart with 400", async () => {
    const h = await harness(transport);
    const body = JSON.stringify({ file_name: "logo.png" });
    const headers = { ...AUTH, "Content-Type": "application/json" };
    const answer = await h.send(q("/v2/library/files"), { method: "POST", body, headers });
    expect(answer.status).toBe(400);
  });

  it.each([
    ["a bad token", { ...AUTH, Authorization: "Bearer bad-token" }, "cc-key", 401, "invalid_token"],
    ["a bad api_key", AUTH, "bad-key", 403, "mashery.not.authorized.inactive"],
  ])("answers %s with the gateway's error", async (_, headers, key, status, errorKey) => {
    const h = await harness(transport);
    const answer = await upload(h, form(PNG), headers, key);
    expect(answer.status).toBe(status);
    expect((await answer.json())[0].error_key).toContain(errorKey);
    expect(h.sandbox.received("constantcontact")).toBe(0);
  });
});
