import type { ChildProcess } from 'node:child_process'
import { type Sandbox, startSandbox } from '@ordersync/sandbox'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTokenTestPlatformModule } from '../../sandbox/src/test-platforms/token-test-platform-module.ts'
import { createSyncQueue, type SyncQueue } from './sync-queue.ts'
import { orderVersion, testConnection } from './test-support.ts'
import { startWorkerProcesses, stopWorkerProcesses } from './worker-processes.ts'

// A platform limited to 10 orders per second, two worker processes that could send hundreds per
// second, one order per request: the rate measured at the sandbox, from its request log's
// arrival times, stays within the limit.

const limit = 10
const orderCount = 60
const endpoint = '/token-test/orders'
const prefix = `test-${process.pid}-rate-limit`

let sandbox: Sandbox
let queue: SyncQueue
let workers: ChildProcess[] = []

beforeAll(async () => {
  sandbox = await startSandbox({ modules: [createTokenTestPlatformModule()] })
  queue = createSyncQueue({
    connection: testConnection(),
    prefix,
    platforms: { 'token-test': { rateLimit: { max: limit, durationMs: 1000 } } },
  })
})
afterAll(async () => {
  await stopWorkerProcesses(workers)
  await queue.close()
  await sandbox.close()
}, 60_000)

describe('per-platform rate limit', () => {
  it('holds across workers, measured at the sandbox', async () => {
    await queue.enqueueMany(
      'token-test',
      Array.from({ length: orderCount }, (_, index) => orderVersion(`order-${index}`, 1)),
    )
    workers = await startWorkerProcesses(2, {
      SANDBOX_URL: sandbox.url,
      QUEUE_PREFIX: prefix,
      CONCURRENCY: '20',
      BATCH_SIZE: '1',
      RATE_LIMIT_MAX: String(limit),
    })
    while (sandbox.control.orders('token-test').size < orderCount) {
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
    const arrivals = sandbox.control
      .log('token-test')
      .filter((entry) => entry.endpoint === endpoint)
      .map((entry) => entry.at)
      .sort((a, b) => a - b)
    expect(arrivals).toHaveLength(orderCount)
    const first = arrivals[0] as number
    const spanMs = (arrivals.at(-1) as number) - first
    // The most requests in any one second, from each arrival on.
    const peak = Math.max(
      ...arrivals.map((at) => arrivals.filter((other) => other >= at && other < at + 1000).length),
    )
    const averagePerSecond = ((orderCount - 1) / spanMs) * 1000
    console.log(
      `[rate limit] ${limit}/s: ${orderCount} requests over ${(spanMs / 1000).toFixed(2)} s, ` +
        `${averagePerSecond.toFixed(1)}/s on average, at most ${peak} in any one second`,
    )
    // BullMQ's limiter is a fixed window: up to `limit` at the end of one window and `limit` at
    // the start of the next can fall within one second; the margin on top covers the variable
    // time between a job starting and its request arriving on a loaded machine. Without the
    // limit, the 60 requests arrive within a fraction of a second.
    expect(peak).toBeLessThanOrEqual(3 * limit)
    // 60 orders at 10 per window need at least 6 windows: 5 s between the first and the last
    // start, less up to a second of that variable delay.
    expect(spanMs).toBeGreaterThanOrEqual(4_000)
  }, 120_000)
})
