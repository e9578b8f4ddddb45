import { OrderSyncError, type OrderSyncErrorOptions } from './order-sync-error.ts'

const marker = 'ordersync.error.invalid-argument'

/**
 * Options of {@link InvalidArgumentError}.
 *
 * @example
 * ```ts
 * new InvalidArgumentError({ argument: 'retry.maxAttempts', reason: 'must be at least 1' })
 * ```
 */
export interface InvalidArgumentErrorOptions extends OrderSyncErrorOptions {
  /** The name of the argument or setting that was rejected, e.g. `text` or `retry.maxAttempts`. */
  readonly argument: string
  /** Why it was rejected, in words a user can act on. */
  readonly reason: string
}

/**
 * A function argument or a client setting that cannot work: a money string with excess precision,
 * a time without an offset, currencies that do not match, a negative retry count.
 *
 * The message names the argument and says why; it never repeats a secret value.
 *
 * @example
 * ```ts
 * import { InvalidArgumentError, parseMoney } from '@ordersync/core'
 *
 * try {
 *   parseMoney('19.901', 'CNY')
 * } catch (error) {
 *   if (InvalidArgumentError.isInstance(error)) {
 *     error.argument // 'text'
 *     error.reason // '"19.901" has 3 decimal places but CNY has 2'
 *   }
 * }
 * ```
 */
export class InvalidArgumentError extends OrderSyncError {
  /** The argument or setting that was rejected. */
  readonly argument: string
  /** Why it was rejected. */
  readonly reason: string

  /** @param options - The argument, the reason, the platform and the cause. */
  constructor(options: InvalidArgumentErrorOptions) {
    super(`invalid ${options.argument}: ${options.reason}`, options)
    this.name = 'InvalidArgumentError'
    Object.defineProperty(this, Symbol.for(marker), { value: true })
    this.argument = options.argument
    this.reason = options.reason
  }

  /**
   * Whether `value` is an {@link InvalidArgumentError} from any copy of `@ordersync/core`.
   *
   * @param value - Anything, typically a caught error.
   * @returns `true` for an invalid-argument error.
   * @example
   * ```ts
   * InvalidArgumentError.isInstance(new Error('x')) // false
   * ```
   */
  static override isInstance(value: unknown): value is InvalidArgumentError {
    return OrderSyncError.hasMarker(value, marker)
  }
}
