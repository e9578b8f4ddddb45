import { ApiCallError, type OrderInput, ValidationError } from '@ordersync/core'
import { type Sandbox, startSandbox } from '@ordersync/sandbox'
import { Worker } from 'bullmq'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createTokenTestPlatformModule } from '../../sandbox/src/test-platforms/token-test-platform-module.ts'
import { createSyncQueue, type SyncQueue } from './sync-queue.ts'
import type { SyncQueueResult } from './sync-queue-result.ts'
import { createSyncWorker, type SyncWorker } from './sync-worker.ts'
import {
  orderVersion,
  testConnection,
  testPlatformClient,
  versionOfPayload,
} from './test-support.ts'

const endpoint = '/token-test/orders'
// How late the tests' sandbox may store a request the client gave up on: it answers at once.
const lateArrivalMs = 100
let sandbox: Sandbox
let queue: SyncQueue
let worker: SyncWorker | undefined
let events: SyncQueueResult[]
let run = 0

beforeAll(async () => {
  sandbox = await startSandbox({ modules: [createTokenTestPlatformModule()] })
})
afterAll(async () => {
  await sandbox.close()
})
beforeEach(() => {
  run += 1
  sandbox.control.reset()
  events = []
  queue = createSyncQueue({
    connection: testConnection(),
    // The tests' Redis runs without persistence on purpose.
    persistence: 'ignore',
    prefix: `test-${process.pid}-${run}`,
    platforms: { 'token-test': { attempts: 3, backoffMs: 20 } },
  })
})
afterEach(async () => {
  await worker?.close()
  worker = undefined
  await queue.close()
})

function startWorker(): SyncWorker {
  worker = createSyncWorker(queue, {
    platforms: [testPlatformClient(sandbox.url)],
    concurrency: { 'token-test': 8 },
    lockMs: 5_000,
    lateArrivalMs,
    onResult: (event) => events.push(event),
  })
  return worker
}

