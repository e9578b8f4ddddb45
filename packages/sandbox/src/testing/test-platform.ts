import {
  ApiCallError,
  AuthenticationError,
  type OrderInput,
  type OrderSyncPlatformV1,
  type RetryOptions,
  syncOrders,
  type TransportHooks,
} from '@ordersync/core'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { RequestLogEntry } from '../sandbox-types.ts'
import type { Sandbox } from '../start-sandbox.ts'

/**
 * What a platform package tells the contract suite about itself.
 *
 * @example
 * ```ts
 * // type-checked only: the options of a suite that runs inside vitest
 * import { createYoushu } from '@ordersync/youshu'
 *
 * const options: ContractSuiteOptions<unknown> = {
 *   name: 'youshu',
 *   capabilities: { auth: 'signature', maxBatchSize: 50 },
 *   startSandbox: () => startSandbox({ modules: [createYoushuSandboxModule()] }),
 *   sandboxPlatform: 'youshu',
 *   syncEndpoint: '/data-api/v1/order/add_order',
 *   createClient: (sandbox, { retry, hooks }) =>
 *     createYoushu({ environment: 'test', baseURL: sandbox.url, appId: 'bi-sandbox-app', appSecret: 'youshu-sandbox-secret-93c1', merchantId: '10001', retryableRetcodes: [-1], retry, hooks }),
 *   makeOrder: (index) => ({ ...youshuFaqOrder, id: `order-${index}` }),
 *   faultBodies: { retryable: { retcode: -1, errmsg: 'system busy' }, nonRetryable: { retcode: 1004, errmsg: 'sandbox: invalid request' } },
 *   credentialOf: (entry) => new URLSearchParams(entry.query).get('signature') ?? undefined,
 *   secrets: ['youshu-sandbox-secret-93c1'],
 * }
 * ```
 */
export interface ContractSuiteOptions<Payload> {
  /** The platform's name, for the test titles. */
  readonly name: string
  /** How it authenticates and how many orders one call carries. */
  readonly capabilities: { readonly auth: 'token' | 'signature'; readonly maxBatchSize: number }
  /** Starts a sandbox that serves the platform's module; the suite closes it. */
  readonly startSandbox: () => Promise<Sandbox>
  /** The platform id of the module in the sandbox. */
  readonly sandboxPlatform: string
  /** The path orders are synced through, e.g. `/shop/order/add`. */
  readonly syncEndpoint: string
  /**
   * Creates a client pointed at the sandbox, with the suite's retry settings and hooks. It is
   * called for each test, and each client must start with a cold token cache.
   */
  readonly createClient: (
    sandbox: Sandbox,
    overrides: { readonly retry: RetryOptions; readonly hooks: TransportHooks },
  ) => OrderSyncPlatformV1<Payload>
  /** A valid canonical order whose id is unique per index; give it a buyer phone, so redaction is tested. */
  readonly makeOrder: (index: number) => OrderInput
  /**
   * Bodies the platform answers inside an HTTP 200: a retryable "busy" (WeChat `{"errcode":-1}`),
   * a definite error, and, for token platforms, a token rejection (`{"errcode":40001}`).
   */
  readonly faultBodies: {
    readonly retryable: unknown
    readonly nonRetryable: unknown
    readonly tokenInvalid?: unknown
  }
  /** Reads the access token (token platforms) or the signature (signing platforms) of a logged request. */
  readonly credentialOf: (entry: RequestLogEntry) => string | undefined
  /** Distinctive secret values of the client's settings (app secret, private key) that must never leak. */
  readonly secrets: readonly string[]
}

/**
 * The retry settings the suite gives clients: fast, and a cap of three attempts. The attempt
 * timeout leaves room for a loaded machine (every suite at once on two cores); the timeout test's
 * delay (3 s) is well beyond it.
 *
 * @example
 * ```ts
 * contractRetry.maxAttempts // 3
 * // the suite passes it to your createClient: (sandbox, { retry, hooks }) => createX({ …, retry, hooks })
 * ```
 */
export const contractRetry: RetryOptions = {
  maxAttempts: 3,
  initialDelayMs: 1,
  maxDelayMs: 5,
  timeoutMs: 2000,
}

