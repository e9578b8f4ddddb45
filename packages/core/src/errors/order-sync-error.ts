const marker = 'ordersync.error'

/**
 * Options every ordersync error accepts.
 *
 * @example
 * ```ts
 * new OrderSyncError('something failed', { platform: 'wechat', cause: new Error('socket hang up') })
 * ```
 */
export interface OrderSyncErrorOptions {
  /** The platform the error concerns (`alipayplus`, `youshu`, …), or `core` for platform-free errors. */
  readonly platform?: string
  /** The error that caused this one, passed on untouched. */
  readonly cause?: unknown
}

/**
 * The base class of every error ordersync throws or reports.
 *
 * Recognise it with {@link OrderSyncError.isInstance} rather than `instanceof`: an application can
 * end up with two copies of `@ordersync/core` (two platform packages resolved against different
 * versions), and `instanceof` fails across copies. `isInstance` checks a `Symbol.for` marker that
 * every copy shares.
 *
 * Messages start with `[ordersync] [<platform>]` and never contain a secret, token, signature or
 * phone number.
 *
 * @example
 * ```ts
 * import { OrderSyncError, parseMoney } from '@ordersync/core'
 *
 * try {
 *   parseMoney('1.005', 'CNY')
 * } catch (error) {
 *   if (OrderSyncError.isInstance(error)) console.error(error.platform, error.message)
 * }
 * ```
 */
export class OrderSyncError extends Error {
  /** The platform the error concerns, or `core`. */
  readonly platform: string

  /**
   * @param message - What went wrong and what to do next, without the `[ordersync]` prefix.
   * @param options - The platform and the cause.
   */
  constructor(message: string, options: OrderSyncErrorOptions = {}) {
    const platform = options.platform ?? 'core'
    super(`[ordersync] [${platform}] ${message}`, { cause: options.cause })
    this.name = 'OrderSyncError'
    Object.defineProperty(this, Symbol.for(marker), { value: true })
    this.platform = platform
  }

  /**
   * Whether `value` is an ordersync error from any copy of `@ordersync/core`.
   *
   * @param value - Anything, typically a caught error.
   * @returns `true` when `value` carries the shared ordersync error marker.
   * @example
   * ```ts
   * OrderSyncError.isInstance(new Error('x')) // false
   * ```
   */
  static isInstance(value: unknown): value is OrderSyncError {
    return OrderSyncError.hasMarker(value, marker)
  }

  /**
   * Whether `value` carries the marker `Symbol.for(markerName)`; each subclass checks its own.
   *
   * @internal
   */
  protected static hasMarker(value: unknown, markerName: string): boolean {
    if (typeof value !== 'object' || value === null) return false
    const markerSymbol = Symbol.for(markerName)
    return (value as Record<symbol, unknown>)[markerSymbol] === true
  }
}
