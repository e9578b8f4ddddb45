import { InvalidArgumentError } from '../errors/invalid-argument-error.ts'
import { currencyExponent } from './currency.ts'
import type { Money } from './money.ts'
import { money } from './money.ts'

const decimalPattern = /^(-?)(\d+)(?:\.(\d+))?$/

/**
 * Parses a decimal string in major units into an exact {@link Money}: `"19.90"` CNY is 1990 fen.
 *
 * No floating point is involved: the digits are read as digits, so `"9.8"` is 980 and `"19.9"` is
 * 1990 — never 980.0000000000001 or 1989. Trailing zeros beyond the currency's exponent are exact
 * and accepted (`"19.900"` CNY is 1990); any other excess precision is an error, never a rounding.
 *
 * Accepted: an optional leading `-`, digits, and optionally `.` followed by digits. Rejected, each
 * with a reason: blanks, `+`, signs elsewhere, exponents (`"1e3"`), thousands separators, `NaN`,
 * `Infinity`, a missing digit on either side of the point, and values beyond a safe integer count
 * of minor units.
 *
 * @param text - The amount in major units, e.g. `"19.90"`, `"-0.05"`, `"100"`.
 * @param currency - A supported ISO 4217 code; its exponent decides the precision allowed.
 * @returns The exact amount in minor units.
 * @throws {@link InvalidArgumentError} with `argument: 'text'` and the reason.
 * @example
 * ```ts
 * parseMoney('19.90', 'CNY') // { amount: 1990, currency: 'CNY' }
 * parseMoney('9.8', 'CNY') // { amount: 980, currency: 'CNY' }
 * parseMoney('100', 'JPY') // { amount: 100, currency: 'JPY' }
 * parseMoney('1.005', 'CNY') // throws: "1.005" has 3 decimal places but CNY has 2
 * ```
 */
export function parseMoney(text: string, currency: string): Money {
  const exponent = currencyExponent(currency)
  if (typeof text !== 'string') {
    throw invalid(
      `expected a decimal string, got ${typeof text}; numbers lose precision — pass text such as "19.90"`,
    )
  }
  const match = decimalPattern.exec(text)
  if (match === null) throw invalid(describeMalformed(text))
  const [, sign = '', integerDigits = '', fractionDigits = ''] = match
  if (fractionDigits.length > exponent && /[^0]/.test(fractionDigits.slice(exponent))) {
    throw invalid(
      `${JSON.stringify(text)} has ${fractionDigits.length} decimal places but ${currency} has ${exponent}; round it yourself if that is intended`,
    )
  }
  const digits = integerDigits + fractionDigits.slice(0, exponent).padEnd(exponent, '0')
  // Up to 15 digits is below 2^53, so the number is exact; beyond, BigInt says whether it fits.
  if (digits.length > 15 && BigInt(digits) > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw invalid(`${JSON.stringify(text)} is beyond the safe integer range of minor units`)
  }
  const amount = Number(digits)
  return money(sign === '-' ? -amount : amount, currency)
}

function invalid(reason: string): InvalidArgumentError {
  return new InvalidArgumentError({ argument: 'text', reason })
}

function describeMalformed(text: string): string {
  const quoted = JSON.stringify(text)
  if (text.trim() === '') return 'the amount is blank'
  if (text.trim() !== text) return `${quoted} has leading or trailing blanks`
  if (/^[+-]?nan$/i.test(text)) return `${quoted} is not a number`
  if (/^[+-]?inf(inity)?$/i.test(text)) return `${quoted} is not a finite amount`
  if (/^[+-]?[\d.]+e[+-]?\d+$/i.test(text)) {
    return `${quoted} uses exponent notation; write the digits out`
  }
  if (text.startsWith('+'))
    return `${quoted} has a leading +; write positive amounts without a sign`
  if (/[+-]/.test(text.slice(1)) || text.startsWith('--')) {
    return `${quoted} has a sign in the wrong place; only a single leading - is allowed`
  }
  if (/,/.test(text))
    return `${quoted} has a comma; use no thousands separators and a . for decimals`
  if (/\s/.test(text)) return `${quoted} contains blanks`
  if (/^-?\./.test(text) || /\.$/.test(text)) {
    return `${quoted} needs digits on both sides of the decimal point`
  }
  return `${quoted} is not a decimal amount such as "19.90"`
}
