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
 * The unit of the integer amounts in each group of fields. Wixtar's document types them as
 * integers and says nothing of their unit, and its one example mixes two: the `charges` Money and
 * `payments[].payment_amount` carry whole dollars (`1100` shown as `"1100"`, a payment of `1000`
 * for a `total_fee` of `1000`), the item prices carry cents (`40000` shown as `"400"`). Each group
 * is a setting, so a merchant sets what their Wixtar tenant confirms.
 *
 * @example
 * ```ts
 * // Cents everywhere, for a tenant that confirms it:
 * const cents: WixtarAmountScale = { charges: 'minor', items: 'minor', payments: 'minor' }
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
 * The default {@link WixtarAmountScale}: the units of the request example of Wixtar's "Upload
 * Order Details" (https://private-api-docs.wixtar.com/Data%20Center%20API/upload-order-details),
 * the same as "Get Order Details"
 * (https://private-api-docs.wixtar.com/Data%20Center%20API/get-order-details) shows — whole
 * dollars for `charges` and `payments`, cents for item prices. The example is the only evidence
 * the vendor publishes of its units, so it is the default, and the sandbox's Wixtar module reads
 * the same by default: a client on its defaults and a tenant that follows the example agree.
 *
 * An amount with a fractional part in a whole-unit group is refused (a `ValidationError` naming
 * its canonical path), never rounded: set that group to `'minor'` if your tenant takes cents there.
 *
 * @example
 * ```ts
 * defaultWixtarAmountScale // { charges: 'major', items: 'minor', payments: 'major' }
 * ```
 */
export const defaultWixtarAmountScale: WixtarAmountScale = {
  charges: 'major',
  items: 'minor',
  payments: 'major',
}

/**
 * A Wixtar `Money` as ordersync sends it.
 *
 * @example
 * ```ts
 * const price: WixtarMoney = { amount: 40000, currency_code: 'TWD', formatted_amount: '400' }
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
 * The `formatted_amount` ("visual amount") of a canonical amount: the money in major units, as
 * Wixtar's example writes it whatever the unit of `amount` — `"400"` for an item price of
 * `40000`, `"1100"` for a charge of `1100`, `"0"` for a free choice. The rule, the same for every
 * currency:
 * - a whole amount has no decimals: `"400"` TWD (ISO 4217 gives TWD two decimals, but Taiwan
 *   prices in whole dollars, and every `formatted_amount` of the example is whole), `"12"` USD;
 * - an amount with a fractional part is written exactly, with the currency's ISO 4217 decimals:
 *   `"400.50"` TWD, `"12.05"` USD — never rounded to a whole number;
 * - a currency without decimals (JPY, KRW) never has any: `"400"`.
 *
 * @param value - The money, in minor units.
 * @returns The decimal text.
 * @throws `InvalidArgumentError` (`@ordersync/core`) for an amount that is not a safe integer or an
 *   unknown currency.
 * @example
 * ```ts
 * formatWixtarAmount({ amount: 40000, currency: 'TWD' }) // '400'
 * formatWixtarAmount({ amount: 40050, currency: 'TWD' }) // '400.50'
 * formatWixtarAmount({ amount: 0, currency: 'TWD' }) // '0'
 * formatWixtarAmount({ amount: 1205, currency: 'USD' }) // '12.05'
 * ```
 */
export function formatWixtarAmount(value: Money): string {
  // formatMoney writes exactly the currency's decimals; only an all-zero fraction is dropped.
  return formatMoney(value).replace(/\.0+$/, '')
}

/**
 * A canonical amount as a Wixtar `Money`: the integer in `unit`, the currency, and
 * `formatted_amount` by {@link formatWixtarAmount}, whichever unit `amount` is in.
 *
 * @param value - The money, in minor units.
 * @param unit - The unit of the field group.
 * @returns The Wixtar money, or `undefined` when `major` is asked of an amount with a fractional part.
 * @example
 * ```ts
 * toWixtarMoney({ amount: 110000, currency: 'TWD' }, 'major')
 * // { amount: 1100, currency_code: 'TWD', formatted_amount: '1100' }
 * toWixtarMoney({ amount: 40000, currency: 'TWD' }, 'minor')
 * // { amount: 40000, currency_code: 'TWD', formatted_amount: '400' }
 * ```
 */
export function toWixtarMoney(value: Money, unit: WixtarAmountUnit): WixtarMoney | undefined {
  const amount = toWixtarAmount(value, unit)
  if (amount === undefined) return undefined
  return { amount, currency_code: value.currency, formatted_amount: formatWixtarAmount(value) }
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
