/**
 * The sandbox as the repo's own suites use it: `sandbox.fetch` as a testkit handler, and time on
 * testkit's virtual clock so that polling for minutes takes no time at all.
 */
import { useServer, virtualClock } from "@filestatus/testkit";
import { describe, expect, it } from "vitest";
import { createSandbox, DEMO_UPLOAD_IDS } from "../src/index.ts";

const STATUS = `/v2/filestatus?api_key=key&file_id=${DEMO_UPLOAD_IDS.zerobounce}`;

describe("with testkit", () => {
  it("a poller on virtual time sees the demo upload queue, progress and complete", async () => {
    const clock = virtualClock(Date.UTC(2025, 0, 1));
    const sandbox = createSandbox({ now: clock.now });
    const poll = async () => {
      const seen: string[] = [];
      for (;;) {
        const response = await sandbox.fetch(new Request(`http://sandbox.test${STATUS}`));
        const body = await response.json();
        seen.push(`${body.file_status} ${body.complete_percentage}`);
        if (body.file_status === "Complete") return seen;
        await clock.sleep(1_000);
      }
    };
    expect(await clock.run(poll())).toEqual([
      "Queued 0%",
      "Queued 0%",
      "In Progress 0% Complete.",
      "In Progress 16% Complete.",
      "In Progress 33% Complete.",
      "In Progress 50% Complete.",
      "In Progress 66% Complete.",
      "In Progress 83% Complete.",
      "Complete 100%",
    ]);
  });

  describe("useServer(sandbox.fetch)", () => {
    const server = useServer(createSandbox().fetch);

    it("answers over testkit's loopback server, which records what was sent", async () => {
      const response = await fetch(`${server.origin}${STATUS}`);
      expect(await response.json()).toMatchObject({ success: true, file_name: "demo-list.csv" });
      expect(server.last().url.searchParams.get("file_id")).toBe(DEMO_UPLOAD_IDS.zerobounce);
    });
  });
});
