// The contract suite: stopping, failing fast, and leaking nothing.
import {
  ApiCallError,
  AuthenticationError,
  InvalidArgumentError,
  type OrderInput,
  OrderSyncError,
  syncOrders,
} from '@ordersync/core'
import { expect, it } from 'vitest'
import { type ContractSuiteContext, faultAnswering } from './contract-suite-context.ts'
import { contractRetry } from './contract-suite-options.ts'

/** An abort stops everything: nothing reaches the sandbox once syncOrders has settled. */
export function testAbort<Payload>(ctx: ContractSuiteContext<Payload>): void {
  const { client, descriptor, platform } = ctx
  it('stops when aborted: nothing is sent once syncOrders has settled', async () => {
    // Every request of the platform (a token or lookup too) waits, so the abort finds work in flight.
    ctx.sandbox.control.injectFault({
      platform,
      action: { type: 'delay', ms: 600 },
      times: Number.POSITIVE_INFINITY,
    })
    // Every request the client starts passes here: none may start once the abort is given.
    let stopping = false
    const started: { readonly url: string; readonly afterAbort: boolean }[] = []
    ctx.echo = async (request) => {
      started.push({ url: new URL(request.url).pathname, afterAbort: stopping })
      return undefined
    }
    const controller = new AbortController()
    const orders = Array.from({ length: descriptor.maxBatchSize * 6 }, (_, index) =>
      descriptor.makeOrder(index),
    )
    const pending = syncOrders({
      // Attempts time out before the sandbox answers: work that ignored the abort would retry,
      // and its retry would reach the sandbox after the run settled.
      platform: client({ ...contractRetry, timeoutMs: 300 }),
      orders,
      concurrency: 2,
      signal: controller.signal,
    })
    // Abort once the first request (a token, a lookup or the sync itself) is at the sandbox.
    const arrived = () => {
      const counters = ctx.sandbox.control.counters(platform)
      return counters.tokenRequests + Object.values(counters.requests).reduce((a, b) => a + b, 0)
    }
    while (arrived() === 0) await new Promise((resolve) => setTimeout(resolve, 5))
    const abortedAt = Date.now()
    stopping = true
    controller.abort(new Error('shutting down'))
    const report = await pending
    if (process.env.ORDERSYNC_SOAK_REPORT !== undefined) {
      console.log(`[abort ${descriptor.id}] settled ${Date.now() - abortedAt} ms after the abort`)
    }
    // No request starts once the run is told to stop: neither a retry nor a shared token refresh
    // or lookup goes on. Requests in flight at the abort are logged when the sandbox answers
    // them; what reached it is at most what was started before the abort (a request started just
    // before may arrive after it on a busy machine, so arrival times alone cannot tell).
    await new Promise((resolve) => setTimeout(resolve, 1500))
    expect(started.filter((request) => request.afterAbort).map((request) => request.url)).toEqual(
      [],
    )
    expect(started.length).toBeGreaterThan(0)
    expect(ctx.sandbox.control.log(platform).length).toBeLessThanOrEqual(started.length)
    expect(report.aborted).toBe(true)
    expect(report.succeeded).toBe(0)
    for (const result of report.results) {
      if (result.status === 'failed') expect(OrderSyncError.isInstance(result.error)).toBe(true)
      if (result.status === 'skipped') expect(result.reason).toBe('aborted')
    }
  })
}

/** A wrong credential costs a bounded number of requests, every order failed with the same typed error. */
export function testFailFast<Payload>(ctx: ContractSuiteContext<Payload>): void {
  const { hooks, descriptor, platform, suiteFetch } = ctx
  it('fails fast on a wrong credential: a bounded number of requests, every order failed with the same typed error', async () => {
    const concurrency = 4
    const orders = Array.from({ length: Math.max(40, descriptor.maxBatchSize * 10) }, (_, index) =>
      descriptor.makeOrder(index),
    )
    const report = await syncOrders({
      platform: await descriptor.createMisconfiguredClient(ctx.sandbox, {
        retry: contractRetry,
        hooks,
        fetch: suiteFetch,
      }),
      orders,
      concurrency,
    })
    const sent = ctx.sandbox.control.log(platform).length
    if (process.env.ORDERSYNC_SOAK_REPORT !== undefined) {
      console.log(
        `[fail-fast ${descriptor.id}] ${orders.length} orders with a wrong credential: ${sent} requests`,
      )
    }
    expect(report.failed).toBe(orders.length)
    expect(sent).toBeLessThanOrEqual(2 * concurrency + 2)
    const first = report.results[0]
    expect(first?.status).toBe('failed')
    if (first?.status !== 'failed') return
    const error = first.error
    if (descriptor.auth === 'token') {
      // A token endpoint that refuses the app id and secret is an AuthenticationError, as core's
      // contract says, on every token platform alike; nothing was sent with them.
      expect(error.name).toBe('AuthenticationError')
      expect(AuthenticationError.isInstance(error)).toBe(true)
      expect(first.delivery).toBe('not_sent')
    } else {
      expect(
        AuthenticationError.isInstance(error) ||
          (ApiCallError.isInstance(error) && error.concerns !== 'order') ||
          InvalidArgumentError.isInstance(error),
      ).toBe(true)
    }
    const notSent = report.results.filter(
      (result) => result.status === 'failed' && result.delivery === 'not_sent',
    )
    expect(notSent.length).toBeGreaterThan(0)
    expect(
      notSent.every((result) => result.status === 'failed' && result.error.name === error.name),
    ).toBe(true)
  })
}

