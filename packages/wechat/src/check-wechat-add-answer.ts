import { ApiCallError, omitUndefined, quoteValue, type SyncWarning } from '@ordersync/core'
import { readWechatOrderIdOrWarn, wechatOrderIdPaths } from './read-wechat-order-id.ts'
import type { WechatAddOrderRequest } from './wechat-order-schema.ts'

/**
 * What `shop/order/add` answers, with `order_id` read digit for digit from the raw text.
 *
 * @example
 * ```ts
 * const answer: WechatAddOrderResult = { orderId: '18446744073709551615', outOrderId: 'o-1', ticket: 't', ticketExpireTime: '2020-12-01 00:00:00', finalPrice: 1600 }
 * ```
 */
export interface WechatAddOrderResult {
  /**
   * The platform's order id (a uint64), as a string of digits; absent when WeChat's answer held
   * a value that is not a uint64 (a warning names it).
   */
  readonly orderId?: string
  readonly outOrderId?: string
  /** The ticket that opens the cash register (the ticket payment scheme). */
  readonly ticket?: string
  /** When the ticket expires, `yyyy-MM-dd HH:mm:ss` (Beijing time) as WeChat wrote it. */
  readonly ticketExpireTime?: string
  /** The final price, fen. */
  readonly finalPrice?: number
}

/**
 * The paths the warnings of {@link checkWechatAddAnswer} name: the canonical fields in a sync
 * (`['id']`, `['payableAmount']`), the wire fields for a raw `api.addOrder`.
 *
 * @example
 * ```ts
 * const paths: WechatAddAnswerPaths = { orderId: ['id'], orderPrice: ['payableAmount'] }
 * ```
 */
export interface WechatAddAnswerPaths {
  /** Where `order_id` belongs. */
  readonly orderId: readonly (string | number)[]
  /** Where the `order_price` that `final_price` must equal came from. */
  readonly orderPrice: readonly (string | number)[]
}

/** The `data` of a `shop/order/add` answer as decoded (`order_id` is read from the text). */
export interface WechatAddAnswerData {
  readonly order_id?: number | string
  readonly out_order_id?: string
  readonly ticket?: string
  readonly ticket_expire_time?: string
  readonly final_price?: number
}

/**
 * Reads a successful `shop/order/add` answer against the request it answers ("生成订单" page,
 * 返回参数说明): `data.order_id` must be a uint64 (else a `value_invalid` warning naming it, or a
 * `value_missing` one when there is none, and no `orderId`), `data.out_order_id` the one sent (else the answer is about another order: an
 * `ApiCallError`), `data.final_price` — "final_price = product_price + freight − discounted_price
 * + additional_price", the same sum as `order_price` — the `order_price` sent (else a
 * `final_price_mismatch` warning: WeChat stored another total). A field the answer leaves out is
 * not checked.
 *
 * @param request - The body that was sent.
 * @param text - The raw answer, for `order_id`.
 * @param data - The decoded `data` of the answer.
 * @param paths - Where the warnings point.
 * @returns The result and the warnings.
 * @throws `ApiCallError` (`@ordersync/core`, delivery `uncertain`, not retryable) when
 *   `out_order_id` is not the one sent.
 * @example
 * ```ts
 * const request = toWechatOrder(order, { defaultScene: 1177 }).add // order_price 1600
 * const text = '{"errcode":0,"data":{"order_id":-5,"out_order_id":"xxxxx","final_price":1500}}'
 * const { warnings } = checkWechatAddAnswer(request, text, { order_id: -5, out_order_id: 'xxxxx', final_price: 1500 }, { orderId: ['id'], orderPrice: ['payableAmount'] })
 * warnings.map((warning) => warning.code) // ['value_invalid', 'final_price_mismatch']
 * ```
 */
export function checkWechatAddAnswer(
  request: WechatAddOrderRequest,
  text: string,
  data: WechatAddAnswerData,
  paths: WechatAddAnswerPaths,
): { readonly result: WechatAddOrderResult; readonly warnings: readonly SyncWarning[] } {
  if (data.out_order_id !== undefined && data.out_order_id !== request.out_order_id) {
    throw new ApiCallError({
      platform: 'wechat',
      endpoint: '/shop/order/add',
      reason: `WeChat answered out_order_id ${quoteValue(data.out_order_id)} for the order sent as ${quoteValue(request.out_order_id)}: the answer is about another order, so its order_id and ticket were not taken and no status step was sent`,
      httpStatus: 200,
      retryable: false,
      delivery: 'uncertain',
    })
  }
  const { orderId, warnings: idWarnings } = readWechatOrderIdOrWarn(
    text,
    wechatOrderIdPaths.addOrder,
    paths.orderId,
  )
  const warnings: SyncWarning[] = [...idWarnings]
  const orderPrice = request.order_detail.price_info.order_price
  if (data.final_price !== undefined && data.final_price !== orderPrice) {
    warnings.push({
      path: paths.orderPrice,
      code: 'final_price_mismatch',
      message: `WeChat answered final_price ${data.final_price} fen for the order sent with order_price ${orderPrice} fen: WeChat holds another total — check the price rules of shop/order/add`,
    })
  }
  const result: WechatAddOrderResult = omitUndefined({
    orderId,
    outOrderId: data.out_order_id,
    ticket: data.ticket,
    ticketExpireTime: data.ticket_expire_time,
    finalPrice: data.final_price,
  })
  return { result, warnings }
}
