import { describe, expect, it } from 'vitest'
import { ApiCallError } from '../errors/api-call-error.ts'
import { AuthenticationError } from '../errors/authentication-error.ts'
import { InvalidArgumentError } from '../errors/invalid-argument-error.ts'
import { OrderSyncError } from '../errors/order-sync-error.ts'
import { ValidationError } from '../errors/validation-error.ts'
import type { OrderInput } from '../order/order-types.ts'
import { sampleOrder } from '../test/sample-orders.ts'
import type { DoSyncOutcome, OrderSyncPlatformV1, PreparedOrder } from './platform-contract.ts'
import { SyncInterruptedError } from './sync-interrupted-error.ts'
import { syncOrders } from './sync-orders.ts'

const orderNumber = (index: number, modifiedAt?: string): OrderInput => ({
  ...sampleOrder,
  id: `order-${index}`,
  ...(modifiedAt === undefined ? {} : { modifiedAt }),
})

interface Recorder extends OrderSyncPlatformV1<string> {
  /** Each doSync call's payloads, in call order. */
  readonly calls: string[][]
  /** The most calls carrying one order id at once. */
  readonly maxConcurrentPerId: () => number
}

/** A platform whose payload is `id@modifiedAt`, answering with `answer` after a tick. */
function recorder(
  maxBatchSize: number,
  answer: (
    batch: readonly PreparedOrder<string>[],
    signal?: AbortSignal,
  ) => Promise<readonly DoSyncOutcome[]> | readonly DoSyncOutcome[] = (batch) =>
    batch.map(() => ({ status: 'succeeded' })),
): Recorder {
  const calls: string[][] = []
  const inFlight = new Map<string, number>()
  let maxPerId = 0
  return {
    specificationVersion: 'v1',
    platform: 'fake',
    maxBatchSize,
    calls,
    maxConcurrentPerId: () => maxPerId,
    prepare: (order) => ({
      orderId: order.id,
      payload: `${order.id}@${order.modifiedAt ?? '-'}`,
      warnings: [],
    }),
    doSync: async (batch, options) => {
      calls.push(batch.map((entry) => entry.payload))
      for (const entry of batch) {
        const count = (inFlight.get(entry.orderId) ?? 0) + 1
        inFlight.set(entry.orderId, count)
        maxPerId = Math.max(maxPerId, count)
      }
      try {
        await new Promise((resolve) => setTimeout(resolve, 2))
        return await answer(batch, options.signal)
      } finally {
        for (const entry of batch)
          inFlight.set(entry.orderId, (inFlight.get(entry.orderId) ?? 1) - 1)
      }
    },
  }
}

const uncertainError = () =>
  new ApiCallError({
    platform: 'fake',
    endpoint: '/orders',
    reason: 'timeout after 10000 ms',
    retryable: true,
    delivery: 'uncertain',
  })

describe('syncOrders tells the truth about delivery', () => {
  it('marks each failed result not_sent, rejected, uncertain or partial and counts the ones the platform may hold', async () => {
    const platform = recorder(1, (batch) => {
      const id = batch[0]?.orderId
      if (id === 'order-1') throw uncertainError()
      if (id === 'order-2') {
        return [
          {
            status: 'failed',
            delivery: 'partial',
            error: new OrderSyncError('second call failed; the first (1110) was stored', {
              platform: 'fake',
            }),
          },
        ]
      }
      if (id === 'order-3') {
        throw new ApiCallError({
          platform: 'fake',
          endpoint: '/orders',
          reason: 'bad field',
          retryable: false,
        })
      }
      return [{ status: 'succeeded' }]
    })
    const orders = [
      orderNumber(0),
      orderNumber(1),
      orderNumber(2),
      orderNumber(3),
      { ...orderNumber(4), lines: 'not lines' },
    ] as OrderInput[]
    const report = await syncOrders({ platform, orders })
    expect(
      report.results.map((result) =>
        result.status === 'failed' ? `${result.orderId}:${result.delivery}` : result.status,
      ),
    ).toEqual([
      'succeeded',
      'order-1:uncertain',
      'order-2:partial',
      'order-3:rejected',
      'order-4:not_sent',
    ])
    expect(report).toMatchObject({ succeeded: 1, failed: 4, uncertain: 2, skipped: 0 })
    const uncertain = report.results[1]
    expect(uncertain?.status === 'failed' && uncertain.error.message).toBe(
      '[ordersync] [fake] /orders: timeout after 10000 ms — the platform may have stored the order; re-syncing it is safe, because every sync endpoint is an upsert',
    )
  })

  it('wraps anything thrown by a platform in an OrderSyncError (an AbortError too), delivery uncertain', async () => {
    const platform = recorder(1, () => {
      throw new DOMException('The operation was aborted.', 'AbortError')
    })
    const report = await syncOrders({ platform, orders: [orderNumber(0)] })
    const result = report.results[0]
    expect(result?.status).toBe('failed')
    if (result?.status !== 'failed') return
    expect(OrderSyncError.isInstance(result.error)).toBe(true)
    expect(result.error.message).toBe(
      '[ordersync] [fake] unexpected error while syncing: The operation was aborted. — the platform may have stored the order; re-syncing it is safe, because every sync endpoint is an upsert',
    )
    expect(result.delivery).toBe('uncertain')
  })
})

