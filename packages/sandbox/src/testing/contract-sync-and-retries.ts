// The contract suite: what every platform does on every call.
import { ApiCallError, AuthenticationError, syncOrders } from '@ordersync/core'
import { expect, it } from 'vitest'
import { type ContractSuiteContext, faultAnswering } from './contract-suite-context.ts'

/** Sync, retries of every kind, no retry of a definite error, batching, progress, an abort before the start. */
export function testSyncAndRetries<Payload>(ctx: ContractSuiteContext<Payload>): void {
  const { client, endpoint, descriptor, platform, requests } = ctx
  it('makes the client its descriptor describes: its platform id and batch size', () => {
    const made = client()
    expect([made.platform, made.maxBatchSize]).toEqual([platform, descriptor.maxBatchSize])
  })

  it('syncs an order and stores it in the sandbox', async () => {
    const report = await syncOrders({ platform: client(), orders: [descriptor.makeOrder(0)] })
    expect(report.results.map((result) => result.status)).toEqual(['succeeded'])
    expect(requests()).toBe(1)
    expect(ctx.sandbox.control.orders(platform).size).toBe(1)
  })

  it.each([
    ['an HTTP 503', { type: 'status', status: 503 }],
    ['a timeout', { type: 'delay', ms: 3000 }],
    ['a dropped connection', { type: 'drop' }],
  ] as const)('retries %s and succeeds on the next attempt', async (_name, action) => {
    ctx.sandbox.control.injectFault({ platform, endpoint, action, times: 1 })
    const report = await syncOrders({ platform: client(), orders: [descriptor.makeOrder(0)] })
    expect(report.results.map((result) => result.status)).toEqual(['succeeded'])
    expect(requests()).toBe(2)
  })

  it('retries the platform’s retryable answer inside an HTTP 200: twice then cleared, it succeeds on attempt 3', async () => {
    ctx.sandbox.control.injectFault({
      platform,
      endpoint,
      action: faultAnswering(descriptor.faults.retryable),
      times: 2,
    })
    const report = await syncOrders({ platform: client(), orders: [descriptor.makeOrder(0)] })
    expect(report.results.map((result) => result.status)).toEqual(['succeeded'])
    expect(requests()).toBe(3)
  })

  it('fails after the attempt cap when the fault stays, listing every attempt', async () => {
    ctx.sandbox.control.injectFault({
      platform,
      endpoint,
      action: faultAnswering(descriptor.faults.retryable),
      times: Number.POSITIVE_INFINITY,
    })
    const report = await syncOrders({ platform: client(), orders: [descriptor.makeOrder(0)] })
    const result = report.results[0]
    expect(result?.status).toBe('failed')
    const error = result?.status === 'failed' ? result.error : undefined
    expect(ApiCallError.isInstance(error)).toBe(true)
    expect((error as ApiCallError).retryable).toBe(true)
    expect((error as ApiCallError).attempts.map((attempt) => attempt.attempt)).toEqual([1, 2, 3])
    // A retryable answer does not say that the order was not stored.
    expect(result?.status === 'failed' && result.delivery).toBe('uncertain')
    expect(report.uncertain).toBe(1)
    expect(requests()).toBe(3)
  })

  it('does not retry a definite error', async () => {
    ctx.sandbox.control.injectFault({
      platform,
      endpoint,
      action: faultAnswering(descriptor.faults.nonRetryable),
      times: 1,
    })
    const report = await syncOrders({ platform: client(), orders: [descriptor.makeOrder(0)] })
    const result = report.results[0]
    const error = result?.status === 'failed' ? result.error : undefined
    expect(ApiCallError.isInstance(error)).toBe(true)
    expect((error as ApiCallError).retryable).toBe(false)
    expect(result?.status === 'failed' && result.delivery).toBe('rejected')
    expect(requests()).toBe(1)
  })

  it(`batches to the platform's limit of ${descriptor.maxBatchSize}`, async () => {
    const size = descriptor.maxBatchSize
    const orders = Array.from({ length: size * 2 + 1 }, (_, index) => descriptor.makeOrder(index))
    const report = await syncOrders({ platform: client(), orders, concurrency: 2 })
    expect(report.succeeded).toBe(orders.length)
    expect(requests()).toBe(3)
    expect(ctx.sandbox.control.orders(platform).size).toBe(orders.length)
  })

  it('reports progress after each order', async () => {
    const done: number[] = []
    await syncOrders({
      platform: client(),
      orders: [descriptor.makeOrder(0), descriptor.makeOrder(1), descriptor.makeOrder(2)],
      concurrency: 1,
      onProgress: (progress) => done.push(progress.done),
    })
    expect(done).toEqual([1, 2, 3])
  })

  it('sends nothing once aborted', async () => {
    const controller = new AbortController()
    controller.abort()
    const report = await syncOrders({
      platform: client(),
      orders: [descriptor.makeOrder(0)],
      signal: controller.signal,
    })
    expect(report.aborted).toBe(true)
    expect(requests()).toBe(0)
  })
}

