import { quoteValue, type SyncWarning } from '@ordersync/core'

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
 * Reads WeChat's `order_id` — typed "number(uint64)" on the "生成订单" page (shop/order/add,
 * 返回参数说明) — from the raw text of an answer, as WeChat wrote it. `JSON.parse` turns a number
 * above 2^53 into the nearest double (WxJava had to fix the same precision loss in
 * shop/order/get, PR 2782), so the value is taken from the text itself, whether WeChat writes it
 * as a number or as a string of digits. A value that is not a uint64 — a sign, a fraction, an
 * exponent, a leading zero, more than 20 digits, above 18446744073709551615 — is never cut to
 * what looks like an id: it comes back as `invalid`, with the reason, for the caller to report.
 * `out_order_id` is another key and is not matched.
 *
 * @param text - The raw response body.
 * @returns The id as a string of digits, the invalid value and why, or `undefined` when the
 *   answer has no `order_id`.
 * @example
 * ```ts
 * readWechatOrderId('{"errcode":0,"data":{"order_id":18446744073709551615,"out_order_id":"o-1"}}') // { orderId: '18446744073709551615' }
 * readWechatOrderId('{"errcode":0,"data":{"order_id":1.5e3}}') // { invalid: '1.5e3', reason: 'has an exponent' }
 * readWechatOrderId('{"errcode":0,"data":{"order_id":18446744073709551616}}') // { invalid: '18446744073709551616', reason: 'is above the uint64 maximum 18446744073709551615' }
 * ```
 */
export function readWechatOrderId(text: string): WechatOrderIdReading | undefined {
  // The value: a JSON string, or whatever else is written up to the next delimiter.
  const match = /"order_id"\s*:\s*("(?:[^"\\]|\\.)*"|[^\s,}\]]+)/.exec(text)
  const written = match?.[1]
  if (written === undefined) return undefined
  const digits = written.startsWith('"') ? written.slice(1, -1) : written
  const reason = describeUint64Problem(digits)
  return reason === undefined ? { orderId: digits } : { invalid: written, reason }
}

/**
 * The `order_id` of an answer as a string of digits, or a `value_invalid` warning at `path`
 * naming a value that is not a uint64 (never a value cut to what looks like an id).
 *
 * @param text - The raw response body.
 * @param path - Where the warning points (`['id']` in a sync).
 * @returns The id, or `undefined` and the warning.
 * @example
 * ```ts
 * readWechatOrderIdOrWarn('{"order_id":"0123"}', ['id']).warnings[0]?.code // 'value_invalid'
 * ```
 */
export function readWechatOrderIdOrWarn(
  text: string,
  path: readonly (string | number)[],
): { readonly orderId: string | undefined; readonly warnings: readonly SyncWarning[] } {
  const reading = readWechatOrderId(text)
  if (reading === undefined) return { orderId: undefined, warnings: [] }
  if ('orderId' in reading) return { orderId: reading.orderId, warnings: [] }
  const warning: SyncWarning = {
    path,
    code: 'value_invalid',
    message: `WeChat answered order_id ${quoteValue(reading.invalid)}, which ${reading.reason}: order_id is a uint64, so it is not reported (the order is known by out_order_id)`,
  }
  return { orderId: undefined, warnings: [warning] }
}
