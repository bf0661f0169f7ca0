export {
  createClient,
  DEFAULT_BASE_URL,
  DEFAULT_VERSION,
  RATE_LIMIT,
  type Client,
  type ClientOptions,
} from "./client.ts";
export type { components, operations, paths } from "./generated/schema.ts";
export { ApiError, ConnectionError, FilestatusError, TimeoutError } from "@filestatus/core";