describe('one bad input never sinks the run', () => {
  it('fails an order whose properties throw when read (a getter, a Proxy), and sends the others', async () => {
    const platform = recorder(10)
    const getter = { ...orderNumber(1) }
    Object.defineProperty(getter, 'lines', {
      enumerable: true,
      get() {
        throw new Error('lazy relation not loaded')
      },
    })
    const proxy = new Proxy(
      {},
      {
        get() {
          throw new Error('proxy trap')
        },
        ownKeys() {
          throw new Error('proxy trap')
        },
      },
    )
    const report = await syncOrders({
      platform,
      orders: [orderNumber(0), getter, proxy, orderNumber(3)] as OrderInput[],
    })
    expect(report.results.map((result) => result.status)).toEqual([
      'succeeded',
      'failed',
      'failed',
      'succeeded',
    ])
    for (const result of [report.results[1], report.results[2]]) {
      expect(result?.status === 'failed' && ValidationError.isInstance(result.error)).toBe(true)
      expect(result?.status === 'failed' && result.delivery).toBe('not_sent')
    }
    const getterResult = report.results[1]
    expect(getterResult?.status === 'failed' && getterResult.error.message).toBe(
      "[ordersync] [core] order is invalid (1 problem): (root): reading the order threw (lazy relation not loaded); pass plain data, e.g. the result of your ORM's toJSON()",
    )
    expect(platform.calls.flat().map((payload) => payload.split('@')[0])).toEqual([
      'order-0',
      'order-3',
    ])
  })

  it('ends the run cleanly when the order source throws: nothing more is read, the report so far rides on the error', async () => {
    const platform = recorder(2)
    let readAfter = 0
    async function* source() {
      for (let index = 0; index < 4; index += 1) yield orderNumber(index)
      throw new Error('database cursor closed')
      // biome-ignore lint/correctness/noUnreachable: proves nothing is read after the throw
      readAfter += 1
    }
    const error = await syncOrders({ platform, orders: source(), concurrency: 1 }).catch(
      (caught: unknown) => caught,
    )
    expect(SyncInterruptedError.isInstance(error)).toBe(true)
    const interrupted = error as SyncInterruptedError
    expect(interrupted.cause).toEqual(new Error('database cursor closed'))
    expect(interrupted.report).toMatchObject({ read: 4, succeeded: 4, failed: 0, skipped: 0 })
    expect(interrupted.message).toBe(
      '[ordersync] [fake] the run stopped because the order source threw (database cursor closed); 4 orders succeeded, 0 failed (0 maybe stored) and 0 were not sent — the report on this error has every result',
    )
    expect(readAfter).toBe(0)
  })

  it('ends the run cleanly when onResult throws: in-flight batches settle and their results are kept', async () => {
    const platform = recorder(1)
    let pulled = 0
    function* source() {
      for (let index = 0; index < 100; index += 1) {
        pulled += 1
        yield orderNumber(index)
      }
    }
    const error = (await syncOrders({
      platform,
      orders: source(),
      concurrency: 4,
      onResult: (result) => {
        if (result.orderId === 'order-1') throw new Error('disk full')
      },
    }).catch((caught: unknown) => caught)) as SyncInterruptedError
    expect(SyncInterruptedError.isInstance(error)).toBe(true)
    const { report } = error
    // Every order read has a result: sent ones succeeded, read-but-unsent ones are skipped.
    expect(report.results).toHaveLength(report.read)
    expect(report.read).toBe(pulled)
    expect(report.read).toBeLessThan(100)
    expect(report.succeeded).toBe(platform.calls.length)
    expect(
      report.results.every(
        (result) =>
          result.status === 'succeeded' ||
          (result.status === 'skipped' && result.reason === 'interrupted'),
      ),
    ).toBe(true)
  })

  it.each([
    ['orders', { orders: null }],
    ['orders', { orders: 5 }],
    ['orders', { orders: 'order-1' }],
    ['orders', { orders: { id: 'order-1' } }],
    ['platform', { platform: undefined }],
    ['platform', { platform: { platform: 'x' } }],
    ['signal', { signal: { aborted: false } }],
    ['onResult', { onResult: 'log' }],
    ['concurrency', { concurrency: 0 }],
    ['keepResults', { keepResults: 'some' }],
  ])('refuses a misused %s with an InvalidArgumentError naming it', async (argument, misuse) => {
    const options = { platform: recorder(1), orders: [orderNumber(0)], ...misuse }
    const error = await syncOrders(options as never).catch((caught: unknown) => caught)
    expect(InvalidArgumentError.isInstance(error)).toBe(true)
    expect((error as InvalidArgumentError).message).toContain(`invalid ${argument}:`)
  })
})

