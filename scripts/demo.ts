/**
 * `pnpm demo`: the sandbox on a loopback port, and one upload per provider watched to completion
 * with the CLI's live display (plain lines when stdout is not a terminal); then a real round trip:
 * a generated list sent, processed and its results saved (scripts/lib/round-trip-demo.ts). No
 * network, no keys.
 */
import { PROVIDERS, watchUploads, type WatchTarget } from "@filestatus/cli";
import { createSandbox, DEMO_UPLOAD_IDS, type ProviderName } from "@filestatus/sandbox";
import { serve } from "@filestatus/sandbox/node";
import { roundTripDemo } from "./lib/round-trip-demo.ts";

const sandbox = createSandbox({ speed: 2 });
const server = await serve(sandbox);
// The round trip's sandbox runs faster: 200 rows take 20 s at speed 1, 0.4 s at 50.
const fast = await serve(createSandbox({ speed: 50 }));
console.log(`filestatus demo: sandbox on ${server.url}, one upload per provider\n`);

const baseUrl = (provider: ProviderName) =>
  provider === "ipqs" ? `${server.url}/api/json/csv/{apiKey}` : server.url;
const targets: WatchTarget[] = (Object.keys(DEMO_UPLOAD_IDS) as ProviderName[]).map((provider) => ({
  provider,
  id: DEMO_UPLOAD_IDS[provider],
  client: PROVIDERS[provider]!.create(
    { apiKey: "demo-key", accessToken: "demo-token", locationId: "demo-location" },
    { baseUrl: baseUrl(provider) },
  ),
}));

try {
  const started = performance.now();
  const results = await watchUploads(targets, process.stdout, {
    intervalMs: 250,
    timeoutMs: 25_000,
  });
  const failed = results.filter((r) => r.error !== undefined);
  for (const { target, error } of failed)
    console.error(`${target.provider} ${target.id}: ${String(error)}`);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    `\n${results.length - failed.length} of ${results.length} uploads complete in ${seconds} s`,
  );
  const matched = await roundTripDemo(fast.url);
  process.exitCode = failed.length === 0 && matched ? 0 : 1;
} finally {
  await Promise.all([server.close(), fast.close()]);
}