/**
 * The contract suite every platform package runs against its sandbox module (unstorage's
 * `testDriver` pattern), so the five packages are held to the same behaviour: retries on 5xx,
 * timeouts and dropped connections; no retry on definite errors; for token platforms one token
 * request for many concurrent calls and a single replay on rejection; for signing platforms a
 * fresh signature on every attempt; batching to the platform's limit; abort; progress; and no
 * secret, token, signature or phone number in any error or hook event.
 *
 * Call it at the top level of a test file; it registers a `describe` block.
 *
 * @param options - What the suite needs to know about the platform.
 * @example
 * ```ts
 * // type-checked only: the suite runs inside vitest, in a file such as src/youshu.contract.test.ts
 * import { testPlatform } from '@ordersync/sandbox/testing'
 * import { createYoushu } from '@ordersync/youshu'
 *
 * testPlatform({
 *   name: 'youshu',
 *   capabilities: { auth: 'signature', maxBatchSize: 50 },
 *   startSandbox: () => startSandbox({ modules: [createYoushuSandboxModule()] }),
 *   sandboxPlatform: 'youshu',
 *   syncEndpoint: '/data-api/v1/order/add_order',
 *   createClient: (sandbox, { retry, hooks }) => {
 *     const { appId = '', appSecret = '', merchantId = '' } = sandbox.credentials.youshu ?? {}
 *     return createYoushu({ environment: 'test', baseURL: sandbox.url, appId, appSecret, merchantId, retryableRetcodes: [-1], retry, hooks })
 *   },
 *   makeOrder: (index) => ({ ...youshuFaqOrder, id: `order-${index}` }),
 *   faultBodies: { retryable: { retcode: -1, errmsg: 'system busy' }, nonRetryable: { retcode: 1004, errmsg: 'sandbox: invalid request' } },
 *   credentialOf: (entry) => new URLSearchParams(entry.query).get('signature') ?? undefined,
 *   secrets: ['youshu-sandbox-secret-93c1'],
 * })
 * ```
 */
