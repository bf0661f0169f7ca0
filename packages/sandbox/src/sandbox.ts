/**
 * createSandbox: one web-standard `fetch` handler that simulates all five providers.
 */
import type { Context, ProviderRoute } from "./context.ts";
import { readFault, withFault } from "./faults.ts";
import { constantcontact } from "./providers/constantcontact.ts";
import { highlevel } from "./providers/highlevel.ts";
import { ipqs } from "./providers/ipqs.ts";
import { sanitizeemail } from "./providers/sanitizeemail.ts";
import { zerobounce } from "./providers/zerobounce.ts";
import { route } from "./router.ts";
import { defaultUploads } from "./seeds.ts";
import {
  PROVIDERS,
  type ProviderName,
  type Sandbox,
  type SandboxOptions,
  type SeedUpload,
} from "./types.ts";
import { checkUploads, sandboxNow, viewsAt, type Timeline } from "./uploads.ts";

/** Throws a RangeError or TypeError at once for options the sandbox cannot honour. */
function check(options: SandboxOptions): void {
  const { speed, now } = options;
  if (speed !== undefined && !(Number.isFinite(speed) && speed > 0))
    throw new RangeError(`sandbox: speed must be a positive number, got ${speed}`);
  if (now !== undefined && typeof now !== "function")
    throw new TypeError("sandbox: now must be a function returning ms since the epoch");
  if (options.uploads !== undefined) checkUploads(options.uploads);
}

export function createSandbox(options: SandboxOptions = {}): Sandbox {
  check(options);
  const now = options.now ?? Date.now;
  const seeds = options.uploads ?? defaultUploads();
  const uploads = new Map<ProviderName, SeedUpload[]>(
    PROVIDERS.map((p) => [p, seeds.filter((u) => u.provider === p).map((u) => ({ ...u }))]),
  );
  const timeline: Timeline = { start: now(), speed: options.speed ?? 1, now };
  const routes: ProviderRoute[] = [
    zerobounce(),
    ipqs(),
    sanitizeemail(),
    highlevel(),
    constantcontact(),
  ];
  const faultCounts = new Map<string, number>();
  const received = new Map<ProviderName, number>();

  const fetch = (request: Request): Promise<Response> => {
    const { value, url } = readFault(request);
    const provider = routes.find((r) => r.match(url))?.provider;
    return withFault(value, provider, request, faultCounts, async () => {
      const at = sandboxNow(timeline);
      const context: Context = {
        request,
        url,
        now: now(),
        at,
        views: (provider) => viewsAt(uploads.get(provider) ?? [], timeline.start, at),
        add: (upload) => {
          checkUploads([upload]);
          uploads.get(upload.provider)!.push({ ...upload, createdAt: at - timeline.start });
          received.set(upload.provider, (received.get(upload.provider) ?? 0) + 1);
        },
      };
      return route(routes, context);
    });
  };

  return {
    fetch,
    uploads: (provider) => (uploads.get(provider) ?? []).map((u) => ({ ...u })),
    received: (provider) => received.get(provider) ?? 0,
  };
}
