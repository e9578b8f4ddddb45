import type { Order, SyncWarning } from '@ordersync/core'
import type { wechatOrderStatuses } from './wechat-order-schema.ts'

/**
 * A status of the custom transaction component.
 *
 * @example
 * ```ts
 * const status: WechatOrderStatus = 20 // 待发货
 * ```
 */
export type WechatOrderStatus = (typeof wechatOrderStatuses)[number]

/**
 * The WeChat status ordersync brings an order to, and what it had to fold.
 *
 * @example
 * ```ts
 * const mapping: WechatStatusMapping = mapWechatStatus(order)
 * mapping.status // 30
 * ```
 */
export interface WechatStatusMapping {
  /** 10, 20, 30, 100 or 250: the statuses the add, pay, delivery/send and delivery/recieve calls reach. */
  readonly status: 10 | 20 | 30 | 100 | 250
  readonly warnings: readonly SyncWarning[]
}

function folded(from: string, to: number, why: string): SyncWarning {
  return {
    path: ['status'],
    code: 'status_folded',
    message: `${from} is reported as ${to}: ${why}`,
  }
}

function notReached(from: string, why: string): SyncWarning {
  return {
    path: ['status'],
    code: 'status_not_reached',
    message: `${from} is reported as 20 (待发货): ${why}`,
  }
}

const afterSaleOnly =
  'WeChat moves a paid order to 200 only through its after-sale endpoints (shop/ecaftersale/*), which ordersync does not call, and shop/order/pay cancels only unpaid orders'

/**
 * Maps the canonical status to the status of the custom transaction component that ordersync
 * brings the order to. `shop/order/add` always leaves an order in 10; `shop/order/pay` moves 10 to
 * 20 (paid) or 250 (cancelled); `shop/delivery/send` moves 20 to 30; `shop/delivery/recieve` moves
 * 30 to 100. 11 is WeChat's own (cash register paid, "treated as 10"); 200 needs the after-sale
 * API, so a paid order that is cancelled or refunded stays at 20, with a warning.
 *
 * | canonical | WeChat |
 * |---|---|
 * | created, awaiting_payment, payment_failed | 10 待付款 |
 * | paid, pending_acceptance, accepted, preparing, ready | 20 待发货 |
 * | shipped | 30 待收货 |
 * | delivered, completed | 100 完成 |
 * | cancelled_before_payment; rejected, voided when unpaid | 250 取消 |
 * | cancelled_after_payment, refunding, refunded; rejected, voided when paid | 20, warned (200 needs the after-sale API) |
 *
 * @param order - A valid order.
 * @returns The status and the warnings.
 * @example
 * ```ts
 * mapWechatStatus(parseOrder(wechatDocumentOrder)).status // 10
 * ```
 */
export function mapWechatStatus(order: Order): WechatStatusMapping {
  const status = order.status
  const paid = order.paidAmount.amount > 0
  switch (status) {
    case 'created':
      return { status: 10, warnings: [folded(status, 10, 'WeChat has no status before 待付款')] }
    case 'awaiting_payment':
      return { status: 10, warnings: [] }
    case 'payment_failed':
      return {
        status: 10,
        warnings: [
          folded(
            status,
            10,
            'shop/order/pay action_type 2 (支付失败) would cancel the order (250), and the buyer may still pay',
          ),
        ],
      }
    case 'paid':
      return { status: 20, warnings: [] }
    case 'pending_acceptance':
    case 'accepted':
    case 'preparing':
    case 'ready':
      return {
        status: 20,
        warnings: [folded(status, 20, 'WeChat has one status for paid and not yet shipped')],
      }
    case 'shipped':
      return { status: 30, warnings: [] }
    case 'delivered':
      return {
        status: 100,
        warnings: [
          folded(
            status,
            100,
            'WeChat completes an order when its receipt is confirmed (shop/delivery/recieve)',
          ),
        ],
      }
    case 'completed':
      return { status: 100, warnings: [] }
    case 'cancelled_before_payment':
      return { status: 250, warnings: [] }
    case 'rejected':
    case 'voided':
      return paid
        ? { status: 20, warnings: [notReached(status, afterSaleOnly)] }
        : {
            status: 250,
            warnings: [folded(status, 250, 'an unpaid order that ends is cancelled (250)')],
          }
    case 'cancelled_after_payment':
    case 'refunding':
    case 'refunded':
      return { status: 20, warnings: [notReached(status, afterSaleOnly)] }
  }
}
