import {
  formatMoney,
  isCurrencyCode,
  type Money,
  moneyAsMajorUnitNumber,
  moneyAsMinorUnitInteger,
} from '@ordersync/core'

/**
 * The unit of an integer amount on the wire: `minor` — the currency's smallest unit (cents:
 * 400 TWD is `40000`); `major` — whole units of the currency (400 TWD is `400`), which only
 * amounts without a fractional part can be.
 *
 * @example
 * ```ts
 * const unit: WixtarAmountUnit = 'major'
 * ```
 */
export type WixtarAmountUnit = 'minor' | 'major'

/**
 * The unit of the integer amounts in each group of fields. Wixtar's own example mixes them: the
 * `charges` Money and `payments[].payment_amount` carry whole dollars (`1100` shown as `"1100"`),
 * the item prices carry cents (`40000` shown as `"400"`), and the vendor does not say which is
 * right. Each group is a setting, so a merchant sets what their Wixtar tenant confirms.
 *
 * @example
 * ```ts
 * // The units of the vendor's example:
 * const asInTheExample: WixtarAmountScale = { charges: 'major', items: 'minor', payments: 'major' }
 * ```
 */
export interface WixtarAmountScale {
  /** `charges.total`, `sub_total`, `discount`, `total_fee`. */
  readonly charges: WixtarAmountUnit
  /** `cart.items[].price.unit_price` and `total_price`, modifiers included. */
  readonly items: WixtarAmountUnit
  /** `payments[].payment_amount`. */
  readonly payments: WixtarAmountUnit
}

/**
 * The default {@link WixtarAmountScale}: minor units everywhere. That is exact for every amount of
 * every currency, it is what the example's item prices use, and a `Money` whose `amount` differs
 * from its `formatted_amount` (as in the item prices) is the only reading in which the two fields
 * are not redundant.
 *
 * @example
 * ```ts
 * defaultWixtarAmountScale.charges // 'minor'
 * ```
 */
export const defaultWixtarAmountScale: WixtarAmountScale = {
  charges: 'minor',
  items: 'minor',
  payments: 'minor',
}

/**
 * A Wixtar `Money` as ordersync sends it.
 *
 * @example
 * ```ts
 * const price: WixtarMoney = { amount: 40000, currency_code: 'TWD', formatted_amount: '400.00' }
 * ```
 */
export interface WixtarMoney {
  readonly amount: number
  readonly currency_code: string
  readonly formatted_amount: string
}

/**
 * A canonical amount as a Wixtar integer in `unit`, through core's codecs: minor units as they
 * are, major units only when the amount is whole (nothing is rounded).
 *
 * @param value - The money, in minor units.
 * @param unit - The unit of the field group.
 * @returns The integer, or `undefined` when `major` is asked of an amount with a fractional part.
 * @example
 * ```ts
 * toWixtarAmount({ amount: 40000, currency: 'TWD' }, 'major') // 400
 * toWixtarAmount({ amount: 40050, currency: 'TWD' }, 'major') // undefined: 400.50 is not whole
 * ```
 */
export function toWixtarAmount(value: Money, unit: WixtarAmountUnit): number | undefined {
  if (unit === 'minor') return moneyAsMinorUnitInteger(value.currency).encode(value)
  const major = moneyAsMajorUnitNumber(value.currency).encode(value)
  return Number.isSafeInteger(major) ? major : undefined
}

/**
 * A canonical amount as a Wixtar `Money`: the integer in `unit`, the currency, and
 * `formatted_amount` — the exact decimal text of the same money (core's `formatMoney`, with the
 * currency's decimals: `"400.00"` TWD), whichever unit `amount` is in.
 *
 * @param value - The money, in minor units.
 * @param unit - The unit of the field group.
 * @returns The Wixtar money, or `undefined` when `major` is asked of an amount with a fractional part.
 * @example
 * ```ts
 * toWixtarMoney({ amount: 110000, currency: 'TWD' }, 'major')
 * // { amount: 1100, currency_code: 'TWD', formatted_amount: '1100.00' }
 * ```
 */
export function toWixtarMoney(value: Money, unit: WixtarAmountUnit): WixtarMoney | undefined {
  const amount = toWixtarAmount(value, unit)
  if (amount === undefined) return undefined
  return { amount, currency_code: value.currency, formatted_amount: formatMoney(value) }
}

/**
 * A Wixtar integer amount read back as canonical money, for the checks of a raw request.
 *
 * @param amount - The integer on the wire.
 * @param currency - Its currency.
 * @param unit - The unit of its field group.
 * @returns The money, or `undefined` for an unknown currency or an amount that is not an integer.
 * @example
 * ```ts
 * fromWixtarAmount(1100, 'TWD', 'major') // { amount: 110000, currency: 'TWD' }
 * ```
 */
export function fromWixtarAmount(
  amount: number,
  currency: string,
  unit: WixtarAmountUnit,
): Money | undefined {
  if (!isCurrencyCode(currency) || !Number.isSafeInteger(amount)) return undefined
  const codec =
    unit === 'minor' ? moneyAsMinorUnitInteger(currency) : moneyAsMajorUnitNumber(currency)
  const decoded = codec.decode(amount)
  return decoded._tag === 'Right' ? decoded.right : undefined
}
