import type {
  PreparedOrder,
  SendSettlement,
  StoredVersion,
  VersionClaim,
  VersionRepair,
  VersionStore,
} from '@ordersync/core'
import type { Redis } from 'ioredis'

// The state of one order of one platform, in two Redis hashes changed only by these scripts, so
// that every decision is atomic across processes (the rules of core's memory store, in Lua):
//   KEYS[1] (state): nm, np, nc — the newest version claimed: its modifiedAt ('' when it has
//     none), its prepared order as JSON, and the token of its latest claim; hp — the prepared
//     order the platform holds, when known; du — until when a request in doubt may land (epoch
//     ms); d — '1' when the platform's copy may be older than the newest; rp — '1' while a repair
//     was handed out and not claimed;
//   KEYS[2] (in flight): claim token → when it was claimed.

// KEYS[1] state, KEYS[2] in flight, KEYS[3] claim counter. ARGV[1] modifiedAt or '', ARGV[2]
// prepared JSON, ARGV[3] now, ARGV[4] time to live (ms).
// Returns { 'stale', newest } or { 'send', claim, holds JSON or '' }.
const claimScript = `
local nm = redis.call('HGET', KEYS[1], 'nm')
if ARGV[1] ~= '' and nm and nm ~= '' and tonumber(ARGV[1]) < tonumber(nm) then
  return { 'stale', nm }
end
local claim = tostring(redis.call('INCR', KEYS[3]))
local holds = ''
if redis.call('HGET', KEYS[1], 'd') ~= '1' and redis.call('HLEN', KEYS[2]) == 0 then
  holds = redis.call('HGET', KEYS[1], 'hp') or ''
end
redis.call('HSET', KEYS[1], 'nm', ARGV[1], 'np', ARGV[2], 'nc', claim, 'rp', '0')
redis.call('HSET', KEYS[2], claim, ARGV[3])
redis.call('PEXPIRE', KEYS[1], ARGV[4])
redis.call('PEXPIRE', KEYS[2], ARGV[4])
return { 'send', claim, holds }
`

// KEYS[1] state, KEYS[2] in flight. ARGV[1] claim, ARGV[2] '1' when confirmed, ARGV[3] in doubt
// until (epoch ms) or '', ARGV[4] '1' when the request in doubt was overtaken by a later one of
// its send, ARGV[5] now, ARGV[6] time to live (ms).
// Returns {} or the repair { at, modifiedAt or '', prepared JSON }.
const settleScript = `
local claimedAt = redis.call('HGET', KEYS[2], ARGV[1])
if not claimedAt then return {} end
claimedAt = tonumber(claimedAt)
redis.call('HDEL', KEYS[2], ARGV[1])
local now = tonumber(ARGV[5])
local state = redis.call('HMGET', KEYS[1], 'nc', 'du', 'd', 'rp', 'nm', 'np')
local isNewest = state[1] == ARGV[1]
local earlier = tonumber(state[2] or '0') or 0
local du = earlier
local dirty = state[3] == '1'
redis.call('HDEL', KEYS[1], 'hp')
if ARGV[3] ~= '' then
  du = math.max(du, tonumber(ARGV[3]))
  if (not isNewest) or ARGV[4] == '1' then dirty = true end
end
local inFlight = redis.call('HVALS', KEYS[2])
if ARGV[2] ~= '1' then
  if isNewest and #inFlight > 0 then dirty = true end
elseif not isNewest then
  dirty = true
  du = math.max(du, now)
else
  local olderInFlight = false
  for _, at in ipairs(inFlight) do
    if tonumber(at) <= claimedAt then olderInFlight = true end
  end
  if claimedAt < earlier or olderInFlight then
    dirty = true
  elseif ARGV[3] == '' or ARGV[4] ~= '1' then
    dirty = false
  end
  if not dirty then redis.call('HSET', KEYS[1], 'hp', state[6]) end
end
redis.call('HSET', KEYS[1], 'd', dirty and '1' or '0', 'du', tostring(du))
redis.call('PEXPIRE', KEYS[1], ARGV[6])
if (not dirty) or #inFlight > 0 or state[4] == '1' or not state[6] then return {} end
redis.call('HSET', KEYS[1], 'rp', '1')
return { tostring(math.max(du, now)), state[5] or '', state[6] }
`

