import { type OrderSyncPlatformV1, parseOrder } from '@ordersync/core'
import { type Sandbox, startSandbox } from '@ordersync/sandbox'
import { Queue, Worker } from 'bullmq'
import { Redis } from 'ioredis'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createTokenTestPlatformModule } from '../../sandbox/src/test-platforms/token-test-platform-module.ts'
import { versionOf } from './order-version.ts'
import { createSyncQueue, type SyncQueue, syncQueueInternals } from './sync-queue.ts'
import type { SyncQueueResult } from './sync-queue-result.ts'
import { createSyncWorker, type SyncWorker } from './sync-worker.ts'
import {
  orderVersion,
  testConnection,
  testPlatformClient,
  versionOfPayload,
} from './test-support.ts'

// The worker's part in convergence, one rule at a time: a send that may still land is followed
// by the newest version once it can no longer arrive; a job that lost its lock sends nothing and
// aborts what it has in flight; a takeover treats the previous owner's send as in doubt; a job
// that finds itself obsolete after sending has the newest version sent again; a dead letter
// BullMQ retried sends the newest version; a version whose job was never added can be enqueued
// again.

const endpoint = '/token-test/orders'
const lateArrivalMs = 300
type TestClient = ReturnType<typeof testPlatformClient>
let sandbox: Sandbox
let queue: SyncQueue
let redis: Redis
let worker: SyncWorker | undefined
let events: SyncQueueResult[]
let errors: Error[]
let prefix: string
let run = 0

beforeAll(async () => {
  sandbox = await startSandbox({ modules: [createTokenTestPlatformModule()] })
  redis = new Redis(testConnection())
})
afterAll(async () => {
  await sandbox.close()
  await redis.quit()
})
beforeEach(() => {
  run += 1
  prefix = `test-${process.pid}-fencing-${run}`
  sandbox.control.reset()
  events = []
  errors = []
  queue = createSyncQueue({
    connection: testConnection(),
    // The tests' Redis runs without persistence on purpose.
    persistence: 'ignore',
    prefix,
    platforms: { 'token-test': { attempts: 5, backoffMs: 20 } },
  })
})
afterEach(async () => {
  await worker?.close()
  worker = undefined
  await queue.close()
})

function startWorker(
  // biome-ignore lint/suspicious/noExplicitAny: any platform client
  client: OrderSyncPlatformV1<any> = testPlatformClient(sandbox.url),
  timings: {
    readonly lockMs?: number
    readonly batchWindowMs?: number
    readonly lateArrivalMs?: number
  } = {},
): SyncWorker {
  worker = createSyncWorker(queue, {
    platforms: [client],
    lockMs: timings.lockMs ?? 5_000,
    stalledIntervalMs: 100,
    batchWindowMs: timings.batchWindowMs ?? 10,
    lateArrivalMs: timings.lateArrivalMs ?? lateArrivalMs,
    onResult: (event) => events.push(event),
    onError: (error) => errors.push(error),
  })
  return worker
}

/** A client whose `doSync` runs `around` in place of the real one, which it may call. */
function around(
  around: (
    real: TestClient['doSync'],
    batch: Parameters<TestClient['doSync']>[0],
    options: Parameters<TestClient['doSync']>[1],
  ) => ReturnType<TestClient['doSync']>,
): TestClient {
  const client = testPlatformClient(sandbox.url)
  return { ...client, doSync: (batch, options) => around(client.doSync, batch, options) }
}

async function until(condition: () => boolean | Promise<boolean>): Promise<void> {
  while (!(await condition())) await new Promise((resolve) => setTimeout(resolve, 10))
}

async function drained(): Promise<void> {
  await until(async () => {
    const counts = await queue.counts('token-test')
    return counts.waiting + counts.active + counts.delayed === 0
  })
}

/** The version each request that the platform stored carried for order `id`, in storing order. */
function storedVersions(id: string): { version: number; at: number }[] {
  return sandbox.control
    .log('token-test')
    .filter(
      (entry) =>
        entry.endpoint === endpoint &&
        entry.status === 200 &&
        (entry.fault === undefined || entry.fault === 'delay'),
    )
    .flatMap((entry) =>
      (JSON.parse(entry.body) as { orders: { id: string }[] }).orders
        .filter((payload) => payload.id === id)
        .map((payload) => ({ version: versionOfPayload(payload), at: entry.at })),
    )
}

const held = () => sandbox.control.orders('token-test').get('a')
/** The version the platform holds of order `a`; `NaN` while it holds none. */
const heldVersion = (): number => (held() === undefined ? Number.NaN : versionOfPayload(held()))
const jobIdOf = async () => (await redis.hget(`${prefix}:sync-token-test:order:a`, 'j')) ?? ''
const lockOf = (jobId: string) => `${prefix}:sync-token-test:${jobId}:lock`

