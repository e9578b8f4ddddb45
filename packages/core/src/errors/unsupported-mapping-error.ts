import { OrderSyncError, type OrderSyncErrorOptions } from './order-sync-error.ts'

const marker = 'ordersync.error.unsupported-mapping'

/**
 * Options of {@link UnsupportedMappingError}.
 *
 * @example
 * ```ts
 * new UnsupportedMappingError({ platform: 'alipayplus', path: ['status'], reason: 'no code for shipped in a pickup order' })
 * ```
 */
export interface UnsupportedMappingErrorOptions extends OrderSyncErrorOptions {
  /** The canonical field that cannot be carried, e.g. `['status']`. */
  readonly path: readonly (string | number)[]
  /** Why the platform cannot carry it, and what to do instead. */
  readonly reason: string
}

/**
 * A canonical order that a platform cannot represent at all (not merely coarser: that is a
 * warning): a status the platform has no code for in this order type, a currency it does not take.
 *
 * @example
 * ```ts
 * import { UnsupportedMappingError } from '@ordersync/core'
 *
 * const error = new UnsupportedMappingError({
 *   platform: 'alipayplus',
 *   path: ['status'],
 *   reason: 'shipped exists only for orderType DELIVERY, and this order is a pickup order',
 * })
 * error.message // '[ordersync] [alipayplus] status: shipped exists only for orderType DELIVERY, …'
 * ```
 */
export class UnsupportedMappingError extends OrderSyncError {
  /** The canonical field that cannot be carried. */
  readonly path: readonly (string | number)[]
  /** Why it cannot be carried. */
  readonly reason: string

  /** @param options - The path, the reason, the platform and the cause. */
  constructor(options: UnsupportedMappingErrorOptions) {
    super(`${options.path.join('.') || '(order)'}: ${options.reason}`, options)
    this.name = 'UnsupportedMappingError'
    Object.defineProperty(this, Symbol.for(marker), { value: true })
    this.path = options.path
    this.reason = options.reason
  }

  /**
   * Whether `value` is an {@link UnsupportedMappingError} from any copy of `@ordersync/core`.
   *
   * @param value - Anything, typically a caught error.
   * @returns `true` for an unsupported-mapping error.
   * @example
   * ```ts
   * UnsupportedMappingError.isInstance(new Error('x')) // false
   * ```
   */
  static override isInstance(value: unknown): value is UnsupportedMappingError {
    return OrderSyncError.hasMarker(value, marker)
  }
}
