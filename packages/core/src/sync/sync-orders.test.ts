import { describe, expect, it, vi } from 'vitest'
import { ApiCallError } from '../errors/api-call-error.ts'
import type { OrderInput } from '../order/order-types.ts'
import { sampleOrder } from '../test/sample-orders.ts'
import type { DoSyncOutcome, OrderSyncPlatformV1, PreparedOrder } from './platform-contract.ts'
import { syncOrders } from './sync-orders.ts'

const orderNumber = (index: number): OrderInput => ({ ...sampleOrder, id: `order-${index}` })

interface FakePlatform extends OrderSyncPlatformV1<string> {
  readonly calls: string[][]
}

function fakePlatform(
  maxBatchSize: number,
  answer: (
    batch: readonly PreparedOrder<string>[],
  ) => Promise<readonly DoSyncOutcome[]> | readonly DoSyncOutcome[] = (batch) =>
    batch.map(() => ({ status: 'succeeded', platformIds: { id: 'p' } })),
): FakePlatform {
  const calls: string[][] = []
  return {
    specificationVersion: 'v1',
    platform: 'fake',
    maxBatchSize,
    calls,
    prepare: (order) => ({ orderId: order.id, payload: order.id, warnings: [] }),
    doSync: async (batch) => {
      calls.push(batch.map((entry) => entry.payload))
      await new Promise((resolve) => setTimeout(resolve, 1))
      return answer(batch)
    },
  }
}

describe('syncOrders', () => {
  it('batches by maxBatchSize and returns one result per order, in input order', async () => {
    const platform = fakePlatform(3)
    const report = await syncOrders({
      platform,
      orders: Array.from({ length: 7 }, (_, index) => orderNumber(index)),
      concurrency: 2,
    })
    expect(platform.calls.map((batch) => batch.length)).toEqual([3, 3, 1])
    expect(report.results.map((result) => [result.index, result.orderId, result.status])).toEqual(
      Array.from({ length: 7 }, (_, index) => [index, `order-${index}`, 'succeeded']),
    )
    expect(report).toMatchObject({ read: 7, succeeded: 7, failed: 0, skipped: 0, aborted: false })
  })

  it('reads an async generator lazily: never more than 2 × concurrency × batch size ahead of completed orders', async () => {
    let yielded = 0
    let completed = 0
    let maxAhead = 0
    async function* orders() {
      for (let index = 0; index < 10_000; index += 1) {
        yielded += 1
        maxAhead = Math.max(maxAhead, yielded - completed)
        yield orderNumber(index)
      }
    }
    const platform = fakePlatform(50)
    const report = await syncOrders({
      platform,
      orders: orders(),
      concurrency: 4,
      keepResults: 'none',
      onResult: () => {
        completed += 1
      },
    })
    expect(platform.calls).toHaveLength(200)
    expect(report).toMatchObject({ read: 10_000, succeeded: 10_000, results: [] })
    expect(maxAhead).toBeLessThanOrEqual(2 * 4 * 50)
  })

  it('prepares the next batches while every slot is busy, one per slot, so a slot that frees is filled at once', async () => {
    let prepared = 0
    let release: () => void = () => {}
    const held = new Promise<void>((resolve) => {
      release = resolve
    })
    const platform = fakePlatform(10)
    const prepare = platform.prepare.bind(platform)
    const doSync = platform.doSync.bind(platform)
    const counting: typeof platform = {
      ...platform,
      prepare: (order) => {
        prepared += 1
        return prepare(order)
      },
      // Every batch waits until released: the slots stay busy.
      doSync: async (batch, options) => {
        await held
        return doSync(batch, options)
      },
    }
    const run = syncOrders({
      platform: counting,
      orders: Array.from({ length: 200 }, (_, index) => orderNumber(index)),
      concurrency: 3,
      keepResults: 'none',
    })
    // Three batches in flight, three more prepared and waiting for a slot; nothing beyond.
    await vi.waitFor(() => expect(prepared).toBe(60))
    await new Promise((resolve) => setTimeout(resolve, 30))
    expect(prepared).toBe(60)
    release()
    const report = await run
    expect(report).toMatchObject({ read: 200, succeeded: 200 })
  })

  it('fails an invalid order alone, with its validation error', async () => {
    const platform = fakePlatform(10)
    const orders = [
      orderNumber(0),
      { ...orderNumber(1), paidAmount: { amount: 1, currency: 'USD' } },
      orderNumber(2),
    ] as OrderInput[]
    const report = await syncOrders({ platform, orders })
    expect(report.results.map((result) => result.status)).toEqual([
      'succeeded',
      'failed',
      'succeeded',
    ])
    const failed = report.results[1]
    expect(failed?.status === 'failed' && failed.error.message).toMatch(
      /^\[ordersync\] \[core\] order is invalid/,
    )
    expect(platform.calls).toEqual([['order-0', 'order-2']])
  })

  it('splits a batch rejected as a whole until the bad order is isolated', async () => {
    const platform = fakePlatform(8, (batch) => {
      if (batch.some((entry) => entry.payload === 'order-5')) {
        throw new ApiCallError({
          platform: 'fake',
          endpoint: '/add',
          reason: 'invalid order in batch',
          retryable: false,
        })
      }
      return batch.map(() => ({ status: 'succeeded' }))
    })
    const report = await syncOrders({
      platform,
      orders: Array.from({ length: 8 }, (_, index) => orderNumber(index)),
    })
    expect(
      report.results.filter((result) => result.status === 'failed').map((result) => result.orderId),
    ).toEqual(['order-5'])
    expect(report.succeeded).toBe(7)
    expect(platform.calls.map((batch) => batch.length)).toEqual([8, 4, 4, 2, 1, 1, 2])
  })

  it('does not split on a retryable failure: the transport already retried it', async () => {
    const platform = fakePlatform(4, () => {
      throw new ApiCallError({
        platform: 'fake',
        endpoint: '/add',
        reason: 'system busy',
        retryable: true,
      })
    })
    const report = await syncOrders({
      platform,
      orders: Array.from({ length: 4 }, (_, index) => orderNumber(index)),
    })
    expect(platform.calls).toHaveLength(1)
    expect(report.failed).toBe(4)
  })

  it('stops reading and sending on abort, and reports what was done', async () => {
    const controller = new AbortController()
    let yielded = 0
    async function* orders() {
      for (let index = 0; index < 1000; index += 1) {
        yielded += 1
        yield orderNumber(index)
      }
    }
    const platform = fakePlatform(10)
    const report = await syncOrders({
      platform,
      orders: orders(),
      concurrency: 1,
      signal: controller.signal,
      onProgress: (progress) => {
        if (progress.done === 30) controller.abort()
      },
    })
    expect(report.aborted).toBe(true)
    expect(report.succeeded).toBeGreaterThanOrEqual(30)
    expect(report.read).toBeLessThan(1000)
    expect(yielded).toBeLessThanOrEqual(report.read + 1)
    expect(report.succeeded + report.failed + report.skipped).toBe(report.read)
  })

  it('reports progress after each order', async () => {
    const progress: number[] = []
    await syncOrders({
      platform: fakePlatform(2),
      orders: [orderNumber(0), orderNumber(1), orderNumber(2)],
      onProgress: (event) => progress.push(event.done),
    })
    expect(progress).toEqual([1, 2, 3])
  })

  it('refuses a concurrency below 1', async () => {
    await expect(
      syncOrders({ platform: fakePlatform(1), orders: [], concurrency: 0 }),
    ).rejects.toThrow(
      '[ordersync] [core] invalid concurrency: must be an integer of at least 1, got 0',
    )
  })
})
