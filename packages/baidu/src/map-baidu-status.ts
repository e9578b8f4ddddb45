import type {
  AfterSale,
  AfterSaleStatus,
  AfterSaleType,
  Order,
  OrderStatus,
  SyncWarning,
} from '@ordersync/core'
import type { BaiduAfterSaleStatus } from './baidu-order-schema.ts'

/**
 * The categories whose status tables the document publishes: 1 physical goods (实物), 2 virtual
 * goods (虚拟物品).
 *
 * @example
 * ```ts
 * const category: BaiduCategory = 2
 * ```
 */
export type BaiduCategory = 1 | 2

/**
 * What {@link mapBaiduStatus} gives: Baidu's `Data.Status` and what it could not say.
 *
 * @example
 * ```ts
 * const mapping: BaiduStatusMapping = { status: 5, warnings: [] }
 * ```
 */
export interface BaiduStatusMapping {
  readonly status: number
  readonly warnings: readonly SyncWarning[]
}

type Row = readonly [status: number, fold?: string]

// Canonical status → Data.Status per CateID (document, "CateID==1" and "CateID==2" tables). A
// second element is the warning: Baidu is coarser there.
const physical: Readonly<Record<OrderStatus, Row>> = {
  created: [1, 'Baidu has no status before 待付款'],
  awaiting_payment: [1],
  payment_failed: [1, 'Baidu has no payment-failed status; the order still awaits payment'],
  paid: [5],
  pending_acceptance: [5, 'physical orders have one status between payment and shipping'],
  accepted: [5, 'physical orders have one status between payment and shipping'],
  preparing: [5, 'physical orders have one status between payment and shipping'],
  ready: [5, 'physical orders have one status between payment and shipping'],
  rejected: [100, 'Baidu has no rejected status: the transaction is closed'],
  shipped: [6],
  delivered: [6, 'Baidu has no delivered-but-not-completed status'],
  completed: [200],
  // Whether the closed order was paid shows in Payment.IsPayment: nothing is lost.
  cancelled_before_payment: [100],
  cancelled_after_payment: [100],
  refunding: [
    200,
    'Baidu has no refund status for the main order: the refund shows in the after-sale orders (SubsOrder); set platformOptions.baidu.status to report another',
  ],
  refunded: [
    100,
    'Baidu has no refunded status for the main order: it is reported closed, the refund shows in the after-sale orders (SubsOrder)',
  ],
  voided: [100, 'Baidu has no voided status: the transaction is closed'],
}

const virtual: Readonly<Record<OrderStatus, Row>> = {
  ...physical,
  paid: [2, 'virtual orders go from payment straight to 等待卖家确认 (awaiting the seller)'],
  pending_acceptance: [2],
  preparing: [3],
  accepted: [4],
  ready: [4, 'virtual orders have no ready status: the seller has confirmed'],
  shipped: [4, 'virtual orders are not shipped: the seller has confirmed'],
  delivered: [4, 'virtual orders are not delivered: the seller has confirmed'],
}

/**
 * Maps the canonical status to Baidu's `Data.Status` for the order's category (document, the
 * "CateID==1" and "CateID==2" tables). Every Baidu status is the image of some canonical status;
 * where Baidu is coarser the mapping warns. A hidden order (`hidden: true`) is 300 (隐藏) whatever
 * its status, with a warning naming the status that is not reported.
 *
 * | canonical | CateID 1 (physical) | CateID 2 (virtual) |
 * |---|---|---|
 * | created, awaiting_payment, payment_failed | 1 待付款 | 1 待付款 |
 * | paid | 5 等待卖家发货 | 2 等待卖家确认 (folded) |
 * | pending_acceptance | 5 (folded) | 2 等待卖家确认 |
 * | preparing | 5 (folded) | 3 卖家处理中 |
 * | accepted | 5 (folded) | 4 卖家已确认 |
 * | ready | 5 (folded) | 4 (folded) |
 * | shipped | 6 等待买家收货 | 4 (folded) |
 * | delivered | 6 (folded) | 4 (folded) |
 * | completed | 200 交易完成 | 200 交易完成 |
 * | refunding | 200 (folded) | 200 (folded) |
 * | cancelled_before_payment, cancelled_after_payment | 100 交易关闭 | 100 交易关闭 |
 * | rejected, refunded, voided | 100 (folded) | 100 (folded) |
 * | `hidden: true` | 300 隐藏 | 300 隐藏 |
 *
 * @param order - A valid order.
 * @param category - Its `CateID`.
 * @returns The status and the warnings.
 * @example
 * ```ts
 * mapBaiduStatus(parseOrder(baiduDocumentOrder), 1).status // 200: completed
 * ```
 */
