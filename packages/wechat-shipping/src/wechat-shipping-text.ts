// WeChat's pages give some limits in bytes (tracking_no, express_company, openid: "1–128 字节")
// and item_desc in characters ("不超过120字"): bytes are counted in UTF-8, the encoding of the JSON
// body, and characters as Unicode code points, so that a character outside the BMP (an emoji)
// counts once, as a person counts it.

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
export function characterLength(text: string): number {
  let count = 0
  for (const _ of text) count += 1
  return count
}

/**
 * `text` cut to at most `max` characters (code points), ending with `…` when cut, so that a
 * reader sees the list goes on.
 *
 * @param text - Any string.
 * @param max - The most characters, at least 1.
 * @returns The text, whole or cut.
 * @example
 * ```ts
 * clipCharacters('abcdef', 4) // 'abc…'
 * ```
 */
export function clipCharacters(text: string, max: number): string {
  const characters = [...text]
  if (characters.length <= max) return text
  return `${characters.slice(0, max - 1).join('')}…`
}
