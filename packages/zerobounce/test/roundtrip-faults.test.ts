import { caught, recordingClock } from "@filestatus/testkit";
import { describe, expect, it } from "vitest";
import { ConnectionError, type Client } from "../src/index.ts";
import { KEY, LIST, useRoundTripSandbox } from "./roundtrip-setup.ts";

const setup = useRoundTripSandbox();
const OPTIONS = { emailColumn: 2, hasHeaderRow: true, filename: "faulty.csv" };

/** Everything an error exposes that could end up in a log. */
function exposed(error: unknown): string {
  const e = error as Error & { cause?: unknown };
  return [e.message, e.stack, JSON.stringify(e), String(e.cause), (e.cause as Error)?.stack].join(
    "\n",
  );
}

const uploads = () => setup.sent.filter((s) => s.url.pathname === "/v2/sendfile");

/** 2 000 rows: results of several pieces, so a cut comes after the answer's head went out. */
const BIG = ["email", ...Array.from({ length: 2000 }, (_, i) => `user${i}@example.com`)].join("\n");

/** A finished upload of `list` and a client whose getfile requests carry `fault`. */
async function completed(fault: string, list = LIST): Promise<{ zb: Client; id: string }> {
  const zb = setup.client({}, { path: "/v2/getfile", value: fault, times: 10 });
  const { id } = await zb.upload(
    list,
    list === LIST ? OPTIONS : { emailColumn: 1, hasHeaderRow: true },
  );
  await zb.waitForUpload(id, { intervalMs: 5 });
  return { zb, id };
}

describe("zerobounce round trip under faults", () => {
  it("a reset during the upload is not sent again and may have been accepted", async () => {
    const lines: string[] = [];
    const zb = setup.client(
      { logger: { debug: (line) => lines.push(line) } },
      { path: "/v2/sendfile", value: "reset" },
    );
    const error = await caught(zb.upload(LIST, OPTIONS));
    expect(ConnectionError.is(error)).toBe(true);
    expect(error).toMatchObject({ mayHaveBeenAccepted: true });
    expect((error as Error).message).toMatch(/look for "faulty\.csv"/);
    // The key went in the form, so the URL shown is the one sent, without an `api_key` at all.
    expect((error as Error).message).not.toContain("api_key");
    expect(uploads()).toHaveLength(1);
    expect(exposed(error) + lines.join("\n")).not.toContain(KEY);
  });

  it("an answer cut after the file was taken: one upload received, and it may have been accepted", async () => {
    const zb = setup.client({}, { path: "/v2/sendfile", value: "reset-body", times: 5 });
    const error = await caught(zb.upload(LIST, OPTIONS));
    expect(error).toMatchObject({ mayHaveBeenAccepted: true });
    expect(setup.sandbox().received("zerobounce")).toBe(1);
    expect(uploads()).toHaveLength(1);
    expect(exposed(error)).not.toContain(KEY);
  });

  it.each([
    ["503 (Service Unavailable)", "503"],
    ["429 with Retry-After: 1", "429"],
  ])("a %s upload is sent again, and exactly one is received", async (_, fault) => {
    const clock = recordingClock();
    const zb = setup.client({ clock }, { path: "/v2/sendfile", value: fault });
    const upload = await zb.upload(LIST, OPTIONS);
    expect(upload.state).toBe("queued");
    expect(uploads()).toHaveLength(2);
    expect(setup.sandbox().received("zerobounce")).toBe(1);
    if (fault === "429") expect(clock.sleeps).toContain(1000);
  });

  it("a download reset mid-body rejects the read: never a silently short file", async () => {
    const { zb, id } = await completed("reset-body", BIG);
    const results = await zb.downloadResults(id);
    const error = await caught(results.text());
    expect(results.status).toBe(200);
    expect(ConnectionError.is(error)).toBe(true);
    expect(exposed(error)).not.toContain(KEY);
  });

  it("a slow download still completes, whole", async () => {
    const { zb, id } = await completed("slow-body=20");
    const results = await zb.downloadResults(id);
    expect((await results.text()).split("\r\n").filter(Boolean)).toHaveLength(5);
  });

  it("a bad key's refusal names neither the key nor the form", async () => {
    const bad = "bad-zb-Secret+Key/77";
    const zb = setup.client({ apiKey: bad });
    const error = await caught(zb.upload(LIST, OPTIONS));
    expect(error).toMatchObject({ status: 200, mayHaveBeenAccepted: false });
    expect((error as Error).message).toMatch(/api_key is invalid/);
    expect(exposed(error)).not.toContain(bad);
  });
});
