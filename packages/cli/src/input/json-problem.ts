import { firstLine } from '../cli-error.ts'

/** Where a text stops being JSON (an offset from 0), and why in a few words, when known. */
export interface JsonProblem {
  /** The first character that cannot continue the JSON; the text's length when it ends too early. */
  readonly offset: number | undefined
  readonly why: string | undefined
}

// V8's messages (Node 22 to 24), each with a short reason that shows nothing of the text.
const reasons: readonly (readonly [RegExp, string])[] = [
  [/^Bad control character/, 'a string holds a control character (a tab or a line break)'],
  [/^Bad escaped character/, 'a string holds a bad escape (\\)'],
  [/^Bad Unicode escape/, 'a string holds a bad \\u escape'],
  [
    /^Expected property name or '}'|^Expected double-quoted property name/,
    'expected a property name in double quotes',
  ],
  [/^Expected ':' after property name/, "expected ':' after a property name"],
  [/^Expected ',' or '}' after property value/, "expected ',' or '}' after a value"],
  [/^Expected ',' or ']' after array element/, "expected ',' or ']' after an array element"],
  [/^Unexpected non-whitespace character after JSON/, 'more text after the end of the JSON'],
  [/^No number after minus sign|^Unterminated fractional number|^Exponent part/, 'a bad number'],
  [/^Unexpected number/, 'an unexpected number'],
  [/^Unexpected string/, 'an unexpected string'],
  [/^Unexpected token/, 'an unexpected character'],
]

/**
 * Where and why `text` is not JSON, from the error `JSON.parse(text)` threw: V8's message mapped
 * to a short reason, never with the text's content (it may hold a phone number).
 */
export function jsonProblem(error: unknown, text: string): JsonProblem {
  const message = firstLine(error)
  const end = text.trimEnd().length
  const position = /at position (\d+)/.exec(message)?.[1]
  // V8 gives no position for some messages (`Unexpected token 'x', "…" is not valid JSON`): the
  // reason is then given without a column.
  const offset = /^Unexpected end of JSON input/.test(message)
    ? end
    : position === undefined
      ? undefined
      : Number(position)
  if (offset !== undefined && offset >= end) return { offset: end, why: 'it ends too early' }
  const why = reasons.find(([pattern]) => pattern.test(message))?.[1]
  return { offset, why }
}

/** `not valid JSON at column 296: it ends too early`: the column counts from 1. */
export function describeJsonProblem(problem: JsonProblem, place: string | undefined): string {
  const at = place === undefined ? '' : ` at ${place}`
  return `not valid JSON${at}${problem.why === undefined ? '' : `: ${problem.why}`}`
}

/** The line and column (from 1) of an offset in a text. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1
  let start = 0
  for (let index = text.indexOf('\n'); index >= 0 && index < offset; ) {
    line += 1
    start = index + 1
    index = text.indexOf('\n', start)
  }
  return { line, column: offset - start + 1 }
}
