import { InvalidArgumentError } from '../errors/invalid-argument-error.ts'
import type { Money } from './money.ts'
import { money } from './money.ts'

/**
 * Splits an amount into parts proportional to `ratios`, so that the parts always add up to the
 * whole, to the minor unit.
 *
 * The largest-remainder method, computed exactly with integers: each part first gets the floor of
 * its exact share; the minor units left over go one each to the parts with the largest remainders,
 * ties going to the earlier part. The result is deterministic and never depends on float rounding.
 * A negative amount is split as its absolute value and the parts negated.
 *
 * Use it to spread an order-level discount over lines in proportion to their amounts: pass the
 * line amounts in minor units as the ratios.
 *
 * @param value - The amount to split.
 * @param ratios - Non-negative safe integers, at least one of them positive; zero gets nothing.
 * @returns One `Money` per ratio, in the same order, summing exactly to `value`.
 * @throws {@link InvalidArgumentError} for an empty list, a negative, fractional or unsafe ratio,
 *   or ratios that are all zero.
 * @example
 * ```ts
 * // 90 yuan over lines of 40 and 60 yuan (the Youshu FAQ): 36 and 54
 * allocateMoney({ amount: 9000, currency: 'CNY' }, [4000, 6000]).map((part) => part.amount) // [3600, 5400]
 * allocateMoney({ amount: 100, currency: 'CNY' }, [1, 1, 1]).map((part) => part.amount) // [34, 33, 33]
 * ```
 */
export function allocateMoney(value: Money, ratios: readonly number[]): Money[] {
  const checked = money(value.amount, value.currency)
  if (ratios.length === 0) {
    throw new InvalidArgumentError({ argument: 'ratios', reason: 'at least one ratio is needed' })
  }
  for (const [index, ratio] of ratios.entries()) {
    if (!Number.isSafeInteger(ratio) || ratio < 0) {
      throw new InvalidArgumentError({
        argument: `ratios[${index}]`,
        reason: `${String(ratio)} is not a non-negative integer; pass amounts in minor units or integer weights`,
      })
    }
  }
  const sign = checked.amount < 0 ? -1 : 1
  const numberShares = allocateExactly(Math.abs(checked.amount), ratios)
  if (numberShares !== undefined)
    return numberShares.map((share) => money(sign * share, checked.currency))
  const weights = ratios.map(BigInt)
  const totalWeight = weights.reduce((total, weight) => total + weight, 0n)
  if (totalWeight === 0n) {
    throw new InvalidArgumentError({
      argument: 'ratios',
      reason: 'all ratios are zero: there is nothing to split by',
    })
  }
  const whole = BigInt(Math.abs(checked.amount))
  const shares = weights.map((weight) => (whole * weight) / totalWeight)
  const remainders = weights.map((weight) => (whole * weight) % totalWeight)
  let leftover = whole - shares.reduce((total, share) => total + share, 0n)
  const byRemainder = remainders
    .map((remainder, index) => ({ remainder, index }))
    .sort((a, b) =>
      a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1,
    )
  for (const { index } of byRemainder) {
    if (leftover === 0n) break
    shares[index] = (shares[index] ?? 0n) + 1n
    leftover -= 1n
  }
  return shares.map((share) => money(sign * Number(share), checked.currency))
}

/**
 * The same split as the bigint path above, in plain numbers, when every product `whole × ratio`
 * and the total of the ratios stay within the safe integer range (the usual case: an order's
 * amounts are far below 2^53): then `%` and the division of an exact multiple are exact, and no
 * bigint is allocated. `undefined` when the numbers could leave that range.
 */
function allocateExactly(whole: number, ratios: readonly number[]): number[] | undefined {
  let totalWeight = 0
  for (const ratio of ratios) totalWeight += ratio
  if (totalWeight === 0 || whole * totalWeight > Number.MAX_SAFE_INTEGER) return undefined
  const shares: number[] = []
  const remainders: number[] = []
  let leftover = whole
  for (const ratio of ratios) {
    const product = whole * ratio
    const remainder = product % totalWeight
    const share = (product - remainder) / totalWeight
    shares.push(share)
    remainders.push(remainder)
    leftover -= share
  }
  if (leftover > 0) {
    // The leftover units go to the largest remainders, ties to the earlier ratio.
    const byRemainder = remainders
      .map((remainder, index) => ({ remainder, index }))
      .sort((a, b) => (a.remainder === b.remainder ? a.index - b.index : b.remainder - a.remainder))
    for (const { index } of byRemainder) {
      if (leftover === 0) break
      shares[index] = (shares[index] ?? 0) + 1
      leftover -= 1
    }
  }
  return shares
}