export function testPlatform<Payload>(options: ContractSuiteOptions<Payload>): void {
  const platform = options.sandboxPlatform
  const endpoint = options.syncEndpoint
  let sandbox: Sandbox
  let events: unknown[]
  const hooks: TransportHooks = {
    onRequest: (event) => events.push(event),
    onResponse: (event) => events.push(event),
    onRetry: (event) => events.push(event),
    onError: (event) =>
      events.push({ ...event, error: { name: event.error.name, message: event.error.message } }),
  }
  const client = (retry: RetryOptions = contractRetry) =>
    options.createClient(sandbox, { retry, hooks })
  const requests = () => sandbox.control.counters(platform).requests[endpoint] ?? 0
  const apiLog = () => sandbox.control.log(platform).filter((entry) => entry.endpoint === endpoint)

  describe(`${options.name}: the ordersync platform contract`, () => {
    beforeAll(async () => {
      sandbox = await options.startSandbox()
    })
    afterAll(async () => {
      await sandbox.close()
    })
    beforeEach(() => {
      sandbox.control.reset()
      events = []
    })

    it('syncs an order and stores it in the sandbox', async () => {
      const report = await syncOrders({ platform: client(), orders: [options.makeOrder(0)] })
      expect(report.results.map((result) => result.status)).toEqual(['succeeded'])
      expect(requests()).toBe(1)
      expect(sandbox.control.orders(platform).size).toBe(1)
    })

    it.each([
      ['an HTTP 503', { type: 'status', status: 503 }],
      ['a timeout', { type: 'delay', ms: 3000 }],
      ['a dropped connection', { type: 'drop' }],
    ] as const)('retries %s and succeeds on the next attempt', async (_name, action) => {
      sandbox.control.injectFault({ platform, endpoint, action, times: 1 })
      const report = await syncOrders({ platform: client(), orders: [options.makeOrder(0)] })
      expect(report.results.map((result) => result.status)).toEqual(['succeeded'])
      expect(requests()).toBe(2)
    })

    it('retries the platform’s retryable answer inside an HTTP 200: twice then cleared, it succeeds on attempt 3', async () => {
      sandbox.control.injectFault({
        platform,
        endpoint,
        action: { type: 'body', body: options.faultBodies.retryable },
        times: 2,
      })
      const report = await syncOrders({ platform: client(), orders: [options.makeOrder(0)] })
      expect(report.results.map((result) => result.status)).toEqual(['succeeded'])
      expect(requests()).toBe(3)
    })

    it('fails after the attempt cap when the fault stays, listing every attempt', async () => {
      sandbox.control.injectFault({
        platform,
        endpoint,
        action: { type: 'body', body: options.faultBodies.retryable },
        times: Number.POSITIVE_INFINITY,
      })
      const report = await syncOrders({ platform: client(), orders: [options.makeOrder(0)] })
      const result = report.results[0]
      expect(result?.status).toBe('failed')
      const error = result?.status === 'failed' ? result.error : undefined
      expect(ApiCallError.isInstance(error)).toBe(true)
      expect((error as ApiCallError).retryable).toBe(true)
      expect((error as ApiCallError).attempts.map((attempt) => attempt.attempt)).toEqual([1, 2, 3])
      expect(requests()).toBe(3)
    })

    it('does not retry a definite error', async () => {
      sandbox.control.injectFault({
        platform,
        endpoint,
        action: { type: 'body', body: options.faultBodies.nonRetryable },
        times: 1,
      })
      const report = await syncOrders({ platform: client(), orders: [options.makeOrder(0)] })
      const result = report.results[0]
      const error = result?.status === 'failed' ? result.error : undefined
      expect(ApiCallError.isInstance(error)).toBe(true)
      expect((error as ApiCallError).retryable).toBe(false)
      expect(requests()).toBe(1)
    })

    it(`batches to the platform's limit of ${options.capabilities.maxBatchSize}`, async () => {
      const size = options.capabilities.maxBatchSize
      const orders = Array.from({ length: size * 2 + 1 }, (_, index) => options.makeOrder(index))
      const report = await syncOrders({ platform: client(), orders, concurrency: 2 })
      expect(report.succeeded).toBe(orders.length)
      expect(requests()).toBe(3)
      expect(sandbox.control.orders(platform).size).toBe(orders.length)
    })

    it('reports progress after each order', async () => {
      const done: number[] = []
      await syncOrders({
        platform: client(),
        orders: [options.makeOrder(0), options.makeOrder(1), options.makeOrder(2)],
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
        orders: [options.makeOrder(0)],
        signal: controller.signal,
      })
      expect(report.aborted).toBe(true)
      expect(requests()).toBe(0)
    })

    if (options.capabilities.auth === 'token') {
      it('makes exactly 1 token request for 20 concurrent syncs on a cold token cache', async () => {
        const shared = client()
        const reports = await Promise.all(
          Array.from({ length: 20 }, (_, index) =>
            syncOrders({ platform: shared, orders: [options.makeOrder(index)] }),
          ),
        )
        expect(reports.every((report) => report.succeeded === 1)).toBe(true)
        expect(sandbox.control.counters(platform).tokenRequests).toBe(1)
      })

      it('refreshes exactly once when the token is invalidated in the middle of a run, and every order succeeds', async () => {
        const shared = client()
        await syncOrders({ platform: shared, orders: [options.makeOrder(0)] })
        sandbox.control.invalidateTokens(platform)
        const reports = await Promise.all(
          Array.from({ length: 10 }, (_, index) =>
            syncOrders({ platform: shared, orders: [options.makeOrder(index + 1)] }),
          ),
        )
        expect(reports.every((report) => report.succeeded === 1)).toBe(true)
        expect(sandbox.control.counters(platform).tokenRequests).toBe(2)
      })

      it('replays once on a token rejection and then reports an AuthenticationError', async () => {
        sandbox.control.injectFault({
          platform,
          endpoint,
          action: { type: 'body', body: options.faultBodies.tokenInvalid },
          times: Number.POSITIVE_INFINITY,
        })
        const report = await syncOrders({ platform: client(), orders: [options.makeOrder(0)] })
        const result = report.results[0]
        expect(result?.status === 'failed' && AuthenticationError.isInstance(result.error)).toBe(
          true,
        )
        expect(requests()).toBe(2)
        expect(sandbox.control.counters(platform).tokenRequests).toBe(2)
      })
    } else {
      it('signs every attempt afresh: a new signature (time and nonce) on each retry', async () => {
        sandbox.control.injectFault({
          platform,
          endpoint,
          action: { type: 'status', status: 503 },
          times: 2,
        })
        const report = await syncOrders({ platform: client(), orders: [options.makeOrder(0)] })
        expect(report.succeeded).toBe(1)
        const signatures = apiLog().map(options.credentialOf)
        expect(signatures).toHaveLength(3)
        expect(
          signatures.every((signature) => typeof signature === 'string' && signature !== ''),
        ).toBe(true)
        expect(new Set(signatures).size).toBe(3)
      })
    }

    it('never lets a secret, token, signature or phone number into an error or a hook event', async () => {
      const orders = [0, 1, 2].map(options.makeOrder)
      await syncOrders({ platform: client(), orders: [orders[0] as OrderInput] })
      sandbox.control.injectFault({
        platform,
        endpoint,
        action: { type: 'body', body: options.faultBodies.retryable },
        times: 3,
      })
      const exhausted = await syncOrders({ platform: client(), orders: [orders[1] as OrderInput] })
      sandbox.control.injectFault({
        platform,
        endpoint,
        action: { type: 'body', body: options.faultBodies.nonRetryable },
        times: 1,
      })
      const rejected = await syncOrders({ platform: client(), orders: [orders[2] as OrderInput] })
      const errors = [...exhausted.results, ...rejected.results].flatMap((result) =>
        result.status === 'failed'
          ? [{ message: result.error.message, error: { ...result.error } }]
          : [],
      )
      expect(errors).toHaveLength(2)
      const text = JSON.stringify({ events, errors })
      const credentials = sandbox.control
        .log(platform)
        .map(options.credentialOf)
        .filter((value) => value !== undefined)
      const phones = orders
        .flatMap((order) => [order.buyer?.phone, order.delivery?.address?.phone])
        .filter((value) => value !== undefined)
      expect(credentials.length).toBeGreaterThan(0)
      for (const value of [...options.secrets, ...credentials, ...phones]) {
        expect(value.length).toBeGreaterThanOrEqual(4)
        expect(text).not.toContain(value)
      }
    })
  })
}
