// A process that opens a store on REDIS_URL and closes it at once, before it has connected: it
// must then exit on its own, as a command-line tool does when it ends before its first request.
import { createRedisStore } from "@filestatus/redis";

const store = createRedisStore({ url: process.env.REDIS_URL });
await store.close();
