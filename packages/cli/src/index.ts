export { Interrupted, UsageError } from "./errors.ts";
export { main, type Io } from "./main.ts";
export {
  PROVIDER_NAMES,
  PROVIDERS,
  providerEntry,
  type Credentials,
  type ProviderEntry,
  type StatusClient,
} from "./providers.ts";
export { statusJson, statusLine } from "./render.ts";
export type { Input } from "./secret.ts";
export { watchUploads, type Output, type WatchResult, type WatchTarget } from "./watch.ts";
