import type { OrderStatus } from './order-status.ts'
import { orderStatuses, terminalOrderStatuses, unpaidOrderStatuses } from './order-status.ts'

/**
 * The lifecycle as data: for each status, the statuses that may come directly after it.
 *
 * Platforms see an order only when it is synced, so a sync may skip statuses in between (Alipay+:
 * "you can change the status CREATED to COMPLETED directly"): a transition is allowed when the
 * target is **reachable** through these steps. The unpaid statuses lead into the merchant's steps
 * too, for cash on delivery and pay-later orders, which is why an accepted or preparing order may
 * still be `cancelled_before_payment`; whether money was received is a fact of the order, checked
 * by {@link checkOrderStatusTransition}'s `paid` context and by `orderSchema`.
 *
 * @example
 * ```ts
 * orderStatusSteps.paid.includes('accepted') // true
 * orderStatusSteps.refunded // [] — final
 * ```
 */
export const orderStatusSteps: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = {
  created: ['awaiting_payment', 'paid', 'cancelled_before_payment', 'voided'],
  awaiting_payment: [
    'paid',
    'payment_failed',
    'pending_acceptance',
    'accepted',
    'cancelled_before_payment',
    'voided',
  ],
  payment_failed: ['awaiting_payment', 'paid', 'cancelled_before_payment', 'voided'],
  paid: ['pending_acceptance', 'accepted', 'cancelled_after_payment', 'refunding', 'voided'],
  pending_acceptance: [
    'accepted',
    'rejected',
    'cancelled_before_payment',
    'cancelled_after_payment',
    'voided',
  ],
  accepted: [
    'preparing',
    'shipped',
    'cancelled_before_payment',
    'cancelled_after_payment',
    'voided',
  ],
  preparing: ['ready', 'cancelled_before_payment', 'cancelled_after_payment', 'voided'],
  ready: ['shipped', 'completed', 'cancelled_before_payment', 'cancelled_after_payment', 'voided'],
  shipped: ['delivered', 'refunding', 'voided'],
  delivered: ['completed', 'refunding', 'voided'],
  completed: ['refunding', 'voided'],
  rejected: ['refunding', 'refunded', 'voided'],
  refunding: ['refunded', 'completed', 'voided'],
  cancelled_before_payment: [],
  cancelled_after_payment: [],
  refunded: [],
  voided: [],
}

const reachable = new Map<OrderStatus, ReadonlySet<OrderStatus>>(
  orderStatuses.map((status) => [status, closure(status)]),
)

function closure(start: OrderStatus): ReadonlySet<OrderStatus> {
  const seen = new Set<OrderStatus>()
  const queue: OrderStatus[] = [...orderStatusSteps[start]]
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    if (seen.has(next)) continue
    seen.add(next)
    queue.push(...orderStatusSteps[next])
  }
  return seen
}

/**
 * Every status that may follow `from`, directly or by skipping statuses in between.
 *
 * @param from - The current status.
 * @returns The reachable statuses (not including `from` itself unless the lifecycle loops back).
 * @example
 * ```ts
 * reachableOrderStatuses('delivered').has('completed') // true
 * reachableOrderStatuses('completed').has('paid') // false
 * ```
 */
export function reachableOrderStatuses(from: OrderStatus): ReadonlySet<OrderStatus> {
  return reachable.get(from) ?? new Set()
}

/**
 * The answer of {@link checkOrderStatusTransition}.
 *
 * @example
 * ```ts
 * const check: OrderStatusTransitionCheck = checkOrderStatusTransition('completed', 'paid')
 * if (!check.allowed) console.log(check.reason)
 * ```
 */
export type OrderStatusTransitionCheck =
  | { readonly allowed: true }
  | { readonly allowed: false; readonly reason: string }

/**
 * What is known about the order beyond its status, to sharpen {@link checkOrderStatusTransition}.
 *
 * @example
 * ```ts
 * checkOrderStatusTransition('accepted', 'cancelled_before_payment', { paid: true }).allowed // false
 * ```
 */
export interface OrderStatusTransitionContext {
  /** Whether the buyer's payment was received. Decides which of the two cancellations applies. */
  readonly paid?: boolean
}

/**
 * Whether an order may move from one status to another, and if not, why.
 *
 * Re-sending the same status is allowed (every sync is an upsert). Skipping forward is allowed.
 * Moving backwards, or out of a final status, is not.
 *
 * @param from - The status last synced.
 * @param to - The status to sync now.
 * @param context - Optionally, whether the order was paid: then `cancelled_before_payment` is
 *   refused for a paid order and `cancelled_after_payment` for an unpaid one.
 * @returns `{ allowed: true }` or `{ allowed: false, reason }`.
 * @example
 * ```ts
 * checkOrderStatusTransition('created', 'completed') // { allowed: true }
 * checkOrderStatusTransition('shipped', 'cancelled_before_payment')
 * // { allowed: false, reason: 'cancelled_before_payment does not follow shipped: once an order is paid or on its way, …' }
 * ```
 */
export function checkOrderStatusTransition(
  from: OrderStatus,
  to: OrderStatus,
  context: OrderStatusTransitionContext = {},
): OrderStatusTransitionCheck {
  if (context.paid === true && to === 'cancelled_before_payment') {
    return { allowed: false, reason: 'the order was paid: use cancelled_after_payment' }
  }
  if (context.paid === false && to === 'cancelled_after_payment') {
    return { allowed: false, reason: 'nothing was paid: use cancelled_before_payment' }
  }
  if (from === to) return { allowed: true }
  if (terminalOrderStatuses.includes(from)) {
    return { allowed: false, reason: `${from} is final: no status follows it` }
  }
  if (reachableOrderStatuses(from).has(to)) return { allowed: true }
  let hint = ''
  if (to === 'cancelled_before_payment') {
    hint =
      ': once an order is paid or on its way, report cancelled_after_payment, refunding or refunded'
  } else if (unpaidOrderStatuses.includes(to)) {
    hint = ': payment cannot be undone by a status; report a refund instead'
  } else if (to === 'cancelled_after_payment') {
    hint = ': fulfilment has started — report refunding or refunded instead'
  }
  return { allowed: false, reason: `${to} does not follow ${from}${hint}` }
}
