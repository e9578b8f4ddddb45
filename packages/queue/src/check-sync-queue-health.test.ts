import { type Sandbox, startSandbox } from '@ordersync/sandbox'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createTokenTestPlatformModule } from '../../sandbox/src/test-platforms/token-test-platform-module.ts'
import { checkSyncQueueHealth } from './check-sync-queue-health.ts'
import { type RedisServerProcess, startRedisServer } from './redis-server-process.ts'
import { createSyncQueue, type SyncQueue } from './sync-queue.ts'
import { createSyncWorker, type SyncWorker } from './sync-worker.ts'
import { orderVersion, testPlatformClient } from './test-support.ts'

// The health check on a Redis of these tests' own, run as the guide recommends (AOF, appendfsync
// everysec, noeviction) so that every check can pass, and stopped in one test.

const endpoint = '/token-test/orders'
let server: RedisServerProcess
let sandbox: Sandbox
let queue: SyncQueue
let worker: SyncWorker | undefined
let run = 0

beforeAll(async () => {
  ;[server, sandbox] = await Promise.all([
    startRedisServer([
      '--appendonly',
      'yes',
      '--appendfsync',
      'everysec',
      '--maxmemory-policy',
      'noeviction',
    ]),
    startSandbox({ modules: [createTokenTestPlatformModule()] }),
  ])
})
afterAll(async () => {
  await sandbox.close()
  await server.close()
})
beforeEach(async () => {
  run += 1
  sandbox.control.reset()
  queue = createSyncQueue({
    connection: server.connection,
    prefix: `test-${process.pid}-health-${run}`,
    platforms: { 'token-test': { attempts: 3, backoffMs: 20 } },
    timeoutMs: 1000,
    onError: () => {},
  })
  await queue.waitUntilReady()
})
afterEach(async () => {
  await server.start()
  await worker?.close({ force: true })
  worker = undefined
  await queue.close()
})

function startWorker(client = testPlatformClient(sandbox.url)): SyncWorker {
  worker = createSyncWorker(queue, {
    platforms: [client],
    lockMs: 5_000,
    lateArrivalMs: 100,
    onError: () => {},
  })
  return worker
}

async function until(condition: () => Promise<boolean> | boolean): Promise<void> {
  while (!(await condition())) await new Promise((resolve) => setTimeout(resolve, 20))
}

async function drained(): Promise<void> {
  await until(async () => {
    const counts = await queue.counts('token-test')
    return counts.waiting + counts.active + counts.delayed === 0
  })
}

