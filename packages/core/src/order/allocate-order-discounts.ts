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
  const lines = order.lines
  // One pass over the discounts: each line's item discounts by line id, each level's total. It
  // runs for every order a platform converts, so it builds no array per line or per level.
  const itemByLine = new Map<string, number>()
  // Summed as bigints: the discounts of one level may add up beyond the safe integer range even
  // though each is safe, and a float sum there would be rounded.
  let orderTotal = 0n
  let paymentTotal = 0n
  for (const discount of discounts) {
    if (discount.level === 'item') {
      if (discount.lineId !== undefined)
        itemByLine.set(
          discount.lineId,
          (itemByLine.get(discount.lineId) ?? 0) + discount.amount.amount,
        )
    } else if (discount.level === 'order') orderTotal += BigInt(discount.amount.amount)
    else if (discount.level === 'payment') paymentTotal += BigInt(discount.amount.amount)
  }
  const subtotals: number[] = new Array(lines.length)
  const itemDiscounts: number[] = new Array(lines.length)
  const remaining: number[] = new Array(lines.length)
  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index] as Order['lines'][number]
    const subtotal = line.unitPrice.amount * line.quantity
    const itemDiscount = itemByLine.get(line.id) ?? 0
    subtotals[index] = subtotal
    itemDiscounts[index] = itemDiscount
    remaining[index] = subtotal - itemDiscount
  }
  const orderLevel = spreadOver(remaining, orderTotal, currency)
  const paymentLevel = spreadOver(remaining, paymentTotal, currency)
  const allocations: LineDiscountAllocation[] = new Array(lines.length)
  for (let index = 0; index < lines.length; index += 1) {
    allocations[index] = {
      lineId: (lines[index] as Order['lines'][number]).id,
      subtotal: money(subtotals[index] ?? 0, currency),
      itemDiscount: money(itemDiscounts[index] ?? 0, currency),
      orderDiscount: money(orderLevel.shares[index] ?? 0, currency),
      paymentDiscount: money(paymentLevel.shares[index] ?? 0, currency),
      payable: money(remaining[index] ?? 0, currency),
    }
  }
  return {
    lines: allocations,
    unallocated: {
      order: money(orderLevel.unallocated, currency),
      payment: money(paymentLevel.unallocated, currency),
    },
  }
}

/**
 * Spreads one level's `total` over what the lines still cost (`remaining`, which it lowers by each
 * line's share): the shares, and the part of the total larger than the lines.
 */
function spreadOver(
  remaining: number[],
  total: bigint,
  currency: Money['currency'],
): { shares: number[]; unallocated: number } {
  // What the lines still cost is at most the goods subtotal, a safe integer.
  let capacity = 0
  for (const amount of remaining) capacity += amount
  const allocatable = total < BigInt(capacity) ? Number(total) : capacity
  const shares =
    allocatable === 0
      ? remaining.map(() => 0)
      : allocateMoney(money(allocatable, currency), remaining).map((share) => share.amount)
  for (let index = 0; index < shares.length; index += 1)
    remaining[index] = (remaining[index] ?? 0) - (shares[index] ?? 0)
  return { shares, unallocated: Number(total - BigInt(allocatable)) }
}
