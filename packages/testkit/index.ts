export {
  hang,
  resetMidBody,
  serve,
  type Handler,
  type RecordedRequest,
  type TestServer,
} from "./serve.ts";
export { useServer, type ServerHandle } from "./use-server.ts";
export { loadSpec, resolveRef, responseExamples, type ResponseExample } from "./examples.ts";
export { documentedValues, type DocumentedValues } from "./documented.ts";
export { placesOf } from "./secrets.ts";
export { recordingClock, virtualClock, type RecordingClock, type VirtualClock } from "./clocks.ts";
export { describeFaults, type FaultTarget } from "./faults.ts";
export { itHonoursWaitLimits, type WaitLimitsTarget } from "./waits.ts";
export { caught, collect } from "./results.ts";
