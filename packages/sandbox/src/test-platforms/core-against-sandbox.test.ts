import { ApiCallError, type RetryEvent, syncOrders } from '@ordersync/core'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { type Sandbox, startSandbox } from '../start-sandbox.ts'
import { createTokenTestPlatform, type TestClientSettings } from './test-platform-clients.ts'
import { testPlatformOrder } from './test-platform-order.ts'
import { createTokenTestPlatformModule } from './token-test-platform-module.ts'

// Core's transport, token manager and syncOrders, held to the numbers the design promises,
// against the sandbox over real HTTP on loopback.

const order = (index: number) => ({ ...testPlatformOrder, id: `order-${index}` })
const endpoint = '/token-test/orders'

let sandbox: Sandbox
beforeAll(async () => {
  sandbox = await startSandbox({ modules: [createTokenTestPlatformModule()] })
})
afterAll(async () => {
  await sandbox.close()
})
beforeEach(() => {
  sandbox.control.reset()
})

function client(overrides: Partial<TestClientSettings> = {}) {
  return createTokenTestPlatform({
    baseURL: sandbox.url,
    clientId: 'token-test-client',
    clientSecret: 'token-test-secret-7f3a9c',
    retry: { maxAttempts: 4, initialDelayMs: 1, maxDelayMs: 10 },
    ...overrides,
  })
}
const counters = () => sandbox.control.counters('token-test')

describe('core against the sandbox', () => {
  it('200 concurrent syncs on a cold token cache cause exactly 1 token request', async () => {
    const platform = client()
    const reports = await Promise.all(
      Array.from({ length: 200 }, (_, index) => syncOrders({ platform, orders: [order(index)] })),
    )
    expect(reports.reduce((total, report) => total + report.succeeded, 0)).toBe(200)
    expect(counters().tokenRequests).toBe(1)
    expect(counters().requests[endpoint]).toBe(200)
  })

  it('a token invalidated in the middle of a run: exactly 1 refresh, every call succeeds', async () => {
    const platform = client()
    let invalidated = false
    const report = await syncOrders({
      platform: { ...platform, maxBatchSize: 1 },
      orders: Array.from({ length: 60 }, (_, index) => order(index)),
      concurrency: 6,
      onProgress: (progress) => {
        if (progress.done === 20 && !invalidated) {
          invalidated = true
          sandbox.control.invalidateTokens('token-test')
        }
      },
    })
    expect(report.succeeded).toBe(60)
    expect(counters().tokenRequests).toBe(2)
  })

  it('a retryable fault injected twice then cleared: the call succeeds on attempt 3', async () => {
    sandbox.control.injectFault({
      platform: 'token-test',
      endpoint,
      action: { type: 'body', body: { code: -1, message: 'busy' } },
      times: 2,
    })
    const retries: RetryEvent[] = []
    const report = await syncOrders({
      platform: client({ hooks: { onRetry: (event) => retries.push(event) } }),
      orders: [order(0)],
    })
    expect(report.succeeded).toBe(1)
    expect(counters().requests[endpoint]).toBe(3)
    expect(retries.map((event) => event.attempt)).toEqual([1, 2])
  })

  it('a retryable fault injected forever: it fails after the attempt cap with an error listing the attempts', async () => {
    sandbox.control.injectFault({
      platform: 'token-test',
      endpoint,
      action: { type: 'status', status: 502 },
      times: Number.POSITIVE_INFINITY,
    })
    const report = await syncOrders({ platform: client(), orders: [order(0)] })
    const result = report.results[0]
    const error = result?.status === 'failed' ? result.error : undefined
    expect(ApiCallError.isInstance(error)).toBe(true)
    const apiError = error as ApiCallError
    expect(
      apiError.attempts.map((attempt) => [attempt.attempt, attempt.httpStatus, attempt.failure]),
    ).toEqual([
      [1, 502, 'HTTP 502'],
      [2, 502, 'HTTP 502'],
      [3, 502, 'HTTP 502'],
      [4, 502, 'HTTP 502'],
    ])
    expect(apiError.message).toBe(
      '[ordersync] [token-test] /token-test/orders: HTTP 502; gave up after 4 attempts (retry.maxAttempts) — the platform may have stored the order; re-syncing it is safe, because every sync endpoint is an upsert',
    )
    expect(counters().requests[endpoint]).toBe(4)
  })

  it('waits for Retry-After: 1', async () => {
    sandbox.control.injectFault({
      platform: 'token-test',
      endpoint,
      action: { type: 'status', status: 429, headers: { 'retry-after': '1' } },
      times: 1,
    })
    const retries: RetryEvent[] = []
    const startedAt = performance.now()
    const report = await syncOrders({
      platform: client({ hooks: { onRetry: (event) => retries.push(event) } }),
      orders: [order(0)],
    })
    expect(report.succeeded).toBe(1)
    expect(retries.map((event) => event.delayMs)).toEqual([1000])
    // A lower bound only: the wait happened. How much longer it took is the machine's business.
    expect(performance.now() - startedAt).toBeGreaterThanOrEqual(990)
  })

  it('does not retry a non-retryable platform error', async () => {
    sandbox.control.injectFault({
      platform: 'token-test',
      endpoint,
      action: { type: 'body', body: { code: 400, message: 'bad' } },
      times: 1,
    })
    const report = await syncOrders({ platform: client(), orders: [order(0)] })
    expect(report.failed).toBe(1)
    expect(counters().requests[endpoint]).toBe(1)
  })

  it('10,000 orders from an async generator in batches of 50: exactly 200 requests, reading at most 2 × concurrency × 50 ahead (the batches in flight and the next ones prepared)', async () => {
    let yielded = 0
    let completed = 0
    let furthestAhead = 0
    async function* orders() {
      for (let index = 0; index < 10_000; index += 1) {
        yielded += 1
        furthestAhead = Math.max(furthestAhead, yielded - completed)
        yield order(index)
      }
    }
    const report = await syncOrders({
      platform: client(),
      orders: orders(),
      concurrency: 4,
      keepResults: 'failed',
      onResult: () => {
        completed += 1
      },
    })
    expect(report.succeeded).toBe(10_000)
    expect(report.results).toEqual([])
    expect(counters().requests[endpoint]).toBe(200)
    expect(sandbox.control.orders('token-test').size).toBe(10_000)
    expect(furthestAhead).toBeLessThanOrEqual(2 * 4 * 50)
    // 10,000 orders through HTTP take a few seconds on a loaded machine: no timing asserted.
  }, 60_000)

  it('a batch rejected as a whole because of one bad order: the others still succeed, exactly the bad one fails', async () => {
    const orders = Array.from({ length: 50 }, (_, index) =>
      index === 37 ? { ...order(index), id: 'order-37-bad' } : order(index),
    )
    const report = await syncOrders({ platform: client(), orders })
    expect(report.succeeded).toBe(49)
    expect(
      report.results.filter((result) => result.status === 'failed').map((result) => result.orderId),
    ).toEqual(['order-37-bad'])
    expect(sandbox.control.orders('token-test').size).toBe(49)
    expect(sandbox.control.orders('token-test').has('order-37-bad')).toBe(false)
  })
})
