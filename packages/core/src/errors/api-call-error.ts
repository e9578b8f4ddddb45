import { OrderSyncError, type OrderSyncErrorOptions } from './order-sync-error.ts'

const marker = 'ordersync.error.api-call'

/**
 * What a failed call tells about the order it carried:
 * - `not_sent` — no request reached the platform (refused connection, aborted before sending);
 * - `rejected` — the platform answered with a definite refusal: it did not store the order;
 * - `uncertain` — the platform may hold the order: a timeout after the request was sent, a
 *   connection dropped mid-exchange, retries exhausted on 5xx or on an "unknown" in-body code.
 *   Re-syncing is safe, because every sync endpoint is an upsert.
 *
 * @example
 * ```ts
 * const delivery: ApiCallDelivery = 'uncertain'
 * ```
 */
export type ApiCallDelivery = 'not_sent' | 'rejected' | 'uncertain'

/**
 * What a failure is about, which decides what core does next:
 * - `order` — this order's content (a field the platform refuses): the others are still sent;
 * - `credentials` — the secret, signature or token (a refresh cannot fix it);
 * - `configuration` — the app id, the data source, the permissions, the key: nothing sent to this
 *   platform with these settings can succeed;
 * - `unknown` — a definite failure the client cannot place: a platform code it does not know, or
 *   an HTTP status with no code of the platform's (a 404 from a wrong path prefix). It may be the
 *   order's fault or a wrong setting.
 *
 * For `credentials` and `configuration`, `syncOrders` never splits the batch and stops sending to
 * the platform for the rest of the run: the remaining orders fail with the same error. An
 * `unknown` failure is treated as the order's, until the same one ends several sends in a row
 * (`syncOrders`' `sameFailureLimit`): then it looks like a setting, and the run stops as for
 * `configuration`.
 *
 * @example
 * ```ts
 * const concerns: FailureConcerns = 'credentials'
 * ```
 */
export type FailureConcerns = 'order' | 'credentials' | 'configuration' | 'unknown'

/**
 * What one attempt of a call came to.
 *
 * @example
 * ```ts
 * const attempt: ApiCallAttempt = { attempt: 1, httpStatus: 503, failure: 'HTTP 503', delayMs: 250 }
 * ```
 */
export interface ApiCallAttempt {
  /** 1 for the first attempt. */
  readonly attempt: number
  /** The HTTP status, when a response arrived. */
  readonly httpStatus?: number
  /** The platform's code from the response body, when there was one. */
  readonly platformCode?: string | number
  /** Why the attempt failed, e.g. `timeout after 10000 ms`, `connection reset`, `HTTP 503`. */
  readonly failure: string
  /** How long the transport waited before the next attempt, in milliseconds (0 after the last). */
  readonly delayMs: number
}

/**
 * Options of {@link ApiCallError}.
 *
 * @example
 * ```ts
 * new ApiCallError({ platform: 'youshu', endpoint: '/data-api/v1/order/add_order', reason: 'rejected', platformCode: 16, retryable: false })
 * ```
 */
export interface ApiCallErrorOptions extends OrderSyncErrorOptions {
  /** The platform that was called. */
  readonly platform: string
  /** The endpoint, as a path (`/shop/order/add`), never with the query string (it may hold a token). */
  readonly endpoint: string
  /** What went wrong, in words a user can act on. */
  readonly reason: string
  /** The HTTP status of the last response, when one arrived. */
  readonly httpStatus?: number
  /** The platform's code (`errcode`, `retcode`, `resultCode`, …) from the last response. */
  readonly platformCode?: string | number
  /** The platform's message for that code. */
  readonly platformMessage?: string
  /** Whether calling again later may succeed. */
  readonly retryable: boolean
  /** The request or trace id the platform returned, for its support desk. */
  readonly requestId?: string
  /** Every attempt, in order. */
  readonly attempts?: readonly ApiCallAttempt[]
  /** The last response body, truncated and redacted. */
  readonly responseBody?: string
  /** Why the transport stopped retrying, e.g. `gave up after 4 attempts (retry.maxAttempts)`. */
  readonly stopReason?: string
  /**
   * Whether the platform may hold the order.
   *
   * @default 'rejected'
   */
  readonly delivery?: ApiCallDelivery
  /**
   * What the failure is about.
   *
   * @default 'order'
   */
  readonly concerns?: FailureConcerns
}

