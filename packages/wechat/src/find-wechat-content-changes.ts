import type { WechatAddOrderRequest } from './wechat-order-schema.ts'

/**
 * How the order WeChat holds compares with the `shop/order/add` body about to be sent, field by
 * field: the paths whose value WeChat holds otherwise, and the paths WeChat's answer does not
 * carry at all, whose change it cannot show.
 *
 * @example
 * ```ts
 * const comparison: WechatContentComparison = { changed: ['order_detail.product_infos[0].title'], unechoed: ['create_time', 'address_info'] }
 * ```
 */
export interface WechatContentComparison {
  /** Paths of the body WeChat holds with another value (`order_detail.price_info.freight`). */
  readonly changed: readonly string[]
  /**
   * Paths of the body the answer leaves out, list indexes written `[]`
   * (`order_detail.pay_info.pay_method_type`, `address_info`).
   */
  readonly unechoed: readonly string[]
}

/** Whether a value is a plain object (a JSON object), not an array or null. */
function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Where the comparison writes what it finds. */
interface Findings {
  readonly changed: string[]
  readonly unechoed: Set<string>
}

/**
 * Compares what was sent with what is held, under `at`: a field `held` lacks is unechoed (at the
 * outermost level it lacks); a value that differs, or a list of another length, is changed.
 * Fields only `held` has (WeChat's own: `product_id`, `transaction_id`, `finish_all_delivery`, …)
 * are not looked at.
 */
function compare(sent: unknown, held: unknown, at: string, findings: Findings): void {
  if (held === undefined) {
    findings.unechoed.add(at.replace(/\[\d+\]/g, '[]'))
    return
  }
  if (isRecord(sent)) {
    if (!isRecord(held)) findings.changed.push(at)
    else {
      for (const [key, value] of Object.entries(sent))
        compare(value, held[key], at === '' ? key : `${at}.${key}`, findings)
    }
    return
  }
  if (Array.isArray(sent)) {
    if (!Array.isArray(held) || held.length !== sent.length) findings.changed.push(at)
    else {
      for (const [index, value] of sent.entries())
        compare(value, held[index], `${at}[${index}]`, findings)
    }
    return
  }
  if (sent !== held) findings.changed.push(at)
}

/**
 * Compares the order WeChat holds (the `order` of `shop/order/get`) with the `shop/order/add` body
 * about to be sent, over the fields WeChat's answer carries. The only public model of that
 * answer, WxJava's (`WxMaShopOrderResult`, `WxMaShopOrderDetail`, `WxMaShopPayInfo`,
 * `WxMaShopDeliveryDetail`, https://github.com/binarywang/WxJava), carries `path`,
 * `out_user_id` and `order_detail` — product_infos, pay_info without `pay_method_type`
 * (a `pay_method` text instead), price_info, and `delivery_detail` once the order was sent — and
 * no `create_time`, `scene` or `address_info`: those come back as `unechoed`, never as changed,
 * so that an unchanged order is not taken for a changed one. `out_order_id` and `openid` found
 * the order and are not compared. `delivery_detail` is read inside `order_detail`, where that
 * model has it, or at the top, where the add body has it.
 *
 * @param add - The body about to be sent.
 * @param held - The `order` of WeChat's `shop/order/get` answer, as decoded.
 * @returns The changed and the unechoed paths.
 * @example
 * ```ts
 * const add = toWechatOrder(order, { defaultScene: 1177 }).add
 * const { address_info: _address, create_time: _time, ...echoed } = add
 * findWechatContentChanges(add, { ...echoed, path: '/pages/order?id=2' })
 * // { changed: ['path'], unechoed: ['create_time', 'address_info'] }
 * ```
 */
export function findWechatContentChanges(
  add: WechatAddOrderRequest,
  held: Readonly<Record<string, unknown>>,
): WechatContentComparison {
  const { out_order_id: _id, openid: _openid, delivery_detail: delivery, ...content } = add
  const findings: Findings = { changed: [], unechoed: new Set() }
  compare(content, held, '', findings)
  const heldDetail = isRecord(held.order_detail) ? held.order_detail : {}
  compare(delivery, held.delivery_detail ?? heldDetail.delivery_detail, 'delivery_detail', findings)
  return { changed: findings.changed, unechoed: [...findings.unechoed] }
}
