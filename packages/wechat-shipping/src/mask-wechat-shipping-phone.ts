// WeChat's upload_shipping_info page requires a contact for SF Express parcels, "掩码" (masked):
// the last four digits stay visible, the rest may be starred. Its examples: 189****1234,
// 021-****1234, ****1234, 0**2-***1234, 0**2-******23-10, ****123-8008, +86-177****1234.

/** A masked contact: digits, stars, dashes, a plus and spaces only, with a star in it. */
const maskedShape = /^[0-9*+\- ]+$/
/** A leading country code (`+86-`), which WeChat's `+86-177****1234` shows beside the number. */
const countryCode = /^\+\d{1,3}[- ]/
/**
 * The most digits of the number itself that stay visible: 7, as in WeChat's `189****1234` and
 * `****123-8008` — enough for every shape its page lists, too few for a whole number (a mainland
 * mobile has 11 digits, a landline with its area code 10–12).
 */
const maxVisibleDigits = 7

/**
 * Whether `value` is a contact as WeChat's upload takes it: masked (at least one `*`), made of
 * digits, `*`, `-`, `+` and spaces, with the last four digits visible — at least four digits after
 * the last `*` (dashes between them allowed, as in WeChat's `0**2-******23-10`) — and at most 7
 * digits of the number visible in all (a leading country code such as `+86-` aside), so that a
 * whole number with a star beside it is refused.
 *
 * @param value - A `consignor_contact` or `receiver_contact`.
 * @returns `true` when WeChat's masking rule holds.
 * @example
 * ```ts
 * isMaskedWechatShippingContact('138****5678') // true
 * isMaskedWechatShippingContact('+86-177****1234') // true
 * isMaskedWechatShippingContact('13812345678') // false: not masked
 * isMaskedWechatShippingContact('1381234**78') // false: the last four digits are not all visible
 * isMaskedWechatShippingContact('1381234*5678') // false: the whole number is readable
 * ```
 */
export function isMaskedWechatShippingContact(value: string): boolean {
  if (!maskedShape.test(value)) return false
  const lastStar = value.lastIndexOf('*')
  if (lastStar < 0) return false
  const visible = value.replace(countryCode, '').replace(/\D/g, '').length
  return value.slice(lastStar + 1).replace(/\D/g, '').length >= 4 && visible <= maxVisibleDigits
}

/**
 * Masks a phone number as WeChat's shipping contact wants it: a mainland mobile (11 digits
 * starting with 1, with or without +86) as `138****5678`, the shape of WeChat's own examples;
 * any other number as `****` and its last four digits. The number itself never leaves the
 * client.
 *
 * @param phone - A phone number in any format.
 * @returns The masked number, or `undefined` when it holds fewer than four digits.
 * @example
 * ```ts
 * maskWechatShippingPhone('13812345678') // '138****5678'
 * maskWechatShippingPhone('+86 138 1234 5678') // '138****5678'
 * maskWechatShippingPhone('021-6123 4567') // '****4567'
 * ```
 */
export function maskWechatShippingPhone(phone: string): string | undefined {
  const digits = phone.replace(/\D/g, '')
  if (digits.length < 4) return undefined
  const mobile = /^(?:0{0,2}86)?(1\d{10})$/.exec(digits)?.[1]
  if (mobile !== undefined) return `${mobile.slice(0, 3)}****${mobile.slice(-4)}`
  return `****${digits.slice(-4)}`
}
