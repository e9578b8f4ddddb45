import { type OrderStatus, UnsupportedMappingError } from '@ordersync/core'

const marker = 'ordersync.error.wechat-shipping-not-reportable'

/**
 * An order whose shipping cannot be reported yet: it is not paid, or paid and not shipped (no
 * parcel handed to a carrier, no pick-up ready). It is a result, not a skip: `syncOrders` reports
 * the order as failed with this error, having sent nothing; sync the order again once it ships.
 * WeChat reminds a mini program of a payment still unshipped after 48 hours.
 *
 * @example
 * ```ts
 * // Paid, no parcel gone yet: syncOrders reports it failed with this error; sync it again once it ships.
 * const paid = parseOrder({ ...rest, status: 'paid', delivery: {} })
 * toWechatShippingOrder(paid) // throws WechatShippingNotReportableError
 * try {
 *   toWechatShippingOrder(paid)
 * } catch (error) {
 *   WechatShippingNotReportableError.isInstance(error) // true
 * }
 * ```
 */
export class WechatShippingNotReportableError extends UnsupportedMappingError {
  /** A stable kind, for code that sorts errors. */
  readonly code = 'not_reportable_yet'
  /** The order's canonical status. */
  readonly status: OrderStatus

  /**
   * @param status - The order's canonical status.
   * @param why - What is missing, in words: "it is not paid yet".
   */
  constructor(status: OrderStatus, why: string) {
    super({
      platform: 'wechat-shipping',
      path: ['status'],
      reason: `is ${status}: ${why}, so there is no shipping to report to WeChat yet — nothing was sent; sync the order again once it has shipped`,
    })
    this.name = 'WechatShippingNotReportableError'
    Object.defineProperty(this, Symbol.for(marker), { value: true })
    this.status = status
  }

  /**
   * Whether `value` is a {@link WechatShippingNotReportableError} from any copy of this package.
   *
   * @param value - Anything, typically a result's error.
   * @returns `true` for a not-reportable-yet error.
   * @example
   * ```ts
   * WechatShippingNotReportableError.isInstance(new Error('x')) // false
   * ```
   */
  static override isInstance(value: unknown): value is WechatShippingNotReportableError {
    return UnsupportedMappingError.hasMarker(value, marker)
  }
}
