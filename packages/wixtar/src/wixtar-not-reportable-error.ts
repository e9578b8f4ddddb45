import { type OrderStatus, UnsupportedMappingError } from '@ordersync/core'

const marker = 'ordersync.error.wixtar-not-reportable'

/**
 * An order that Wixtar cannot take yet: the upload accepts only finished orders
 * (`current_state` COMPLETED or CANCELLED), and this order is still open. It is a result, not a
 * skip: `syncOrders` reports the order as failed with this error, having sent nothing; sync the
 * order again once it is completed or cancelled.
 *
 * @example
 * ```ts
 * // An order still open: syncOrders reports it failed with this error; sync it again once finished.
 * const open = parseOrder({ ...rest, status: 'paid' })
 * toWixtarOrder(open) // throws WixtarNotReportableError
 * try {
 *   toWixtarOrder(open)
 * } catch (error) {
 *   WixtarNotReportableError.isInstance(error) // true
 * }
 * ```
 */
export class WixtarNotReportableError extends UnsupportedMappingError {
  /** A stable kind, for code that sorts errors. */
  readonly code = 'not_reportable_yet'
  /** The order's canonical status. */
  readonly status: OrderStatus

  /** @param status - The order's canonical status. */
  constructor(status: OrderStatus) {
    super({
      platform: 'wixtar',
      path: ['status'],
      reason: `is ${status}, and Wixtar's upload takes only finished orders (COMPLETED or CANCELLED): nothing was sent — sync the order again once it is completed or cancelled`,
    })
    this.name = 'WixtarNotReportableError'
    Object.defineProperty(this, Symbol.for(marker), { value: true })
    this.status = status
  }

  /**
   * Whether `value` is a {@link WixtarNotReportableError} from any copy of this package.
   *
   * @param value - Anything, typically a result's error.
   * @returns `true` for a not-reportable-yet error.
   * @example
   * ```ts
   * WixtarNotReportableError.isInstance(new Error('x')) // false
   * ```
   */
  static override isInstance(value: unknown): value is WixtarNotReportableError {
    return UnsupportedMappingError.hasMarker(value, marker)
  }
}
