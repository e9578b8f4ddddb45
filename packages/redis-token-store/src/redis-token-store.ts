import type { StoredToken, TokenLease, TokenStore } from '@ordersync/core'
import type { Redis } from 'ioredis'

// Deletes KEYS[1] only while it still holds the token ARGV[1]: expiring a rejected token must
// never delete a newer one that another process stored meanwhile.
const compareAndDeleteToken = `
local stored = redis.call('GET', KEYS[1])
if not stored then return 0 end
local ok, token = pcall(cjson.decode, stored)
if ok and type(token) == 'table' and token.value == ARGV[1] then
  redis.call('DEL', KEYS[1])
  return 1
end
return 0
`

// Releases the lease KEYS[1] only while it is still the caller's (ARGV[1]): a lease that expired
// and was taken by another process is not theirs to end.
const releaseLease = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
`

// Extends the lease KEYS[1] by ARGV[2] ms only while it is still the caller's (ARGV[1]).
const extendLease = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return 0
`

/**
 * Options of {@link createRedisTokenStore}.
 *
 * @example
 * ```ts
 * // type-checked only: it needs a Redis server, which the examples' sandbox does not run
 * import { Redis } from 'ioredis'
 *
 * const options: RedisTokenStoreOptions = { redis: new Redis(process.env.REDIS_URL ?? ''), prefix: 'shop-a:token:' }
 * ```
 */
export interface RedisTokenStoreOptions {
  /**
   * The ioredis client. The store never closes it: the application owns the connection (call
   * `redis.quit()` at shutdown).
   */
  readonly redis: Redis
  /**
   * Put before every key, so that several applications (or tests) can share one Redis.
   *
   * @default 'ordersync:token:'
   */
  readonly prefix?: string
}

/**
 * A `TokenStore` (`@ordersync/core`) that every process can use at once: all of them see one token.
 *
 * @example
 * ```ts
 * // type-checked only: it needs a Redis server, which the examples' sandbox does not run
 * import { Redis } from 'ioredis'
 *
 * const store: RedisTokenStore = createRedisTokenStore({ redis: new Redis(process.env.REDIS_URL ?? '') })
 * const lease = await store.lease('wechat:wx123', 10_000) // undefined while another process refreshes
 * ```
 */
export interface RedisTokenStore extends TokenStore {
  /**
   * Takes the refresh lease of `key` for `ttlMs` (Redis `SET NX PX`): `undefined` while another
   * process holds it. The lease ends by itself after `ttlMs`, so a refresher that dies holds the
   * others up for at most that long.
   */
  lease(key: string, ttlMs: number): Promise<TokenLease | undefined>
}

function isStoredToken(value: unknown): value is StoredToken {
  if (typeof value !== 'object' || value === null) return false
  const token = value as Record<string, unknown>
  return (
    typeof token.value === 'string' &&
    typeof token.expiresAt === 'number' &&
    (token.refreshAt === undefined || typeof token.refreshAt === 'number')
  )
}

/**
 * Creates a token store on Redis for core's token manager, so that any number of processes share
 * one access token per credential:
 *
 * - `get` / `set`: the token as JSON under `<prefix><key>`, expiring in Redis with the token;
 * - `compareAndDelete`: one Lua script, so that only the token that was rejected is expired;
 * - `lease`: `SET <prefix><key>:lease <random id> NX PX ttl`, released by a compare-and-delete of
 *   that id. Core's token manager takes it before refreshing, so exactly one process calls the
 *   token endpoint while the others wait for its result; if that process dies, the lease expires
 *   and the next one refreshes.
 *
 * A value under the key that is not a token written by this store reads as no token.
 *
 * @param options - The ioredis client and the key prefix.
 * @returns The store.
 * @example
 * ```ts
 * // type-checked only: it needs a Redis server, which the examples' sandbox does not run
 * import { createTokenManager } from '@ordersync/core'
 * import { createRedisTokenStore } from '@ordersync/redis-token-store'
 * import { Redis } from 'ioredis'
 *
 * const store = createRedisTokenStore({ redis: new Redis(process.env.REDIS_URL ?? '') })
 * const manager = createTokenManager({ platform: 'wechat', key: 'wechat:wx123', store, fetchToken })
 * ```
 */
export function createRedisTokenStore(options: RedisTokenStoreOptions): RedisTokenStore {
  const { redis } = options
  const prefix = options.prefix ?? 'ordersync:token:'
  return {
    async get(key) {
      const stored = await redis.get(`${prefix}${key}`)
      if (stored === null) return undefined
      let token: unknown
      try {
        token = JSON.parse(stored)
      } catch {
        return undefined
      }
      return isStoredToken(token) ? token : undefined
    },
    async set(key, token, ttlMs) {
      const stored: StoredToken = {
        value: token.value,
        expiresAt: token.expiresAt,
        ...(token.refreshAt === undefined ? {} : { refreshAt: token.refreshAt }),
      }
      await redis.set(
        `${prefix}${key}`,
        JSON.stringify(stored),
        'PX',
        Math.max(1, Math.ceil(ttlMs)),
      )
    },
    async compareAndDelete(key, expectedValue) {
      const deleted = await redis.eval(compareAndDeleteToken, 1, `${prefix}${key}`, expectedValue)
      return deleted === 1
    },
    async lease(key, ttlMs) {
      const leaseKey = `${prefix}${key}:lease`
      const id = crypto.randomUUID()
      const taken = await redis.set(leaseKey, id, 'PX', Math.max(1, Math.ceil(ttlMs)), 'NX')
      if (taken !== 'OK') return undefined
      return {
        async release() {
          await redis.eval(releaseLease, 1, leaseKey, id)
        },
        async extend(more) {
          const extended = await redis.eval(
            extendLease,
            1,
            leaseKey,
            id,
            String(Math.max(1, Math.ceil(more))),
          )
          return extended === 1
        },
      }
    },
  }
}
