/**
 * Reads WeChat's `order_id` — a uint64 — from the raw text of an answer, digit for digit.
 * `JSON.parse` turns a number above 2^53 into the nearest double (WxJava had to fix the same
 * precision loss in shop/order/get, PR 2782), so the id is taken from the text itself, whether
 * WeChat writes it as a number or as a string. `out_order_id` is another key and is not matched.
 *
 * @param text - The raw response body.
 * @returns The id as a string of digits, or `undefined` when the answer has none.
 * @example
 * ```ts
 * readWechatOrderId('{"errcode":0,"data":{"order_id":18446744073709551615,"out_order_id":"o-1"}}') // '18446744073709551615'
 * ```
 */
export function readWechatOrderId(text: string): string | undefined {
  const match = /"order_id"\s*:\s*(?:"(\d+)"|(\d+))/.exec(text)
  return match === null ? undefined : (match[1] ?? match[2])
}