/** No secret, token, signature or phone number in an error or a hook event. */
export function testNoLeaks<Payload>(ctx: ContractSuiteContext<Payload>): void {
  const { client, endpoint, descriptor, platform } = ctx
  it('never lets a secret, token, signature or phone number into an error or a hook event', async () => {
    const orders = [0, 1, 2].map((index) => descriptor.makeOrder(index))
    await syncOrders({ platform: client(), orders: [orders[0] as OrderInput] })
    ctx.sandbox.control.injectFault({
      platform,
      endpoint,
      action: faultAnswering(descriptor.faults.retryable),
      times: 3,
    })
    const exhausted = await syncOrders({ platform: client(), orders: [orders[1] as OrderInput] })
    ctx.sandbox.control.injectFault({
      platform,
      endpoint,
      action: faultAnswering(descriptor.faults.nonRetryable),
      times: 1,
    })
    const rejected = await syncOrders({ platform: client(), orders: [orders[2] as OrderInput] })
    const errors = [...exhausted.results, ...rejected.results].flatMap((result) =>
      result.status === 'failed'
        ? [{ message: result.error.message, error: { ...result.error } }]
        : [],
    )
    expect(errors).toHaveLength(2)
    const text = JSON.stringify({ events: ctx.events, errors })
    const credentials = ctx.sandbox.control
      .log(platform)
      .map((entry) => descriptor.credentialOf(entry))
      .filter((value) => value !== undefined)
    const phones = orders
      .flatMap((order) => [order.buyer?.phone, order.delivery?.address?.phone])
      .filter((value) => value !== undefined)
    expect(credentials.length).toBeGreaterThan(0)
    for (const value of [...ctx.secrets(), ...credentials, ...phones]) {
      expect(value.length).toBeGreaterThanOrEqual(4)
      expect(text).not.toContain(value)
    }
  })
}

/**
 * Answers that cannot be read are labelled truthfully: a 2xx the client cannot read means the
 * platform processed the request and may hold the order (`uncertain`, never `rejected`), and an
 * answer of 404 on every call (a wrong path prefix) stops the run within a bounded number of
 * requests.
 */
export function testUnreadableAnswers<Payload>(ctx: ContractSuiteContext<Payload>): void {
  const { client, descriptor, endpoint } = ctx
  it('labels an order uncertain, never rejected, when the 2xx answer to its sync cannot be read', async () => {
    ctx.echo = async (request) => {
      if (!new URL(request.url).pathname.endsWith(endpoint)) return undefined
      // What a proxy that cut the connection short, or a gateway's page, hands back with a 200.
      return new Response('{"errcode":0,"errno":0,"retcode":0,"result":{"resultSt', {
        status: 200,
        headers: { 'content-type': 'application/json' },
      })
    }
    const report = await syncOrders({ platform: client(), orders: [descriptor.makeOrder(0)] })
    const result = report.results[0]
    expect(result?.status).toBe('failed')
    expect(result?.status === 'failed' && result.delivery).toBe('uncertain')
  })

  it('stops a run whose every call answers 404 (a wrong path prefix) within 2 × concurrency + 2 requests', async () => {
    let answered = 0
    // Every call, a token's or a lookup's too: the prefix is wrong for all of them.
    ctx.echo = async () => {
      answered += 1
      return new Response('<html><body><h1>404 Not Found</h1></body></html>', {
        status: 404,
        headers: { 'content-type': 'text/html' },
      })
    }
    const concurrency = 4
    const orders = Array.from({ length: Math.max(40, descriptor.maxBatchSize * 10) }, (_, index) =>
      descriptor.makeOrder(index),
    )
    const report = await syncOrders({ platform: client(), orders, concurrency })
    if (process.env.ORDERSYNC_SOAK_REPORT !== undefined) {
      console.log(
        `[404 ${descriptor.id}] ${orders.length} orders, every call 404: ${answered} requests`,
      )
    }
    expect(report.failed).toBe(orders.length)
    expect(answered).toBeGreaterThan(0)
    expect(answered).toBeLessThanOrEqual(2 * concurrency + 2)
    const last = report.results.at(-1)
    expect(last?.status === 'failed' && last.delivery).toBe('not_sent')
  })
}