export function mapBaiduStatus(order: Order, category: BaiduCategory): BaiduStatusMapping {
  const [status, fold] = (category === 1 ? physical : virtual)[order.status]
  if (order.hidden === true) {
    return {
      status: 300,
      warnings: [
        {
          path: ['status'],
          code: 'status_folded',
          message: `${order.status} is not reported: a hidden order is Status 300 (隐藏), which replaces its status`,
        },
      ],
    }
  }
  return {
    status,
    warnings:
      fold === undefined
        ? []
        : [
            {
              path: ['status'],
              code: 'status_folded',
              message: `${order.status} is reported as ${status}: ${fold}`,
            },
          ],
  }
}

const afterSaleStatusCodes: Readonly<Record<Exclude<AfterSaleStatus, 'succeeded'>, number>> = {
  requested: 400,
  processing: 401,
  closed: 404,
  rejected: 407,
}

/**
 * Baidu's `SubStatus` of one after-sale request: 400 申请中, 401 处理中, 402 退款成功 (a finished
 * refund, `OrderType` 1 or 3), 403 (a finished exchange, `OrderType` 2), 404 已关闭, 407 卖家已拒绝.
 *
 * @param afterSale - A canonical after-sale request.
 * @returns Its SubStatus.
 * @example
 * ```ts
 * mapBaiduAfterSaleStatus({ type: 'exchange', status: 'succeeded' }) // 403
 * mapBaiduAfterSaleStatus({ type: 'refund_only', status: 'succeeded' }) // 402
 * ```
 */
export function mapBaiduAfterSaleStatus(
  afterSale: Pick<AfterSale, 'status' | 'type'>,
): BaiduAfterSaleStatus {
  if (afterSale.status === 'succeeded') return afterSale.type === 'exchange' ? 403 : 402
  return afterSaleStatusCodes[afterSale.status] as BaiduAfterSaleStatus
}

const orderTypes: Readonly<Record<AfterSaleType, 1 | 2 | 3>> = {
  refund_only: 1,
  exchange: 2,
  return_and_refund: 3,
}

/**
 * Baidu's after-sale `OrderType`: 1 仅退款, 2 换货, 3 退款+退货.
 *
 * @param type - The canonical after-sale type.
 * @returns The OrderType.
 * @example
 * ```ts
 * mapBaiduAfterSaleType('return_and_refund') // 3
 * ```
 */
export function mapBaiduAfterSaleType(type: AfterSaleType): 1 | 2 | 3 {
  return orderTypes[type]
}

/**
 * The summary `SubsOrder.Status` of several after-sale requests ("所有售后订单的状态汇总最终状态";
 * the document does not say how to summarise): an open request wins, since the buyer still waits
 * on it — 400 when one awaits the seller, else 401; with none open, a finished one — 402 when a
 * refund finished, else 403; with none of those, the status of the request modified last (404 or
 * 407). `platformOptions.baidu.afterSaleStatus` overrides it.
 *
 * @param statuses - Each request's SubStatus and modification time (epoch milliseconds).
 * @returns The summary status.
 * @example
 * ```ts
 * summarizeBaiduAfterSaleStatus([{ status: 402, modifiedAt: 1 }, { status: 400, modifiedAt: 2 }]) // 400
 * ```
 */
export function summarizeBaiduAfterSaleStatus(
  statuses: readonly { readonly status: BaiduAfterSaleStatus; readonly modifiedAt: number }[],
): BaiduAfterSaleStatus {
  const has = (status: BaiduAfterSaleStatus) => statuses.some((entry) => entry.status === status)
  for (const status of [400, 401, 402, 403] as const) if (has(status)) return status
  const latest = statuses.reduce<
    { readonly status: BaiduAfterSaleStatus; readonly modifiedAt: number } | undefined
  >(
    (last, entry) => (last === undefined || entry.modifiedAt >= last.modifiedAt ? entry : last),
    undefined,
  )
  return latest?.status ?? 404
}
