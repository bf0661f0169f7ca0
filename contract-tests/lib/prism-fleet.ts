/**
 * The five Prism servers the contract tests talk to, started together in one `beforeAll`, and a
 * client factory per provider pointed at its Prism (through a proxy where Prism needs one).
 */
import * as constantcontact from "@filestatus/constantcontact";
import * as highlevel from "@filestatus/highlevel";
import * as ipqs from "@filestatus/ipqs";
import * as sanitizeemail from "@filestatus/sanitizeemail";
import * as zerobounce from "@filestatus/zerobounce";
import { afterAll, beforeAll } from "vitest";
import {
  encodePathCommas,
  loopbackFetch,
  startPathProxy,
  startPrisms,
  stripPrefix,
  type PathProxy,
  type PrismServer,
} from "./prism.ts";
import { PROVIDERS, specPath, type Provider } from "./spec.ts";

// A key that must be percent-encoded as a path segment, so the proxy sees whether it was.
export const IPQS_KEY = "prism key/+1";
export const IPQS_PREFIX = `/api/json/csv/${encodeURIComponent(IPQS_KEY)}`;

// Loopback only, each request sent once and at once: Prism's answers are the subject, not retries.
const BASE = { fetch: loopbackFetch, retry: false, rateLimit: false } as const;

export interface PrismFleet {
  zerobounce(options?: Partial<zerobounce.ClientOptions>): zerobounce.Client;
  ipqs(options?: Partial<ipqs.ClientOptions>): ipqs.Client;
  sanitizeemail(options?: Partial<sanitizeemail.ClientOptions>): sanitizeemail.Client;
  highlevel(options?: Partial<highlevel.ClientOptions>): highlevel.Client;
  constantcontact(options?: Partial<constantcontact.ClientOptions>): constantcontact.Client;
  /** In front of the IPQS Prism: strips `IPQS_PREFIX`, which Prism would not route. */
  readonly ipqsProxy: PathProxy;
  /** In front of the Constant Contact Prism: see `encodePathCommas`. */
  readonly ccProxy: PathProxy;
}

/** Registers the `beforeAll` that starts the fleet and the `afterAll` that stops it. */
export function usePrismFleet(): PrismFleet {
  let prism: Record<Provider, PrismServer> | undefined;
  let proxies: [PathProxy, PathProxy] | undefined;
  beforeAll(async () => {
    const specs = Object.fromEntries(PROVIDERS.map((p) => [p, specPath(p)]));
    prism = await startPrisms(specs as Record<Provider, string>);
    proxies = await Promise.all([
      startPathProxy(prism.ipqs.origin, stripPrefix(IPQS_PREFIX)),
      startPathProxy(prism.constantcontact.origin, encodePathCommas),
    ]);
  });
  afterAll(async () => {
    await Promise.all((proxies ?? []).map((p) => p.close()));
    await Promise.all(Object.values<PrismServer>(prism ?? {}).map((s) => s.stop()));
  });
  const origin = (p: Provider) => prism![p].origin;
  return {
    zerobounce: (o) =>
      zerobounce.createClient({ apiKey: "zb-key", baseUrl: origin("zerobounce"), ...BASE, ...o }),
    ipqs: (o) =>
      ipqs.createClient({
        apiKey: IPQS_KEY,
        baseUrl: `${proxies![0].origin}/api/json/csv/{apiKey}`,
        ...BASE,
        ...o,
      }),
    sanitizeemail: (o) =>
      sanitizeemail.createClient({
        apiKey: "se-key",
        baseUrl: origin("sanitizeemail"),
        ...BASE,
        ...o,
      }),
    highlevel: (o) =>
      highlevel.createClient({
        accessToken: "hl-token",
        baseUrl: origin("highlevel"),
        ...BASE,
        ...o,
      }),
    constantcontact: (o) =>
      constantcontact.createClient({
        apiKey: "cc-key",
        accessToken: "cc-token",
        baseUrl: proxies![1].origin,
        ...BASE,
        ...o,
      }),
    get ipqsProxy() {
      return proxies![0];
    },
    get ccProxy() {
      return proxies![1];
    },
  };
}
