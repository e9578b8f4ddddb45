import {
  ApiCallError,
  AuthenticationError,
  InvalidArgumentError,
  type OrderInput,
  OrderSyncError,
  type OrderSyncPlatformV1,
  type OrderSyncResult,
  type RetryOptions,
  syncOrders,
  type TransportHooks,
  UnsupportedMappingError,
  ValidationError,
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
 *   createClient: (sandbox, overrides) => {
 *     const { appId = '', appSecret = '', merchantId = '' } = sandbox.credentials.youshu ?? {}
 *     return createYoushu({ environment: 'test', baseURL: sandbox.url, appId, appSecret, merchantId, retryableRetcodes: [-1], ...overrides })
 *   },
 *   createMisconfiguredClient: (sandbox, overrides) => {
 *     const { appId = '', merchantId = '' } = sandbox.credentials.youshu ?? {}
 *     return createYoushu({ environment: 'test', baseURL: sandbox.url, appId, appSecret: 'not-the-secret', merchantId, ...overrides })
 *   },
 *   makeOrder: (index) => ({ ...youshuFaqOrder, id: `order-${index}` }),
 *   faultBodies: { retryable: { retcode: -1, errmsg: 'system busy' }, nonRetryable: { retcode: 1004, errmsg: 'sandbox: invalid request' } },
 *   credentialOf: (entry) => new URLSearchParams(entry.query).get('signature') ?? undefined,
 *   secrets: [],
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
   * Creates a client pointed at the sandbox, with the suite's retry settings, hooks and `fetch`
   * (which some tests use to echo requests back). It is called for each test, and each client
   * must start with a cold token cache.
   */
  readonly createClient: (
    sandbox: Sandbox,
    overrides: ContractOverrides,
  ) => OrderSyncPlatformV1<Payload>
  /**
   * Creates a client like `createClient` whose secret is wrong (an app secret, a private key that
   * is not the registered one), for the fail-fast test: a run with it must stop after a handful
   * of requests.
   */
  readonly createMisconfiguredClient: (
    sandbox: Sandbox,
    overrides: ContractOverrides,
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
 * What the suite hands `createClient`: pass all of it on to the client's settings.
 *
 * @example
 * ```ts
 * import { createYoushu } from '@ordersync/youshu'
 *
 * const createClient = (sandbox: Sandbox, { retry, hooks, fetch }: ContractOverrides) =>
 *   createYoushu({ ...settings, baseURL: sandbox.url, retry, hooks, fetch })
 * ```
 */
export interface ContractOverrides {
  readonly retry: RetryOptions
  readonly hooks: TransportHooks
  readonly fetch: typeof globalThis.fetch
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

// The soak's retries: enough attempts to get through most faults, a short attempt timeout so that
// its delay faults cost little (a loaded machine may time out more; the soak only asks for truth).
const soakRetry = { maxAttempts: 4, initialDelayMs: 1, maxDelayMs: 5, timeoutMs: 400 } as const

/**
 * The contract suite every platform package runs against its sandbox module (unstorage's
 * `testDriver` pattern), so the five packages are held to the same behaviour: retries on 5xx,
 * timeouts and dropped connections; no retry on definite errors; for token platforms one token
 * request for many concurrent calls and a single replay on rejection; for signing platforms a
 * fresh signature on every attempt; batching to the platform's limit; abort; progress; and no
 * secret, token, signature or phone number in any error or hook event.
 *
 * It also holds every platform to what an outside review did by hand:
 * - a **fault soak** (500 orders, or `ORDERSYNC_SOAK_ORDERS`; about 20% random faults of every
 *   kind the sandbox injects, the platform's retryable and token codes included): no order lost,
 *   no `rejected` or `not_sent` order stored, no success unstored, and every failed order lands
 *   on a re-sync (`ORDERSYNC_SOAK_REPORT=1` prints the figures);
 * - an **echo scan**: answers that echo the request back as JSON, HTML, plain text and header
 *   pairs, with the order's phone numbers in other formats, show no secret, token, signature or
 *   phone number in hooks, errors or results;
 * - **hostile inputs** (throwing getters, cycles, deep nesting, huge strings, wrong types): only
 *   typed errors, no crash, no hang, and the good order beside them is sent;
 * - **abort**: nothing reaches the sandbox once `syncOrders` has settled;
 * - **fail-fast**: a wrong credential costs a bounded number of requests, and every order fails
 *   with the same typed error — for token platforms an `AuthenticationError` with nothing sent,
 *   since the token endpoint refused the app id and secret.
 *
 * Call it at the top level of a test file; it registers a `describe` block.
 *
 * @param options - What the suite needs to know about the platform.
 * @example
 * ```ts
 * // type-checked only: the suite runs inside vitest, in a file such as src/wechat.contract.test.ts
 * import { testPlatform } from '@ordersync/sandbox/testing'
 * import { createWechat } from '@ordersync/wechat'
 *
 * testPlatform({
 *   name: 'wechat',
 *   capabilities: { auth: 'token', maxBatchSize: 1 },
 *   startSandbox: () => startSandbox({ modules: [createWeChatSandboxModule()] }),
 *   sandboxPlatform: 'wechat',
 *   syncEndpoint: '/shop/order/add',
 *   createClient: (sandbox, overrides) =>
 *     createWechat({ ...(sandbox.credentials.wechat as { appId: string; appSecret: string }), baseURL: sandbox.url, ...overrides }),
 *   createMisconfiguredClient: (sandbox, overrides) =>
 *     createWechat({ ...(sandbox.credentials.wechat as { appId: string; appSecret: string }), appSecret: 'wrong-secret', baseURL: sandbox.url, ...overrides }),
 *   makeOrder: (index) => ({ ...wechatDocumentOrder, id: `order-${index}` }),
 *   faultBodies: { retryable: { errcode: -1 }, nonRetryable: { errcode: 47001 }, tokenInvalid: { errcode: 40001 } },
 *   credentialOf: (entry) => new URLSearchParams(entry.query).get('access_token') ?? undefined,
 *   secrets: ['the-app-secret'],
 * })
 * ```
 */
export function testPlatform<Payload>(options: ContractSuiteOptions<Payload>): void {
  const soakSize = Math.max(500, Number(process.env.ORDERSYNC_SOAK_ORDERS ?? 0) || 0)
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
  // The suite's fetch: the real one, unless a test asks for the request to be echoed back.
  let echo: ((request: Request) => Promise<Response | undefined>) | undefined
  const suiteFetch: typeof globalThis.fetch = async (input, init) => {
    if (echo !== undefined) {
      const answer = await echo(new Request(input as RequestInfo, init))
      if (answer !== undefined) return answer
    }
    return globalThis.fetch(input, init)
  }
  const client = (retry: RetryOptions = contractRetry) =>
    options.createClient(sandbox, { retry, hooks, fetch: suiteFetch })
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
      echo = undefined
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
      // A retryable answer does not say that the order was not stored.
      expect(result?.status === 'failed' && result.delivery).toBe('uncertain')
      expect(report.uncertain).toBe(1)
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
      expect(result?.status === 'failed' && result.delivery).toBe('rejected')
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

    it(`survives a fault soak of ${soakSize} orders with about 20% random faults: none lost, every failure truthful`, async () => {
      const kinds = [
        { type: 'status', status: 503 },
        { type: 'status', status: 502 },
        { type: 'drop' },
        { type: 'delay', ms: soakRetry.timeoutMs * 3 },
        { type: 'body', body: options.faultBodies.retryable },
        ...(options.faultBodies.tokenInvalid === undefined
          ? []
          : [{ type: 'body', body: options.faultBodies.tokenInvalid } as const]),
      ] as const
      for (const action of kinds) {
        sandbox.control.injectFault({
          platform,
          endpoint,
          action,
          times: Number.POSITIVE_INFINITY,
          probability: 0.2 / kinds.length,
        })
      }
      // A few definite rejections, so that `rejected` is tested against the store too.
      sandbox.control.injectFault({
        platform,
        endpoint,
        action: { type: 'body', body: options.faultBodies.nonRetryable },
        times: Number.POSITIVE_INFINITY,
        probability: 0.02,
      })
      const orders = Array.from({ length: soakSize }, (_, index) => options.makeOrder(index))
      const ids = orders.map((order) => order.id)
      const report = await syncOrders({
        platform: client(soakRetry),
        orders,
        concurrency: 8,
      })
      sandbox.control.clearFaults(platform)
      const stored = new Set(sandbox.control.orders(platform).keys())
      expect(report.read).toBe(soakSize)
      expect(report.results).toHaveLength(soakSize)
      const lies: string[] = []
      let storedThoughFailed = 0
      for (const result of report.results) {
        const id = ids[result.index] as string
        if (result.status === 'succeeded') {
          if (!stored.has(id)) lies.push(`${id}: succeeded but not stored`)
        } else if (result.status === 'failed') {
          expect(OrderSyncError.isInstance(result.error)).toBe(true)
          const certainlyNotStored =
            result.delivery === 'rejected' || result.delivery === 'not_sent'
          if (certainlyNotStored && stored.has(id))
            lies.push(`${id}: ${result.delivery} but stored`)
          if (stored.has(id)) storedThoughFailed += 1
        } else {
          lies.push(`${id}: skipped without an abort`)
        }
      }
      expect(lies).toEqual([])
      expect(report.uncertain).toBe(
        report.results.filter(
          (result) =>
            result.status === 'failed' &&
            (result.delivery === 'uncertain' || result.delivery === 'partial'),
        ).length,
      )
      // Every failed order can be re-synced safely: without faults, all of them land.
      const failedIds = new Set(
        report.results.filter((result) => result.status === 'failed').map((result) => result.index),
      )
      const again = await syncOrders({
        platform: client(),
        orders: orders.filter((_, index) => failedIds.has(index)),
        concurrency: 8,
      })
      expect(again.failed).toBe(0)
      expect(sandbox.control.orders(platform).size).toBe(soakSize)
      if (process.env.ORDERSYNC_SOAK_REPORT !== undefined) {
        console.log(
          `[soak ${options.name}] ${soakSize} orders: ${report.succeeded} succeeded, ${report.failed} failed (${report.uncertain} uncertain, ${storedThoughFailed} of the failed were stored), ${sandbox.control.log(platform).length} requests`,
        )
      }
    }, 180_000)

    it('redacts what it knows from answers that echo the request as JSON, HTML, plain text or header pairs', async () => {
      const order = options.makeOrder(0)
      const phones = [order.buyer?.phone, order.delivery?.address?.phone].filter(
        (value): value is string => value !== undefined,
      )
      expect(phones.length).toBeGreaterThan(0)
      const reformatted = phones.flatMap((phone) => {
        const digits = phone.replace(/\D/g, '')
        return [
          digits,
          `${digits.slice(0, 3)}-${digits.slice(3, 7)}-${digits.slice(7)}`,
          `+86 ${digits.slice(0, 3)} ${digits.slice(3, 7)} ${digits.slice(7)}`,
        ]
      })
      const formats = [
        (request: Request, body: string) =>
          JSON.stringify({ url: request.url, headers: Object.fromEntries(request.headers), body }),
        (request: Request, body: string) =>
          `<html><body><p>${request.url.replace(/&/g, '&amp;')}</p><pre>${body.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;')}</pre></body></html>`,
        (request: Request, body: string) =>
          `${[...request.headers].map(([key, value]) => `${key}: ${value}`).join('\n')}\n\n${body}\n${request.url}${
            // The order's phone numbers in other formats, where the request carried the order.
            new URL(request.url).pathname.endsWith(endpoint) ? `\n${reformatted.join(' / ')}` : ''
          }`,
      ]
      let echoed = 0
      const echoedTexts: string[] = []
      echo = async (request) => {
        const body = await request.clone().text()
        const text = formats[echoed % formats.length]?.(request, body) ?? ''
        echoed += 1
        echoedTexts.push(text)
        return new Response(text, { status: 500, headers: { 'content-type': 'text/plain' } })
      }
      const report = await syncOrders({ platform: client(), orders: [order] })
      echo = undefined
      expect(echoed).toBeGreaterThanOrEqual(3)
      const result = report.results[0]
      expect(result?.status).toBe('failed')
      const credentials = echoedTexts.flatMap((text) =>
        [...text.matchAll(/(?:access_token|signature)=([^&\s"<]+)/gi)].map(
          (match) => match[1] as string,
        ),
      )
      const text = JSON.stringify({
        events,
        result:
          result?.status === 'failed'
            ? { ...result, error: { ...result.error, message: result.error.message } }
            : result,
      })
      const leaked = [...options.secrets, ...phones, ...reformatted, ...credentials].filter(
        (value) => value.length >= 6 && text.includes(value),
      )
      expect(leaked).toEqual([])
    })

    it('survives hostile inputs: throwing getters, cycles, deep nesting, huge strings, wrong types', async () => {
      const base = options.makeOrder(0)
      const throwing = { ...options.makeOrder(1) }
      Object.defineProperty(throwing, 'lines', {
        enumerable: true,
        get() {
          throw new Error('lazy relation not loaded')
        },
      })
      const cyclic: Record<string, unknown> = { ...options.makeOrder(2) }
      cyclic.buyer = { ...(base.buyer ?? {}), self: cyclic }
      let deep: Record<string, unknown> = {}
      for (let depth = 0; depth < 5000; depth += 1) deep = { nested: deep }
      const hostile: unknown[] = [
        throwing,
        cyclic,
        { ...options.makeOrder(3), platformOptions: deep },
        { ...options.makeOrder(4), id: 'x'.repeat(1024 * 1024) },
        { ...options.makeOrder(5), title: 'y'.repeat(256 * 1024) },
        { ...options.makeOrder(6), lines: 'lines' },
        { ...options.makeOrder(7), createdAt: { toString: () => 'now' } },
        { ...options.makeOrder(8), payableAmount: 19.9 },
        null,
        42,
        'order',
        [],
        new Proxy(
          {},
          {
            ownKeys: () => {
              throw new Error('trap')
            },
            get: () => {
              throw new Error('trap')
            },
          },
        ),
      ]
      const good = options.makeOrder(9)
      const report = await syncOrders({
        platform: client(),
        orders: [...hostile, good] as OrderInput[],
      })
      expect(report.results).toHaveLength(hostile.length + 1)
      expect(report.results.at(-1)?.status).toBe('succeeded')
      const typed = (result: OrderSyncResult) =>
        result.status === 'failed' &&
        (ValidationError.isInstance(result.error) ||
          UnsupportedMappingError.isInstance(result.error) ||
          InvalidArgumentError.isInstance(result.error))
      const untyped = report.results
        .slice(0, -1)
        .filter((result) => result.status !== 'succeeded' && !typed(result))
      expect(
        untyped.map((result) =>
          result.status === 'failed' ? result.error.message : result.status,
        ),
      ).toEqual([])
      for (const result of report.results) {
        if (result.status === 'failed') expect(result.error.message.length).toBeLessThan(4000)
      }
    }, 30_000)

    it('stops when aborted: nothing is sent once syncOrders has settled', async () => {
      // Every request of the platform (a token or lookup too) waits, so the abort finds work in flight.
      sandbox.control.injectFault({
        platform,
        action: { type: 'delay', ms: 600 },
        times: Number.POSITIVE_INFINITY,
      })
      const controller = new AbortController()
      const orders = Array.from({ length: options.capabilities.maxBatchSize * 6 }, (_, index) =>
        options.makeOrder(index),
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
        const counters = sandbox.control.counters(platform)
        return counters.tokenRequests + Object.values(counters.requests).reduce((a, b) => a + b, 0)
      }
      while (arrived() === 0) await new Promise((resolve) => setTimeout(resolve, 5))
      const abortedAt = Date.now()
      controller.abort(new Error('shutting down'))
      const report = await pending
      if (process.env.ORDERSYNC_SOAK_REPORT !== undefined) {
        console.log(`[abort ${options.name}] settled ${Date.now() - abortedAt} ms after the abort`)
      }
      // Requests in flight at the abort are logged when the sandbox answers them, by their arrival
      // time: none may arrive after the abort (a margin for one that was already on its way), so
      // neither a retry nor a shared token refresh or lookup goes on once the run is told to stop.
      await new Promise((resolve) => setTimeout(resolve, 1500))
      const late = sandbox.control.log(platform).filter((entry) => entry.at > abortedAt + 50)
      expect(late.map((entry) => entry.endpoint)).toEqual([])
      expect(report.aborted).toBe(true)
      expect(report.succeeded).toBe(0)
      for (const result of report.results) {
        if (result.status === 'failed') expect(OrderSyncError.isInstance(result.error)).toBe(true)
        if (result.status === 'skipped') expect(result.reason).toBe('aborted')
      }
    })

    it('fails fast on a wrong credential: a bounded number of requests, every order failed with the same typed error', async () => {
      const concurrency = 4
      const orders = Array.from(
        { length: Math.max(40, options.capabilities.maxBatchSize * 10) },
        (_, index) => options.makeOrder(index),
      )
      const report = await syncOrders({
        platform: options.createMisconfiguredClient(sandbox, {
          retry: contractRetry,
          hooks,
          fetch: suiteFetch,
        }),
        orders,
        concurrency,
      })
      const sent = sandbox.control.log(platform).length
      if (process.env.ORDERSYNC_SOAK_REPORT !== undefined) {
        console.log(
          `[fail-fast ${options.name}] ${orders.length} orders with a wrong credential: ${sent} requests`,
        )
      }
      expect(report.failed).toBe(orders.length)
      expect(sent).toBeLessThanOrEqual(2 * concurrency + 2)
      const first = report.results[0]
      expect(first?.status).toBe('failed')
      if (first?.status !== 'failed') return
      const error = first.error
      if (options.capabilities.auth === 'token') {
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