/**
 * Options of {@link createRedisVersionStore}.
 *
 * @example
 * ```ts
 * // type-checked only: it needs a Redis server, which the examples' sandbox does not run
 * import { Redis } from 'ioredis'
 *
 * const options: RedisVersionStoreOptions = { redis: new Redis(process.env.REDIS_URL ?? ''), prefix: 'shop-a:versions:' }
 * ```
 */
export interface RedisVersionStoreOptions {
  /** The ioredis client; the store never closes it. */
  readonly redis: Redis
  /**
   * Put before every key, so that several applications (or tests) can share one Redis.
   *
   * @default 'ordersync:versions:'
   */
  readonly prefix?: string
  /**
   * How long an order's state is kept after its last send. Keep it longer than the time between
   * two versions of an order: a version older than a forgotten one is no longer refused.
   *
   * @default 604800000 (7 days)
   */
  readonly ttlMs?: number
}

/**
 * A `VersionStore` (`@ordersync/core`) in Redis, shared by every process that syncs the same
 * orders: a run never sends a version older than one another process claimed, and the last send
 * of an order to settle, in whichever process, is told to repair a copy in doubt. Each call is one
 * Lua script, atomic in Redis. The newest version's prepared order is kept as JSON, so that any
 * process can send it again: platform payloads are JSON already.
 *
 * It guarantees as much as Redis keeps: with persistence off, a restart of Redis forgets every
 * order (the next version of each is then sent without a check).
 *
 * @param options - The Redis client, the key prefix and how long an order is remembered.
 * @returns The store: pass it to `syncOrders({ versionStore })` in every process.
 * @example
 * ```ts
 * // type-checked only: it needs a Redis server, which the examples' sandbox does not run
 * import { syncOrders } from '@ordersync/core'
 * import { createRedisVersionStore } from '@ordersync/redis-token-store'
 * import { Redis } from 'ioredis'
 *
 * const versionStore = createRedisVersionStore({ redis: new Redis(process.env.REDIS_URL ?? '') })
 * await syncOrders({ platform, orders, versionStore })
 * ```
 */
export function createRedisVersionStore(options: RedisVersionStoreOptions): VersionStore {
  const { redis } = options
  const prefix = options.prefix ?? 'ordersync:versions:'
  const ttl = String(options.ttlMs ?? 7 * 24 * 60 * 60 * 1000)
  // Distinct prefixes for the two hashes, so that no order id can name another order's hash.
  const keys = (key: string): [string, string] => [`${prefix}v:${key}`, `${prefix}f:${key}`]
  return {
    claim: async (key, version, now) => {
      const [state, flight] = keys(key)
      const answer = (await redis.eval(
        claimScript,
        3,
        state,
        flight,
        `${prefix}claims`,
        version.modifiedAt === undefined ? '' : String(version.modifiedAt),
        JSON.stringify(version.prepared),
        String(now),
        ttl,
      )) as string[]
      return claimAnswer(answer)
    },
    settle: async (key, claim, settlement: SendSettlement, now) => {
      const [state, flight] = keys(key)
      const answer = (await redis.eval(
        settleScript,
        2,
        state,
        flight,
        claim,
        settlement.confirmed ? '1' : '0',
        settlement.inDoubtUntil === undefined ? '' : String(settlement.inDoubtUntil),
        settlement.overtakes ? '1' : '0',
        String(now),
        ttl,
      )) as string[]
      return repairAnswer(answer)
    },
  }
}

function claimAnswer(answer: readonly string[]): VersionClaim {
  const [state, value = '', holds = ''] = answer
  if (state === 'stale') return { state: 'stale', newest: Number(value) }
  if (holds === '') return { state: 'send', claim: value }
  return { state: 'send', claim: value, holds: storedVersionOf(holds) }
}

function repairAnswer(answer: readonly string[]): VersionRepair | undefined {
  const [at, modifiedAt, prepared] = answer
  if (at === undefined || prepared === undefined) return undefined
  return {
    at: Number(at),
    version: {
      modifiedAt: modifiedAt === '' || modifiedAt === undefined ? undefined : Number(modifiedAt),
      prepared: JSON.parse(prepared) as PreparedOrder<unknown>,
    },
  }
}

function storedVersionOf(json: string): StoredVersion {
  const prepared = JSON.parse(json) as PreparedOrder<unknown>
  return { modifiedAt: undefined, prepared }
}
