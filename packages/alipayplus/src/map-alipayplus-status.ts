import { type Order, type SyncWarning, UnsupportedMappingError } from '@ordersync/core'
import type { alipayPlusDeliveryStatuses, alipayPlusOrderTypes } from './alipayplus-order-schema.ts'

/**
 * An Alipay+ `orderBizStatus`.
 *
 * @example
 * ```ts
 * const status: AlipayPlusOrderBizStatus = 'IN_DELIVERY' // DELIVERY orders only
 * ```
 */
export type AlipayPlusOrderBizStatus = (typeof alipayPlusDeliveryStatuses)[number]
/**
 * An Alipay+ `orderType`.
 *
 * @example
 * ```ts
 * const type: AlipayPlusOrderType = 'DINE_IN'
 * ```
 */
export type AlipayPlusOrderType = (typeof alipayPlusOrderTypes)[number]

const direct: Partial<Record<Order['status'], AlipayPlusOrderBizStatus>> = {
  created: 'CREATED',
  awaiting_payment: 'WAIT_PAY',
  payment_failed: 'PAY_FAILED',
  paid: 'PAID',
  pending_acceptance: 'PENDING',
  accepted: 'ACCEPTED',
  rejected: 'REJECTED',
  preparing: 'PREPARING',
  ready: 'READY',
  completed: 'COMPLETED',
}

/**
 * The Alipay+ order type of a canonical order: pickup → PICK_UP, dine_in → DINE_IN, delivery →
 * DELIVERY; shipping (a parcel) → DELIVERY with a warning; virtual → only with
 * `platformOptions.alipayplus.orderType`, since Alipay+ has no type for it.
 *
 * @param order - A valid order.
 * @returns The type and warnings.
 * @throws `UnsupportedMappingError` (`@ordersync/core`) for a virtual order without an explicit type.
 * @example
 * ```ts
 * mapAlipayPlusOrderType(parseOrder(alipayPlusDocumentOrder)).orderType // 'PICK_UP'
 * ```
 */
export function mapAlipayPlusOrderType(order: Order): {
  readonly orderType: AlipayPlusOrderType
  readonly warnings: readonly SyncWarning[]
} {
  const explicit = order.platformOptions?.alipayplus?.orderType
  if (explicit !== undefined) return { orderType: explicit, warnings: [] }
  switch (order.type) {
    case 'pickup':
      return { orderType: 'PICK_UP', warnings: [] }
    case 'dine_in':
      return { orderType: 'DINE_IN', warnings: [] }
    case 'delivery':
      return { orderType: 'DELIVERY', warnings: [] }
    case 'shipping':
      return {
        orderType: 'DELIVERY',
        warnings: [
          {
            path: ['type'],
            code: 'value_folded',
            message: 'Alipay+ has no parcel-shipping type: reported as DELIVERY',
          },
        ],
      }
    case 'virtual':
      throw new UnsupportedMappingError({
        platform: 'alipayplus',
        path: ['type'],
        reason:
          'Alipay+ knows PICK_UP, DINE_IN and DELIVERY orders only; set platformOptions.alipayplus.orderType to report a virtual order as one of them',
      })
  }
}

/**
 * Maps the canonical status to `orderBizStatus` for the order type (specs/alipayplus-order-sync.txt,
 * "Extended fields"; IN_DELIVERY and DELIVERED exist only for DELIVERY). The first sync need not be
 * CREATED and statuses may be skipped ("Order status rules").
 *
 * | canonical | orderBizStatus |
 * |---|---|
 * | created, awaiting_payment, payment_failed, paid | CREATED, WAIT_PAY, PAY_FAILED, PAID |
 * | pending_acceptance, accepted, rejected, preparing, ready | PENDING, ACCEPTED, REJECTED, PREPARING, READY |
 * | shipped, delivered (DELIVERY only) | IN_DELIVERY, DELIVERED |
 * | completed | COMPLETED |
 * | cancelled_before_payment, cancelled_after_payment, voided, refunded | CANCELLED (folded, warned) |
 * | refunding | COMPLETED (warned); the refunds go in `refunds` |
 *
 * @param order - A valid order.
 * @param orderType - Its Alipay+ order type.
 * @returns The status and warnings.
 * @throws `UnsupportedMappingError` (`@ordersync/core`) for shipped or delivered outside DELIVERY.
 * @example
 * ```ts
 * mapAlipayPlusStatus(parseOrder(alipayPlusDocumentOrder), 'PICK_UP').orderBizStatus // 'PAID'
 * ```
 */
export function mapAlipayPlusStatus(
  order: Order,
  orderType: AlipayPlusOrderType,
): {
  readonly orderBizStatus: AlipayPlusOrderBizStatus
  readonly warnings: readonly SyncWarning[]
} {
  const status = order.status
  const mapped = Object.hasOwn(direct, status) ? direct[status] : undefined
  if (mapped !== undefined) return { orderBizStatus: mapped, warnings: [] }
  const fold = (to: AlipayPlusOrderBizStatus, why: string) => ({
    orderBizStatus: to,
    warnings: [
      {
        path: ['status'],
        code: 'status_folded',
        message: `${status} is reported as ${to}: ${why}`,
      },
    ],
  })
  switch (status) {
    case 'shipped':
    case 'delivered':
      if (orderType !== 'DELIVERY') {
        throw new UnsupportedMappingError({
          platform: 'alipayplus',
          path: ['status'],
          reason: `${status} exists only for orderType DELIVERY (document, Extended fields), and this order is ${orderType}`,
        })
      }
      return { orderBizStatus: status === 'shipped' ? 'IN_DELIVERY' : 'DELIVERED', warnings: [] }
    case 'cancelled_before_payment':
      return fold('CANCELLED', 'Alipay+ has one cancelled status')
    case 'cancelled_after_payment':
      return fold('CANCELLED', 'Alipay+ has one cancelled status; the refund goes in refunds')
    case 'voided':
      return fold('CANCELLED', 'Alipay+ has no status for an order voided by the platform')
    case 'refunded':
      return fold('CANCELLED', 'Alipay+ has no refund statuses; the refunds go in refunds')
    case 'refunding':
      return fold('COMPLETED', 'Alipay+ has no refund statuses; the refunds go in refunds')
    default:
      throw new UnsupportedMappingError({
        platform: 'alipayplus',
        path: ['status'],
        reason: `no orderBizStatus for ${status}`,
      })
  }
}
