import { describe, expect, it } from 'vitest'
import { createTokenManager } from './token-manager.ts'
import { createMemoryTokenStore } from './token-store.ts'

function counter(lifetimeMs = 7_200_000, delayMs = 5) {
  let count = 0
  return {
    get count() {
      return count
    },
    fetchToken: async () => {
      count += 1
      const value = `token-${count}`
      await new Promise((resolve) => setTimeout(resolve, delayMs))
      return { value, expiresInMs: lifetimeMs }
    },
  }
}

describe('token manager', () => {
  it('fetches once for 200 concurrent callers on a cold cache', async () => {
    const source = counter()
    const manager = createTokenManager({
      platform: 'test',
      key: 'k',
      fetchToken: source.fetchToken,
    })
    const tokens = await Promise.all(Array.from({ length: 200 }, () => manager.get()))
    expect(source.count).toBe(1)
    expect(new Set(tokens)).toEqual(new Set(['token-1']))
  })

  it('refreshes ahead of expiry, by at most half the lifetime', async () => {
    let clock = 1_000_000
    const source = counter(7_200_000, 0)
    const manager = createTokenManager({
      platform: 'test',
      key: 'k',
      fetchToken: source.fetchToken,
      refreshAheadMs: 300_000,
      now: () => clock,
    })
    expect(await manager.get()).toBe('token-1')
    clock += 7_200_000 - 300_001
    expect(await manager.get()).toBe('token-1')
    clock += 1
    expect(await manager.get()).toBe('token-2')

    const short = counter(60_000, 0)
    const shortManager = createTokenManager({
      platform: 'test',
      key: 's',
      fetchToken: short.fetchToken,
      now: () => clock,
    })
    await shortManager.get()
    clock += 29_999
    expect(await shortManager.get()).toBe('token-1')
    clock += 1
    expect(await shortManager.get()).toBe('token-2')
  })

  it('expires exactly the token that was rejected, never a newer one', async () => {
    const source = counter(7_200_000, 0)
    const manager = createTokenManager({
      platform: 'test',
      key: 'k',
      fetchToken: source.fetchToken,
    })
    const first = await manager.get()
    await manager.expire(first)
    const second = await manager.get()
    expect(second).toBe('token-2')
    // A late caller that still holds the first token reports it rejected: the newer one stays.
    await manager.expire(first)
    expect(await manager.get()).toBe('token-2')
    expect(source.count).toBe(2)
  })

  it('refreshes once across processes sharing a store with leases', async () => {
    const store = createMemoryTokenStore()
    const source = counter(7_200_000, 20)
    const processes = Array.from({ length: 5 }, () =>
      createTokenManager({
        platform: 'test',
        key: 'shared',
        fetchToken: source.fetchToken,
        store,
        lease: { pollMs: 2 },
      }),
    )
    const tokens = await Promise.all(processes.flatMap((manager) => [manager.get(), manager.get()]))
    expect(source.count).toBe(1)
    expect(new Set(tokens)).toEqual(new Set(['token-1']))
  })

  it('keeps its lease through a refresh that takes longer than the lease, so no other process refreshes too', async () => {
    const store = createMemoryTokenStore()
    let fetches = 0
    const slow = async () => {
      fetches += 1
      // Four lease terms: without renewal, the other process would take the lease and fetch.
      await new Promise((resolve) => setTimeout(resolve, 1600))
      return { value: `token-${fetches}`, expiresInMs: 7_200_000 }
    }
    const processes = Array.from({ length: 2 }, () =>
      createTokenManager({
        platform: 'test',
        key: 'slow',
        fetchToken: slow,
        store,
        lease: { leaseMs: 400, pollMs: 20 },
      }),
    )
    const tokens = await Promise.all(processes.map((manager) => manager.get()))
    expect(fetches).toBe(1)
    expect(tokens).toEqual(['token-1', 'token-1'])
  })

  it('refuses a token endpoint answer without a token, and a negative refreshAheadMs', async () => {
    const manager = createTokenManager({
      platform: 'test',
      key: 'k',
      fetchToken: async () => ({ value: '', expiresInMs: 0 }),
    })
    await expect(manager.get()).rejects.toThrow(
      '[ordersync] [test] the token endpoint answered without a usable token and lifetime',
    )
    expect(() =>
      createTokenManager({
        platform: 'test',
        key: 'k',
        fetchToken: async () => ({ value: 'x', expiresInMs: 1 }),
        refreshAheadMs: -1,
      }),
    ).toThrow('[ordersync] [test] invalid refreshAheadMs: must be a non-negative integer, got -1')
  })

  it('lets one caller give up without failing the others waiting for the same token', async () => {
    const source = counter(7_200_000, 30)
    const manager = createTokenManager({
      platform: 'test',
      key: 'k',
      fetchToken: source.fetchToken,
    })
    const impatient = new AbortController()
    const first = manager.get(impatient.signal)
    const second = manager.get()
    impatient.abort(new Error('gave up'))
    await expect(first).rejects.toThrow('gave up')
    await expect(second).resolves.toBe('token-1')
    expect(source.count).toBe(1)
  })

  it('lets the next caller try again after a failed fetch', async () => {
    let calls = 0
    const manager = createTokenManager({
      platform: 'test',
      key: 'k',
      fetchToken: async () => {
        calls += 1
        if (calls === 1) throw new Error('token endpoint down')
        return { value: 'token-ok', expiresInMs: 7_200_000 }
      },
    })
    await expect(Promise.all([manager.get(), manager.get()])).rejects.toThrow('token endpoint down')
    expect(await manager.get()).toBe('token-ok')
    expect(calls).toBe(2)
  })
})