describe('credentials and configuration fail fast', () => {
  it('never splits on an authentication failure and sends nothing more in the run', async () => {
    const rejection = new AuthenticationError({ platform: 'fake', reason: 'signature mismatch' })
    const platform = recorder(50, () => {
      throw rejection
    })
    const report = await syncOrders({
      platform,
      orders: Array.from({ length: 2000 }, (_, index) => orderNumber(index)),
      concurrency: 4,
    })
    expect(platform.calls.length).toBeLessThanOrEqual(4)
    expect(report.failed).toBe(2000)
    const sent = new Set(platform.calls.flat().map((payload) => payload.split('@')[0]))
    for (const result of report.results) {
      if (result.status !== 'failed') throw new Error('every order fails')
      expect(AuthenticationError.isInstance(result.error)).toBe(true)
      if (sent.has(result.orderId)) {
        expect(result.error).toBe(rejection)
        expect(result.delivery).toBe('rejected')
      } else {
        // The same kind of error, saying the order was not sent, with the cause attached.
        expect(result.delivery).toBe('not_sent')
        expect(result.error.cause).toBe(rejection)
        expect(result.error.message).toBe(
          '[ordersync] [fake] not sent: the run stopped sending to fake after signature mismatch',
        )
      }
    }
  })

  it('stops on an ApiCallError about the configuration, even when it comes as one order outcome', async () => {
    const denied = new ApiCallError({
      platform: 'fake',
      endpoint: '/orders',
      reason: 'ACCESS_DENIED',
      retryable: false,
      concerns: 'configuration',
    })
    const platform = recorder(1, () => [{ status: 'failed', error: denied }])
    const report = await syncOrders({
      platform,
      orders: Array.from({ length: 20 }, (_, index) => orderNumber(index)),
      concurrency: 2,
    })
    expect(platform.calls.length).toBeLessThanOrEqual(2)
    expect(
      report.results.filter(
        (result) => result.status === 'failed' && result.delivery === 'not_sent',
      ),
    ).toHaveLength(20 - platform.calls.length)
  })

  it('still splits a batch rejected because of an order', async () => {
    const platform = recorder(4, (batch) => {
      if (batch.some((entry) => entry.orderId === 'order-2')) {
        throw new ApiCallError({
          platform: 'fake',
          endpoint: '/orders',
          reason: 'bad',
          retryable: false,
        })
      }
      return batch.map(() => ({ status: 'succeeded' }))
    })
    const report = await syncOrders({
      platform,
      orders: Array.from({ length: 4 }, (_, index) => orderNumber(index)),
    })
    expect(report.results.map((result) => result.status)).toEqual([
      'succeeded',
      'succeeded',
      'failed',
      'succeeded',
    ])
  })
})

