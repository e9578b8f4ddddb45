import { InvalidArgumentError } from '../errors/invalid-argument-error.ts'
import { type CurrencyCode, currencyExponent, isCurrencyCode } from './currency.ts'

/**
 * An amount of money: an integer count of the currency's minor units (fen for CNY, cents for USD,
 * won for KRW) and its currency. Never a float: `{ amount: 1990, currency: 'CNY' }` is 19.90 yuan.
 *
 * Build one with {@link money} or {@link parseMoney}, which check the amount.
 *
 * @example
 * ```ts
 * const price: Money = { amount: 1990, currency: 'CNY' } // 19.90 yuan
 * ```
 */
export interface Money {
  /** A safe integer count of minor units; negative for money going back (refunds, discounts as deltas). */
  readonly amount: number
  /** The ISO 4217 code. */
  readonly currency: CurrencyCode
}

/**
 * Creates a {@link Money} from an integer count of minor units.
 *
 * @param amount - A safe integer number of minor units (`1990` for 19.90 yuan).
 * @param currency - A supported ISO 4217 code.
 * @returns A frozen-shape `Money`; `-0` becomes `0`.
 * @throws {@link InvalidArgumentError} for a fraction, `NaN`, an infinity, a value beyond
 *   `Number.MAX_SAFE_INTEGER`, or an unknown currency.
 * @example
 * ```ts
 * money(1990, 'CNY') // { amount: 1990, currency: 'CNY' }
 * money(19.9, 'CNY') // throws: amounts are integers in minor units — use parseMoney('19.90', 'CNY')
 * ```
 */
export function money(amount: number, currency: string): Money {
  assertMinorUnits(amount, 'amount')
  currencyExponent(currency)
  return { amount: amount === 0 ? 0 : amount, currency: currency as CurrencyCode }
}

/**
 * Checks that `amount` is a safe integer count of minor units.
 *
 * @internal
 */
export function assertMinorUnits(amount: number, argument: string): void {
  if (typeof amount !== 'number' || !Number.isSafeInteger(amount)) {
    const reason = Number.isInteger(amount)
      ? `${amount} is beyond the safe integer range (±${Number.MAX_SAFE_INTEGER}); it cannot be represented exactly`
      : `${String(amount)} is not an integer count of minor units; parse decimal text with parseMoney instead`
    throw new InvalidArgumentError({ argument, reason })
  }
}

/**
 * Whether `value` has the shape of a {@link Money} with a safe integer amount and a known currency.
 *
 * @param value - Anything.
 * @returns `true` for a valid `Money`.
 * @example
 * ```ts
 * isMoney({ amount: 5, currency: 'CNY' }) // true
 * isMoney({ amount: 0.5, currency: 'CNY' }) // false
 * ```
 */
export function isMoney(value: unknown): value is Money {
  if (typeof value !== 'object' || value === null) return false
  const { amount, currency } = value as Record<string, unknown>
  return typeof amount === 'number' && Number.isSafeInteger(amount) && isCurrencyCode(currency)
}
