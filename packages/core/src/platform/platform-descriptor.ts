import type { OrderInput } from '../order/order-types.ts'
import type { OrderSyncPlatformV1 } from '../sync/platform-contract.ts'
import type { PlatformClientSettings } from './platform-client-settings.ts'

/**
 * A running sandbox as a {@link PlatformDescriptor} sees it: its address and the credentials of
 * each platform it serves. `@ordersync/sandbox`'s `Sandbox` is one; so is the JSON its command
 * prints. Core never imports the sandbox: the shape is all a descriptor needs.
 *
 * @example
 * ```ts
 * const reached: PlatformSandbox = { url: 'http://127.0.0.1:4010', credentials: { youshu: { appId: 'bi1', appSecret: 's', merchantId: '40' } } }
 * ```
 */
export interface PlatformSandbox {
  /** `http://127.0.0.1:<port>`: the `baseURL` of a client against it. */
  readonly url: string
  /** The credentials each platform accepts, by platform id (absent for a platform it does not serve). */
  readonly credentials: Readonly<Record<string, Readonly<Record<string, string>> | undefined>>
}

/**
 * The common settings a check may lay over a descriptor's client: its retries, its observers and
 * its `fetch`, as {@link PlatformClientSettings} types them.
 *
 * @example
 * ```ts
 * const overrides: PlatformClientOverrides = { retry: { maxAttempts: 3, initialDelayMs: 1 }, hooks: { onRetry: (event) => console.log(event.reason) } }
 * ```
 */
export type PlatformClientOverrides = Pick<PlatformClientSettings, 'retry' | 'hooks' | 'fetch'>

/**
 * An answer a sandbox can be told to give in place of the platform's: an HTTP status and a JSON
 * body.
 *
 * @example
 * ```ts
 * const busy: PlatformAnswer = { body: { errcode: -1, errmsg: 'system error' } } // inside an HTTP 200
 * const unavailable: PlatformAnswer = { status: 503, body: { message: 'Service Unavailable' } }
 * ```
 */
export interface PlatformAnswer {
  /**
   * The HTTP status.
   *
   * @default 200
   */
  readonly status?: number
  readonly body: unknown
}

/**
 * A request the sandbox logged, as {@link PlatformDescriptor.credentialOf} reads it.
 *
 * @example
 * ```ts
 * const logged: PlatformLoggedRequest = { query: 'access_token=abc', headers: { 'content-type': 'application/json' } }
 * ```
 */
export interface PlatformLoggedRequest {
  /** The query string as received. */
  readonly query: string
  readonly headers: Readonly<Record<string, string | readonly string[] | undefined>>
}

/**
 * A sample order of a platform: one of its document's examples, as a canonical order that its
 * client takes (the demo lists them).
 *
 * @example
 * ```ts
 * const sample: PlatformSample = { id: 'youshu-faq', label: 'Youshu FAQ: 10 yuan off over 100', description: 'The FAQ’s order.', order: rest }
 * ```
 */
export interface PlatformSample {
  /** Unique among every platform's samples: start it with the platform id. */
  readonly id: string
  /** A few words, for a list. */
  readonly label: string
  /** What the sample shows, in a sentence. */
  readonly description: string
  readonly order: OrderInput
}

/**
 * A worked example of what a platform package computes itself (a signature, a digest), checked
 * where only web APIs exist.
 *
 * @example
 * ```ts
 * const check: PlatformSelfCheck = { what: 'HMAC-SHA256 of the documented example', actual: 'ab12', expected: 'ab12' }
 * check.actual === check.expected // true
 * ```
 */
export interface PlatformSelfCheck {
  /** What is computed, and where the expected value comes from. */
  readonly what: string
  readonly actual: unknown
  readonly expected: unknown
}

