// The smoke flow a user would write after `npm install`: every published package by its bare name,
// one client per provider against an in-process sandbox, then one call over real HTTP through the
// Node adapter. Copied into a throwaway project outside the workspace and run by Node, Deno and Bun;
// it prints one JSON line that the test reads.
import * as cli from "@filestatus/cli";
import * as constantcontact from "@filestatus/constantcontact";
import * as core from "@filestatus/core";
import * as highlevel from "@filestatus/highlevel";
import * as ipqs from "@filestatus/ipqs";
import { createRedisStore } from "@filestatus/redis";
import { createSandbox, DEMO_UPLOAD_IDS } from "@filestatus/sandbox";
import { serve } from "@filestatus/sandbox/node";
import * as sanitizeemail from "@filestatus/sanitizeemail";
import * as zerobounce from "@filestatus/zerobounce";

const runtime = typeof Deno !== "undefined" ? "deno" : typeof Bun !== "undefined" ? "bun" : "node";

// A clock the consumer moves by hand, so the states seen do not depend on how fast a runtime starts.
let now = 0;
const sandbox = createSandbox({ now: () => now });
const origin = "http://sandbox.test";
const common = { fetch: sandbox.fetch, retry: false };
const clients = {
  zerobounce: zerobounce.createClient({ ...common, apiKey: "k", baseUrl: origin }),
  ipqs: ipqs.createClient({ ...common, apiKey: "k", baseUrl: `${origin}/api/json/csv/{apiKey}` }),
  sanitizeemail: sanitizeemail.createClient({ ...common, apiKey: "k", baseUrl: origin }),
  highlevel: highlevel.createClient({
    ...common,
    accessToken: "t",
    locationId: "loc",
    baseUrl: origin,
  }),
  constantcontact: constantcontact.createClient({
    ...common,
    apiKey: "k",
    accessToken: "t",
    baseUrl: origin,
  }),
};

const states = {};
for (const [provider, client] of Object.entries(clients)) {
  const id = DEMO_UPLOAD_IDS[provider];
  const first = await client.uploadStatus(id);
  now += 60 * 60_000; // an hour on: every demo upload has finished by then
  const later = await client.uploadStatus(id);
  now -= 60 * 60_000;
  states[provider] = { id: first.id, provider: first.provider, states: [first.state, later.state] };
}

// The Node adapter: a loopback server on a free port, one status over real HTTP, then closed.
const server = await serve(sandbox, { port: 0 });
let overHttp;
try {
  const zb = zerobounce.createClient({ apiKey: "k", baseUrl: server.url, retry: false });
  overHttp = (await zb.uploadStatus(DEMO_UPLOAD_IDS.zerobounce)).state;
} finally {
  await server.close();
}

// The Redis store where no Redis listens: the client waits for no one and answers on its own limit.
const store = createRedisStore({ url: "redis://127.0.0.1:1" }, { commandTimeoutMs: 300 });
const lone = zerobounce.createClient({ ...common, apiKey: "k", baseUrl: origin, store });
const storeDown = (await lone.uploadStatus(DEMO_UPLOAD_IDS.zerobounce)).state;
await store.close();

const errors = typeof core.ApiError === "function" && typeof core.redactDeep === "function";
console.log(
  JSON.stringify({
    runtime,
    states,
    overHttp,
    storeDown,
    errors,
    cliProviders: cli.PROVIDER_NAMES,
  }),
);