describe('the same unplaced failure, again and again, stops the run', () => {
  const unplaced = (code?: number, httpStatus = 200) =>
    new ApiCallError({
      platform: 'fake',
      endpoint: '/orders',
      reason: code === undefined ? `HTTP ${httpStatus}` : `errno ${code}`,
      retryable: false,
      delivery: 'rejected',
      httpStatus,
      ...(code === undefined ? {} : { platformCode: code, concerns: 'unknown' as const }),
    })

  it('stops after 3 sends in a row answered the same unknown code: at most 2 × concurrency + 2 requests', async () => {
    const platform = recorder(1, () => [{ status: 'failed', error: unplaced(4107) }])
    const report = await syncOrders({
      platform,
      orders: Array.from({ length: 100 }, (_, index) => orderNumber(index)),
      concurrency: 4,
    })
    expect(platform.calls.length).toBeGreaterThanOrEqual(3)
    expect(platform.calls.length).toBeLessThanOrEqual(2 * 4 + 2)
    const notSent = report.results.filter(
      (result) => result.status === 'failed' && result.delivery === 'not_sent',
    )
    expect(notSent).toHaveLength(100 - platform.calls.length)
    const first = notSent[0]
    expect(first?.status === 'failed' && first.error.message).toBe(
      "[ordersync] [fake] /orders: not sent: the run stopped sending to fake after /orders: the first 3 sends all failed with the same answer the client cannot place (code 4107, HTTP 200) — this usually means a wrong setting (a base URL or path prefix, a key, an app id). If the code is about the order, declare it in the client's table of known codes where it has one (see its guide), or raise syncOrders' sameFailureLimit — the order was not sent",
    )
    // The orders that were sent keep the answer they got.
    expect(
      report.results.filter(
        (result) => result.status === 'failed' && result.delivery === 'rejected',
      ),
    ).toHaveLength(platform.calls.length)
  })

  it('stops on a bare HTTP status (a 404 from a wrong path prefix) without splitting batches', async () => {
    const platform = recorder(10, () => {
      throw unplaced(undefined, 404)
    })
    const report = await syncOrders({
      platform,
      orders: Array.from({ length: 200 }, (_, index) => orderNumber(index)),
      concurrency: 2,
    })
    expect(platform.calls.length).toBeLessThanOrEqual(2 * 2 + 2)
    expect(report.failed).toBe(200)
  })

  it("never trips on transient failures, on the orders' own, on alternating codes, after a success, or at 0", async () => {
    const transient = new ApiCallError({
      platform: 'fake',
      endpoint: '/orders',
      reason: 'HTTP 503',
      retryable: true,
      delivery: 'uncertain',
      httpStatus: 503,
    })
    const orderError = new ApiCallError({
      platform: 'fake',
      endpoint: '/orders',
      reason: 'errno 12 (bad phone)',
      retryable: false,
      delivery: 'rejected',
      platformCode: 12,
    })
    const runs: [(index: number) => DoSyncOutcome, number | undefined][] = [
      [() => ({ status: 'failed', error: transient }), undefined],
      [() => ({ status: 'failed', error: orderError }), undefined],
      // A 400 with no code may be the order's own fault.
      [() => ({ status: 'failed', error: unplaced(undefined, 400) }), undefined],
      [(index) => ({ status: 'failed', error: unplaced(index % 2 === 0 ? 1 : 2) }), undefined],
      [
        (index) =>
          index === 0 ? { status: 'succeeded' } : { status: 'failed', error: unplaced(9) },
        undefined,
      ],
      [() => ({ status: 'failed', error: unplaced(9) }), 0],
    ]
    for (const [answer, sameFailureLimit] of runs) {
      const platform = recorder(1, (batch) => [answer(Number(batch[0]?.orderId.slice(6)))])
      await syncOrders({
        platform,
        orders: Array.from({ length: 12 }, (_, index) => orderNumber(index)),
        concurrency: 1,
        ...(sameFailureLimit === undefined ? {} : { sameFailureLimit }),
      })
      expect(platform.calls).toHaveLength(12)
    }
  })
})

