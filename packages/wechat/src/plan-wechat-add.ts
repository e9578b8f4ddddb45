import type { SyncWarning } from '@ordersync/core'
import type { WechatPreparedOrder } from './convert-to-wechat-order.ts'
import { findWechatContentChanges } from './find-wechat-content-changes.ts'

/**
 * What WeChat holds of an order before a sync: its status and the `order` of `shop/order/get`.
 *
 * @example
 * ```ts
 * const held: WechatHeldOrder = { status: 20, fields: { out_order_id: 'o-1', status: 20 } }
 * ```
 */
export interface WechatHeldOrder {
  readonly status: number
  /** Every field of WeChat's `order`, as decoded. */
  readonly fields: Readonly<Record<string, unknown>>
}

/**
 * Whether `shop/order/add` goes first, and why:
 * - `add` — WeChat does not hold the order, or holds it unpaid (10, or 11 "treated as 10");
 * - `resend` — WeChat holds it paid or further with other content, and the status steps can bring
 *   it back to where it was: the add replaces the whole order, then the steps are replayed;
 * - `keep` — add is not sent: WeChat holds this content already, or cannot be brought back to its
 *   status after an add, or the client's `resendAfterPayment` is `'never'` (the warnings say which).
 *
 * @example
 * ```ts
 * const plan: WechatAddPlan = { action: 'resend', changes: ['address_info.detailed_address'] }
 * ```
 */
export type WechatAddPlan =
  | { readonly action: 'add' }
  | { readonly action: 'resend'; readonly changes: readonly string[] }
  | { readonly action: 'keep'; readonly warnings: readonly SyncWarning[] }

const pathRank: Readonly<Record<number, number>> = { 10: 0, 11: 0, 20: 1, 30: 2, 100: 3 }

/**
 * Whether WeChat's status is already past the target, so that nothing can or need move it.
 *
 * @example
 * ```ts
 * isPastWechatStatus(100, 30) // true
 * ```
 */
export function isPastWechatStatus(current: number, target: number): boolean {
  if (current === 200) return target !== 250
  if (current === 250) return target === 10
  const from = pathRank[current]
  const to = pathRank[target]
  return from !== undefined && to !== undefined && from > to
}

/** Whether the steps after an add (which leaves 10) pass through `status` on their way. */
function canReplayTo(status: number, prepared: WechatPreparedOrder): boolean {
  return prepared.steps.some((step) => step.to === status)
}

function notResent(status: number, changes: readonly string[], why: string): SyncWarning {
  const fields = changes.slice(0, 8).join(', ') + (changes.length > 8 ? ', …' : '')
  return {
    path: ['status'],
    code: 'add_not_resent',
    message: `WeChat holds this order in status ${status} with other content (${fields}): shop/order/add was not sent again, ${why}`,
  }
}

/**
 * Decides whether a sync sends `shop/order/add`, from what WeChat holds. The "生成订单" page
 * (https://developers.weixin.qq.com/miniprogram/dev/platform-capabilities/business-capabilities/ministore/minishopopencomponent2/API/order/add_order.html)
 * calls add re-entrant ("可重入"): for an order_id or out_order_id WeChat knows, it replaces the
 * whole order; and a successful call leaves the order in status 10. So a change of content after
 * payment is reported by adding the order again and replaying shop/order/pay,
 * shop/delivery/send and shop/delivery/recieve up to the order's status — but only when the
 * content differs ({@link findWechatContentChanges}), when WeChat's status is on the way of those
 * steps (not 200, which only the after-sale API reaches, and not past the order's status, which
 * means an older version), and when `resendAfterPayment` is not `'never'`.
 *
 * @param prepared - The order, prepared.
 * @param held - What WeChat holds, or `undefined` when it does not know the order.
 * @param resendAfterPayment - The client's setting.
 * @returns The plan.
 * @example
 * ```ts
 * const prepared = toWechatOrder(order, { defaultScene: 1177 })
 * planWechatAdd(prepared, undefined, 'when_changed') // { action: 'add' }
 * ```
 */
export function planWechatAdd(
  prepared: WechatPreparedOrder,
  held: WechatHeldOrder | undefined,
  resendAfterPayment: 'when_changed' | 'never',
): WechatAddPlan {
  if (held === undefined || held.status === 10 || held.status === 11) return { action: 'add' }
  const changes = findWechatContentChanges(prepared.add, held.fields)
  if (changes.length === 0) return { action: 'keep', warnings: [] }
  if (isPastWechatStatus(held.status, prepared.status)) {
    const why = `since WeChat is past ${prepared.status}, the status of this version (an older version sent later?), and add replaces the whole order`
    return { action: 'keep', warnings: [notResent(held.status, changes, why)] }
  }
  if (!canReplayTo(held.status, prepared)) {
    const why = `since add leaves the order in 10 (待付款) and no call of the custom transaction component brings it back to ${held.status} with this version's status ${prepared.status}`
    return { action: 'keep', warnings: [notResent(held.status, changes, why)] }
  }
  if (resendAfterPayment === 'never') {
    const why = "since the client's resendAfterPayment is 'never': WeChat keeps the content it has"
    return { action: 'keep', warnings: [notResent(held.status, changes, why)] }
  }
  return { action: 'resend', changes }
}
