import type { SyncWarning } from '@ordersync/core'
import type { WechatAddOrderRequest } from './wechat-order-schema.ts'

/**
 * Checks the price rules of a `shop/order/add` body, exactly, in fen — the rules WeChat checks
 * and the document's own example breaks:
 * - `order_price` = Σ(sale_price × product_cnt) + freight − discounted_price + additional_price
 *   (the formula of the response's final_price; the page's "About prices" line leaves out the
 *   quantities and additional_price);
 * - Σ(real_price × product_cnt) + freight + additional_price = `order_price`: real_price is the
 *   per-unit price after the discounts, so the discounts are in it. A developer reported WeChat
 *   rejecting the page's Example I on this check (its real_price 100 ignores the 100 fen
 *   discount; community thread 000eaceb2c4dd8d13a3e980da5bc00);
 * - real_price ≤ sale_price.
 * A raw request that breaks one gets a warning; the canonical path computes them so they hold.
 *
 * @param request - A `shop/order/add` body.
 * @returns One `sum_mismatch` warning per broken rule.
 * @example
 * ```ts
 * checkWechatOrderConsistency(documentExampleRequest)
 * // [{ path: ['order_detail', 'product_infos'], code: 'sum_mismatch', message: 'Σ(real_price × product_cnt) + freight + additional_price is 1700 but order_price is 1600 …' }]
 * ```
 */
export function checkWechatOrderConsistency(request: WechatAddOrderRequest): SyncWarning[] {
  const warnings: SyncWarning[] = []
  const products = request.order_detail.product_infos
  const price = request.order_detail.price_info
  const goods = products.reduce((total, item) => total + item.sale_price * item.product_cnt, 0)
  const real = products.reduce((total, item) => total + item.real_price * item.product_cnt, 0)
  const discounted = price.discounted_price ?? 0
  const additional = price.additional_price ?? 0
  const expected = goods + price.freight - discounted + additional
  if (price.order_price !== expected) {
    warnings.push({
      path: ['order_detail', 'price_info', 'order_price'],
      code: 'sum_mismatch',
      message: `is ${price.order_price} but Σ(sale_price × product_cnt) ${goods} + freight ${price.freight} − discounted_price ${discounted} + additional_price ${additional} = ${expected}`,
    })
  }
  const paidForGoods = real + price.freight + additional
  if (paidForGoods !== price.order_price) {
    warnings.push({
      path: ['order_detail', 'product_infos'],
      code: 'sum_mismatch',
      message: `Σ(real_price × product_cnt) + freight + additional_price is ${paidForGoods} but order_price is ${price.order_price}: real_price must carry each unit's share of discounted_price`,
    })
  }
  for (const [index, item] of products.entries()) {
    if (item.real_price > item.sale_price) {
      warnings.push({
        path: ['order_detail', 'product_infos', index, 'real_price'],
        code: 'sum_mismatch',
        message: `is ${item.real_price}, more than sale_price ${item.sale_price}`,
      })
    }
  }
  return warnings
}
