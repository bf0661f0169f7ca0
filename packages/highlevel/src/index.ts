export {
  createClient,
  DEFAULT_BASE_URL,
  DEFAULT_VERSION,
  type Client,
  type ClientOptions,
} from "./client.ts";
export type { components, operations, paths } from "./generated/schema.ts";
export { ApiError, ConnectionError, FilestatusError } from "@filestatus/core";
