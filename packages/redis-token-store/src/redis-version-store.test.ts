import {
  createMemoryVersionStore,
  type OrderSyncPlatformV1,
  syncOrders,
  type VersionStore,
} from '@ordersync/core'
import { arbitraryOrder, seededIntegers } from '@ordersync/core/fixtures'
import { Redis } from 'ioredis'
import { afterAll, beforeEach, describe, expect, it } from 'vitest'
import { createRedisVersionStore } from './redis-version-store.ts'
import { testRedisUrl } from './test-redis-url.ts'

const redis = new Redis(testRedisUrl())
let prefix = ''
let run = 0
beforeEach(() => {
  run += 1
  prefix = `test:${process.pid}:${process.env.TZ}:${run}:versions:`
})
afterAll(async () => {
  await redis.quit()
})

const prepared = (orderId: string, tag: string) => ({ orderId, payload: { tag }, warnings: [] })

/**
 * The same random schedule of claims and settlements, run against the memory store and the Redis
 * store: every answer must be the same (claim tokens aside, which each store numbers itself).
 */
async function runSchedule(seed: number, memory: VersionStore, shared: VersionStore) {
  const random = seededIntegers(seed)
  const inFlight: Array<{ key: string; memory: string; redis: string }> = []
  const answers: unknown[][] = [[], []]
  let now = 1_000
  for (let step = 0; step < 300; step += 1) {
    now += random.integer(0, 40)
    const key = `order-${random.integer(0, 2)}`
    if (inFlight.length === 0 || random.integer(0, 2) === 0) {
      const modifiedAt = random.integer(0, 5) === 0 ? undefined : random.integer(1, 6) * 1_000
      const version = { modifiedAt, prepared: prepared(key, `${key}@${modifiedAt}#${step}`) }
      const fromMemory = await memory.claim(key, version, now)
      const fromRedis = await shared.claim(key, version, now)
      const shape = (answer: Awaited<ReturnType<VersionStore['claim']>>) =>
        answer.state === 'stale'
          ? answer
          : { state: answer.state, holds: answer.holds?.prepared ?? null }
      answers[0]?.push(shape(fromMemory))
      answers[1]?.push(shape(fromRedis))
      if (fromMemory.state === 'send' && fromRedis.state === 'send') {
        inFlight.push({ key, memory: fromMemory.claim, redis: fromRedis.claim })
      }
      continue
    }
    const [settled] = inFlight.splice(random.integer(0, inFlight.length - 1), 1)
    if (settled === undefined) continue
    const doubt = random.integer(0, 3) === 0 ? now + random.integer(10, 200) : undefined
    const settlement = {
      confirmed: random.integer(0, 4) !== 0,
      inDoubtUntil: doubt,
      overtakes: random.integer(0, 1) === 0,
    }
    answers[0]?.push(await memory.settle(settled.key, settled.memory, settlement, now))
    answers[1]?.push(await shared.settle(settled.key, settled.redis, settlement, now))
  }
  return answers
}

describe('redis version store', () => {
  it('answers every claim and settlement of 5 random schedules as the memory store does', async () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const [fromMemory, fromRedis] = await runSchedule(
        seed,
        createMemoryVersionStore(),
        createRedisVersionStore({ redis, prefix: `${prefix}${seed}:` }),
      )
      expect(fromRedis).toEqual(fromMemory)
      // The schedules reach every kind of answer.
      const kinds = new Set(
        fromMemory?.map((answer) =>
          answer === undefined ? 'none' : ((answer as { state?: string }).state ?? 'repair'),
        ),
      )
      expect([...kinds].sort()).toEqual(['none', 'repair', 'send', 'stale'])
    }
  })

  it('keeps an order for ttlMs after its last send', async () => {
    const store = createRedisVersionStore({ redis, prefix, ttlMs: 60_000 })
    await store.claim('order-1', { modifiedAt: 1, prepared: prepared('order-1', 'v1') }, 1)
    const ttl = await redis.pttl(`${prefix}v:order-1`)
    expect(ttl).toBeGreaterThan(0)
    expect(ttl).toBeLessThanOrEqual(60_000)
  })

  it('makes a process refuse a version older than one another process sent', async () => {
    const sent: string[] = []
    const platform: OrderSyncPlatformV1<string> = {
      specificationVersion: 'v1',
      platform: 'shared',
      maxBatchSize: 10,
      prepare: (order) => ({
        orderId: order.id,
        payload: `${order.id}@${order.modifiedAt}`,
        warnings: [],
      }),
      doSync: async (batch) => {
        sent.push(...batch.map((entry) => entry.payload))
        return batch.map(() => ({ status: 'succeeded' as const }))
      },
    }
    const order = arbitraryOrder(seededIntegers(3), 'order-1')
    const newer = { ...order, modifiedAt: '2026-12-07T10:05:00+08:00' }
    const older = { ...order, modifiedAt: '2026-12-07T10:01:00+08:00' }
    // Two stores on one Redis: two processes.
    const first = createRedisVersionStore({ redis, prefix })
    const second = createRedisVersionStore({ redis, prefix })
    await syncOrders({ platform, orders: [newer], versionStore: first })
    const report = await syncOrders({ platform, orders: [older], versionStore: second })
    expect(sent).toEqual([`order-1@${Date.parse(newer.modifiedAt)}`])
    expect(report.results[0]).toMatchObject({ status: 'skipped', reason: 'stale_version' })
  })
})