async function drained(): Promise<void> {
  for (;;) {
    const counts = await queue.counts('token-test')
    if (counts.waiting + counts.active + counts.delayed === 0) return
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

/** The versions the sandbox received for each order, in order of arrival. */
function sentVersions(): Record<string, number[]> {
  const sent: Record<string, number[]> = {}
  for (const entry of sandbox.control.log('token-test')) {
    if (entry.endpoint !== endpoint || entry.fault !== undefined) continue
    for (const payload of (JSON.parse(entry.body) as { orders: { id: string }[] }).orders) {
      sent[payload.id] = [...(sent[payload.id] ?? []), versionOfPayload(payload)]
    }
  }
  return sent
}

const summary = (event: SyncQueueResult) =>
  `${event.status} ${event.orderId} v${(event.modifiedAt - orderVersion('x', 0).modifiedAt) / 60_000} attempt ${event.attempt}`

describe('sync queue', () => {
  it('sends each enqueued order once, in one batch, and reports each result', async () => {
    const results = await queue.enqueueMany(
      'token-test',
      ['a', 'b', 'c'].map((id) => orderVersion(id, 1)),
    )
    expect(results.map((result) => [result.orderId, result.status])).toEqual([
      ['a', 'queued'],
      ['b', 'queued'],
      ['c', 'queued'],
    ])
    startWorker()
    await drained()
    expect(sentVersions()).toEqual({ a: [1], b: [1], c: [1] })
    expect(sandbox.control.counters('token-test').requests[endpoint]).toBe(1)
    expect(events.map(summary).sort()).toEqual([
      'succeeded a v1 attempt 1',
      'succeeded b v1 attempt 1',
      'succeeded c v1 attempt 1',
    ])
    const first = events[0]
    expect(first?.status === 'succeeded' && first.result.platformIds).toEqual({
      id: `tp-${first?.orderId}`,
    })
    expect(worker?.progress).toEqual({ succeeded: 3, retrying: 0, dead: 0, superseded: 0 })
  })

  it('does not send a re-enqueued unchanged order again, and refuses an older version', async () => {
    startWorker()
    expect((await queue.enqueue('token-test', orderVersion('a', 2))).status).toBe('queued')
    await drained()
    expect(await queue.enqueue('token-test', orderVersion('a', 2))).toEqual({
      status: 'unchanged',
      orderId: 'a',
      modifiedAt: orderVersion('a', 2).modifiedAt,
    })
    expect((await queue.enqueue('token-test', orderVersion('a', 1))).status).toBe('stale')
    await drained()
    expect(sentVersions()).toEqual({ a: [2] })
    // Same modifiedAt, different content: the later one is sent.
    const changed = { ...orderVersion('a', 2), buyer: { phone: 'v22' } }
    expect((await queue.enqueue('token-test', changed)).status).toBe('queued')
    await drained()
    expect(sentVersions()).toEqual({ a: [2, 22] })
  })

  it('lets a newer version supersede an older one still waiting: only the newer is sent', async () => {
    expect((await queue.enqueue('token-test', orderVersion('a', 1))).status).toBe('queued')
    expect((await queue.enqueue('token-test', orderVersion('a', 3))).status).toBe('replaced')
    expect((await queue.enqueue('token-test', orderVersion('a', 2))).status).toBe('stale')
    startWorker()
    await drained()
    expect(sentVersions()).toEqual({ a: [3] })
    expect(sandbox.control.orders('token-test').get('a')).toMatchObject({ phone: 'v3' })
  })

  it('sends a newer version enqueued while the older is in flight right after it, never both at once', async () => {
    sandbox.control.injectFault({
      platform: 'token-test',
      endpoint,
      action: { type: 'delay', ms: 300 },
    })
    startWorker()
    await queue.enqueue('token-test', orderVersion('a', 1))
    while ((sandbox.control.counters('token-test').requests[endpoint] ?? 0) === 0) {
      await new Promise((resolve) => setTimeout(resolve, 5))
    }
    expect((await queue.enqueue('token-test', orderVersion('a', 2))).status).toBe('replaced')
    await drained()
    const log = sandbox.control.log('token-test').filter((entry) => entry.endpoint === endpoint)
    expect(log.map((entry) => JSON.parse(entry.body).orders.map(versionOfPayload))).toEqual([
      [1],
      [2],
    ])
    // The second call left only after the first was answered.
    expect(sandbox.control.counters('token-test').requests[endpoint]).toBe(2)
    expect(sandbox.control.orders('token-test').get('a')).toMatchObject({ phone: 'v2' })
    expect(events.map(summary)).toEqual(['succeeded a v1 attempt 1', 'succeeded a v2 attempt 1'])
  })

  it('retries an order whose failure the platform calls retryable, with backoff, until it is stored', async () => {
    // Two calls answer "busy": the transport's two attempts fail, then the queue's retry succeeds.
    sandbox.control.injectFault({
      platform: 'token-test',
      endpoint,
      action: { type: 'body', body: { code: -1, message: 'busy' } },
      times: 2,
    })
    startWorker()
    await queue.enqueue('token-test', orderVersion('a', 1))
    await drained()
    expect(events.map(summary)).toEqual(['retrying a v1 attempt 1', 'succeeded a v1 attempt 2'])
    const retrying = events[0]
    expect(retrying?.status === 'retrying' && ApiCallError.isInstance(retrying.error)).toBe(true)
    expect(sandbox.control.orders('token-test').get('a')).toMatchObject({ phone: 'v1' })
    expect(await queue.counts('token-test')).toEqual({
      waiting: 0,
      oldestWaitingAgeMs: 0,
      active: 0,
      delayed: 0,
      dead: 0,
    })
  })

  it('retries a call whose connection dropped after sending: an uncertain outcome, safe to resend', async () => {
    sandbox.control.injectFault({
      platform: 'token-test',
      endpoint,
      action: { type: 'drop' },
      times: 2,
    })
    startWorker()
    await queue.enqueue('token-test', orderVersion('a', 1))
    await drained()
    expect(events.map(summary)).toEqual(['retrying a v1 attempt 1', 'succeeded a v1 attempt 2'])
    const retrying = events[0]
    expect(retrying?.status === 'retrying' && (retrying.error as ApiCallError).delivery).toBe(
      'uncertain',
    )
    expect(sandbox.control.orders('token-test').get('a')).toMatchObject({ phone: 'v1' })
  })

  it('retries an error below the client and an uncertain outcome, and dead-letters a credentials failure at once', async () => {
    const client = testPlatformClient(sandbox.url)
    const failures = [
      new Error('Reached the max retries per request limit (which is 20).'),
      new ApiCallError({
        platform: 'token-test',
        endpoint,
        reason: 'timeout after 10000 ms',
        retryable: false,
        delivery: 'uncertain',
      }),
      new ApiCallError({
        platform: 'token-test',
        endpoint,
        reason: 'signature rejected',
        retryable: true,
        concerns: 'credentials',
      }),
    ]
    worker = createSyncWorker(queue, {
      platforms: [
        {
          ...client,
          async doSync(batch, options) {
            const failure = failures.shift()
            if (failure !== undefined) throw failure
            return client.doSync(batch, options)
          },
        },
      ],
      lateArrivalMs,
      onResult: (event) => events.push(event),
    })
    await queue.enqueue('token-test', orderVersion('a', 1))
    await drained()
    expect(events.map(summary)).toEqual([
      'retrying a v1 attempt 1',
      'retrying a v1 attempt 2',
      'dead a v1 attempt 3',
    ])
    const unclassified = events[0]
    expect(unclassified?.status === 'retrying' && unclassified.error.message).toBe(
      '[ordersync] [token-test] unexpected error while syncing: Reached the max retries per request limit (which is 20). — the platform may have stored the order; re-syncing it is safe, because every sync endpoint is an upsert',
    )
    expect((await queue.deadLetters('token-test')).map((letter) => letter.reason)).toEqual([
      '[ordersync] [token-test] /token-test/orders: signature rejected',
    ])
    expect(sandbox.control.orders('token-test').size).toBe(0)
  })

  it('puts an order the platform rejects into the dead-letter queue at once; a replay sends it', async () => {
    sandbox.control.injectFault({
      platform: 'token-test',
      endpoint,
      action: { type: 'body', body: { code: 400, message: 'order a is invalid' } },
    })
    startWorker()
    await queue.enqueue('token-test', orderVersion('a', 1))
    await drained()
    expect(events.map(summary)).toEqual(['dead a v1 attempt 1'])
    const letters = await queue.deadLetters('token-test')
    expect(letters).toEqual([
      {
        id: expect.stringMatching(/^a\.\d+$/),
        platform: 'token-test',
        orderId: 'a',
        modifiedAt: orderVersion('a', 1).modifiedAt,
        order: expect.objectContaining({ id: 'a', buyer: { phone: 'v1' } }),
        reason: '[ordersync] [token-test] /token-test/orders: order a is invalid (400)',
        attempts: 1,
        failedAt: expect.any(Number),
      },
    ])
    expect((await queue.counts('token-test')).dead).toBe(1)
    expect(sandbox.control.orders('token-test').size).toBe(0)

    const replayed = await queue.replayDeadLetters('token-test')
    expect(replayed).toEqual([
      { status: 'queued', orderId: 'a', modifiedAt: orderVersion('a', 1).modifiedAt },
    ])
    await drained()
    expect(sandbox.control.orders('token-test').get('a')).toMatchObject({ phone: 'v1' })
    expect(await queue.deadLetters('token-test')).toEqual([])
  })

  it('dead-letters a retryable failure after the last attempt', async () => {
    sandbox.control.injectFault({
      platform: 'token-test',
      endpoint,
      action: { type: 'status', status: 503 },
      times: Number.POSITIVE_INFINITY,
    })
    startWorker()
    await queue.enqueue('token-test', orderVersion('a', 1))
    await drained()
    expect(events.map(summary)).toEqual([
      'retrying a v1 attempt 1',
      'retrying a v1 attempt 2',
      'dead a v1 attempt 3',
    ])
    // 3 queue attempts × 2 transport attempts.
    expect(sandbox.control.counters('token-test').requests[endpoint]).toBe(6)
    const [letter] = await queue.deadLetters('token-test')
    expect(letter?.attempts).toBe(3)
    // A newer version after the dead one goes through; the replayed old one is then stale.
    sandbox.control.clearFaults()
    await queue.enqueue('token-test', orderVersion('a', 2))
    await drained()
    expect(await queue.replayDeadLetters('token-test')).toEqual([
      { status: 'stale', orderId: 'a', modifiedAt: orderVersion('a', 1).modifiedAt },
    ])
    await drained()
    expect(sandbox.control.orders('token-test').get('a')).toMatchObject({ phone: 'v2' })
  })

  it('dead-letters the waiting version of an order BullMQ failed for stalling too often', async () => {
    // A worker that takes the order and then dies without a word: it never renews its lock.
    const dying = new Worker('sync-token-test', null, {
      connection: testConnection(),
      prefix: `test-${process.pid}-${run}`,
      lockDuration: 300,
      autorun: false,
    })
    await queue.enqueue('token-test', orderVersion('a', 1))
    expect(await dying.getNextJob('dying-worker')).toBeDefined()
    await dying.close()
    worker = createSyncWorker(queue, {
      platforms: [testPlatformClient(sandbox.url)],
      lockMs: 300,
      stalledIntervalMs: 100,
      maxStalledCount: 0,
    })
    let letters = await queue.deadLetters('token-test')
    while (letters[0]?.order === undefined) {
      await new Promise((resolve) => setTimeout(resolve, 20))
      letters = await queue.deadLetters('token-test')
    }
    expect(letters).toEqual([
      expect.objectContaining({
        orderId: 'a',
        modifiedAt: orderVersion('a', 1).modifiedAt,
        order: expect.objectContaining({ id: 'a', buyer: { phone: 'v1' } }),
        reason: 'job stalled more than allowable limit',
      }),
    ])
    expect(sandbox.control.orders('token-test').size).toBe(0)
    // The order is free again: a new version is queued and sent.
    expect((await queue.enqueue('token-test', orderVersion('a', 2))).status).toBe('queued')
    await drained()
    expect(sandbox.control.orders('token-test').get('a')).toMatchObject({ phone: 'v2' })
  })

  it('answers invalid for an order from an untyped source that is not valid, and refuses a platform it does not serve', async () => {
    const [result] = await queue.enqueueMany('token-test', [{ id: 'x' } as unknown as OrderInput])
    expect(result?.status).toBe('invalid')
    expect(result?.status === 'invalid' && ValidationError.isInstance(result.error)).toBe(true)
    await expect(queue.enqueue('wechat', orderVersion('a', 1))).rejects.toThrow(
      '[ordersync] [queue] invalid platform: this queue serves token-test, not "wechat"; add it to createSyncQueue\'s platforms',
    )
    expect(() =>
      createSyncWorker(queue, {
        platforms: [{ ...testPlatformClient(sandbox.url), platform: 'wechat' }],
      }),
    ).toThrow('this queue serves token-test, not "wechat"')
    expect(() =>
      createSyncWorker(queue, {
        platforms: [testPlatformClient(sandbox.url)],
        concurrency: { 'token-test': 0 },
      }),
    ).toThrow('[ordersync] [queue] invalid concurrency.token-test: must be at least 1, got 0')
  })

  it('refuses a client given as it is for a platform with a rate limit: the limit counts its every request', async () => {
    const limited = createSyncQueue({
      connection: testConnection(),
      persistence: 'ignore',
      prefix: `test-${process.pid}-${run}-limited`,
      platforms: { 'token-test': { rateLimit: { max: 5, durationMs: 1000 } } },
    })
    try {
      expect(() =>
        createSyncWorker(limited, { platforms: [testPlatformClient(sandbox.url)] }),
      ).toThrow(
        '[ordersync] [queue] invalid platforms: token-test has a rate limit, which counts every request its client sends: give the worker a function that makes the client with the fetch it is given, platforms: [({ fetch }) => createClient({ ...settings, fetch })]',
      )
      worker = createSyncWorker(limited, {
        platforms: [({ fetch }) => testPlatformClient(sandbox.url, undefined, fetch)],
      })
      await limited.enqueue('token-test', orderVersion('a', 1))
      while (sandbox.control.orders('token-test').size === 0) {
        await new Promise((resolve) => setTimeout(resolve, 20))
      }
      expect(sandbox.control.orders('token-test').get('a')).toMatchObject({ phone: 'v1' })
    } finally {
      await worker?.close()
      worker = undefined
      await limited.close()
    }
  })
})
