export {
  createRedisStore,
  REDIS_STORE_DEFAULTS,
  type RedisConnection,
  type RedisStore,
  type RedisStoreOptions,
} from "./store.ts";
export { RedisStoreError, type RedisCommands } from "./connection.ts";
