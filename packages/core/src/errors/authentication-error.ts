import type { ApiCallDelivery } from './api-call-error.ts'
import { OrderSyncError, type OrderSyncErrorOptions } from './order-sync-error.ts'

const marker = 'ordersync.error.authentication'

/**
 * Options of {@link AuthenticationError}.
 *
 * @example
 * ```ts
 * new AuthenticationError({ platform: 'baidu', platformCode: 110, reason: 'access token invalid after one refresh' })
 * ```
 */
export interface AuthenticationErrorOptions extends OrderSyncErrorOptions {
  /** What failed and what to check, without the credential itself. */
  readonly reason: string
  /** The platform's own code for the rejection, when it gave one (e.g. `40001`). */
  readonly platformCode?: string | number
  /**
   * Whether the platform may hold the order of the call that failed: `not_sent` when the token
   * endpoint refused before anything was sent, `uncertain` when an earlier attempt of the same
   * call may have been stored before the credentials were refused.
   *
   * @default 'rejected'
   */
  readonly delivery?: ApiCallDelivery
}

/**
 * The platform rejected the credentials: a token that stays invalid after one refresh, a signature
 * the platform does not accept, a token endpoint that refuses the app id and secret.
 *
 * @example
 * ```ts
 * import { AuthenticationError } from '@ordersync/core'
 *
 * const error = new AuthenticationError({
 *   platform: 'wechat',
 *   platformCode: 40001,
 *   reason: 'access token rejected (40001); refreshed once and still rejected — check that appId and appSecret belong to the same mini program',
 * })
 * AuthenticationError.isInstance(error) // true
 * ```
 */
export class AuthenticationError extends OrderSyncError {
  /** The platform's code for the rejection, when it gave one. */
  readonly platformCode: string | number | undefined
  /** Always `credentials`: nothing sent with these credentials can succeed, so `syncOrders` stops sending. */
  readonly concerns: 'credentials' = 'credentials'
  /** Whether the platform may hold the order of the call that failed; see {@link AuthenticationErrorOptions.delivery}. */
  readonly delivery: ApiCallDelivery

  /** @param options - The reason, the platform code, the platform and the cause. */
  constructor(options: AuthenticationErrorOptions) {
    super(options.reason, options)
    this.name = 'AuthenticationError'
    Object.defineProperty(this, Symbol.for(marker), { value: true })
    this.platformCode = options.platformCode
    this.delivery = options.delivery ?? 'rejected'
  }

  /**
   * Whether `value` is an {@link AuthenticationError} from any copy of `@ordersync/core`.
   *
   * @param value - Anything, typically a caught error.
   * @returns `true` for an authentication error.
   * @example
   * ```ts
   * AuthenticationError.isInstance(new Error('x')) // false
   * ```
   */
  static override isInstance(value: unknown): value is AuthenticationError {
    return OrderSyncError.hasMarker(value, marker)
  }
}
