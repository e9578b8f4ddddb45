import { InvalidArgumentError } from '../errors/invalid-argument-error.ts'

/**
 * An ISO 4217 currency code that ordersync knows the exponent of.
 *
 * @example
 * ```ts
 * const currency: CurrencyCode = 'MOP'
 * ```
 */
export type CurrencyCode =
  | 'AED'
  | 'AUD'
  | 'BDT'
  | 'BHD'
  | 'BND'
  | 'CAD'
  | 'CHF'
  | 'CNY'
  | 'EUR'
  | 'GBP'
  | 'HKD'
  | 'IDR'
  | 'INR'
  | 'JOD'
  | 'JPY'
  | 'KHR'
  | 'KRW'
  | 'KWD'
  | 'LAK'
  | 'LKR'
  | 'MMK'
  | 'MNT'
  | 'MOP'
  | 'MYR'
  | 'NPR'
  | 'NZD'
  | 'OMR'
  | 'PHP'
  | 'PKR'
  | 'QAR'
  | 'SAR'
  | 'SGD'
  | 'THB'
  | 'TWD'
  | 'USD'
  | 'VND'

/**
 * ISO 4217 minor-unit exponents of the currencies ordersync accepts: the amount `1990` in a currency
 * of exponent 2 is `19.90`; in a currency of exponent 0 it is `1990`.
 *
 * The exponents are ISO 4217's, not local habit: TWD and IDR are 2 although prices there are
 * usually whole; KRW, JPY and VND are 0. A platform that counts differently (Wixtar's sample sends TWD
 * charges in whole dollars and item prices ×100) converts in its own codec.
 *
 * @example
 * ```ts
 * import { currencyExponents } from '@ordersync/core'
 *
 * currencyExponents.CNY // 2
 * currencyExponents.KRW // 0
 * ```
 */
export const currencyExponents: Readonly<Record<CurrencyCode, number>> = {
  AED: 2,
  AUD: 2,
  BDT: 2,
  BHD: 3,
  BND: 2,
  CAD: 2,
  CHF: 2,
  CNY: 2,
  EUR: 2,
  GBP: 2,
  HKD: 2,
  IDR: 2,
  INR: 2,
  JOD: 3,
  JPY: 0,
  KHR: 2,
  KRW: 0,
  KWD: 3,
  LAK: 2,
  LKR: 2,
  MMK: 2,
  MNT: 2,
  MOP: 2,
  MYR: 2,
  NPR: 2,
  NZD: 2,
  OMR: 3,
  PHP: 2,
  PKR: 2,
  QAR: 2,
  SAR: 2,
  SGD: 2,
  THB: 2,
  TWD: 2,
  USD: 2,
  VND: 0,
}

/**
 * Whether `value` is a currency code ordersync knows (case-sensitive, upper case).
 *
 * @param value - Anything.
 * @returns `true` for a known code such as `'CNY'`.
 * @example
 * ```ts
 * isCurrencyCode('CNY') // true
 * isCurrencyCode('cny') // false
 * ```
 */
export function isCurrencyCode(value: unknown): value is CurrencyCode {
  return typeof value === 'string' && currencyCodes.has(value)
}

// A set answers faster than a property lookup on the exponent table; it runs for every amount of
// every order walked.
const currencyCodes: ReadonlySet<string> = new Set(Object.keys(currencyExponents))

/**
 * The ISO 4217 exponent of a currency: how many decimal places its major unit has.
 *
 * @param currency - An upper-case ISO 4217 code.
 * @returns The exponent (0, 2 or 3).
 * @throws {@link InvalidArgumentError} for a code ordersync does not know.
 * @example
 * ```ts
 * currencyExponent('CNY') // 2
 * currencyExponent('JPY') // 0
 * ```
 */
export function currencyExponent(currency: string): number {
  if (!isCurrencyCode(currency)) {
    throw new InvalidArgumentError({
      argument: 'currency',
      reason: `${JSON.stringify(currency)} is not a supported ISO 4217 code (supported: ${Object.keys(currencyExponents).join(', ')})`,
    })
  }
  return currencyExponents[currency]
}
