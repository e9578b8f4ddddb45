import type { WechatAddOrderRequest } from './wechat-order-schema.ts'

/** Whether a value is a plain object (a JSON object), not an array or null. */
function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/**
 * The paths, under `at`, where `held` does not carry `sent`: a value that differs, an array of
 * another length, or a field `held` lacks. Fields only `held` has (WeChat's own: `product_id`,
 * `transaction_id`, `finish_all_delivery`, …) are ignored.
 */
function collectDifferences(sent: unknown, held: unknown, at: string, into: string[]): void {
  if (isRecord(sent)) {
    if (!isRecord(held)) {
      into.push(at)
      return
    }
    for (const [key, value] of Object.entries(sent)) {
      collectDifferences(value, held[key], at === '' ? key : `${at}.${key}`, into)
    }
    return
  }
  if (Array.isArray(sent)) {
    if (!Array.isArray(held) || held.length !== sent.length) {
      into.push(at)
      return
    }
    sent.forEach((value, index) => {
      collectDifferences(value, held[index], `${at}[${index}]`, into)
    })
    return
  }
  if (sent !== held) into.push(at)
}

/**
 * Where the order WeChat holds (the `order` of `shop/order/get`) differs from the `shop/order/add`
 * body about to be sent: the paths of the body (`address_info.detailed_address`,
 * `order_detail.product_infos[0].real_price`, …) whose value WeChat does not hold as sent. Only
 * the body's own fields are compared, and a field WeChat's answer leaves out counts as changed:
 * ordersync cannot see that it is unchanged, and a change must never be lost. `out_order_id` and
 * `openid` found the order and are not compared. WeChat's answer carries `delivery_detail` inside
 * `order_detail` (WxJava's model of shop/order/get, `WxMaShopOrderDetail`), where the add body
 * has it at the top; both places are read.
 *
 * @param add - The body about to be sent.
 * @param held - The `order` of WeChat's `shop/order/get` answer, as decoded.
 * @returns The paths that differ; empty when WeChat holds this content already.
 * @example
 * ```ts
 * const add = toWechatOrder(order, { defaultScene: 1177 }).add
 * findWechatContentChanges(add, { ...add, address_info: { ...add.address_info, detailed_address: '科苑路 2 号' } }) // ['address_info.detailed_address']
 * ```
 */
export function findWechatContentChanges(
  add: WechatAddOrderRequest,
  held: Readonly<Record<string, unknown>>,
): string[] {
  const { out_order_id: _id, openid: _openid, delivery_detail: delivery, ...content } = add
  const differences: string[] = []
  collectDifferences(content, held, '', differences)
  const heldDetail = isRecord(held.order_detail) ? held.order_detail : {}
  collectDifferences(
    delivery,
    held.delivery_detail ?? heldDetail.delivery_detail,
    'delivery_detail',
    differences,
  )
  return differences
}