describe('sync worker: convergence', () => {
  it('sends the newest version again after lateArrivalMs when a request of its send may still land', async () => {
    let calls = 0
    startWorker(
      around((real, batch, options) => {
        calls += 1
        // The transport's first attempt timed out after sending; its retry was answered.
        if (calls === 1) options.onInDoubt?.()
        return real(batch, options)
      }),
    )
    await queue.enqueue('token-test', orderVersion('a', 1))
    await drained()
    const sends = storedVersions('a')
    expect(sends.map((send) => send.version)).toEqual([1, 1])
    expect((sends[1]?.at ?? 0) - (sends[0]?.at ?? 0)).toBeGreaterThanOrEqual(lateArrivalMs - 20)
    // One outcome: the version is reported once its last send is confirmed.
    expect(events.map((event) => `${event.status} v${heldVersion()}`)).toEqual(['succeeded v1'])
  })

  it('does not send a version again for a request in doubt that was the last of its send, but keeps its horizon for the next version', async () => {
    // The first request is held 400 ms; the client gives up after 100 ms and its retry is
    // answered: landing late, the held request only repeats v1, so v1 is not sent a third time.
    sandbox.control.injectFault({
      platform: 'token-test',
      endpoint,
      action: { type: 'delay', ms: 400 },
    })
    startWorker(testPlatformClient(sandbox.url, { maxAttempts: 2, timeoutMs: 100 }), {
      lateArrivalMs: 600,
    })
    await queue.enqueue('token-test', orderVersion('a', 1))
    await until(() => heldVersion() === 1)
    await until(() => events.length === 1)
    // v1's job finished at its confirmation (no wait for the horizon): v2 gets a job of its own,
    // and goes before v1's held request can no longer land, so it is sent again after that.
    expect((await queue.enqueue('token-test', orderVersion('a', 2))).status).toBe('queued')
    await drained()
    await new Promise((resolve) => setTimeout(resolve, 700))
    await drained()
    const versions = storedVersions('a').map((send) => send.version)
    expect(versions.filter((version) => version === 1)).toHaveLength(2)
    expect(versions.at(-1)).toBe(2)
    expect(heldVersion()).toBe(2)
  })

  it('overwrites an older version that reaches the platform after the newer one', async () => {
    // The first request is held 400 ms by the platform; the client gives up after 100 ms, so it
    // lands 300 ms after that: within lateArrivalMs (600 ms here), after v2 was stored.
    sandbox.control.injectFault({
      platform: 'token-test',
      endpoint,
      action: { type: 'delay', ms: 400 },
    })
    startWorker(testPlatformClient(sandbox.url, { maxAttempts: 1, timeoutMs: 100 }), {
      lateArrivalMs: 600,
    })
    await queue.enqueue('token-test', orderVersion('a', 1))
    await until(() => (sandbox.control.counters('token-test').requests[endpoint] ?? 0) > 0)
    expect((await queue.enqueue('token-test', orderVersion('a', 2))).status).toBe('replaced')
    await until(() => heldVersion() === 2)
    await drained()
    // v2 stored, then v1 landing late over it, then v2 again once v1 could no longer arrive.
    expect(storedVersions('a').map((send) => send.version)).toEqual([2, 1, 2])
    expect(heldVersion()).toBe(2)
    expect(await queue.enqueue('token-test', orderVersion('a', 2))).toMatchObject({
      status: 'unchanged',
    })
  })

  it('a job whose lock was lost sends nothing; the worker that takes it over sends it, and again after the horizon', async () => {
    // Orders wait 300 ms for a batch: long enough to take the lock away before the request.
    startWorker(testPlatformClient(sandbox.url), { batchWindowMs: 300, lateArrivalMs: 1_000 })
    await queue.enqueue('token-test', orderVersion('a', 1))
    await until(async () => (await queue.counts('token-test')).active === 1)
    // Another worker's lock now (as after a pause past the lock): it runs out after 100 ms.
    await redis.set(lockOf(await jobIdOf()), 'another-worker', 'PX', 100)
    await drained()
    const sends = storedVersions('a')
    // Both sends came from the takeover: the first holder, fenced off, sent nothing.
    expect(sends.map((send) => send.version)).toEqual([1, 1])
    expect((sends[1]?.at ?? 0) - (sends[0]?.at ?? 0)).toBeGreaterThanOrEqual(1_000 - 300 - 20)
    expect(heldVersion()).toBe(1)
  })

  it('aborts a request in flight when the lock cannot be renewed', async () => {
    let aborted: unknown
    let entered: (() => void) | undefined
    const inFlight = new Promise<void>((resolve) => {
      entered = resolve
    })
    startWorker(
      around(async (real, batch, options) => {
        if (entered === undefined) return real(batch, options)
        entered()
        entered = undefined
        await new Promise((resolve) => options.signal?.addEventListener('abort', resolve))
        aborted = options.signal?.reason
        throw options.signal?.reason
      }),
      { lockMs: 400 },
    )
    await queue.enqueue('token-test', orderVersion('a', 1))
    await inFlight
    await redis.set(lockOf(await jobIdOf()), 'another-worker', 'PX', 400)
    await drained()
    expect(String(aborted)).toMatch(/the lock of job a\.\d+ was lost/)
    expect(heldVersion()).toBe(1)
  })

  it('a batch whose job lost its lock before the request hands its orders back, and the worker closes', async () => {
    // Orders a and b wait 2 s for their batch; a's lock (renewed every 200 ms) is taken meanwhile,
    // so the run of the batch starts aborted and reaches neither order.
    startWorker(testPlatformClient(sandbox.url), { lockMs: 400, batchWindowMs: 2_000 })
    await queue.enqueueMany('token-test', [orderVersion('a', 1), orderVersion('b', 1)])
    await until(async () => (await queue.counts('token-test')).active === 2)
    const jobId = await jobIdOf()
    await redis.set(lockOf(jobId), 'another-worker', 'PX', 4_000)
    await until(() => errors.some((error) => error.message.includes(`renew lock for job ${jobId}`)))
    const closing = worker as SyncWorker
    worker = undefined
    const closed = await Promise.race([
      closing.close().then(() => 'closed'),
      new Promise((resolve) => setTimeout(resolve, 5_000, 'still open after 5 s')),
    ])
    expect(closed).toBe('closed')
    expect(sandbox.control.counters('token-test').requests[endpoint] ?? 0).toBe(0)
    // Handed back, not lost: the next worker sends both.
    startWorker()
    await drained()
    expect(heldVersion()).toBe(1)
    expect(versionOfPayload(sandbox.control.orders('token-test').get('b'))).toBe(1)
    expect((await queue.counts('token-test')).dead).toBe(0)
  })

  it('a worker stopped past its lock that sends an older version after the order was finished: the newest is sent again', async () => {
    let release: (() => void) | undefined
    const stopped = new Promise<void>((resolve) => {
      release = resolve
    })
    let entered: (() => void) | undefined
    const inFlight = new Promise<void>((resolve) => {
      entered = resolve
    })
    const client = testPlatformClient(sandbox.url)
    startWorker(
      around(async (real, batch, options) => {
        if (entered === undefined) return real(batch, options)
        entered()
        entered = undefined
        // Stopped with v1 on its way: it goes out when the process runs again, whatever its
        // lock (the abort comes too late for a request already written).
        await stopped
        return client.doSync(batch, {})
      }),
      { lockMs: 400 },
    )
    await queue.enqueue('token-test', orderVersion('a', 1))
    await inFlight
    await queue.enqueue('token-test', orderVersion('a', 2))
    await redis.set(lockOf(await jobIdOf()), 'another-worker', 'PX', 100)
    // Taken over: v2 sent, and again after the horizon; the order is finished.
    await until(() => storedVersions('a').length === 2)
    await drained()
    expect(heldVersion()).toBe(2)
    release?.()
    await until(() => heldVersion() === 1)
    await until(() => heldVersion() === 2)
    await drained()
    expect(storedVersions('a').map((send) => send.version)).toEqual([2, 2, 1, 2])
    expect(errors.filter((error) => error.message.includes('[ordersync]'))).toEqual([])
  })

  it('marks an order whose newest version is no longer kept so that enqueueing it again sends it', async () => {
    startWorker()
    await queue.enqueue('token-test', orderVersion('a', 2))
    await drained()
    // A job that lost the order sends v1 late, after v2 was finished and its content dropped.
    const internals = syncQueueInternals(queue)
    const v1 = await versionOf(parseOrder(orderVersion('a', 1)))
    const decision = await internals.scripts.commit(
      internals.jobKeys('token-test', 'a', 'a.1'),
      { jobId: 'a.1', token: 'stopped-worker' },
      { version: v1, fencedAt: 0, inDoubt: false, overtakes: false, lateArrivalMs, keepMs: 60_000 },
    )
    expect(decision).toEqual({ status: 'unrepaired', jobId: '', delayMs: 0, lost: 'lock' })
    expect(await queue.enqueue('token-test', orderVersion('a', 2))).toMatchObject({
      status: 'queued',
    })
    expect((await queue.enqueue('token-test', orderVersion('a', 1))).status).toBe('stale')
    await drained()
    expect(storedVersions('a').map((send) => send.version)).toEqual([2, 2])
  })

  it('records as delivered only the version that is the newest when the confirmation lands', async () => {
    sandbox.control.injectFault({
      platform: 'token-test',
      endpoint,
      action: { type: 'delay', ms: 200 },
      times: 2,
    })
    startWorker()
    const state = `${prefix}:sync-token-test:order:a`
    const requests = () => sandbox.control.counters('token-test').requests[endpoint] ?? 0
    await queue.enqueue('token-test', orderVersion('a', 1))
    await until(() => requests() > 0)
    expect((await queue.enqueue('token-test', orderVersion('a', 2))).status).toBe('replaced')
    // v1 confirmed while v2 waited, and v2 on its way: v1 is not the newest, nothing recorded.
    await until(() => requests() > 1)
    expect(await redis.hget(state, 'sm')).toBeNull()
    await drained()
    expect(await redis.hget(state, 'sm')).toBe(String(orderVersion('a', 2).modifiedAt))
  })

  it('sends the newest version when BullMQ retries a dead letter (job.retry, queue.retryJobs)', async () => {
    sandbox.control.injectFault({
      platform: 'token-test',
      endpoint,
      action: { type: 'body', body: { code: 400, message: 'refused' } },
    })
    startWorker()
    await queue.enqueue('token-test', orderVersion('a', 1))
    await until(async () => (await queue.counts('token-test')).dead === 1)
    const bull = new Queue('sync-token-test', { connection: testConnection(), prefix })
    try {
      const [letter] = await queue.deadLetters('token-test')
      await (await bull.getJob(letter?.id ?? ''))?.retry()
      await drained()
      expect(heldVersion()).toBe(1)
      expect(await queue.counts('token-test')).toEqual({
        waiting: 0,
        oldestWaitingAgeMs: 0,
        active: 0,
        delayed: 0,
        dead: 0,
      })

      // A letter older than what was sent since: the retry sends nothing older.
      sandbox.control.injectFault({
        platform: 'token-test',
        endpoint,
        action: { type: 'body', body: { code: 400, message: 'refused' } },
      })
      await queue.enqueue('token-test', orderVersion('a', 2))
      await until(async () => (await queue.counts('token-test')).dead === 1)
      await queue.enqueue('token-test', orderVersion('a', 3))
      await drained()
      await bull.retryJobs({ state: 'failed' })
      await drained()
      expect(storedVersions('a').map((send) => send.version)).toEqual([1, 3])
      expect((await queue.counts('token-test')).dead).toBe(0)
    } finally {
      await bull.close()
    }
  })

  it('enqueueing a version again creates its job when the job was never added', async () => {
    const internals = syncQueueInternals(queue)
    const version = await versionOf(parseOrder(orderVersion('a', 1)))
    // The version recorded, and the process gone before BullMQ's add.
    await internals.scripts.enqueue(
      {
        state: internals.stateKey('token-test', 'a'),
        sequence: internals.jobKeys('token-test', 'a', '').sequence,
      },
      version,
      internals.jobKeys('token-test', 'a', '').jobKeyPrefix,
      'a',
    )
    expect(await queue.counts('token-test')).toEqual({
      waiting: 0,
      oldestWaitingAgeMs: 0,
      active: 0,
      delayed: 0,
      dead: 0,
    })
    expect(await queue.enqueue('token-test', orderVersion('a', 1))).toMatchObject({
      status: 'unchanged',
    })
    expect((await queue.counts('token-test')).waiting).toBe(1)
    startWorker()
    await drained()
    expect(heldVersion()).toBe(1)
  })

  it('a takeover from a worker that died holding the order treats its send as in doubt', async () => {
    const dying = new Worker('sync-token-test', null, {
      connection: testConnection(),
      prefix,
      lockDuration: 200,
      autorun: false,
    })
    await queue.enqueue('token-test', orderVersion('a', 1))
    expect(await dying.getNextJob('dying-worker')).toBeDefined()
    await dying.close()
    const startedAt = Date.now()
    startWorker()
    await drained()
    const sends = storedVersions('a')
    expect(sends.map((send) => send.version)).toEqual([1, 1])
    expect((sends[1]?.at ?? 0) - startedAt).toBeGreaterThanOrEqual(lateArrivalMs)
  })
})
