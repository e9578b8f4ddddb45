/**
 * The kinds of after-sale request (Baidu `SubsOrder.Item.OrderType`): `refund_only` (1, money back,
 * goods kept), `exchange` (2, goods swapped) and `return_and_refund` (3, goods back, money back).
 *
 * @example
 * ```ts
 * afterSaleTypes.includes('exchange') // true
 * ```
 */
export const afterSaleTypes = ['refund_only', 'exchange', 'return_and_refund'] as const

/**
 * A kind of after-sale request; see {@link afterSaleTypes}.
 *
 * @example
 * ```ts
 * const type: AfterSaleType = 'return_and_refund'
 * ```
 */
export type AfterSaleType = (typeof afterSaleTypes)[number]

/**
 * The lifecycle of one after-sale request, as Baidu's `SubStatus` names it:
 *
 * - `requested` — the buyer asked, the merchant has not agreed yet (Baidu 400).
 * - `processing` — the merchant agreed and it is under way (Baidu 401; Youshu 1280 for the order).
 * - `succeeded` — done: refunded, or for an exchange the buyer received the goods (Baidu 402 / 403;
 *   Alipay+ refund `SUCCESS`).
 * - `closed` — withdrawn by the buyer or closed by the system (Baidu 404).
 * - `rejected` — the merchant refused (Baidu 407).
 *
 * @example
 * ```ts
 * afterSaleStatuses.includes('succeeded') // true
 * ```
 */
export const afterSaleStatuses = [
  'requested',
  'processing',
  'succeeded',
  'closed',
  'rejected',
] as const

/**
 * A status of an after-sale request; see {@link afterSaleStatuses}.
 *
 * @example
 * ```ts
 * const status: AfterSaleStatus = 'processing'
 * ```
 */
export type AfterSaleStatus = (typeof afterSaleStatuses)[number]

/**
 * The after-sale statuses whose refund still counts against what was paid: a closed or rejected
 * request returns no money.
 *
 * @example
 * ```ts
 * openOrSucceededAfterSaleStatuses.includes('closed') // false
 * ```
 */
export const openOrSucceededAfterSaleStatuses: readonly AfterSaleStatus[] = [
  'requested',
  'processing',
  'succeeded',
]
