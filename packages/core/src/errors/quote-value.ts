/**
 * A value as it is quoted in a message: a string in JSON quotes, cut to `maxLength` characters
 * with the full length said (a 10 MB id makes a short message, not a 10 MB one); a number, boolean,
 * `null` or `undefined` as written; anything else by its kind alone (its contents may be personal).
 *
 * @param value - The value to quote.
 * @param maxLength - The most characters of a string shown.
 * @returns The quoted text.
 * @example
 * ```ts
 * quoteValue('o-1') // '"o-1"'
 * quoteValue('x'.repeat(10_000_000)) // '"xxxx…xxxx"… (10000000 characters)', 60 of them shown
 * quoteValue(12) // '12'
 * quoteValue({ id: 1 }) // 'an object'
 * ```
 */
export function quoteValue(value: unknown, maxLength = 60): string {
  if (typeof value === 'string') {
    if (value.length <= maxLength) return JSON.stringify(value)
    let end = maxLength
    // Never cut a surrogate pair in two.
    const last = value.charCodeAt(end - 1)
    if (last >= 0xd800 && last <= 0xdbff) end -= 1
    return `${JSON.stringify(value.slice(0, end))}… (${value.length} characters)`
  }
  if (
    typeof value === 'number' ||
    typeof value === 'boolean' ||
    typeof value === 'bigint' ||
    value === null ||
    value === undefined
  )
    return String(value)
  if (Array.isArray(value)) return 'an array'
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`
}
