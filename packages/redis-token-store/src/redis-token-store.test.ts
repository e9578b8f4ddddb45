import { createTokenManager } from '@ordersync/core'
import { Redis } from 'ioredis'
import { afterAll, beforeEach, describe, expect, it } from 'vitest'
import { createRedisTokenStore } from './redis-token-store.ts'
import { testRedisUrl } from './test-redis-url.ts'

const redis = new Redis(testRedisUrl())
let prefix = ''
let run = 0
beforeEach(() => {
  run += 1
  prefix = `test:${process.pid}:${process.env.TZ}:${run}:`
})
afterAll(async () => {
  await redis.quit()
})

const token = (value: string) => ({ value, expiresAt: Date.now() + 7_200_000 })

describe('redis token store', () => {
  it('stores a token as JSON under the prefixed key, expiring with it in Redis', async () => {
    const store = createRedisTokenStore({ redis, prefix })
    expect(await store.get('wechat:wx1')).toBeUndefined()
    await store.set(
      'wechat:wx1',
      { value: 'T1', expiresAt: 1_900_000_000_000, refreshAt: 1_899_999_000_000 },
      60_000,
    )
    expect(await store.get('wechat:wx1')).toEqual({
      value: 'T1',
      expiresAt: 1_900_000_000_000,
      refreshAt: 1_899_999_000_000,
    })
    expect(await redis.get(`${prefix}wechat:wx1`)).toBe(
      '{"value":"T1","expiresAt":1900000000000,"refreshAt":1899999000000}',
    )
    const ttl = await redis.pttl(`${prefix}wechat:wx1`)
    expect(ttl).toBeGreaterThan(0)
    expect(ttl).toBeLessThanOrEqual(60_000)
  })

  it('reads a value it did not write as no token', async () => {
    const store = createRedisTokenStore({ redis, prefix })
    await redis.set(`${prefix}a`, 'not json')
    await redis.set(`${prefix}b`, '{"value":42}')
    expect(await store.get('a')).toBeUndefined()
    expect(await store.get('b')).toBeUndefined()
  })

  it('deletes only the token that was rejected, never a newer one', async () => {
    const store = createRedisTokenStore({ redis, prefix })
    await store.set('k', token('T1'), 60_000)
    expect(await store.compareAndDelete('k', 'T0')).toBe(false)
    expect((await store.get('k'))?.value).toBe('T1')
    expect(await store.compareAndDelete('k', 'T1')).toBe(true)
    expect(await store.get('k')).toBeUndefined()
    expect(await store.compareAndDelete('k', 'T1')).toBe(false)
    await redis.set(`${prefix}k`, 'not json')
    expect(await store.compareAndDelete('k', 'T1')).toBe(false)
    expect(await redis.get(`${prefix}k`)).toBe('not json')
  })

  it('gives the lease to one holder at a time; a release only ends its own lease', async () => {
    const store = createRedisTokenStore({ redis, prefix })
    const first = await store.lease('k', 60_000)
    expect(first).toBeDefined()
    expect(await store.lease('k', 60_000)).toBeUndefined()
    await first?.release()
    const second = await store.lease('k', 60_000)
    expect(second).toBeDefined()
    // The first holder releasing again must not end the second holder's lease.
    await first?.release()
    expect(await store.lease('k', 60_000)).toBeUndefined()
    await second?.release()
  })

  it("extends a lease only while it is still the holder's", async () => {
    const store = createRedisTokenStore({ redis, prefix })
    const lease = await store.lease('k', 1_000)
    expect(await lease?.extend?.(60_000)).toBe(true)
    expect(await redis.pttl(`${prefix}k:lease`)).toBeGreaterThan(1_000)
    await lease?.release()
    const other = await store.lease('k', 60_000)
    // The first holder's lease is gone: it cannot extend the new holder's.
    expect(await lease?.extend?.(60_000)).toBe(false)
    await other?.release()
  })

  it('lets the next process refresh when the holder of the lease died without releasing it', async () => {
    const store = createRedisTokenStore({ redis, prefix })
    expect(await store.lease('k', 60_000)).toBeDefined()
    // The holder is gone; its lease runs out (made to end now instead of waiting for it).
    await redis.pexpire(`${prefix}k:lease`, 1)
    await new Promise((resolve) => setTimeout(resolve, 5))
    let fetches = 0
    const manager = createTokenManager({
      platform: 'test',
      key: 'k',
      store,
      lease: { leaseMs: 1_000, pollMs: 2 },
      fetchToken: async () => {
        fetches += 1
        return { value: `T${fetches}`, expiresInMs: 7_200_000 }
      },
    })
    expect(await manager.get()).toBe('T1')
    expect(fetches).toBe(1)
  })

  it('makes core token managers in many clients share one fetch and one compare-and-expire', async () => {
    let fetches = 0
    const clients = Array.from({ length: 6 }, () => redis.duplicate())
    const managers = clients.map((client) =>
      createTokenManager({
        platform: 'test',
        key: 'shared',
        store: createRedisTokenStore({ redis: client, prefix }),
        lease: { pollMs: 5 },
        fetchToken: async () => {
          fetches += 1
          await new Promise((resolve) => setTimeout(resolve, 30))
          return { value: `T${fetches}`, expiresInMs: 7_200_000 }
        },
      }),
    )
    const first = await Promise.all(managers.flatMap((manager) => [manager.get(), manager.get()]))
    expect(new Set(first)).toEqual(new Set(['T1']))
    expect(fetches).toBe(1)
    await Promise.all(managers.map((manager) => manager.expire('T1')))
    const second = await Promise.all(managers.map((manager) => manager.get()))
    expect(new Set(second)).toEqual(new Set(['T2']))
    expect(fetches).toBe(2)
    await Promise.all(clients.map((client) => client.quit()))
  })
})
