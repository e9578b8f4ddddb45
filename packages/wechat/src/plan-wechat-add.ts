import type { SyncWarning } from '@ordersync/core'
import type { WechatPreparedOrder } from './convert-to-wechat-order.ts'
import { findWechatContentChanges } from './find-wechat-content-changes.ts'
import { changedWechatAddSections, type WechatAddFingerprint } from './fingerprint-wechat-add.ts'
import type { WechatSentOrder } from './wechat-sent-orders.ts'
import {
  addNotResent,
  olderThanSent,
  resendUnverifiable,
  statusFinal,
  type WechatNotResentCause,
} from './wechat-sync-warnings.ts'

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
 * What a sync does when WeChat holds the order paid or further with content it cannot see is
 * the same: `when_changed` re-adds it when it sees a change, `always` whenever it is not older or
 * past, `never` not at all.
 *
 * @example
 * ```ts
 * const setting: WechatResendAfterPayment = 'when_changed'
 * ```
 */
export type WechatResendAfterPayment = 'when_changed' | 'always' | 'never'

/**
 * Whether `shop/order/add` goes first, and why:
 * - `add` — WeChat does not hold the order, or holds it unpaid (10, or 11 "treated as 10");
 * - `resend` — WeChat holds it paid or further with other content (or the client always re-adds),
 *   and the status steps can bring it back to where it was;
 * - `keep` — add is not sent, the steps still missing are (the warnings say why);
 * - `leave` — nothing is sent: the version is older than the one the client sent last, or
 *   WeChat's status is final (200, 250).
 *
 * @example
 * ```ts
 * const plan: WechatAddPlan = { action: 'resend', changes: ['address_info'] }
 * ```
 */
export type WechatAddPlan =
  | { readonly action: 'add' }
  | { readonly action: 'resend'; readonly changes: readonly string[] }
  | { readonly action: 'keep'; readonly warnings: readonly SyncWarning[] }
  | { readonly action: 'leave'; readonly warnings: readonly SyncWarning[] }

/**
 * What {@link planWechatAdd} decides from: the version, what WeChat holds, what the client sent
 * last for the order, the fingerprint of the body about to be sent, and the client's setting.
 *
 * @example
 * ```ts
 * // type-checked only: the sync gathers it
 * declare const facts: WechatAddFacts
 * planWechatAdd(facts).action
 * ```
 */
export interface WechatAddFacts {
  readonly prepared: WechatPreparedOrder
  readonly held: WechatHeldOrder | undefined
  readonly sent: WechatSentOrder | undefined
  readonly fingerprint: WechatAddFingerprint
  readonly resendAfterPayment: WechatResendAfterPayment
}

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

/** What the content comparison found: nothing, fields that changed, or fields it cannot see. */
type ContentVerdict =
  | { readonly kind: 'same' }
  | { readonly kind: 'changed'; readonly fields: readonly string[] }
  | { readonly kind: 'unverifiable'; readonly fields: readonly string[] }

/**
 * Whether WeChat holds this content. With a memory of the last body this client sent, its
 * fingerprint decides, and the fields are named from WeChat's answer where it shows them. Without
 * one (a new process), only the fields WeChat's answer carries are compared; a change elsewhere
 * cannot be seen.
 */
function judgeContent(facts: WechatAddFacts, held: WechatHeldOrder): ContentVerdict {
  const comparison = findWechatContentChanges(facts.prepared.add, held.fields)
  if (facts.sent !== undefined) {
    const sections = changedWechatAddSections(facts.sent.fingerprint, facts.fingerprint)
    if (sections.length === 0) return { kind: 'same' }
    const fields = sections.flatMap((section) => {
      const seen = comparison.changed.filter((path) => path.startsWith(section))
      return seen.length === 0 ? [section] : seen
    })
    return { kind: 'changed', fields }
  }
  if (comparison.changed.length > 0) return { kind: 'changed', fields: comparison.changed }
  if (comparison.unechoed.length > 0) return { kind: 'unverifiable', fields: comparison.unechoed }
  return { kind: 'same' }
}