/**
 * A call to a platform endpoint that did not succeed: a platform error code, an HTTP error, a
 * network failure, or a response whose shape was not the documented one.
 *
 * It records every attempt and the total delay spent between them, so a report says exactly what
 * the transport tried. The response body it keeps is truncated and redacted.
 *
 * @example
 * ```ts
 * import { ApiCallError } from '@ordersync/core'
 *
 * const error = new ApiCallError({
 *   platform: 'wechat',
 *   endpoint: '/shop/order/add',
 *   reason: 'system busy',
 *   httpStatus: 200,
 *   platformCode: -1,
 *   retryable: true,
 * })
 * error.retryable // true
 * ```
 */
export class ApiCallError extends OrderSyncError {
  /** The endpoint path that was called. */
  readonly endpoint: string
  /** The HTTP status of the last response. */
  readonly httpStatus: number | undefined
  /** The platform's code from the last response. */
  readonly platformCode: string | number | undefined
  /** The platform's message for that code. */
  readonly platformMessage: string | undefined
  /** Whether calling again later may succeed. */
  readonly retryable: boolean
  /** The platform's request or trace id. */
  readonly requestId: string | undefined
  /** Every attempt, in order. */
  readonly attempts: readonly ApiCallAttempt[]
  /** The total time spent waiting between attempts, in milliseconds. */
  readonly totalDelayMs: number
  /** The last response body, truncated and redacted. */
  readonly responseBody: string | undefined
  /** Whether the platform may hold the order; see {@link ApiCallDelivery}. */
  readonly delivery: ApiCallDelivery
  /** What the failure is about; see {@link FailureConcerns}. */
  readonly concerns: FailureConcerns

  /** @param options - What was called, what came back, and every attempt. */
  constructor(options: ApiCallErrorOptions) {
    const attempts = options.attempts ?? []
    const code = options.platformCode === undefined ? '' : ` (${String(options.platformCode)})`
    const tries =
      options.stopReason !== undefined
        ? `; ${options.stopReason}`
        : attempts.length > 1
          ? ` after ${attempts.length} attempts`
          : ''
    const delivery = options.delivery ?? 'rejected'
    const outcome =
      delivery === 'uncertain'
        ? ' — the platform may have stored the order; re-syncing it is safe, because every sync endpoint is an upsert'
        : delivery === 'not_sent'
          ? ' — the order was not sent'
          : ''
    super(`${options.endpoint}: ${options.reason}${code}${tries}${outcome}`, options)
    this.name = 'ApiCallError'
    Object.defineProperty(this, Symbol.for(marker), { value: true })
    this.endpoint = options.endpoint
    this.httpStatus = options.httpStatus
    this.platformCode = options.platformCode
    this.platformMessage = options.platformMessage
    this.retryable = options.retryable
    this.requestId = options.requestId
    this.attempts = attempts
    this.totalDelayMs = attempts.reduce((total, attempt) => total + attempt.delayMs, 0)
    this.responseBody = options.responseBody
    this.delivery = delivery
    this.concerns = options.concerns ?? 'order'
  }

  /**
   * Whether `value` is an {@link ApiCallError} from any copy of `@ordersync/core`.
   *
   * @param value - Anything, typically a caught error.
   * @returns `true` for an API call error.
   * @example
   * ```ts
   * ApiCallError.isInstance(new Error('x')) // false
   * ```
   */
  static override isInstance(value: unknown): value is ApiCallError {
    return OrderSyncError.hasMarker(value, marker)
  }
}
