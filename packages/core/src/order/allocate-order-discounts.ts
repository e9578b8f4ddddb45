import { allocateMoney } from '../money/allocate-money.ts'
import type { Money } from '../money/money.ts'
import { money } from '../money/money.ts'
import type { DiscountLevel, Order } from './order-types.ts'

/**
 * One line's share of the order's discounts, as {@link allocateOrderDiscounts} computes it.
 *
 * @example
 * ```ts
 * const [first] = allocateOrderDiscounts(parseOrder(youshuFaqOrder)).lines
 * first?.payable // { amount: 3600, currency: 'CNY' }
 * ```
 */
export interface LineDiscountAllocation {
  /** The line's id. */
  readonly lineId: string
  /** `unitPrice × quantity`. */
  readonly subtotal: Money
  /** The item-level discounts that name this line. */
  readonly itemDiscount: Money
  /** The line's share of the order-level discounts. */
  readonly orderDiscount: Money
  /** The line's share of the payment-level discounts. */
  readonly paymentDiscount: Money
  /** What the buyer pays for the line: subtotal − all three discounts. */
  readonly payable: Money
}

/**
 * The answer of {@link allocateOrderDiscounts}.
 *
 * @example
 * ```ts
 * const { lines, unallocated } = allocateOrderDiscounts(parseOrder(youshuFaqOrder))
 * unallocated.order // { amount: 0, currency: 'CNY' }
 * ```
 */
export interface OrderDiscountAllocation {
  /** One entry per line, in the order's line order. */
  readonly lines: readonly LineDiscountAllocation[]
  /**
   * Discounts larger than what the lines had left (a coupon that also covers freight or fees):
   * the part that no line can carry, per level. Zero in the usual case.
   */
  readonly unallocated: Readonly<Record<Exclude<DiscountLevel, 'item'>, Money>>
}

/**
 * Spreads the order-level and then the payment-level discounts over the lines, in proportion to
 * what each line costs after its own item-level discounts, so that the shares add up exactly
 * (largest remainder, see {@link allocateMoney}). Platforms that report per-line paid amounts use
 * it (Youshu `goods_info[].payment_amount`, WeChat `real_price`); no line's share exceeds what the
 * line has left.
 *
 * @param order - A valid order (see `parseOrder`).
 * @returns Each line's subtotal, discounts by level and payable amount, and any part of a discount
 *   larger than the lines.
 * @example
 * ```ts
 * import { allocateOrderDiscounts, parseOrder } from '@ordersync/core'
 * import { youshuFaqOrder } from '@ordersync/youshu/fixtures'
 *
 * allocateOrderDiscounts(parseOrder(youshuFaqOrder)).lines.map((line) => line.payable.amount)
 * // [3600, 5400] — the Youshu FAQ's 36 and 54 yuan
 * ```
 */
export function allocateOrderDiscounts(order: Order): OrderDiscountAllocation {
  const currency = order.payableAmount.currency
  const discounts = order.charges.discounts ?? []
  const subtotals = order.lines.map((line) => line.unitPrice.amount * line.quantity)
  const itemDiscounts = order.lines.map((line) =>
    discounts
      .filter((discount) => discount.level === 'item' && discount.lineId === line.id)
      .reduce((total, discount) => total + discount.amount.amount, 0),
  )
  const remaining = subtotals.map((subtotal, index) => subtotal - (itemDiscounts[index] ?? 0))

  const spread = (level: 'order' | 'payment'): { shares: number[]; unallocated: number } => {
    // Summed as bigints: the discounts of one level may add up beyond the safe integer range even
    // though each is safe, and a float sum there would be rounded.
    const total = discounts
      .filter((discount) => discount.level === level)
      .reduce((sum, discount) => sum + BigInt(discount.amount.amount), 0n)
    // What the lines still cost is at most the goods subtotal, a safe integer.
    const capacity = remaining.reduce((sum, amount) => sum + amount, 0)
    const allocatable = total < BigInt(capacity) ? Number(total) : capacity
    const shares =
      allocatable === 0
        ? remaining.map(() => 0)
        : allocateMoney(money(allocatable, currency), remaining).map((share) => share.amount)
    shares.forEach((share, index) => {
      remaining[index] = (remaining[index] ?? 0) - share
    })
    return { shares, unallocated: Number(total - BigInt(allocatable)) }
  }
  const orderLevel = spread('order')
  const paymentLevel = spread('payment')

  return {
    lines: order.lines.map((line, index) => ({
      lineId: line.id,
      subtotal: money(subtotals[index] ?? 0, currency),
      itemDiscount: money(itemDiscounts[index] ?? 0, currency),
      orderDiscount: money(orderLevel.shares[index] ?? 0, currency),
      paymentDiscount: money(paymentLevel.shares[index] ?? 0, currency),
      payable: money(remaining[index] ?? 0, currency),
    })),
    unallocated: {
      order: money(orderLevel.unallocated, currency),
      payment: money(paymentLevel.unallocated, currency),
    },
  }
}
