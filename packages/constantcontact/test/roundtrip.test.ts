import { caught } from "@filestatus/testkit";
import { describe, expect, it } from "vitest";
import { UploadFailedError, type RoundTripProgress } from "../src/index.ts";
import { PDF, PNG, pngSize, running } from "./roundtrip-kit.ts";

const fast = { intervalMs: 20, timeoutMs: 10_000 };

describe("constantcontact processFile against the sandbox", () => {
  it("uploads a PNG, waits for the scan, and resolves the file, whose url serves the same bytes", async () => {
    const run = await running();
    const png = new File([PNG], "logo.png", { type: "image/png" });
    const { status, results } = await run
      .client()
      .processFile(png, { ...fast, description: "Logo" });
    expect(status).toMatchObject({
      provider: "constantcontact",
      id: results.id,
      state: "complete",
    });
    expect(results).toMatchObject({
      name: "logo.png",
      file_type: "PNG",
      is_image: true,
      size: PNG.length,
      ...pngSize(PNG),
      description: "Logo",
      status: "Active",
    });
    const hosted = await fetch(results.url!);
    expect(hosted.headers.get("content-type")).toBe("image/png");
    expect(new Uint8Array(await hosted.arrayBuffer())).toEqual(PNG);
    expect(run.sandbox.received("constantcontact")).toBe(1);
  });

  it("takes bytes with a filename: a PDF is a document, its type from the extension", async () => {
    const run = await running();
    const { results } = await run.client().processFile(PDF, { ...fast, filename: "terms.pdf" });
    expect(results).toMatchObject({ name: "terms.pdf", file_type: "PDF", is_image: false });
    expect(await (await fetch(results.url!)).text()).toBe(new TextDecoder().decode(PDF));
  });

  it("reports uploading, then processing, then downloading, each phase once begun never again", async () => {
    const run = await running();
    const phases: RoundTripProgress["phase"][] = [];
    const onProgress = (p: RoundTripProgress) => void phases.push(p.phase);
    await run.client().processFile(PNG, { ...fast, filename: "a.png", onProgress });
    const order = phases.filter((phase, i) => phase !== phases[i - 1]);
    expect(order).toEqual(["uploading", "processing", "downloading"]);
  });

  it("upload resolves the new file as queued from the answer alone, asking the limit once per client", async () => {
    const run = await running();
    const client = run.client();
    const first = await client.upload(PNG, { filename: "a.png" });
    const second = await client.upload(PNG, { fileType: "PNG" });
    expect([first.state, second.state]).toEqual(["queued", "queued"]);
    expect(second.name).toBe("upload.png");
    expect(run.seen.map((s) => `${s.method} ${s.path}`)).toEqual([
      "GET /v2/library/info",
      "POST /v2/library/files",
      "POST /v2/library/files",
    ]);
    expect(first.id).not.toBe(second.id);
    expect((await client.uploadStatus(first.id)).id).toBe(first.id);
  });

  it("sends the documented parts, folder 0 and MyComputer by default", async () => {
    const run = await running();
    const sent: Promise<FormData>[] = [];
    const client = run.client({
      fetch: (request) => {
        if (request.method === "POST") sent.push(request.clone().formData());
        return fetch(request);
      },
    });
    await client.upload(PNG, { filename: "a.jpeg.png", description: "d" });
    const form = await sent[0]!;
    expect(Object.fromEntries([...form].filter(([, v]) => typeof v === "string"))).toEqual({
      file_name: "a.jpeg.png",
      file_type: "PNG",
      folder_id: "0",
      description: "d",
      source: "MyComputer",
    });
    expect((form.get("data") as File).type).toBe("image/png");
  });

  it("rejects a file the scan finds a virus in with UploadFailedError (VirusFound)", async () => {
    const run = await running();
    const error = await caught(run.client().processFile(PNG, { ...fast, filename: "virus.png" }));
    expect(UploadFailedError.is(error)).toBe(true);
    expect((error as UploadFailedError).status.raw).toMatchObject({ status: "VirusFound" });
  });

  it("deleteUpload moves the file to the Trash: its status becomes deleted", async () => {
    const run = await running();
    const client = run.client();
    const { status } = await client.processFile(PNG, { ...fast, filename: "a.png" });
    await expect(client.deleteUpload(status.id)).resolves.toBeUndefined();
    expect((await client.uploadStatus(status.id)).state).toBe("deleted");
    expect((await client.file(status.id)).status).toBe("Deleted");
    const missing = await caught(client.deleteUpload("424242"));
    expect(missing).toMatchObject({ name: "ApiError", status: 404 });
  });
});
