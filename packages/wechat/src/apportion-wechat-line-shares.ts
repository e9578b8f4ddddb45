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

// The most steps the exact search may take (Σ over the lines of the sums it may be at × the moves
// of the line): beyond it the lines are left as they are and split, so that a huge order never
// makes prepare slow.
const searchBudget = 2_000_000

function greatestCommonDivisor(a: number, b: number): number {
  return b === 0 ? a : greatestCommonDivisor(b, a % b)
}

/**
 * How far the cheapest apportionment can move each line, in fen, when one exists: less than
 * Σ over the other lines of lcm(its quantity, theirs). Why: if line i moved up by at least
 * lcm(qᵢ, qⱼ) while line j moved down by as much, moving i down and j up by that lcm keeps both
 * shares divisible, both within their bounds (each only comes back towards where it started) and
 * the total unchanged, for fewer fen moved. So in the cheapest one, a line that moved up by mᵢ has
 * every line that moved down by less than lcm(qᵢ, qⱼ) — or else mᵢ < each such lcm — and since the
 * fen moved up equal the fen moved down, mᵢ < Σⱼ lcm(qᵢ, qⱼ). The same holds downwards.
 */
function moveLimits(lines: readonly WechatLineShare[]): number[] {
  return lines.map((line, index) =>
    lines.reduce((total, other, at) => {
      if (at === index) return total
      const divisor = greatestCommonDivisor(line.quantity, other.quantity)
      return total + (line.quantity / divisor) * other.quantity
    }, -1),
  )
}

/**
 * The moves each line may make, in fen (new share − share), smallest first: to a multiple of its
 * quantity, within 0 … ceiling and within its limit.
 */
function movesOf(line: WechatLineShare, limit: number): number[] {
  const rest = line.share % line.quantity
  const moves: number[] = []
  const lowest = Math.max(-line.share, -limit)
  const highest = Math.min(line.ceiling - line.share, limit)
  for (let move = -rest; move >= lowest; move -= line.quantity) moves.push(move)
  for (let move = line.quantity - rest; move <= highest; move += line.quantity) moves.push(move)
  return moves.sort((a, b) => Math.abs(a) - Math.abs(b) || a - b)
}

/**
 * The sums of moves the search may be at after each line: reachable by the lines so far, and
 * still brought back to 0 by the lines after it.
 */
function stageWindows(
  moves: readonly (readonly number[])[],
): { readonly low: number; readonly high: number }[] {
  const lowest = moves.map((choices) => Math.min(...choices))
  const highest = moves.map((choices) => Math.max(...choices))
  const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0)
  return moves.map((_, index) => ({
    low: Math.max(sum(lowest.slice(0, index + 1)), -sum(highest.slice(index + 1))),
    high: Math.min(sum(highest.slice(0, index + 1)), -sum(lowest.slice(index + 1))),
  }))
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

/** What one pass of the search found: the shares and the fen they move, none, or no pass at all. */
type SearchPass =
  | { readonly kind: 'found'; readonly shares: number[]; readonly moved: number }
  | { readonly kind: 'none' }
  | { readonly kind: 'over_budget' }

/** How many steps a pass takes: Σ over the lines of the sums it may be at × the line's moves. */
function countSteps(
  moves: readonly (readonly number[])[],
  windows: readonly { readonly low: number; readonly high: number }[],
): number {
  return moves.reduce((total, choices, index) => {
    const window = windows[index] ?? { low: 0, high: -1 }
    return total + Math.max(0, window.high - window.low + 1) * choices.length
  }, 0)
}

/**
 * One pass of the exact search: the apportionment that moves the fewest fen among those that
 * move no line further than its limit, by dynamic programming over the sum of the moves so far.
 */
