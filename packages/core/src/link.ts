/**
 * Fetching a link the provider handed out (IPQS `downloads`, SanitizeEmail's pre-signed
 * `download_url`): another host, so none of the client's credentials and none of its rate limit,
 * and the link itself is a secret, redacted wherever the client's secrets are.
 */
import { createTransport, type TransportOptions } from "./fetch.ts";
import type { RoundTripOptions } from "./progress.ts";
import { createRedactor, secretFinder } from "./redact.ts";
import { errorFromResponse, linkSecrets, withDownloadProgress } from "./results.ts";

export interface LinkOptions extends RoundTripOptions {
  /**
   * The link works once (IPQS): a request to it is never repeated, since a first attempt that
   * failed may have used it up. Ask the provider for a fresh link instead.
   */
  once?: boolean;
}

export type LinkFetcher = (url: string, options?: LinkOptions) => Promise<Response>;

/** `client.fetchLink` for a client whose transport is built from `transport`. */
export function linkFetcher(transport: TransportOptions, secrets: readonly string[]): LinkFetcher {
  const { provider, clock } = transport;
  return async (url, options = {}) => {
    if (typeof url !== "string" || !/^https?:\/\//i.test(url))
      throw new TypeError(`@filestatus/${provider}: a download link must be an http(s) URL`);
    const hidden = [...secrets, ...linkSecrets(url)];
    const redact = createRedactor(hidden);
    const send = createTransport({
      ...transport,
      credentials: [],
      redact,
      carriesSecret: secretFinder(hidden),
      limiter: undefined,
      ...(options.once && { retry: false }),
      streamAll: true, // a CSV behind a link may come as text/plain: still a file
    });
    const request = new Request(url, { headers: { Accept: "*/*" }, signal: options.signal });
    const response = await send(request);
    if (!response.ok)
      throw await errorFromResponse({ provider, redact, now: () => clock.now() }, response);
    return withDownloadProgress(response, options);
  };
}
