export { createSandbox } from "./sandbox.ts";
export { defaultUploads, DEMO_UPLOAD_IDS } from "./seeds.ts";
export { FAULT_HEADER, FAULT_PARAM, RESET_MESSAGE, isConnectionReset } from "./faults.ts";
export { ENDPOINTS } from "./router.ts";
export {
  PROVIDERS,
  type FetchHandler,
  type ProgressMode,
  type ProviderName,
  type Sandbox,
  type SandboxOptions,
  type SeedUpload,
  type UploadOutcome,
} from "./types.ts";