describe('never two versions of one order in flight', () => {
  it('sends versions of one order one after another, never together, and never in one batch', async () => {
    const platform = recorder(10)
    const orders = [
      orderNumber(1, '2024-05-20T10:00:00+08:00'),
      orderNumber(2, '2024-05-20T10:00:00+08:00'),
      orderNumber(1, '2024-05-20T10:05:00+08:00'),
      orderNumber(1, '2024-05-20T10:09:00+08:00'),
    ]
    const report = await syncOrders({ platform, orders, concurrency: 4 })
    expect(report.succeeded).toBe(4)
    expect(platform.maxConcurrentPerId()).toBe(1)
    const sentOfOne = platform.calls.flat().filter((payload) => payload.startsWith('order-1@'))
    expect(sentOfOne).toEqual([
      `order-1@${Date.parse('2024-05-20T10:00:00+08:00')}`,
      `order-1@${Date.parse('2024-05-20T10:05:00+08:00')}`,
      `order-1@${Date.parse('2024-05-20T10:09:00+08:00')}`,
    ])
  })

  it('does not send a version older than one already sent in the run, and warns', async () => {
    const platform = recorder(1)
    const report = await syncOrders({
      platform,
      orders: [
        orderNumber(1, '2024-05-20T10:05:00+08:00'),
        orderNumber(1, '2024-05-20T10:00:00+08:00'),
      ],
    })
    expect(platform.calls.flat()).toEqual([`order-1@${Date.parse('2024-05-20T10:05:00+08:00')}`])
    const stale = report.results[1]
    expect(stale).toEqual({
      index: 1,
      orderId: 'order-1',
      status: 'skipped',
      reason: 'stale_version',
      warnings: [
        {
          path: ['modifiedAt'],
          code: 'stale_version',
          message:
            'not sent: a newer version of order "order-1" (modifiedAt 2024-05-20T02:05:00.000Z) is sent in this run, and this one (2024-05-20T02:00:00.000Z) would overwrite it',
        },
      ],
    })
    expect(report).toMatchObject({ succeeded: 1, skipped: 1, failed: 0 })
  })

  it('remembers the last versionWindow ids: a stale version further back is sent', async () => {
    const orders = [
      orderNumber(1, '2024-05-20T10:05:00+08:00'),
      orderNumber(2, '2024-05-20T10:05:00+08:00'),
      orderNumber(3, '2024-05-20T10:05:00+08:00'),
      orderNumber(1, '2024-05-20T10:00:00+08:00'),
    ]
    const stale = `order-1@${Date.parse('2024-05-20T10:00:00+08:00')}`
    const held = recorder(1)
    const holding = await syncOrders({ platform: held, orders, versionWindow: 3 })
    expect(holding).toMatchObject({ succeeded: 3, skipped: 1 })
    expect(held.calls.flat()).not.toContain(stale)
    const forgot = recorder(1)
    const forgetting = await syncOrders({ platform: forgot, orders, versionWindow: 2 })
    expect(forgetting).toMatchObject({ succeeded: 4, skipped: 0 })
    expect(forgot.calls.flat()).toContain(stale)
  })

  it('across 100,000 ids, refuses every stale version inside a 1,000-id window and none beyond it', async () => {
    // First versions of order-0 … order-99999 in turn. An even id's older version arrives 500
    // first versions later (about 750 acceptances: still held, so skipped); an odd id's arrives
    // 1,500 later (about 2,250: forgotten, so sent).
    const ids = 100_000
    const first = 1_716_200_000_000
    const older = 1_716_180_000_000
    const sent: string[] = []
    const platform: OrderSyncPlatformV1<string> = {
      specificationVersion: 'v1',
      platform: 'fake',
      maxBatchSize: 100,
      prepare: (order) => ({
        orderId: order.id,
        payload: `${order.id}@${order.modifiedAt ?? '-'}`,
        warnings: [],
      }),
      doSync: async (batch) => {
        for (const entry of batch) sent.push(entry.payload)
        return batch.map(() => ({ status: 'succeeded' }))
      },
    }
    const version = (id: number, modifiedAt: number): OrderInput => ({
      ...sampleOrder,
      id: `order-${id}`,
      modifiedAt,
    })
    function* orders(): Generator<OrderInput> {
      for (let index = 0; index < ids; index += 1) {
        yield version(index, first + index)
        if (index >= 500 && (index - 500) % 2 === 0) yield version(index - 500, older)
        if (index >= 1_500 && (index - 1_500) % 2 === 1) yield version(index - 1_500, older)
      }
    }
    const report = await syncOrders({
      platform,
      orders: orders(),
      concurrency: 4,
      keepResults: 'none',
      versionWindow: 1_000,
    })
    // Even ids 0 … 99,498 are refused; odd ids 1 … 98,499 have their older version sent.
    const sentOlder = sent.filter((payload) => payload.endsWith(`@${older}`))
    expect(report).toMatchObject({ succeeded: ids + 49_250, skipped: 49_750, failed: 0 })
    expect(sentOlder.length).toBe(49_250)
    const idOf = (payload: string) => Number(payload.slice('order-'.length, payload.indexOf('@')))
    expect(sentOlder.filter((payload) => idOf(payload) % 2 === 0)).toEqual([])
    expect(sentOlder.slice(0, 2)).toEqual([`order-1@${older}`, `order-3@${older}`])
    expect(sentOlder.at(-1)).toBe(`order-98499@${older}`)
  })
})

