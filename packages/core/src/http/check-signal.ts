import { InvalidArgumentError } from '../errors/invalid-argument-error.ts'

/**
 * Refuses a signal that is not an `AbortSignal` (or `undefined`).
 *
 * @internal
 */
export function checkSignal(signal: unknown, platform: string, argument: string): void {
  if (signal === undefined) return
  if (typeof AbortSignal !== 'undefined' && signal instanceof AbortSignal) return
  throw new InvalidArgumentError({
    platform,
    argument,
    reason: `must be an AbortSignal (from an AbortController or AbortSignal.timeout), got ${describeArgument(signal)}`,
  })
}

/**
 * What a wrong argument is, in a word, without its contents (which may be personal).
 *
 * @internal
 */
export function describeArgument(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  if (typeof value === 'object') return 'an object'
  if (typeof value === 'string') return 'a string'
  return typeof value
}
