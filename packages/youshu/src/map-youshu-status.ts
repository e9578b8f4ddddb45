import { type Order, type SyncWarning, UnsupportedMappingError } from '@ordersync/core'
import type { youshuOrderStatuses } from './youshu-order-schema.ts'

/**
 * A Youshu `order_status` code.
 *
 * @example
 * ```ts
 * const status: YoushuOrderStatus = '1140' // cancelled after payment, counted in GMV
 * ```
 */
export type YoushuOrderStatus = (typeof youshuOrderStatuses)[number]

/**
 * How cash-on-delivery orders are reported: the document's FAQ ("货到付款订单金额如何传输?")
 * gives two ways, by when the merchant counts the sale.
 * - `paid_when_ordered`: at ordering, report 1110 and then 1150 (two add_order calls);
 * - `paid_when_shipped`: report 1110 at ordering and 1150 at shipping.
 *
 * @example
 * ```ts
 * const reporting: YoushuCashOnDeliveryReporting = 'paid_when_shipped'
 * ```
 */
export type YoushuCashOnDeliveryReporting = 'paid_when_ordered' | 'paid_when_shipped'

/**
 * The statuses to report for an order: `add_order` with `status`, and for a cash-on-delivery
 * order counted as paid at ordering, a second `add_order` with `followUpStatus`.
 *
 * @example
 * ```ts
 * const mapping: YoushuStatusMapping = mapYoushuStatus(order)
 * mapping.status // '1150'
 * ```
 */
export interface YoushuStatusMapping {
  readonly status: YoushuOrderStatus
  readonly followUpStatus?: YoushuOrderStatus
  /** Whether Youshu should count the order as paid (it then needs payment_info). */
  readonly treatedAsPaid: boolean
  readonly warnings: readonly SyncWarning[]
}

const preShipment = new Set([
  'created',
  'awaiting_payment',
  'payment_failed',
  'pending_acceptance',
  'accepted',
  'preparing',
  'ready',
])

function folded(from: string, to: YoushuOrderStatus, why: string): SyncWarning {
  return {
    path: ['status'],
    code: 'status_folded',
    message: `${from} is reported as ${to}: ${why}`,
  }
}

/**
 * Maps the canonical status to Youshu's `order_status` (add_order's order_status;
 * 1280/1290 from the order status update page, https://mp.zhls.qq.com/youshu-docs/develop/interface/order/order_update.html). Youshu is coarser than the canonical lifecycle; every fold
 * is a warning.
 *
 * | canonical | Youshu |
 * |---|---|
 * | created, awaiting_payment, payment_failed | 1110 待支付 |
 * | paid, pending_acceptance, accepted, preparing, ready | 1150 已支付待发货/待核销 |
 * | shipped, delivered | 1160 已发货 |
 * | completed | 1180 销售完成 |
 * | cancelled_before_payment | 1130 未支付取消 |
 * | cancelled_after_payment | 1140 已支付未发货取消 |
 * | rejected | 1140 when paid, else 1130 |
 * | refunding / refunded | 1280 / 1290 |
 * | voided | 2150 已失效 |
 *
 * Cash on delivery follows the FAQ for the chosen `cashOnDelivery` reporting.
 *
 * @param order - A valid order.
 * @param cashOnDelivery - How cash-on-delivery orders are reported; required for such an order.
 * @returns The status (and follow-up status), whether it counts as paid, and warnings.
 * @throws `UnsupportedMappingError` (`@ordersync/core`) for a cash-on-delivery order when `cashOnDelivery` is not set.
 * @example
 * ```ts
 * mapYoushuStatus(parseOrder(youshuFaqOrder)).status // '1150'
 * ```
 */
export function mapYoushuStatus(
  order: Order,
  cashOnDelivery?: YoushuCashOnDeliveryReporting,
): YoushuStatusMapping {
  const status = order.status
  const paid = order.paidAmount.amount > 0
  if (order.cashOnDelivery === true && !paid) {
    if (cashOnDelivery === undefined) {
      throw new UnsupportedMappingError({
        platform: 'youshu',
        path: ['cashOnDelivery'],
        reason:
          "Youshu's FAQ reports cash on delivery in one of two ways: set cashOnDelivery to 'paid_when_ordered' or 'paid_when_shipped' in the client settings",
      })
    }
    if (preShipment.has(status)) {
      return cashOnDelivery === 'paid_when_ordered'
        ? { status: '1110', followUpStatus: '1150', treatedAsPaid: true, warnings: [] }
        : { status: '1110', treatedAsPaid: false, warnings: [] }
    }
    if (status === 'shipped' && cashOnDelivery === 'paid_when_shipped') {
      return { status: '1150', treatedAsPaid: true, warnings: [] }
    }
    if (status === 'cancelled_before_payment' && cashOnDelivery === 'paid_when_ordered') {
      return {
        status: '1140',
        treatedAsPaid: true,
        warnings: [
          folded(
            status,
            '1140',
            'a cash-on-delivery order counted as paid at ordering is cancelled after payment',
          ),
        ],
      }
    }
  }
  switch (status) {
    case 'created':
      return {
        status: '1110',
        treatedAsPaid: false,
        warnings: [folded(status, '1110', 'Youshu has no status before 待支付')],
      }
    case 'awaiting_payment':
      return { status: '1110', treatedAsPaid: false, warnings: [] }
    case 'payment_failed':
      return {
        status: '1110',
        treatedAsPaid: false,
        warnings: [folded(status, '1110', 'Youshu has no payment-failed status')],
      }
    case 'paid':
      return { status: '1150', treatedAsPaid: true, warnings: [] }
    case 'pending_acceptance':
    case 'accepted':
    case 'preparing':
    case 'ready':
      return {
        status: '1150',
        treatedAsPaid: true,
        warnings: [folded(status, '1150', 'Youshu has one status for paid and not yet shipped')],
      }
    case 'shipped':
      return { status: '1160', treatedAsPaid: true, warnings: [] }
    case 'delivered':
      return {
        status: '1160',
        treatedAsPaid: true,
        warnings: [folded(status, '1160', 'Youshu has no delivered-but-not-completed status')],
      }
    case 'completed':
      return { status: '1180', treatedAsPaid: true, warnings: [] }
    case 'cancelled_before_payment':
      return { status: '1130', treatedAsPaid: false, warnings: [] }
    case 'cancelled_after_payment':
      return { status: '1140', treatedAsPaid: true, warnings: [] }
    case 'rejected':
      return paid
        ? {
            status: '1140',
            treatedAsPaid: true,
            warnings: [
              folded(
                status,
                '1140',
                'a paid order the merchant rejected is cancelled after payment',
              ),
            ],
          }
        : {
            status: '1130',
            treatedAsPaid: false,
            warnings: [
              folded(
                status,
                '1130',
                'an unpaid order the merchant rejected is cancelled before payment',
              ),
            ],
          }
    case 'refunding':
      return { status: '1280', treatedAsPaid: true, warnings: [] }
    case 'refunded':
      return { status: '1290', treatedAsPaid: true, warnings: [] }
    case 'voided':
      return { status: '2150', treatedAsPaid: paid, warnings: [] }
  }
}
