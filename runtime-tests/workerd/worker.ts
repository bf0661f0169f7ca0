/**
 * The shared flow as a Cloudflare Worker. Bundled from a throwaway project that installed the
 * packed tarballs (app.ts), it runs inside workerd; the test asks it over HTTP to run one
 * provider's step against a sandbox that Node serves on 127.0.0.1:
 *
 *   GET /flow/<provider>?origin=…        shared/flow.ts
 *   GET /roundtrip/<provider>?origin=…   shared/roundtrip.ts
 *   GET /redirect?origins=<a>,<b>        shared/redirect.ts, its two servers on this Worker's
 *                                        other two sockets (a Worker cannot listen on a port)
 *
 * It answers 200 with `{ userAgent }` when every assertion held, 500 with the error otherwise.
 */
import { flows } from "../shared/flow.ts";
import { redirectFlow, type ServeOn } from "../shared/redirect.ts";
import { roundTrips } from "../shared/roundtrip.ts";

type Handler = (request: Request) => Promise<Response>;

/** What `redirectFlow` serves, by the origin of the socket it was given. */
const served = new Map<string, Handler>();

/** Gives each handler one of the origins the test listed, and answers its requests. */
function serveOnSockets(origins: string[]): ServeOn {
  return async (handler) => {
    const origin = origins.find((o) => !served.has(o));
    if (origin === undefined) throw new Error(`more servers asked for than ${origins.length}`);
    served.set(origin, handler);
    return { origin, close: async () => void served.delete(origin) };
  };
}

async function run(url: URL): Promise<void> {
  const [, kind = "", provider = ""] = url.pathname.split("/");
  const origin = url.searchParams.get("origin") ?? "";
  if (kind === "redirect") {
    const origins = (url.searchParams.get("origins") ?? "").split(",");
    return redirectFlow(serveOnSockets(origins));
  }
  const steps = kind === "flow" ? flows : kind === "roundtrip" ? roundTrips : {};
  const step = Object.hasOwn(steps, provider) ? steps[provider] : undefined; // not "__proto__"
  if (step === undefined) throw new Error(`no step ${url.pathname}`);
  return step(origin);
}

export default {
  async fetch(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const handler = served.get(url.origin);
    if (handler !== undefined) return handler(request);
    try {
      await run(url);
      return Response.json({ userAgent: navigator.userAgent });
    } catch (error) {
      const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
      return new Response(text, { status: 500 });
    }
  },
};
