import {
  type OrderStatus,
  type OrderType,
  UnsupportedMappingError,
  unpaidOrderStatuses,
} from '@ordersync/core'
import { WechatShippingNotReportableError } from './wechat-shipping-not-reportable-error.ts'

/**
 * The `order_state` of a payment in WeChat's shipping service (查询订单发货状态, "订单状态枚举"):
 * an open list — older SDKs know 1–5 only, and WeChat may add more. An upload moves a payment
 * from 1 to 2; the buyer's confirmation, the settlement and a refund move it on, on WeChat's side.
 *
 * @example
 * ```ts
 * wechatShippingOrderStates[6] // '资金待结算 — funds waiting for settlement'
 * ```
 */
export const wechatShippingOrderStates: Readonly<Record<number, string>> = {
  1: '待发货 — paid, waiting for shipping',
  2: '已发货 — shipped',
  3: '确认收货 — receipt confirmed',
  4: '交易完成 — transaction complete',
  5: '已退款 — refunded',
  6: '资金待结算 — funds waiting for settlement',
}

/**
 * What a sync does with an order in each canonical status:
 * - `upload` — the order has shipped (or, for pick-up and dine-in, is ready to collect): its
 *   shipping is uploaded, and WeChat holds the payment in state 2 (已发货);
 * - `upload_if_shipped` — open or under an after-sale: uploaded when parcels have left (a partial,
 *   split shipment of express goods), otherwise not reportable yet;
 * - `not_yet` — not paid: {@link WechatShippingNotReportableError};
 * - `nothing_to_ship` — cancelled, refused or refunded: there is no shipping to report (WeChat
 *   learns of refunds from WeChat Pay), an `UnsupportedMappingError`.
 *
 * @example
 * ```ts
 * wechatShippingStatusTable.shipped // 'upload'
 * wechatShippingStatusTable.refunded // 'nothing_to_ship'
 * ```
 */
export const wechatShippingStatusTable: Readonly<
  Record<OrderStatus, 'upload' | 'upload_if_shipped' | 'not_yet' | 'nothing_to_ship'>
> = {
  created: 'not_yet',
  awaiting_payment: 'not_yet',
  payment_failed: 'not_yet',
  paid: 'upload_if_shipped',
  pending_acceptance: 'upload_if_shipped',
  accepted: 'upload_if_shipped',
  preparing: 'upload_if_shipped',
  // Ready to collect is a pick-up's (and dine-in's) shipping; see mapWechatShippingStatus.
  ready: 'upload_if_shipped',
  shipped: 'upload',
  delivered: 'upload',
  completed: 'upload',
  // An after-sale does not undo parcels already shipped: their shipping is still reported.
  refunding: 'upload_if_shipped',
  rejected: 'nothing_to_ship',
  cancelled_before_payment: 'nothing_to_ship',
  cancelled_after_payment: 'nothing_to_ship',
  refunded: 'nothing_to_ship',
  voided: 'nothing_to_ship',
}

/**
 * What {@link mapWechatShippingStatus} says of a reportable order.
 *
 * @example
 * ```ts
 * const mapping: WechatShippingStatusMapping = { whenShipped: false, allShipped: true, orderState: 2 }
 * ```
 */
export interface WechatShippingStatusMapping {
  /** Whether the order is reportable only if parcels have left (`upload_if_shipped`). */
  readonly whenShipped: boolean
  /** Whether the status itself says that everything has left (shipped or later, ready to collect, under an after-sale). */
  readonly allShipped: boolean
  /** The `order_state` WeChat holds once the upload is recorded: 2, 已发货. */
  readonly orderState: 2
}

/**
 * How an order's status reaches WeChat's shipping service ({@link wechatShippingStatusTable}):
 * an order ready to collect is reportable when it is a pick-up or dine-in order (WeChat's user
 * pick-up, logistics_type 4, is shipped when the buyer can collect).
 *
 * @param status - The order's canonical status.
 * @param type - The order's type.
 * @returns Whether the upload depends on parcels, and whether the status says all has left.
 * @throws {@link WechatShippingNotReportableError} for an order not paid yet;
 *   `UnsupportedMappingError` (`@ordersync/core`) for a cancelled, refused or refunded order.
 * @example
 * ```ts
 * mapWechatShippingStatus('shipped', 'shipping') // { whenShipped: false, allShipped: true, orderState: 2 }
 * mapWechatShippingStatus('ready', 'pickup').whenShipped // false
 * mapWechatShippingStatus('awaiting_payment', 'shipping') // throws WechatShippingNotReportableError
 * ```
 */
export function mapWechatShippingStatus(
  status: OrderStatus,
  type: OrderType,
): WechatShippingStatusMapping {
  const action = wechatShippingStatusTable[status]
  if (action === 'not_yet') {
    const why = unpaidOrderStatuses.includes(status)
      ? 'it is not paid yet'
      : 'it has not shipped yet'
    throw new WechatShippingNotReportableError(status, why)
  }
  if (action === 'nothing_to_ship') {
    throw new UnsupportedMappingError({
      platform: 'wechat-shipping',
      path: ['status'],
      reason: `is ${status}: there is no shipping to report (a refund or cancellation reaches WeChat through WeChat Pay itself), so nothing was sent`,
    })
  }
  const collectable = status === 'ready' && (type === 'pickup' || type === 'dine_in')
  if (action === 'upload' || collectable) {
    return { whenShipped: false, allShipped: true, orderState: 2 }
  }
  return { whenShipped: true, allShipped: status === 'refunding', orderState: 2 }
}