/**
 * What the repository's checks, the demo and the benchmark know about one platform package,
 * exported by the package itself from `@ordersync/<platform>/testing` as `platformDescriptor`: its
 * names and limits, how to make its client against a sandbox, orders its sandbox module accepts,
 * the faults it answers, and what must never leak. Every list of platforms (the contract suite,
 * the demo, the examples, install-alone, the web-only runtime, the benchmark) is derived from
 * these, so a new platform joins them all from its own folder.
 *
 * The testing entry imports no Node module: the web-only runtime check loads it.
 *
 * @typeParam Payload - The payload of the platform's client.
 * @example
 * ```ts
 * import { platformDescriptor } from '@ordersync/youshu/testing'
 *
 * const descriptor: PlatformDescriptor = platformDescriptor
 * const report = await syncOrders({ platform: descriptor.createClient(sandbox), orders: [descriptor.makeOrder(1)] })
 * report.succeeded // 1
 * ```
 */
export interface PlatformDescriptor<Payload = unknown> {
  /** The platform id: the client's `platform` and the name of its sandbox module. */
  readonly id: string
  /** The platform's name for people, e.g. `Tencent Youshu`. */
  readonly label: string
  /** The package, e.g. `@ordersync/youshu`. */
  readonly packageName: string
  /** `token`: an access token from a token endpoint; `signature`: every request signed. */
  readonly auth: 'token' | 'signature'
  /** The most orders one call carries: the client's `maxBatchSize`. */
  readonly maxBatchSize: number
  /** The path orders are synced through. */
  readonly syncEndpoint: string
  /**
   * The path of the first call of every sync, where a fault hits it first.
   *
   * @default syncEndpoint
   */
  readonly faultEndpoint?: string
  /** The path of the access-token endpoint of a `token` platform. */
  readonly tokenEndpoint?: string
  /** The platform document's examples as canonical orders its client takes. */
  readonly samples: readonly PlatformSample[]
  /**
   * A valid order the platform's sandbox module accepts, whose id is unique per `index` and which
   * carries a buyer or recipient phone, so that redaction is tested.
   */
  makeOrder(index: number): OrderInput
  /** A client against `sandbox`, with its credentials, laid over with `overrides`. */
  createClient(
    sandbox: PlatformSandbox,
    overrides?: PlatformClientOverrides,
  ): OrderSyncPlatformV1<Payload>
  /**
   * A client like {@link PlatformDescriptor.createClient}'s whose secret is wrong (an app secret,
   * a private key the sandbox never registered): a run with it must stop after a few requests.
   */
  createMisconfiguredClient(
    sandbox: PlatformSandbox,
    overrides?: PlatformClientOverrides,
  ): OrderSyncPlatformV1<Payload> | Promise<OrderSyncPlatformV1<Payload>>
  /**
   * The platform's answers to a sync that the client must tell apart: a retryable "busy", a
   * definite refusal, and, for a `token` platform, a rejected token.
   */
  readonly faults: {
    readonly retryable: PlatformAnswer
    readonly nonRetryable: PlatformAnswer
    readonly tokenInvalid?: PlatformAnswer
  }
  /** The access token (`token`) or the signature (`signature`) a logged request carried. */
  credentialOf(request: PlatformLoggedRequest): string | undefined
  /** The secrets of the client's settings against `sandbox` that must never appear anywhere. */
  secrets(sandbox: PlatformSandbox): readonly string[]
  /** Paths into the payload worth showing first (`orders[0].payment_amount`). */
  readonly keyFields: readonly string[]
  /**
   * The key the sandbox module stores an order under.
   *
   * @default the canonical order id
   */
  storeKey?(orderId: string): string
  /** Whether a client's error says only that the order cannot be reported yet (not finished). */
  isNotReportableYet?(error: unknown): boolean
  /** The package's own computations on worked examples (signatures), for the web-only runtime. */
  selfChecks?(sandbox: PlatformSandbox): Promise<readonly PlatformSelfCheck[]>
  /** An answer without a valid signature, which a client that verifies responses must refuse. */
  readonly unsignedAnswer?: PlatformAnswer
}
