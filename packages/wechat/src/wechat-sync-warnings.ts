import { type OrderStatus, type SyncWarning, UnsupportedMappingError } from '@ordersync/core'

// The words of a sync's warnings about what WeChat holds: each says why, by its real cause.

const statusNames: Readonly<Record<number, string>> = {
  10: '待付款, awaiting payment',
  11: '收银台支付完成, treated as 10',
  20: '待发货, paid',
  30: '待收货, shipped',
  100: '完成, completed',
  200: '全部商品售后之后订单取消, cancelled through after-sale',
  250: '取消, cancelled',
}

/** A status with its name: `30 (待收货, shipped)`. */
function named(status: number): string {
  const name = statusNames[status]
  return name === undefined ? String(status) : `${status} (${name})`
}

/** At most eight field paths, for a message (fields are named, never their values). */
function listed(fields: readonly string[]): string {
  return fields.slice(0, 8).join(', ') + (fields.length > 8 ? ', …' : '')
}

/** What a sync knows of the version it sends, for the words of its warnings. */
export interface WechatVersionFacts {
  /** The WeChat status the version maps to. */
  readonly status: number
  /** The canonical status. */
  readonly canonicalStatus: OrderStatus
}

// Canonical statuses of a paid order that WeChat can show only as 20: 200 needs the after-sale API.
const afterSaleStatuses: ReadonlySet<string> = new Set([
  'cancelled_after_payment',
  'refunding',
  'refunded',
  'rejected',
  'voided',
])

/** Why WeChat holding `held` is past the version: its real cause, in words. */
function whyPast(held: number, version: WechatVersionFacts): string {
  if (version.status === 20 && afterSaleStatuses.has(version.canonicalStatus)) {
    return `this version is ${version.canonicalStatus}, which WeChat can show only as 20 (cancelling or refunding a paid order takes its after-sale API), and WeChat holds ${named(held)}: nothing moves an order back`
  }
  return `WeChat holds ${named(held)}, past ${named(version.status)} of this version — a later version was synced before it, or the order moved on in WeChat — and nothing moves an order back`
}

/**
 * The warning of a paid order added again: which fields differed (or that the client's setting
 * asked for it), and that the steps were sent a second time.
 *
 * @example
 * ```ts
 * resentAfterPayment(30, ['address_info'], 'when_changed').code // 'resent_after_payment'
 * ```
 */
export function resentAfterPayment(
  held: number,
  fields: readonly string[],
  setting: 'when_changed' | 'always' | 'never',
): SyncWarning {
  const why =
    setting === 'always'
      ? `the client's resendAfterPayment is 'always'${fields.length === 0 ? '' : ` (fields that may differ: ${listed(fields)})`}`
      : `other content (${listed(fields)})`
  return {
    path: ['status'],
    code: 'resent_after_payment',
    message: `WeChat held this order in status ${named(held)}, and ${why}: shop/order/add replaced the whole order, which leaves it in 10 (待付款), and the status steps were sent again to bring it back — WeChat has received this order's payment and shipment calls a second time`,
  }
}

/** Why a changed order was not added again. */
export type WechatNotResentCause =
  | { readonly kind: 'past'; readonly version: WechatVersionFacts }
  | { readonly kind: 'final' }
  | { readonly kind: 'unreplayable'; readonly version: WechatVersionFacts }
  | { readonly kind: 'never' }

function whyNotResent(held: number, cause: WechatNotResentCause): string {
  switch (cause.kind) {
    case 'past':
      return `since ${whyPast(held, cause.version)}; add would replace the whole order and leave it in 10`
    case 'final':
      return 'since the status is final: add would reopen the order, payable again (status 10, a new ticket)'
    case 'unreplayable':
      return `since add leaves the order in 10 (待付款) and no call of the custom transaction component brings it back to ${held} with this version's status ${cause.version.status}`
    case 'never':
      return "since the client's resendAfterPayment is 'never': WeChat keeps the content it has"
  }
}