/** Token platforms: one token request for many calls and one replay on rejection; signing platforms: a fresh signature on every attempt. */
export function testAuthentication<Payload>(ctx: ContractSuiteContext<Payload>): void {
  const { apiLog, client, endpoint, descriptor, platform, requests } = ctx
  if (descriptor.auth === 'token') {
    it('makes exactly 1 token request for 20 concurrent syncs on a cold token cache', async () => {
      const shared = client()
      const reports = await Promise.all(
        Array.from({ length: 20 }, (_, index) =>
          syncOrders({ platform: shared, orders: [descriptor.makeOrder(index)] }),
        ),
      )
      expect(reports.every((report) => report.succeeded === 1)).toBe(true)
      expect(ctx.sandbox.control.counters(platform).tokenRequests).toBe(1)
    })

    it('refreshes exactly once when the token is invalidated in the middle of a run, and every order succeeds', async () => {
      const shared = client()
      await syncOrders({ platform: shared, orders: [descriptor.makeOrder(0)] })
      ctx.sandbox.control.invalidateTokens(platform)
      const reports = await Promise.all(
        Array.from({ length: 10 }, (_, index) =>
          syncOrders({ platform: shared, orders: [descriptor.makeOrder(index + 1)] }),
        ),
      )
      expect(reports.every((report) => report.succeeded === 1)).toBe(true)
      expect(ctx.sandbox.control.counters(platform).tokenRequests).toBe(2)
    })

    it('replays once on a token rejection and then reports an AuthenticationError', async () => {
      const { tokenInvalid } = descriptor.faults
      if (tokenInvalid === undefined) {
        throw new Error(
          `${descriptor.id}: a token platform's descriptor must give faults.tokenInvalid`,
        )
      }
      ctx.sandbox.control.injectFault({
        platform,
        endpoint,
        action: faultAnswering(tokenInvalid),
        times: Number.POSITIVE_INFINITY,
      })
      const report = await syncOrders({ platform: client(), orders: [descriptor.makeOrder(0)] })
      const result = report.results[0]
      expect(result?.status === 'failed' && AuthenticationError.isInstance(result.error)).toBe(true)
      expect(requests()).toBe(2)
      expect(ctx.sandbox.control.counters(platform).tokenRequests).toBe(2)
    })
  } else {
    it('signs every attempt afresh: a new signature (time and nonce) on each retry', async () => {
      ctx.sandbox.control.injectFault({
        platform,
        endpoint,
        action: { type: 'status', status: 503 },
        times: 2,
      })
      const report = await syncOrders({ platform: client(), orders: [descriptor.makeOrder(0)] })
      expect(report.succeeded).toBe(1)
      const signatures = apiLog().map((entry) => descriptor.credentialOf(entry))
      expect(signatures).toHaveLength(3)
      expect(
        signatures.every((signature) => typeof signature === 'string' && signature !== ''),
      ).toBe(true)
      expect(new Set(signatures).size).toBe(3)
    })
  }
}
