/**
 * `@ordersync/redis-token-store`: platform access tokens shared by every process through Redis,
 * refreshed by exactly one of them under a lease.
 *
 * @packageDocumentation
 */

export {
  createRedisTokenStore,
  type RedisTokenStore,
  type RedisTokenStoreOptions,
} from './redis-token-store.ts'
