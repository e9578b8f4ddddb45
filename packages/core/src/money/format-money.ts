import { currencyExponent } from './currency.ts'
import type { Money } from './money.ts'
import { assertMinorUnits } from './money.ts'

/**
 * Formats a {@link Money} as its exact decimal string in major units, with exactly as many
 * decimal places as the currency's exponent. The inverse of {@link parseMoney}.
 *
 * @param value - The money to format.
 * @returns `"19.90"` for 1990 fen, `"-0.05"` for -5 fen, `"100"` for 100 yen.
 * @throws {@link InvalidArgumentError} for an amount that is not a safe integer or an unknown currency.
 * @example
 * ```ts
 * formatMoney({ amount: 1990, currency: 'CNY' }) // '19.90'
 * formatMoney({ amount: -5, currency: 'CNY' }) // '-0.05'
 * formatMoney({ amount: 100, currency: 'JPY' }) // '100'
 * ```
 */
export function formatMoney(value: Money): string {
  assertMinorUnits(value.amount, 'value.amount')
  const exponent = currencyExponent(value.currency)
  const digits = String(Math.abs(value.amount))
  const sign = value.amount < 0 ? '-' : ''
  if (exponent === 0) return sign + digits
  const padded = digits.padStart(exponent + 1, '0')
  return `${sign}${padded.slice(0, -exponent)}.${padded.slice(-exponent)}`
}