describe('abort means stop', () => {
  it('sends nothing after it settles, and reports the calls in flight as uncertain', async () => {
    const controller = new AbortController()
    let started = 0
    const platform = recorder(1, async (batch, signal) => {
      started += 1
      await new Promise((resolve, reject) => {
        const timer = setTimeout(resolve, 60_000)
        const onAbort = () => {
          clearTimeout(timer)
          reject(
            new ApiCallError({
              platform: 'fake',
              endpoint: '/orders',
              reason: 'the call was aborted',
              retryable: true,
              delivery: 'uncertain',
            }),
          )
        }
        if (signal?.aborted) onAbort()
        else signal?.addEventListener('abort', onAbort)
        // Both calls are in flight: now the caller aborts.
        if (started === 2) controller.abort(new Error('shutdown'))
      })
      return batch.map(() => ({ status: 'succeeded' }))
    })
    const report = await syncOrders({
      platform,
      orders: Array.from({ length: 100 }, (_, index) => orderNumber(index)),
      concurrency: 2,
      signal: controller.signal,
    })
    const callsAtSettle = platform.calls.length
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(platform.calls.length).toBe(callsAtSettle)
    expect(report.aborted).toBe(true)
    expect(report.uncertain).toBe(2)
    expect(report.results.filter((result) => result.status === 'failed')).toHaveLength(2)
    expect(
      report.results.every((result) => result.status !== 'skipped' || result.reason === 'aborted'),
    ).toBe(true)
  })
})

describe('a platform that answers out of contract', () => {
  it('fails, not sent, every order whose prepare returns out of contract, and ends the run (it once spun forever)', async () => {
    const base = recorder(50)
    const platform: OrderSyncPlatformV1<string> = {
      ...base,
      // No warnings array: a platform package written against an older draft of the contract.
      prepare: (order) => ({ orderId: order.id, payload: order.id }) as PreparedOrder<string>,
    }
    const report = await syncOrders({
      platform,
      orders: Array.from({ length: 1200 }, (_, index) => orderNumber(index)),
      concurrency: 2,
    })
    expect(report).toMatchObject({ read: 1200, succeeded: 0, failed: 1200, uncertain: 0 })
    expect(base.calls).toEqual([])
    const [first] = report.results
    expect(first?.status === 'failed' && first.delivery).toBe('not_sent')
    expect(first?.status === 'failed' && first.error.message).toBe(
      "[ordersync] [fake] prepare() returned an object without a string orderId and a warnings array; a platform's prepare must return { orderId, payload, warnings } (OrderSyncPlatformV1)",
    )
  })

  it('gives every order of the batch exactly one result when one outcome is malformed', async () => {
    const platform = recorder(2, () => [{ status: 'succeeded' }, null as unknown as DoSyncOutcome])
    const seen: string[] = []
    const report = await syncOrders({
      platform,
      orders: [orderNumber(0), orderNumber(1)],
      onResult: (result) => seen.push(`${result.orderId}:${result.status}`),
    })
    expect(seen).toEqual(['order-0:failed', 'order-1:failed'])
    expect(report).toMatchObject({ read: 2, succeeded: 0, failed: 2, uncertain: 2 })
  })

  it('wraps a plain Error in an outcome, and takes phone numbers out of its message', async () => {
    const platform = recorder(1, () => [
      { status: 'failed', error: new Error('boom for 13812345678') as OrderSyncError },
    ])
    const report = await syncOrders({ platform, orders: [orderNumber(0)] })
    const result = report.results[0]
    expect(result?.status === 'failed' && OrderSyncError.isInstance(result.error)).toBe(true)
    expect(result?.status === 'failed' && result.error.message).toBe(
      '[ordersync] [fake] unexpected error while syncing: boom for [redacted] — the platform may have stored the order; re-syncing it is safe, because every sync endpoint is an upsert',
    )
  })
})

describe('abort while the source is waiting', () => {
  it('settles at once, even when the source never yields again', async () => {
    const platform = recorder(1)
    const controller = new AbortController()
    async function* source() {
      yield orderNumber(0)
      await new Promise(() => {
        // A change stream with nothing new: this never resolves.
      })
    }
    setTimeout(() => controller.abort(), 50)
    const report = await syncOrders({ platform, orders: source(), signal: controller.signal })
    expect(report).toMatchObject({ read: 1, succeeded: 1, aborted: true })
  })
})