describe('checkSyncQueueHealth', () => {
  it('passes every check of a healthy queue and worker; the counts say how long the oldest order has waited', async () => {
    // 'a' waits 300 ms longer than 'b': the age is the oldest order's.
    await queue.enqueue('token-test', orderVersion('a', 1))
    await new Promise((resolve) => setTimeout(resolve, 300))
    await queue.enqueue('token-test', orderVersion('b', 1))
    const waiting = await checkSyncQueueHealth(queue)
    expect(waiting).toMatchObject({
      ok: true,
      ready: true,
      live: true,
      checks: {
        redis: { ok: true, detail: 'answered PING' },
        persistence: {
          ok: true,
          detail: 'append-only file on (appendfsync everysec), maxmemory-policy noeviction',
        },
        worker: { ok: true, detail: 'no worker given' },
        deadLetters: { ok: true, detail: 'at most 0 per platform' },
      },
      counts: { 'token-test': { waiting: 2, active: 0, delayed: 0, dead: 0 } },
    })
    const oldest = waiting.counts?.['token-test']?.oldestWaitingAgeMs ?? 0
    expect(oldest).toBeGreaterThanOrEqual(300)
    expect(oldest).toBeLessThan(60_000)

    startWorker()
    await drained()
    const drainedHealth = await checkSyncQueueHealth(queue, { worker: worker as SyncWorker })
    expect(drainedHealth.ok).toBe(true)
    expect(drainedHealth.checks.worker.detail).toMatch(
      /^running: 0 in flight, 0 waiting, last progress \d+ s ago$/,
    )
    expect(drainedHealth.counts?.['token-test']?.oldestWaitingAgeMs).toBe(0)
  })

  it('fails the dead-letter check past maxDeadLetters, which neither probe reads', async () => {
    sandbox.control.injectFault({
      platform: 'token-test',
      endpoint,
      action: { type: 'body', body: { code: 400, message: 'order a is invalid' } },
    })
    startWorker()
    await queue.enqueue('token-test', orderVersion('a', 1))
    await until(async () => (await queue.counts('token-test')).dead === 1)
    const strict = await checkSyncQueueHealth(queue, { worker: worker as SyncWorker })
    expect(strict).toMatchObject({
      ok: false,
      ready: true,
      live: true,
      checks: { deadLetters: { ok: false, detail: 'more than 0: token-test 1' } },
    })
    const lenient = await checkSyncQueueHealth(queue, {
      worker: worker as SyncWorker,
      maxDeadLetters: 1,
    })
    expect(lenient.ok).toBe(true)
  })

  it('fails liveness for a stalled worker; close with graceMs aborts its send and hands the order back', async () => {
    const client = testPlatformClient(sandbox.url)
    startWorker({
      ...client,
      // A send that never ends until it is aborted: the worker is wedged.
      doSync: (_batch, { signal }) =>
        new Promise((_resolve, reject) => {
          signal?.addEventListener('abort', () => reject(signal.reason), { once: true })
        }),
    })
    await queue.enqueue('token-test', orderVersion('a', 1))
    await until(async () => (await queue.counts('token-test')).active === 1)
    await new Promise((resolve) => setTimeout(resolve, 400))
    const stalled = await checkSyncQueueHealth(queue, {
      worker: worker as SyncWorker,
      stalledAfterMs: 300,
    })
    expect(stalled).toMatchObject({ ok: false, ready: true, live: false })
    expect(stalled.checks.worker.detail).toMatch(
      /^stalled: no order started or finished for more than 300 ms \(1 in flight, 0 waiting, last progress \d+ s ago\)$/,
    )

    const closing = (worker as SyncWorker).close({ graceMs: 200 }).then(() => 'closed')
    const outcome = await Promise.race([
      closing,
      new Promise((resolve) => setTimeout(() => resolve('still closing after 5 s'), 5000)),
    ])
    expect(outcome).toBe('closed')
    const closed = await checkSyncQueueHealth(queue, { worker: worker as SyncWorker })
    expect(closed.live).toBe(false)
    expect(closed.checks.worker.detail).toBe('not running: the worker was closed')
    // The aborted order is back in the queue, not lost and not dead.
    const counts = await queue.counts('token-test')
    expect(counts.waiting + counts.delayed).toBe(1)
    expect(counts.dead).toBe(0)
  })

  it('with Redis stopped: not ready, still live (a restart would not bring Redis back), within timeoutMs', async () => {
    startWorker()
    await worker?.waitUntilReady()
    await server.stop()
    const startedAt = Date.now()
    const health = await checkSyncQueueHealth(queue, { worker: worker as SyncWorker })
    expect(Date.now() - startedAt).toBeLessThan(5000)
    expect(health).toMatchObject({
      ok: false,
      ready: false,
      live: true,
      counts: undefined,
      checks: {
        redis: { ok: false },
        deadLetters: { ok: false, detail: 'unknown: Redis did not answer' },
      },
    })
    expect(health.checks.redis.detail).toMatch(
      /^\[ordersync\] \[queue\] ping: Redis did not answer within 1000 ms( \(last error: .+\))? — check that Redis runs and is reachable; the queue reconnects by itself$/,
    )
    expect(health.checks.worker.detail).toMatch(
      /^waiting for Redis: 0 in flight, an unknown number of waiting/,
    )
  })
})
