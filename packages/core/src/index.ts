export { applyCredentials, requireCredential, type Credential } from "./auth.ts";
export {
  createApiClient,
  createTransport,
  type ApiClient,
  type CommonOptions,
  type Fetch,
  type ProviderConfig,
} from "./client.ts";
export {
  ApiError,
  ConnectionError,
  FilestatusError,
  providerMessage,
  type ApiErrorInit,
} from "./errors.ts";
export { createRedactor, redactDeep, redactHeaders, REDACTED, type Redactor } from "./redact.ts";
export type { WithDefaultHeaders } from "./types.ts";