function searchWithin(lines: readonly WechatLineShare[], limits: readonly number[]): SearchPass {
  const moves = lines.map((line, index) => movesOf(line, limits[index] ?? 0))
  if (moves.some((choices) => choices.length === 0)) return { kind: 'none' }
  const windows = stageWindows(moves)
  if (countSteps(moves, windows) > searchBudget) return { kind: 'over_budget' }

  // cost[sum - offset]: the fewest fen moved to reach `sum` with the lines so far.
  const offset = Math.min(0, ...windows.map((window) => window.low))
  const width = Math.max(0, ...windows.map((window) => window.high)) - offset + 1
  let cost = new Float64Array(width).fill(Number.POSITIVE_INFINITY)
  cost[-offset] = 0
  let reached = { low: 0, high: 0 }
  const chosen = moves.map(() => new Int32Array(width))
  moves.forEach((choices, index) => {
    const window = windows[index] ?? { low: 0, high: -1 }
    const picks = chosen[index] as Int32Array
    const next = new Float64Array(width).fill(Number.POSITIVE_INFINITY)
    for (let from = reached.low; from <= reached.high; from += 1) {
      const base = cost[from - offset] ?? Number.POSITIVE_INFINITY
      if (base === Number.POSITIVE_INFINITY) continue
      for (const move of choices) {
        const to = from + move
        if (to < window.low || to > window.high) continue
        if (base + Math.abs(move) < (next[to - offset] ?? Number.POSITIVE_INFINITY)) {
          next[to - offset] = base + Math.abs(move)
          picks[to - offset] = move
        }
      }
    }
    cost = next
    reached = window
  })
  const moved = cost[-offset] ?? Number.POSITIVE_INFINITY
  if (moved === Number.POSITIVE_INFINITY) return { kind: 'none' }

  const shares = lines.map((line) => line.share)
  let at = 0
  for (let index = lines.length - 1; index >= 0; index -= 1) {
    const move = (chosen[index] as Int32Array)[at - offset] ?? 0
    shares[index] = (shares[index] ?? 0) + move
    at -= move
  }
  return { kind: 'found', shares, moved }
}

/**
 * The exact search, widening: passes with every line's limit doubled each time, from the largest
 * quantity up to the bound of {@link moveLimits}. It stops at the first pass whose apportionment
 * moves no more fen than the limit (none moving a line further can cost less), at the bound (a
 * pass there that finds none proves there is none), or at a pass over the budget (then the best
 * found so far, if any).
 */
function searchShares(lines: readonly WechatLineShare[]): number[] | undefined {
  const bounds = moveLimits(lines)
  const bound = Math.max(...bounds)
  let limit = Math.max(...lines.map((line) => line.quantity))
  let best: number[] | undefined
  for (;;) {
    const pass = searchWithin(
      lines,
      bounds.map((most) => Math.min(most, limit)),
    )
    if (pass.kind === 'over_budget') return best
    if (pass.kind === 'found') {
      best = pass.shares
      if (pass.moved <= limit) return best
    }
    if (limit >= bound) return best
    limit *= 2
  }
}

/**
 * Moves fen of the order-level discounts between lines so that each line's share divides by its
 * quantity — a whole-fen `real_price`, one `product_infos` entry per line — keeping the total and
 * each line between 0 and its ceiling. WeChat's "生成订单" page defines `real_price` as the
 * per-unit price of a SKU after its apportioned share of the discounts ("扣除优惠后单件sku的分摊价格"):
 * how an order-level discount is apportioned is the merchant's to choose, so a different
 * apportionment to the fen is as true as core's proportional one, while a line sent as two
 * entries shows the SKU twice.
 *
 * Each line goes to its nearest whole `real_price` and the lines of quantity 1 take the
 * difference; failing that, an exact search finds the apportionment that moves the fewest fen,
 * widening up to a proven bound (no line of the cheapest one moves by Σ lcm(its quantity, each
 * other line's) fen or more). What is guaranteed: when the search reaches that bound within its
 * budget (2,000,000 steps), the result is `undefined` only if no apportionment exists at all — a
 * single line whose share does not divide, or ceilings and quantities that allow none. When the
 * budget stops it first (orders of many lines with large, coprime quantities), the result is the
 * best apportionment found by then, or `undefined` although one may exist.
 *
 * @param lines - The lines, in order.
 * @returns The new shares, in order (the same total), or `undefined`.
 * @example
 * ```ts
 * // 921 fen over 10 units, and a line of 1: 920 and 185.
 * apportionWechatLineShares([{ quantity: 10, share: 921, ceiling: 1000 }, { quantity: 1, share: 184, ceiling: 200 }]) // [920, 185]
 * // 8 units and 9 units: 32 fen move from the first line to the second.
 * apportionWechatLineShares([{ quantity: 8, share: 1392, ceiling: 1424 }, { quantity: 9, share: 1498, ceiling: 1602 }]) // [1360, 1530]
 * apportionWechatLineShares([{ quantity: 10, share: 905, ceiling: 1000 }]) // undefined
 * ```
 */
export function apportionWechatLineShares(lines: readonly WechatLineShare[]): number[] | undefined {
  if (lines.every((line) => line.share % line.quantity === 0))
    return lines.map((line) => line.share)
  return roundAndAbsorb(lines) ?? searchShares(lines)
}