/** The plan for an order WeChat holds in a final status: nothing sent, and why if it matters. */
function planFinal(facts: WechatAddFacts, held: WechatHeldOrder): WechatAddPlan {
  const content = judgeContent(facts, held)
  const warnings: SyncWarning[] = []
  if (content.kind === 'changed')
    warnings.push(addNotResent(held.status, content.fields, { kind: 'final' }))
  if (held.status !== facts.prepared.status)
    warnings.push(statusFinal(held.status, facts.prepared.status))
  return { action: 'leave', warnings }
}

/** Why add cannot be sent again to an order WeChat holds paid, if it cannot. */
function whyNoResend(
  facts: WechatAddFacts,
  held: WechatHeldOrder,
): WechatNotResentCause | undefined {
  const { prepared } = facts
  if (isPastWechatStatus(held.status, prepared.status)) return { kind: 'past', version: prepared }
  if (!prepared.steps.some((step) => step.to === held.status))
    return { kind: 'unreplayable', version: prepared }
  if (facts.resendAfterPayment === 'never') return { kind: 'never' }
  return undefined
}

/** The plan for an order WeChat holds paid or further (20, 30, 100). */
function planPaid(facts: WechatAddFacts, held: WechatHeldOrder): WechatAddPlan {
  const content = judgeContent(facts, held)
  const cause = whyNoResend(facts, held)
  if (cause !== undefined) {
    const warnings =
      content.kind === 'changed' ? [addNotResent(held.status, content.fields, cause)] : []
    return { action: 'keep', warnings }
  }
  if (facts.resendAfterPayment === 'always')
    return { action: 'resend', changes: content.kind === 'same' ? [] : content.fields }
  if (content.kind === 'changed') return { action: 'resend', changes: content.fields }
  if (content.kind === 'unverifiable')
    return { action: 'keep', warnings: [resendUnverifiable(held.status, content.fields)] }
  return { action: 'keep', warnings: [] }
}

/**
 * Decides whether a sync sends `shop/order/add`, from what WeChat holds and what this client sent
 * last. The "生成订单" page
 * (https://developers.weixin.qq.com/miniprogram/dev/platform-capabilities/business-capabilities/ministore/minishopopencomponent2/API/order/add_order.html)
 * calls add re-entrant ("可重入"): for an order_id or out_order_id WeChat knows, it replaces the
 * whole order; and a successful call leaves the order in status 10. So a change of content after
 * payment is reported by adding the order again and replaying shop/order/pay,
 * shop/delivery/send and shop/delivery/recieve up to the order's status — when the content
 * changed (the fingerprint of the last body sent, or without one the fields WeChat's answer
 * carries), WeChat's status is on the way of those steps and not past the version's, and
 * `resendAfterPayment` allows it. A version older than the one this client sent last is never
 * sent (it would overwrite newer content), nor anything to an order WeChat holds cancelled (250)
 * or cancelled through after-sale (200): add would reopen it.
 *
 * @param facts - The version, what WeChat holds, what was sent last, the setting.
 * @returns The plan.
 * @example
 * ```ts
 * const prepared = toWechatOrder(order, { defaultScene: 1177 })
 * planWechatAdd({ prepared, held: undefined, sent: undefined, fingerprint: fingerprintWechatAdd(prepared.add), resendAfterPayment: 'when_changed' }) // { action: 'add' }
 * ```
 */
export function planWechatAdd(facts: WechatAddFacts): WechatAddPlan {
  const { held, sent, prepared } = facts
  if (held === undefined) return { action: 'add' }
  if (sent !== undefined && prepared.modifiedAt < sent.modifiedAt)
    return { action: 'leave', warnings: [olderThanSent(prepared.modifiedAt, sent.modifiedAt)] }
  if (held.status === 10 || held.status === 11) return { action: 'add' }
  if (held.status === 200 || held.status === 250) return planFinal(facts, held)
  return planPaid(facts, held)
}
