/**
 * The canonical order lifecycle. Each platform package maps these to its own codes; where a
 * platform is coarser the mapping warns, and every code of every platform is the image of some
 * canonical status (see the status guide).
 *
 * - `created` — placed, not yet asking for payment (Alipay+ `CREATED`).
 * - `awaiting_payment` — waiting for the buyer to pay (Alipay+ `WAIT_PAY`, Baidu 1, WeChat 10/11, Youshu 1110).
 * - `payment_failed` — the payment attempt failed; the buyer may try again (Alipay+ `PAY_FAILED`).
 * - `paid` — paid, nothing done by the merchant yet (Alipay+ `PAID`, Baidu 5, WeChat 20, Youshu 1150).
 * - `pending_acceptance` — waiting for the merchant to accept (Alipay+ `PENDING`, Baidu virtual 2).
 * - `accepted` — the merchant accepted (Alipay+ `ACCEPTED`, Baidu virtual 4).
 * - `rejected` — the merchant refused the order (Alipay+ `REJECTED`).
 * - `preparing` — being prepared (Alipay+ `PREPARING`, Baidu virtual 3).
 * - `ready` — ready for pickup, for the table, or for the courier (Alipay+ `READY`).
 * - `shipped` — handed to a carrier or courier, on the way (Alipay+ `IN_DELIVERY`, Baidu 6, WeChat 30, Youshu 1160).
 * - `delivered` — handed to the buyer, not yet closed (Alipay+ `DELIVERED`).
 * - `completed` — the sale is done (Alipay+ `COMPLETED`, Baidu 200, WeChat 100, Youshu 1180, Wixtar `COMPLETED`).
 * - `cancelled_before_payment` — cancelled before any payment: no sale (Youshu 1130, not in GMV).
 * - `cancelled_after_payment` — cancelled after payment, before fulfilment (Youshu 1140, counted in GMV).
 * - `refunding` — an after-sale refund is under way (Youshu 1280).
 * - `refunded` — every item went back and was refunded (Youshu 1290, WeChat 200).
 * - `voided` — invalidated by the platform or the merchant, e.g. for a rule violation (Youshu 2150).
 *
 * Hiding an order from the buyer (Baidu 300, Youshu `is_deleted`) is not a status: it is the
 * order's `hidden` flag, since a hidden order keeps the status it had.
 *
 * @example
 * ```ts
 * orderStatuses.includes('voided') // true
 * ```
 */
export const orderStatuses = [
  'created',
  'awaiting_payment',
  'payment_failed',
  'paid',
  'pending_acceptance',
  'accepted',
  'rejected',
  'preparing',
  'ready',
  'shipped',
  'delivered',
  'completed',
  'cancelled_before_payment',
  'cancelled_after_payment',
  'refunding',
  'refunded',
  'voided',
] as const

/**
 * One status of the canonical order lifecycle; see {@link orderStatuses}.
 *
 * @example
 * ```ts
 * const status: OrderStatus = 'cancelled_after_payment' // Youshu 1140
 * ```
 */
export type OrderStatus = (typeof orderStatuses)[number]

/**
 * Whether `value` is a canonical order status.
 *
 * @param value - Anything.
 * @returns `true` for one of {@link orderStatuses}.
 * @example
 * ```ts
 * isOrderStatus('paid') // true
 * isOrderStatus('PAID') // false
 * ```
 */
export function isOrderStatus(value: unknown): value is OrderStatus {
  return typeof value === 'string' && (orderStatuses as readonly string[]).includes(value)
}

/**
 * The statuses in which the buyer has not paid (or the payment did not go through). An order in
 * one of them that is cancelled is `cancelled_before_payment`.
 *
 * @example
 * ```ts
 * unpaidOrderStatuses.includes('awaiting_payment') // true
 * ```
 */
export const unpaidOrderStatuses: readonly OrderStatus[] = [
  'created',
  'awaiting_payment',
  'payment_failed',
]

/**
 * The statuses that end the lifecycle: no status follows them.
 *
 * @example
 * ```ts
 * terminalOrderStatuses.includes('refunded') // true
 * ```
 */
export const terminalOrderStatuses: readonly OrderStatus[] = [
  'cancelled_before_payment',
  'cancelled_after_payment',
  'refunded',
  'voided',
]
