import { quoteValue, type SyncWarning } from '@ordersync/core'
import { findJsonValue } from './find-json-value.ts'

/** The largest uint64, the type WeChat gives `order_id` ("number(uint64)"). */
const uint64Max = 18_446_744_073_709_551_615n

/**
 * What {@link readWechatOrderId} found: the id as a string of digits, or the value WeChat wrote
 * (as raw JSON text) and why it is not a uint64.
 *
 * @example
 * ```ts
 * const reading: WechatOrderIdReading = { invalid: '-5', reason: 'has a sign' }
 * ```
 */
export type WechatOrderIdReading =
  | { readonly orderId: string }
  | { readonly invalid: string; readonly reason: string }

/**
 * Why a value written for `order_id` is not a uint64 in decimal, or `undefined` when it is one.
 * A uint64 is written as plain digits: no sign, no fraction, no exponent, no leading zero (JSON
 * forbids one in a number), at most 20 digits and at most 18446744073709551615.
 */
function describeUint64Problem(digits: string): string | undefined {
  if (/^(0|[1-9]\d*)$/.test(digits)) {
    if (digits.length > 20) return `has ${digits.length} digits, more than a uint64's 20`
    if (BigInt(digits) > uint64Max) return `is above the uint64 maximum ${uint64Max}`
    return undefined
  }
  if (/^[+-]/.test(digits)) return 'has a sign'
  if (/^\d+$/.test(digits)) return 'has a leading zero'
  if (/^\d*\.?\d*[eE][+-]?\d+$/.test(digits)) return 'has an exponent'
  if (/^\d*\.\d*$/.test(digits)) return 'has a fraction'
  return 'is not a number'
}

/**
 * Where each answer writes `order_id`: `data.order_id` in the answer of `shop/order/add`
 * ("生成订单" page, 返回参数说明), `order.order_id` in the answer of `shop/order/get` (WxJava's
 * model of it, `WxMaShopOrderResult`).
 *
 * @example
 * ```ts
 * wechatOrderIdPaths.getOrder // ['order', 'order_id']
 * ```
 */
export const wechatOrderIdPaths = {
  addOrder: ['data', 'order_id'],
  getOrder: ['order', 'order_id'],
} as const

/**
 * Reads WeChat's `order_id` — typed "number(uint64)" on the "生成订单" page (shop/order/add,
 * 返回参数说明) — from the raw text of an answer, as WeChat wrote it, at its place in the answer
 * (`data.order_id` by default; `order.order_id` in a `shop/order/get` answer). `JSON.parse` turns
 * a number above 2^53 into the nearest double (WxJava had to fix the same precision loss in
 * shop/order/get, PR 2782), so the value is taken from the text itself, whether WeChat writes it
 * as a number or as a string of digits. A value that is not a uint64 — a sign, a fraction, an
 * exponent, a leading zero, more than 20 digits, above 18446744073709551615 — is never cut to
 * what looks like an id: it comes back as `invalid`, with the reason, for the caller to report.
 * Only the value at that place counts: an `order_id` elsewhere in the answer (inside another
 * object, or `out_order_id`) is not read.
 *
 * @param text - The raw response body.
 * @param path - Where the answer writes it: `data.order_id`, the add answer's place, when left
 *   out.
 * @returns The id as a string of digits, the invalid value and why, or `undefined` when the
 *   answer has no `order_id` there.
 * @example
 * ```ts
 * readWechatOrderId('{"errcode":0,"data":{"order_id":18446744073709551615,"out_order_id":"o-1"}}') // { orderId: '18446744073709551615' }
 * readWechatOrderId('{"errcode":0,"data":{"order_id":1.5e3}}') // { invalid: '1.5e3', reason: 'has an exponent' }
 * readWechatOrderId('{"errcode":0,"data":{"order_id":18446744073709551616}}') // { invalid: '18446744073709551616', reason: 'is above the uint64 maximum 18446744073709551615' }
 * readWechatOrderId('{"errcode":0,"order":{"order_id":"32434234","status":20}}', ['order', 'order_id']) // { orderId: '32434234' }
 * ```
 */
export function readWechatOrderId(
  text: string,
  path: readonly string[] = wechatOrderIdPaths.addOrder,
): WechatOrderIdReading | undefined {
  const written = findJsonValue(text, path)
  if (written === undefined) return undefined
  const digits = written.startsWith('"') ? written.slice(1, -1) : written
  const reason = describeUint64Problem(digits)
  return reason === undefined ? { orderId: digits } : { invalid: written, reason }
}

/**
 * The `order_id` of an answer as a string of digits, or `undefined` and a warning at `at`: a
 * `value_invalid` one naming a value that is not a uint64 (never a value cut to what looks like
 * an id), or a `value_missing` one when the answer has none.
 *
 * @param text - The raw response body.
 * @param path - Where the answer writes `order_id` ({@link wechatOrderIdPaths}).
 * @param at - Where the warning points (`['id']` in a sync).
 * @returns The id, or `undefined` and the warning.
 * @example
 * ```ts
 * readWechatOrderIdOrWarn('{"data":{"order_id":"0123"}}', wechatOrderIdPaths.addOrder, ['id']).warnings[0]?.code // 'value_invalid'
 * readWechatOrderIdOrWarn('{"data":{}}', wechatOrderIdPaths.addOrder, ['id']).warnings[0]?.code // 'value_missing'
 * ```
 */
export function readWechatOrderIdOrWarn(
  text: string,
  path: readonly string[],
  at: readonly (string | number)[],
): { readonly orderId: string | undefined; readonly warnings: readonly SyncWarning[] } {
  const reading = readWechatOrderId(text, path)
  if (reading !== undefined && 'orderId' in reading)
    return { orderId: reading.orderId, warnings: [] }
  const warning: SyncWarning =
    reading === undefined
      ? {
          path: at,
          code: 'value_missing',
          message: `WeChat's answer has no ${path.join('.')}: the order is known by out_order_id alone`,
        }
      : {
          path: at,
          code: 'value_invalid',
          message: `WeChat answered order_id ${quoteValue(reading.invalid)}, which ${reading.reason}: order_id is a uint64, so it is not reported (the order is known by out_order_id)`,
        }
  return { orderId: undefined, warnings: [warning] }
}
