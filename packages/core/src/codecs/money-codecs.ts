import * as t from 'io-ts'
import { OrderSyncError } from '../errors/order-sync-error.ts'
import { currencyExponent } from '../money/currency.ts'
import type { Money } from '../money/money.ts'
import { money } from '../money/money.ts'
import { parseMoney } from '../money/parse-money.ts'

function reason(error: unknown): string {
  return OrderSyncError.isInstance(error) && 'reason' in error
    ? String(error.reason)
    : String(error)
}

/**
 * The codec between {@link Money} and a JSON number in **major** units (yuan), for platforms that
 * demand a float (Youshu's `*_amount` fields). This is the one place where ordersync makes a
 * float: `encode` writes the exact decimal text (`"19.90"`) and lets JavaScript read it as the
 * nearest double (`19.9`), which `JSON.stringify` prints back as the same digits; `decode` reads
 * the number's shortest round-trip text, so `19.9` is exactly 1990 fen and `0.1 + 0.2` is refused
 * rather than rounded.
 *
 * @param currency - The currency of the amounts (its exponent sets the decimals allowed).
 * @returns An io-ts codec `Money ⇄ number`.
 * @example
 * ```ts
 * const yuan = moneyAsMajorUnitNumber('CNY')
 * yuan.encode({ amount: 1990, currency: 'CNY' }) // 19.9
 * yuan.decode(19.9) // right({ amount: 1990, currency: 'CNY' })
 * ```
 */
export function moneyAsMajorUnitNumber(currency: string): t.Type<Money, number, unknown> {
  return new t.Type<Money, number, unknown>(
    `MajorUnitNumber<${currency}>`,
    (value): value is Money => isMoneyIn(value, currency),
    (input, context) => {
      if (typeof input !== 'number' || !Number.isFinite(input))
        return t.failure(input, context, 'expected a finite number')
      try {
        return t.success(parseMoney(String(input), currency))
      } catch (error) {
        return t.failure(input, context, reason(error))
      }
    },
    (value) => {
      // The amount over 10^exponent, divided once: both are exact in a double, so IEEE division
      // gives the double nearest the exact decimal, which is what Number(formatMoney(value))
      // parses to, without building the string. A test holds the two equal.
      const checked = money(value.amount, value.currency)
      return checked.amount / 10 ** currencyExponent(checked.currency)
    },
  )
}

/**
 * The codec between {@link Money} and a JSON integer of **minor** units (fen, cents), for Baidu,
 * WeChat and Alipay+ `Amount.value`. Optionally bounded, e.g. Alipay+'s 0 … 2147483647.
 *
 * @param currency - The currency of the amounts.
 * @param bounds - The smallest and largest integer the platform accepts.
 * @returns An io-ts codec `Money ⇄ number`.
 * @example
 * ```ts
 * const fen = moneyAsMinorUnitInteger('CNY', { min: 0, max: 2147483647 })
 * fen.encode({ amount: 1990, currency: 'CNY' }) // 1990
 * fen.decode(-1)._tag // 'Left'
 * ```
 */
export function moneyAsMinorUnitInteger(
  currency: string,
  bounds: { readonly min?: number; readonly max?: number } = {},
): t.Type<Money, number, unknown> {
  const min = bounds.min ?? Number.MIN_SAFE_INTEGER
  const max = bounds.max ?? Number.MAX_SAFE_INTEGER
  return new t.Type<Money, number, unknown>(
    `MinorUnitInteger<${currency}>`,
    (value): value is Money =>
      isMoneyIn(value, currency) && value.amount >= min && value.amount <= max,
    (input, context) => {
      if (typeof input !== 'number' || !Number.isSafeInteger(input)) {
        return t.failure(input, context, 'expected an integer count of minor units')
      }
      if (input < min || input > max) return t.failure(input, context, `expected ${min} … ${max}`)
      try {
        return t.success(money(input, currency))
      } catch (error) {
        return t.failure(input, context, reason(error))
      }
    },
    (value) => value.amount,
  )
}

function isMoneyIn(value: unknown, currency: string): value is Money {
  if (typeof value !== 'object' || value === null) return false
  const candidate = value as Partial<Money>
  return (
    candidate.currency === currency &&
    typeof candidate.amount === 'number' &&
    Number.isSafeInteger(candidate.amount)
  )
}
