// WeChat's pages give some limits in bytes (tracking_no, express_company, openid: "1–128 字节")
// and item_desc in characters ("不超过120字", which may yet be bytes: the itemDescLimit setting):
// bytes are counted in UTF-8, the encoding of the JSON body, and characters as Unicode code
// points, so that a character outside the BMP (an emoji) counts once, as a person counts it.

const encoder = new TextEncoder()

/**
 * The length of `text` in UTF-8 bytes.
 *
 * @param text - Any string.
 * @returns Its UTF-8 byte length.
 * @example
 * ```ts
 * utf8ByteLength('顺丰') // 6
 * ```
 */
export function utf8ByteLength(text: string): number {
  return encoder.encode(text).length
}

/**
 * The length of `text` in characters (Unicode code points).
 *
 * @param text - Any string.
 * @returns How many code points it holds.
 * @example
 * ```ts
 * characterLength('杯垫*1🎁') // 5
 * ```
 */
function characterLength(text: string): number {
  let count = 0
  for (const _ of text) count += 1
  return count
}

/**
 * How a text limit counts: `characters` (Unicode code points) or `bytes` (UTF-8).
 *
 * @example
 * ```ts
 * const unit: WechatShippingTextUnit = 'characters'
 * ```
 */
export type WechatShippingTextUnit = 'characters' | 'bytes'

/**
 * The length of `text` counted in `unit`.
 *
 * @param text - Any string.
 * @param unit - Characters (code points) or UTF-8 bytes.
 * @returns Its length in that unit.
 * @example
 * ```ts
 * measureText('杯垫', 'bytes') // 6
 * ```
 */
export function measureText(text: string, unit: WechatShippingTextUnit): number {
  return unit === 'bytes' ? utf8ByteLength(text) : characterLength(text)
}

/**
 * `text` cut to at most `max` characters (code points) or UTF-8 bytes, ending with `…` when cut,
 * so that a reader sees the list goes on; a character is never cut in two.
 *
 * @param text - Any string.
 * @param max - The most characters or bytes, at least 1 (at least 3 for bytes: `…` is 3 bytes).
 * @param unit - How `max` counts.
 * @returns The text, whole or cut.
 * @example
 * ```ts
 * clipText('abcdef', 4, 'characters') // 'abc…'
 * clipText('杯杯杯', 7, 'bytes') // '杯…'
 * ```
 */
export function clipText(text: string, max: number, unit: WechatShippingTextUnit): string {
  if (measureText(text, unit) <= max) return text
  let kept = ''
  let room = max - measureText('…', unit)
  for (const character of text) {
    room -= measureText(character, unit)
    if (room < 0) break
    kept += character
  }
  return `${kept}…`
}
