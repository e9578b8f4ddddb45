/**
 * One line of an order, as {@link apportionWechatLineShares} sees it.
 *
 * @example
 * ```ts
 * const line: WechatLineShare = { quantity: 10, share: 905, ceiling: 1000 }
 * ```
 */
export interface WechatLineShare {
  /** `product_cnt`. */
  readonly quantity: number
  /** What the line costs after every discount (core's `allocateOrderDiscounts`), fen. */
  readonly share: number
  /** The most it may cost: its subtotal less its own item discounts (no order-level share), fen. */
  readonly ceiling: number
}

// The most steps the search may take (lines × reachable sums × choices): beyond it the lines are
// left as they are and split, so that a huge order never makes prepare slow.
const searchBudget = 2_000_000

/**
 * The moves each line may make, in fen (new share − share), smallest first: to a multiple of its
 * quantity, within 0 … ceiling and within ±reach.
 */
function movesOf(line: WechatLineShare, reach: number): number[] {
  const rest = line.share % line.quantity
  const moves: number[] = []
  const lowest = Math.max(-line.share, -reach)
  const highest = Math.min(line.ceiling - line.share, reach)
  for (let move = -rest; move >= lowest; move -= line.quantity) moves.push(move)
  for (let move = line.quantity - rest; move <= highest; move += line.quantity) moves.push(move)
  return moves.sort((a, b) => Math.abs(a) - Math.abs(b) || a - b)
}

/**
 * The linear way, enough for most orders: each line to its nearest multiple of its quantity
 * (within its bounds), and the difference taken by the lines of quantity 1, whose every share
 * divides. `undefined` when those lines lack the room.
 */
function roundAndAbsorb(lines: readonly WechatLineShare[]): number[] | undefined {
  const shares = lines.map((line) => {
    if (line.quantity === 1) return line.share
    const rest = line.share % line.quantity
    const down = line.share - rest
    const up = down + line.quantity
    return rest * 2 >= line.quantity && up <= line.ceiling ? up : down
  })
  let left = lines.reduce((total, line, index) => total + line.share - (shares[index] ?? 0), 0)
  for (const [index, line] of lines.entries()) {
    if (left === 0) break
    if (line.quantity !== 1) continue
    const room = left > 0 ? line.ceiling - line.share : -line.share
    const move = left > 0 ? Math.min(left, room) : Math.max(left, room)
    shares[index] = line.share + move
    left -= move
  }
  return left === 0 ? shares : undefined
}

/** The exact search over the sums reachable with moves of at most `reach` fen per line. */
function searchShares(lines: readonly WechatLineShare[], reach: number): number[] | undefined {
  const moves = lines.map((line) => movesOf(line, reach))
  const width = 2 * reach + 1
  const steps = moves.reduce((total, choices) => total + width * choices.length, 0)
  if (steps > searchBudget || moves.some((choices) => choices.length === 0)) return undefined

  // cost[sum + reach]: the fewest fen moved to reach `sum` with the lines so far.
  let cost = new Float64Array(width).fill(Number.POSITIVE_INFINITY)
  cost[reach] = 0
  const chosen = moves.map(() => new Int32Array(width))
  moves.forEach((choices, index) => {
    const next = new Float64Array(width).fill(Number.POSITIVE_INFINITY)
    for (let from = 0; from < width; from += 1) {
      const base = cost[from] ?? Number.POSITIVE_INFINITY
      if (base === Number.POSITIVE_INFINITY) continue
      for (const move of choices) {
        const to = from + move
        if (to < 0 || to >= width) continue
        if (base + Math.abs(move) < (next[to] ?? Number.POSITIVE_INFINITY)) {
          next[to] = base + Math.abs(move)
          ;(chosen[index] as Int32Array)[to] = move
        }
      }
    }
    cost = next
  })
  if (cost[reach] === Number.POSITIVE_INFINITY) return undefined

  const shares = lines.map((line) => line.share)
  let at = reach
  for (let index = lines.length - 1; index >= 0; index -= 1) {
    const move = (chosen[index] as Int32Array)[at] ?? 0
    shares[index] = (shares[index] ?? 0) + move
    at -= move
  }
  return shares
}

/**
 * Moves fen of the order-level discounts between lines so that each line's share divides by its
 * quantity — a whole-fen `real_price`, one `product_infos` entry per line — keeping the total and
 * each line between 0 and its ceiling. WeChat's "生成订单" page defines `real_price` as the
 * per-unit price of a SKU after its apportioned share of the discounts ("扣除优惠后单件sku的分摊价格"):
 * how an order-level discount is apportioned is the merchant's to choose, so a different
 * apportionment to the fen is as true as core's proportional one, while a line sent as two
 * entries shows the SKU twice. Each line goes to its nearest whole `real_price` and the lines of
 * quantity 1 take the difference; failing that, an exact search finds the apportionment that
 * moves the fewest fen (moves of at most the rests plus the largest quantity per line).
 * `undefined` when none balances (one line whose share does not divide by its quantity) or the
 * search would exceed its budget.
 *
 * @param lines - The lines, in order.
 * @returns The new shares, in order (the same total), or `undefined`.
 * @example
 * ```ts
 * // 921 fen over 10 units, and a line of 1: 920 and 185.
 * apportionWechatLineShares([{ quantity: 10, share: 921, ceiling: 1000 }, { quantity: 1, share: 184, ceiling: 200 }]) // [920, 185]
 * apportionWechatLineShares([{ quantity: 10, share: 905, ceiling: 1000 }]) // undefined
 * ```
 */
export function apportionWechatLineShares(lines: readonly WechatLineShare[]): number[] | undefined {
  let rests = 0
  for (const line of lines) rests += line.share % line.quantity
  if (rests === 0) return lines.map((line) => line.share)
  const reach = rests + lines.reduce((most, line) => Math.max(most, line.quantity), 0)
  return roundAndAbsorb(lines) ?? searchShares(lines, reach)
}
