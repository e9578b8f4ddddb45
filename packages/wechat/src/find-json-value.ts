// A small scanner of JSON text that finds where the value at a path of object keys is written,
// without parsing it: WeChat's uint64 order_id must be read as written (JSON.parse rounds it), and
// an answer whose order_id has a leading zero is not even valid JSON. It reads any text: what it
// cannot follow, it does not find.

function skipWhitespace(text: string, at: number): number {
  let position = at
  while (position < text.length && /\s/.test(text.charAt(position))) position += 1
  return position
}

/** The end of the string that starts at `at` (after its closing quote), or -1. */
function endOfString(text: string, at: number): number {
  for (let position = at + 1; position < text.length; position += 1) {
    const character = text.charAt(position)
    if (character === '\\') position += 1
    else if (character === '"') return position + 1
  }
  return -1
}

/** The end of the object or array that starts at `at` (after its closing bracket), or -1. */
function endOfContainer(text: string, at: number): number {
  let depth = 0
  for (let position = at; position < text.length; position += 1) {
    const character = text.charAt(position)
    if (character === '"') {
      const end = endOfString(text, position)
      if (end < 0) return -1
      position = end - 1
    } else if (character === '{' || character === '[') depth += 1
    else if (character === '}' || character === ']') {
      depth -= 1
      if (depth === 0) return position + 1
    }
  }
  return -1
}

/**
 * The end of the value written at `at`: a string, an object, an array, or anything else up to the
 * next delimiter (a number, `true`, or a malformed number such as `0123`); -1 when there is none.
 */
function endOfValue(text: string, at: number): number {
  const first = text.charAt(at)
  if (first === '"') return endOfString(text, at)
  if (first === '{' || first === '[') return endOfContainer(text, at)
  let position = at
  while (position < text.length && !/[\s,}\]]/.test(text.charAt(position))) position += 1
  return position > at ? position : -1
}

/** The key written at `at` (a JSON string), or `undefined` when it cannot be read. */
function readKey(text: string, at: number, end: number): string | undefined {
  try {
    const key: unknown = JSON.parse(text.slice(at, end))
    return typeof key === 'string' ? key : undefined
  } catch {
    return undefined
  }
}

/**
 * Where the member `key` of the object at `at` is written: its value's start and end. A key
 * written twice is read as `JSON.parse` reads it, the last one winning.
 */
function findMember(
  text: string,
  at: number,
  key: string,
): { readonly start: number; readonly end: number } | undefined {
  let found: { readonly start: number; readonly end: number } | undefined
  let position = skipWhitespace(text, at + 1)
  if (text.charAt(position) === '}') return undefined
  for (;;) {
    const keyEnd = text.charAt(position) === '"' ? endOfString(text, position) : -1
    if (keyEnd < 0) return found
    const name = readKey(text, position, keyEnd)
    position = skipWhitespace(text, keyEnd)
    if (text.charAt(position) !== ':') return found
    const start = skipWhitespace(text, position + 1)
    const end = endOfValue(text, start)
    if (end < 0) return found
    if (name === key) found = { start, end }
    position = skipWhitespace(text, end)
    if (text.charAt(position) !== ',') return found
    position = skipWhitespace(text, position + 1)
  }
}

/**
 * The text written for the value at `path` (object keys from the top) in the JSON text `text` —
 * a string with its quotes, a number as written — or `undefined` when there is no such value.
 *
 * @param text - JSON text, or text that is JSON but for a malformed number.
 * @param path - The keys, outermost first.
 * @returns The value's text as written.
 * @example
 * ```ts
 * findJsonValue('{"data":{"out_order_id":"1","order_id":18446744073709551615}}', ['data', 'order_id']) // '18446744073709551615'
 * findJsonValue('{"data":{"out_order_id":"1"},"order_id":7}', ['data', 'order_id']) // undefined
 * ```
 */
export function findJsonValue(text: string, path: readonly string[]): string | undefined {
  let start = skipWhitespace(text, 0)
  let end = path.length === 0 ? endOfValue(text, start) : -1
  for (const key of path) {
    if (text.charAt(start) !== '{') return undefined
    const member = findMember(text, start, key)
    if (member === undefined) return undefined
    ;({ start, end } = member)
  }
  return end < 0 ? undefined : text.slice(start, end)
}
