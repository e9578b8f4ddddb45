import type { ChildProcess } from 'node:child_process'
import { createWechatSandboxModule, type Sandbox, startSandbox } from '@ordersync/sandbox'
import { wechatDocumentOrder } from '@ordersync/wechat/fixtures'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createSyncQueue, type SyncQueue } from './sync-queue.ts'
import { testConnection } from './test-support.ts'
import { startWorkerProcesses, stopWorkerProcesses } from './worker-processes.ts'

// WeChat allowing 10 requests per second, two worker processes that could send hundreds per
// second. Each order takes two requests (shop/order/get, then shop/order/add), one add in four
// answers "system busy" and is retried by the client, and each process fetches a token: every one
// of those requests counts against the limit, measured at the sandbox from its request log's
// arrival times.
//
// The queue counts a request when it leaves and the sandbox when it arrives: on a loaded two-core
// machine, the time between a request's slot and the socket varies by tens of milliseconds (a
// Redis round trip, a busy event loop, a new connection). As the guide advises for a real
// platform, the window is set that much longer than the platform's second.

const limit = 10
const platformWindowMs = 1000
const jitterAllowanceMs = 150
const orderCount = 25
const prefix = `test-${process.pid}-rate-limit`

let sandbox: Sandbox
let queue: SyncQueue
let workers: ChildProcess[] = []

beforeAll(async () => {
  sandbox = await startSandbox({ modules: [createWechatSandboxModule()] })
  queue = createSyncQueue({
    connection: testConnection(),
    // The tests' Redis runs without persistence on purpose.
    persistence: 'ignore',
    prefix,
    platforms: {
      wechat: { rateLimit: { max: limit, durationMs: platformWindowMs + jitterAllowanceMs } },
    },
  })
})
afterAll(async () => {
  await stopWorkerProcesses(workers)
  await queue.close()
  await sandbox.close()
}, 60_000)

describe('per-platform rate limit', () => {
  it('holds for every request to the platform across workers — reads, retries and the token included — measured at the sandbox', async () => {
    sandbox.control.injectFault({
      platform: 'wechat',
      endpoint: '/shop/order/add',
      action: { type: 'body', body: { errcode: -1, errmsg: 'system error' } },
      probability: 0.25,
      times: Number.POSITIVE_INFINITY,
    })
    await queue.enqueueMany(
      'wechat',
      Array.from({ length: orderCount }, (_, index) => ({
        ...wechatDocumentOrder,
        id: `order-${index}`,
        // What WeChat needs beside the canonical order (its document's Example I).
        platformOptions: {
          wechat: { scene: 1177, prepayId: '42526234625', prepayAt: '2020-03-25T14:04:25+08:00' },
        },
      })),
    )
    workers = await startWorkerProcesses(2, {
      SANDBOX_URL: sandbox.url,
      QUEUE_PREFIX: prefix,
      PLATFORM: 'wechat',
      WECHAT_CREDENTIALS: JSON.stringify(sandbox.credentials.wechat),
      CONCURRENCY: '20',
      RATE_LIMIT_MAX: String(limit),
      RATE_LIMIT_DURATION_MS: String(platformWindowMs + jitterAllowanceMs),
    })
    while (sandbox.control.orders('wechat').size < orderCount) {
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
    const log = sandbox.control.log('wechat')
    const arrivals = log.map((entry) => entry.at).sort((a, b) => a - b)
    const first = arrivals[0] as number
    const spanMs = (arrivals.at(-1) as number) - first
    // The most requests in any one of the platform's seconds, from each arrival on.
    const peak = Math.max(
      ...arrivals.map(
        (at) => arrivals.filter((other) => other >= at && other < at + platformWindowMs).length,
      ),
    )
    const count = (endpoint: string) => log.filter((entry) => entry.endpoint === endpoint).length
    const busy = log.filter((entry) => entry.fault === 'body').length
    console.log(
      `[rate limit] ${limit} per ${platformWindowMs + jitterAllowanceMs} ms: ${arrivals.length} requests (${count('/shop/order/get')} reads, ` +
        `${count('/shop/order/add')} adds of which ${busy} busy and retried, ` +
        `${log.filter((entry) => entry.kind === 'token').length} token) over ${(spanMs / 1000).toFixed(2)} s, ` +
        `${(((arrivals.length - 1) / spanMs) * 1000).toFixed(1)}/s on average, at most ${peak} in any one second`,
    )
    // Every request is in the count: a read per order, the adds and their retries, the tokens.
    expect(count('/shop/order/get')).toBeGreaterThanOrEqual(orderCount)
    expect(count('/shop/order/add')).toBe(orderCount + busy)
    expect(busy).toBeGreaterThan(0)
    expect(log.filter((entry) => entry.kind === 'token').length).toBeGreaterThanOrEqual(1)
    expect(peak).toBeLessThanOrEqual(limit)
  }, 120_000)
})
