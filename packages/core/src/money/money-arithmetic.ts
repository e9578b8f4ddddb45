import { InvalidArgumentError } from '../errors/invalid-argument-error.ts'
import type { CurrencyCode } from './currency.ts'
import type { Money } from './money.ts'
import { assertMinorUnits, money } from './money.ts'

function assertSameCurrency(a: Money, b: Money, argument: string): void {
  if (a.currency !== b.currency) {
    throw new InvalidArgumentError({
      argument,
      reason: `currency ${b.currency} does not match ${a.currency}; convert explicitly before combining`,
    })
  }
}

function checkedResult(amount: number, currency: CurrencyCode, operation: string): Money {
  if (!Number.isSafeInteger(amount)) {
    throw new InvalidArgumentError({
      argument: 'result',
      reason: `the ${operation} leaves the safe integer range of minor units`,
    })
  }
  return money(amount, currency)
}

/**
 * Adds two amounts of the same currency.
 *
 * @param a - The first amount.
 * @param b - The second amount, in the same currency.
 * @returns `a + b`.
 * @throws {@link InvalidArgumentError} for different currencies or a result beyond a safe integer.
 * @example
 * ```ts
 * addMoney(money(1990, 'CNY'), money(10, 'CNY')) // { amount: 2000, currency: 'CNY' }
 * ```
 */
export function addMoney(a: Money, b: Money): Money {
  assertMinorUnits(a.amount, 'a.amount')
  assertMinorUnits(b.amount, 'b.amount')
  assertSameCurrency(a, b, 'b.currency')
  return checkedResult(a.amount + b.amount, a.currency, 'sum')
}

/**
 * Subtracts one amount from another of the same currency.
 *
 * @param a - The amount to subtract from.
 * @param b - The amount to subtract, in the same currency.
 * @returns `a − b`, which may be negative.
 * @throws {@link InvalidArgumentError} for different currencies or a result beyond a safe integer.
 * @example
 * ```ts
 * subtractMoney(money(11000, 'CNY'), money(1000, 'CNY')) // { amount: 10000, currency: 'CNY' }
 * ```
 */
export function subtractMoney(a: Money, b: Money): Money {
  assertMinorUnits(a.amount, 'a.amount')
  assertMinorUnits(b.amount, 'b.amount')
  assertSameCurrency(a, b, 'b.currency')
  return checkedResult(a.amount - b.amount, a.currency, 'difference')
}

/**
 * Multiplies an amount by an integer, e.g. a unit price by a quantity. To take a fraction of an
 * amount (a share, a rate), use {@link allocateMoney}, which keeps every minor unit.
 *
 * @param value - The amount.
 * @param factor - A safe integer.
 * @returns `value × factor`.
 * @throws {@link InvalidArgumentError} for a non-integer factor or a result beyond a safe integer.
 * @example
 * ```ts
 * multiplyMoney(money(2000, 'CNY'), 2) // { amount: 4000, currency: 'CNY' }
 * ```
 */
export function multiplyMoney(value: Money, factor: number): Money {
  assertMinorUnits(value.amount, 'value.amount')
  if (!Number.isSafeInteger(factor)) {
    throw new InvalidArgumentError({
      argument: 'factor',
      reason: `${String(factor)} is not an integer; use allocateMoney to take a share of an amount`,
    })
  }
  return checkedResult(value.amount * factor, value.currency, 'product')
}

/**
 * Adds up amounts of one currency. The currency is given explicitly so that an empty list has a
 * well-defined sum (zero).
 *
 * @param values - The amounts, all in `currency`.
 * @param currency - The currency of the sum.
 * @returns The total.
 * @throws {@link InvalidArgumentError} for an amount in another currency or a total beyond a safe integer.
 * @example
 * ```ts
 * sumMoney([money(3600, 'CNY'), money(5400, 'CNY')], 'CNY') // { amount: 9000, currency: 'CNY' }
 * sumMoney([], 'CNY') // { amount: 0, currency: 'CNY' }
 * ```
 */
export function sumMoney(values: Iterable<Money>, currency: string): Money {
  let total = money(0, currency)
  let index = 0
  for (const value of values) {
    assertMinorUnits(value.amount, `values[${index}].amount`)
    assertSameCurrency(total, value, `values[${index}].currency`)
    total = checkedResult(total.amount + value.amount, total.currency, 'sum')
    index += 1
  }
  return total
}

/**
 * Compares two amounts of the same currency.
 *
 * @param a - The first amount.
 * @param b - The second amount, in the same currency.
 * @returns `-1` when `a < b`, `0` when equal, `1` when `a > b`.
 * @throws {@link InvalidArgumentError} for different currencies.
 * @example
 * ```ts
 * compareMoney(money(1, 'CNY'), money(2, 'CNY')) // -1
 * ```
 */
export function compareMoney(a: Money, b: Money): -1 | 0 | 1 {
  assertSameCurrency(a, b, 'b.currency')
  return a.amount < b.amount ? -1 : a.amount > b.amount ? 1 : 0
}

/**
 * Whether two amounts are the same amount of the same currency.
 *
 * @param a - The first amount.
 * @param b - The second amount.
 * @returns `true` when both currency and amount match; different currencies are simply unequal.
 * @example
 * ```ts
 * equalsMoney(money(100, 'CNY'), money(100, 'HKD')) // false
 * ```
 */
export function equalsMoney(a: Money, b: Money): boolean {
  return a.currency === b.currency && a.amount === b.amount
}
