import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { type RedisServerProcess, startRedisServer } from './redis-server-process.ts'
import { createSyncQueue, type SyncQueue } from './sync-queue.ts'
import { SyncQueueUnavailableError } from './sync-queue-unavailable-error.ts'
import { createSyncWorker } from './sync-worker.ts'
import { orderVersion, testPlatformClient } from './test-support.ts'

// A Redis of these tests' own, stopped (SIGKILL, as a crash) and started again: the queue's calls
// end within its timeoutMs with a typed error, its connections' errors go to onError (or, by
// default, one line per outage), and it works again once Redis is back.

let server: RedisServerProcess
let queue: SyncQueue | undefined
let printed: string[]

beforeAll(async () => {
  server = await startRedisServer(['--save', '', '--appendonly', 'no'])
})
afterAll(async () => {
  await server.close()
})
afterEach(async () => {
  vi.restoreAllMocks()
  await queue?.close()
  queue = undefined
  await server.start().catch(() => {})
})

/** What the queue's libraries and the queue print on stderr and stdout meanwhile. */
function capturePrinted(): void {
  printed = []
  for (const method of ['error', 'warn', 'log'] as const) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      printed.push(args.map(String).join(' '))
    })
  }
}

/** Settles `promise`: its value, or the error it rejected with, and how long it took. */
async function settle<T>(promise: Promise<T>): Promise<{ outcome: T | unknown; ms: number }> {
  const startedAt = Date.now()
  const outcome = await promise.catch((error: unknown) => error)
  return { outcome, ms: Date.now() - startedAt }
}

/** Enqueues until Redis answers again (the connection's next reconnection attempt). */
async function enqueueOnceBack(target: SyncQueue, id: string): Promise<string> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return (await target.enqueue('token-test', orderVersion(id, 1))).status
    } catch (error) {
      if (attempt >= 10) throw error
    }
  }
}

describe('sync queue when Redis goes away', () => {
  it('rejects enqueue and counts within timeoutMs with a SyncQueueUnavailableError, reports the connections’ errors to onError (none unhandled), and works again once Redis is back', async () => {
    capturePrinted()
    const errors: Error[] = []
    queue = createSyncQueue({
      connection: server.connection,
      platforms: { 'token-test': {} },
      persistence: 'ignore',
      timeoutMs: 1000,
      onError: (error) => errors.push(error),
    })
    expect((await queue.enqueue('token-test', orderVersion('a', 1))).status).toBe('queued')
    await server.stop()
    // Once the queue knows Redis is gone, it sends nothing more until it is back.
    while (errors.length === 0) await new Promise((resolve) => setTimeout(resolve, 10))

    const enqueued = await settle(queue.enqueue('token-test', orderVersion('b', 1)))
    const counted = await settle(queue.counts('token-test'))
    const refused = `connect ECONNREFUSED 127.0.0.1:${server.connection.port}`
    expect(SyncQueueUnavailableError.isInstance(enqueued.outcome)).toBe(true)
    expect((enqueued.outcome as SyncQueueUnavailableError).message).toBe(
      `[ordersync] [queue] enqueue: Redis did not answer within 1000 ms (last error: ${refused}) — keep the order where it came from (an outbox) and enqueue it again later: enqueueing is idempotent`,
    )
    expect(SyncQueueUnavailableError.isInstance(counted.outcome)).toBe(true)
    expect((counted.outcome as SyncQueueUnavailableError).message).toBe(
      `[ordersync] [queue] counts: Redis did not answer within 1000 ms (last error: ${refused}) — check that Redis runs and is reachable; the queue reconnects by itself`,
    )
    // Bounds, not speeds: both ended, well before ioredis's own minute of retries.
    expect(enqueued.ms).toBeLessThan(5000)
    expect(counted.ms).toBeLessThan(5000)
    // Each reconnection attempt's error, and how the connection broke when Redis died, if seen.
    expect(errors.map((error) => error.message)).toContain(refused)
    expect(
      errors.filter(
        (error) =>
          error.message !== refused && !/^(read ECONNRESET|write EPIPE)$/.test(error.message),
      ),
    ).toEqual([])
    expect(printed).toEqual([])

    // The restarted Redis kept nothing (no persistence), and nothing sent during the outage
    // reaches it afterwards: 'b' is new to it.
    await server.start()
    expect(await enqueueOnceBack(queue, 'b')).toBe('queued')
    expect((await queue.counts('token-test')).waiting).toBe(1)
  })

  it('prints one line per outage by default, not one per reconnection attempt', async () => {
    capturePrinted()
    queue = createSyncQueue({
      connection: server.connection,
      platforms: { 'token-test': {} },
      persistence: 'ignore',
      timeoutMs: 1000,
    })
    await queue.waitUntilReady()
    await server.stop()
    // Several reconnection attempts of both connections fail meanwhile.
    await settle(queue.counts('token-test'))
    await settle(queue.counts('token-test'))
    await server.start()
    expect(await enqueueOnceBack(queue, 'c')).toBe('queued')
    // The first error of the outage: how the connection broke, or the first refused attempt.
    expect(printed).toHaveLength(1)
    expect(printed[0]).toMatch(
      new RegExp(
        `^\\[ordersync\\] \\[queue\\] Redis: (read ECONNRESET|write EPIPE|connect ECONNREFUSED 127\\.0\\.0\\.1:${server.connection.port}) \\(reconnecting\\)$`,
      ),
    )
  })

  it('closes a worker after Redis came back (BullMQ’s own graceful close would wait forever)', async () => {
    queue = createSyncQueue({
      connection: server.connection,
      platforms: { 'token-test': {} },
      persistence: 'ignore',
      onError: () => {},
    })
    const worker = createSyncWorker(queue, {
      platforms: [testPlatformClient('http://127.0.0.1:9')],
      onError: () => {},
    })
    await worker.waitUntilReady()
    await server.stop()
    await new Promise((resolve) => setTimeout(resolve, 300))
    await server.start()
    const outcome = await Promise.race([
      worker.close().then(() => 'closed'),
      new Promise((resolve) => setTimeout(() => resolve('still closing after 10 s'), 10_000)),
    ])
    expect(outcome).toBe('closed')
  })
})
