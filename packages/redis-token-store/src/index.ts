/**
 * `@ordersync/redis-token-store`: platform access tokens shared by every process through Redis,
 * refreshed by exactly one of them under a lease; and the version store of `syncOrders` in Redis,
 * so that every process refuses an older version than one another process sent.
 *
 * @packageDocumentation
 */

export {
  createRedisTokenStore,
  type RedisTokenStore,
  type RedisTokenStoreOptions,
} from './redis-token-store.ts'
export {
  createRedisVersionStore,
  type RedisVersionStoreOptions,
} from './redis-version-store.ts'
