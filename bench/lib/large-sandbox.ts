/**
 * The sandbox for the large-file sections, in a process of its own so that the client's RSS is the
 * client's alone. Uploads complete as soon as the sandbox has read them: processing takes 100 ms a
 * row at speed 1, so 8 million rows need a speed of millions.
 *
 * Beside the sandbox's own paths, two the benchmark needs:
 * - `/sink/…`: the transport alone. A POST is read to its end and answered as `sendfile` answers;
 *   a GET (`/sink/v2/getfile`) serves the file named by argv[2] as `getfile` serves results.
 *   So the client's throughput can be seen where the sandbox's CSV work does not bound it.
 * - `POST /bench/reset`: a fresh sandbox, letting go of the lists received so far.
 * argv: sinkFile speed. Replies { origin }, then { maxRss } to every "stats" message.
 */
import { openAsBlob } from "node:fs";
import { createSandbox, type Sandbox } from "@filestatus/sandbox";
import { serve } from "@filestatus/sandbox/node";
import { reply } from "./child.ts";
import { drain } from "./rss.ts";

const [sinkFile, speedText] = process.argv.slice(2) as [string, string];
const speed = Number(speedText);
let sandbox: Sandbox = createSandbox({ speed });

async function sink(request: Request): Promise<Response> {
  if (request.method === "POST") {
    const received = await drain(request.body);
    const answer = { success: true, message: "File Accepted", file_name: "sink.csv" };
    return Response.json({ ...answer, file_id: `sink-${received}` });
  }
  const file = await openAsBlob(sinkFile);
  return new Response(file, {
    headers: {
      "content-type": "application/octet-stream",
      "content-disposition": 'attachment; filename="sink.csv"',
    },
  });
}

const server = await serve(async (request: Request) => {
  const { pathname } = new URL(request.url);
  if (pathname.startsWith("/sink/")) return sink(request);
  if (pathname === "/bench/reset" && request.method === "POST") {
    sandbox = createSandbox({ speed });
    return Response.json({ reset: true });
  }
  return sandbox.fetch(request);
});
reply({ origin: server.url });
process.on("message", () => reply({ maxRss: process.resourceUsage().maxRSS * 1024 }));
process.on("SIGTERM", () => void server.close().then(() => process.exit(0)));