/**
 * The warning of a changed order that was not added again, worded by its cause.
 *
 * @example
 * ```ts
 * addNotResent(30, ['address_info'], { kind: 'never' }).code // 'add_not_resent'
 * ```
 */
export function addNotResent(
  held: number,
  fields: readonly string[],
  cause: WechatNotResentCause,
): SyncWarning {
  return {
    path: ['status'],
    code: 'add_not_resent',
    message: `WeChat holds this order in status ${named(held)} with other content (${listed(fields)}): shop/order/add was not sent again, ${whyNotResent(held, cause)}`,
  }
}

/**
 * The warning of a version older than the one the client last sent: nothing was sent for it.
 *
 * @example
 * ```ts
 * olderThanSent(Date.parse('2020-03-25T06:10:00Z'), Date.parse('2020-03-26T02:00:00Z')).message
 * // 'this version (modifiedAt 2020-03-25T06:10:00.000Z) is older than the one this client sent last (2020-03-26T02:00:00.000Z): nothing was sent for it, so that it does not overwrite the newer content WeChat holds'
 * ```
 */
export function olderThanSent(modifiedAt: number, sentModifiedAt: number): SyncWarning {
  return {
    path: ['modifiedAt'],
    code: 'add_not_resent',
    message: `this version (modifiedAt ${new Date(modifiedAt).toISOString()}) is older than the one this client sent last (${new Date(sentModifiedAt).toISOString()}): nothing was sent for it, so that it does not overwrite the newer content WeChat holds`,
  }
}

/**
 * The warning of a paid order kept as WeChat holds it although fields WeChat's answer does not
 * carry may differ: ordersync cannot see a change there.
 *
 * @example
 * ```ts
 * resendUnverifiable(20, ['create_time', 'address_info']).code // 'resend_unverifiable'
 * ```
 */
export function resendUnverifiable(held: number, fields: readonly string[]): SyncWarning {
  return {
    path: ['status'],
    code: 'resend_unverifiable',
    message: `WeChat holds this order in status ${named(held)} with the content its answer shows, but its answer leaves out ${listed(fields)}: a change there cannot be seen, so shop/order/add was not sent again (this client has not sent the order before; resendAfterPayment 'always' re-adds it)`,
  }
}

/**
 * The warning of an order WeChat holds in a final status (200, 250) other than the version's:
 * nothing was sent.
 *
 * @example
 * ```ts
 * statusFinal(250, 20).code // 'status_final'
 * ```
 */
export function statusFinal(held: number, status: number): SyncWarning {
  return {
    path: ['status'],
    code: 'status_final',
    message: `WeChat holds this order in status ${named(held)}, a final status, and this version is ${named(status)}: only shop/order/add would move it, reopening it as payable (status 10, a new ticket), so nothing was sent and WeChat keeps its order`,
  }
}

/**
 * The warning of an order WeChat holds past the version's status, worded by its cause.
 *
 * @example
 * ```ts
 * statusBehind(30, { status: 20, canonicalStatus: 'refunded' }).code // 'status_behind'
 * ```
 */
export function statusBehind(held: number, version: WechatVersionFacts): SyncWarning {
  return {
    path: ['status'],
    code: 'status_behind',
    message: `${whyPast(held, version)}, so the status was left as it is`,
  }
}

/**
 * The error of an order WeChat holds where no call reaches the version's status.
 *
 * @example
 * ```ts
 * unreachableStatus(20, 250).message // '[ordersync] [wechat] status: …'
 * ```
 */
export function unreachableStatus(
  held: number | undefined,
  status: number,
): UnsupportedMappingError {
  return new UnsupportedMappingError({
    platform: 'wechat',
    path: ['status'],
    reason: `WeChat holds this order in status ${held === undefined ? 'unknown' : named(held)}, and no call of the custom transaction component moves it to ${named(status)} (pay only from 10, delivery/send only from 20, delivery/recieve only from 30)`,
  })
}
