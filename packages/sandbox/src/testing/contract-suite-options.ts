import type { OrderInput, OrderSyncPlatformV1, RetryOptions, TransportHooks } from '@ordersync/core'
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
export const soakRetry = {
  maxAttempts: 4,
  initialDelayMs: 1,
  maxDelayMs: 5,
  timeoutMs: 400,
} as const
