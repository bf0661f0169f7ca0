export { serve, type Handler, type RecordedRequest, type TestServer } from "./serve.ts";
export { useServer, type ServerHandle } from "./use-server.ts";
export { loadSpec, responseExamples, type ResponseExample } from "./examples.ts";
export { placesOf } from "./secrets.ts";
