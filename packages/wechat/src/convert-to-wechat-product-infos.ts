import type { Conversion, Order, OrderDiscountAllocation, SyncWarning } from '@ordersync/core'
import { apportionWechatLineShares } from './apportion-wechat-line-shares.ts'
import type { WechatProductInfo } from './wechat-order-schema.ts'

/**
 * The warning for shares after discounts apportioned anew: which lines moved, from what to what
 * (at most ten named), in one warning at the discounts.
 */
function reapportionedWarning(
  allocated: readonly number[],
  apportioned: readonly number[],
): SyncWarning | undefined {
  const moved = apportioned.flatMap((share, index) => {
    const before = allocated[index] ?? 0
    return share === before ? [] : [`line ${index} ${before} → ${share} fen`]
  })
  if (moved.length === 0) return undefined
  const listed =
    moved.slice(0, 10).join(', ') + (moved.length > 10 ? `, and ${moved.length - 10} more` : '')
  return {
    path: ['charges', 'discounts'],
    code: 'discount_reapportioned',
    message: `apportioned to the lines otherwise than in proportion (${listed}), so that every line has a whole-fen real_price and one product_infos entry; the totals are unchanged`,
  }
}

/**
 * Each line's share after discounts: core's allocation, apportioned anew where that gives every
 * line a whole-fen real_price ({@link apportionWechatLineShares}).
 */
function shareLines(
  order: Order,
  allocation: OrderDiscountAllocation,
): { readonly shares: readonly number[]; readonly warning: SyncWarning | undefined } {
  const allocated = order.lines.map((_, index) => allocation.lines[index]?.payable.amount ?? 0)
  const apportioned = apportionWechatLineShares(
    order.lines.map((line, index) => {
      const lineAllocation = allocation.lines[index]
      const ceiling =
        (lineAllocation?.subtotal.amount ?? 0) - (lineAllocation?.itemDiscount.amount ?? 0)
      return { quantity: line.quantity, share: allocated[index] ?? 0, ceiling }
    }),
  )
  return apportioned === undefined
    ? { shares: allocated, warning: undefined }
    : { shares: apportioned, warning: reapportionedWarning(allocated, apportioned) }
}

/**
 * `order_detail.product_infos` of a valid order ("生成订单" page, 请求参数说明): one entry per line,
 * `real_price` its share after every discount per unit, in whole fen. Where a line's share does
 * not divide by its quantity, the order-level discounts are apportioned anew so that every line
 * keeps one entry (a `discount_reapportioned` warning); where no apportionment allows it, the
 * line is sent as two entries of the same SKU, one fen apart (a `line_split` warning). A line
 * without an image or a page is a problem.
 *
 * @param order - A valid order.
 * @param allocation - Its discounts, allocated to the lines (core's `allocateOrderDiscounts`).
 * @param conversion - Where the problems and warnings go.
 * @returns The entries.
 * @example
 * ```ts
 * // type-checked only: toWechatOrder opens the conversion
 * declare const conversion: Conversion
 * toWechatProductInfos(order, allocateOrderDiscounts(order), conversion)[0]?.real_price // 90
 * ```
 */
export function toWechatProductInfos(
  order: Order,
  allocation: OrderDiscountAllocation,
  conversion: Conversion,
): WechatProductInfo[] {
  const { shares, warning } = shareLines(order, allocation)
  if (warning !== undefined) conversion.warn(warning)
  return order.lines.flatMap((line, index) => {
    const headImg = line.imageUrls?.[0]
    if (headImg === undefined)
      conversion.problem(
        ['lines', index, 'imageUrls'],
        'needs one image: it is head_img of shop/order/add',
      )
    if ((line.imageUrls?.length ?? 0) > 1) {
      conversion.warn({
        path: ['lines', index, 'imageUrls'],
        code: 'field_dropped',
        message: 'WeChat takes one image per product (head_img): only the first is reported',
      })
    }
    if (line.url === undefined)
      conversion.problem(
        ['lines', index, 'url'],
        'is required: it is the product path of shop/order/add',
      )
    const share = shares[index] ?? 0
    const unit = Math.floor(share / line.quantity)
    const rest = share - unit * line.quantity
    const item = (count: number, realPrice: number): WechatProductInfo => ({
      out_product_id: line.productId ?? line.skuId,
      out_sku_id: line.skuId,
      product_cnt: count,
      sale_price: line.unitPrice.amount,
      real_price: realPrice,
      path: line.url ?? '',
      title: line.name,
      head_img: headImg ?? '',
    })
    if (rest === 0) return [item(line.quantity, unit)]
    // real_price is per unit and in whole fen, and no apportionment of the discounts gives every
    // line a whole one: split the line so that no fen is rounded away.
    conversion.warn({
      path: ['lines', index],
      code: 'line_split',
      message: `its share after discounts, ${share} fen, does not divide by its quantity ${line.quantity}, and no other line can take the difference: sent as ${rest} × ${unit + 1} fen and ${line.quantity - rest} × ${unit} fen (two product_infos of the same SKU, which WeChat lists as two entries)`,
    })
    return [item(rest, unit + 1), item(line.quantity - rest, unit)]
  })
}
