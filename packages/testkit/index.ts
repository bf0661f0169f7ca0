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
export { caught, collect, exposed } from "./results.ts";
export { scaledClock, type ScaledClock } from "./scaled-clock.ts";
export { csvRows, expectedVerdict, manyList, manyLists, type ManyList } from "./many-lists.ts";
export {
  busiestWindow,
  countingHandler,
  type CountingHandler,
  type FetchHandler,
  type ServerTally,
} from "./counting.ts";
export {
  runManyRoundTrips,
  type ListOutcome,
  type ManyRoundTrips,
  type RoundTripResult,
} from "./many-round-trips.ts";
export { BARE_CLIENT_KEYS, describeBareClient, type BareClientCase } from "./bare.ts";
