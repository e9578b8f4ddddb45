import { InvalidArgumentError } from '../errors/invalid-argument-error.ts'

declare const instantBrand: unique symbol

/**
 * A point in time as integer epoch milliseconds (UTC), branded so that seconds, local wall-clock
 * numbers and other plain numbers cannot be passed where an instant is expected.
 *
 * An instant has no zone; a zone is chosen explicitly when it is formatted for a platform, so the
 * host's `TZ` never changes a byte on the wire. Create one with {@link toInstant}.
 *
 * @example
 * ```ts
 * const created: Instant = toInstant('2022-04-20T10:38:09+08:00')
 * ```
 */
export type Instant = number & { readonly [instantBrand]: 'Instant' }

/**
 * What ordersync accepts as a time at its boundary: an ISO 8601 string **with** an offset (`Z` or
 * `±HH:MM`), a valid `Date`, or integer epoch milliseconds.
 *
 * @example
 * ```ts
 * const inputs: InstantInput[] = ['2022-04-20T10:38:09+08:00', new Date(), 1650422289000]
 * ```
 */
export type InstantInput = string | Date | number

/**
 * The smallest epoch-millisecond number {@link toInstant} accepts: 1973-03-03T09:46:40Z. Smaller
 * numbers are almost always Unix **seconds** passed by mistake (1572395131 seconds is 2019; as
 * milliseconds it would be 1970-01-19), so they are rejected rather than silently misread.
 *
 * @example
 * ```ts
 * toInstant(minimumEpochMilliseconds - 1) // throws: looks like Unix seconds
 * ```
 */
export const minimumEpochMilliseconds = 100_000_000_000

const isoPattern =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(?:([Zz])|([+-])(\d{2}):?(\d{2}))?$/

/**
 * Converts a boundary time into an {@link Instant}.
 *
 * - A string must be ISO 8601 / RFC 3339 with an offset: `2022-04-20T10:38:09+08:00`,
 *   `2020-01-01T15:16:54.723Z`. A string without an offset (`2020-03-25 13:05:25`) names a wall
 *   clock, not an instant, and is rejected as ambiguous. Digits beyond milliseconds are truncated
 *   (no platform carries them).
 * - A `Date` must be valid.
 * - A number must be integer epoch milliseconds, at least {@link minimumEpochMilliseconds}; Unix
 *   seconds are rejected with a hint (use {@link fromUnixSeconds}).
 *
 * @param input - The time to convert.
 * @param argument - The name to use in an error message.
 * @returns The instant.
 * @throws {@link InvalidArgumentError} saying what is wrong with the input.
 * @example
 * ```ts
 * toInstant('2022-04-20T10:38:09+08:00') // 1650422289000
 * toInstant('2020-03-25 13:05:25') // throws: no UTC offset, the instant is ambiguous
 * ```
 */
export function toInstant(input: InstantInput, argument = 'time'): Instant {
  if (typeof input === 'string') return parseIsoInstant(input, argument)
  if (input instanceof Date) {
    const time = input.getTime()
    if (Number.isNaN(time))
      throw new InvalidArgumentError({ argument, reason: 'the Date is invalid' })
    return time as Instant
  }
  if (typeof input === 'number') {
    if (!Number.isSafeInteger(input)) {
      throw new InvalidArgumentError({
        argument,
        reason: `${String(input)} is not an integer number of epoch milliseconds`,
      })
    }
    if (input < minimumEpochMilliseconds) {
      throw new InvalidArgumentError({
        argument,
        reason: `${input} is before 1973 as epoch milliseconds; it looks like Unix seconds — use fromUnixSeconds(${input})`,
      })
    }
    assertDateRange(input, argument)
    return input as Instant
  }
  throw new InvalidArgumentError({
    argument,
    reason: `expected an ISO 8601 string with an offset, a Date or epoch milliseconds, got ${input === null ? 'null' : typeof input}`,
  })
}

/**
 * Whether `value` is an integer number of epoch milliseconds within the range of `Date`.
 *
 * @param value - Anything.
 * @returns `true` when `value` can be used as an {@link Instant}.
 * @example
 * ```ts
 * isInstant(1650422289000) // true
 * isInstant(1.5) // false
 * ```
 */
export function isInstant(value: unknown): value is Instant {
  return typeof value === 'number' && Number.isSafeInteger(value) && Math.abs(value) <= maxDateMs
}

/**
 * Converts Unix seconds into an {@link Instant}.
 *
 * @param seconds - Integer seconds since 1970-01-01T00:00:00Z.
 * @returns The instant.
 * @throws {@link InvalidArgumentError} for a non-integer or out-of-range value.
 * @example
 * ```ts
 * fromUnixSeconds(1233212343) // 1233212343000
 * ```
 */
export function fromUnixSeconds(seconds: number): Instant {
  if (!Number.isSafeInteger(seconds)) {
    throw new InvalidArgumentError({
      argument: 'seconds',
      reason: `${String(seconds)} is not an integer`,
    })
  }
  const milliseconds = seconds * 1000
  assertDateRange(milliseconds, 'seconds')
  return milliseconds as Instant
}

const maxDateMs = 8_640_000_000_000_000

function assertDateRange(milliseconds: number, argument: string): void {
  if (Math.abs(milliseconds) > maxDateMs) {
    throw new InvalidArgumentError({ argument, reason: 'the time is outside the range of Date' })
  }
}

function parseIsoInstant(text: string, argument: string): Instant {
  const match = isoPattern.exec(text)
  if (match === null) {
    const quoted = JSON.stringify(text)
    const reason = /^\d{4}-\d{2}-\d{2}$/.test(text)
      ? `${quoted} is a date without a time of day`
      : `${quoted} is not an ISO 8601 date-time such as "2022-04-20T10:38:09+08:00"`
    throw new InvalidArgumentError({ argument, reason })
  }
  const [
    ,
    year,
    month,
    day,
    hour,
    minute,
    second = '00',
    fraction = '',
    zulu,
    sign,
    offsetHours,
    offsetMinutes,
  ] = match
  if (zulu === undefined && sign === undefined) {
    throw new InvalidArgumentError({
      argument,
      reason: `${JSON.stringify(text)} has no UTC offset, so the instant is ambiguous; add Z or an offset such as +08:00`,
    })
  }
  const fields = {
    year: Number(year),
    month: Number(month),
    day: Number(day),
    hour: Number(hour),
    minute: Number(minute),
    second: Number(second),
    millisecond: fraction === '' ? 0 : Number(fraction.slice(0, 3).padEnd(3, '0')),
  }
  const wallClock = wallClockToEpoch(fields, text, argument)
  let offset = 0
  if (sign !== undefined) {
    const hours = Number(offsetHours)
    const minutes = Number(offsetMinutes)
    if (hours > 18 || minutes > 59 || (hours === 18 && minutes > 0)) {
      throw new InvalidArgumentError({
        argument,
        reason: `${JSON.stringify(text)} has an offset beyond ±18:00`,
      })
    }
    offset = (sign === '-' ? -1 : 1) * (hours * 60 + minutes)
  }
  const epoch = wallClock - offset * 60_000
  assertDateRange(epoch, argument)
  return epoch as Instant
}

/** Calendar fields of a wall clock. */
export interface WallClockFields {
  readonly year: number
  readonly month: number
  readonly day: number
  readonly hour: number
  readonly minute: number
  readonly second: number
  readonly millisecond: number
}

/**
 * Epoch milliseconds of a wall clock read as if it were UTC, after checking each field's range.
 * `text` is what the fields were read from, quoted in the error.
 *
 * @internal
 */
export function wallClockToEpoch(fields: WallClockFields, text: string, argument: string): number {
  const { year, month, day, hour, minute, second, millisecond } = fields
  const problem =
    month < 1 || month > 12
      ? 'month'
      : day < 1 || day > daysInMonth(year, month)
        ? 'day'
        : hour > 23
          ? 'hour'
          : minute > 59
            ? 'minute'
            : second > 59
              ? 'second'
              : undefined
  if (problem !== undefined) {
    throw new InvalidArgumentError({
      argument,
      reason: `${JSON.stringify(text)} has an out-of-range ${problem}`,
    })
  }
  // Date.UTC allocates nothing, but reads years 0–99 as 1900–1999: those take a Date, whose
  // setUTCFullYear does not.
  if (year >= 100) return Date.UTC(year, month - 1, day, hour, minute, second, millisecond)
  const date = new Date(0)
  date.setUTCFullYear(year, month - 1, day)
  date.setUTCHours(hour, minute, second, millisecond)
  return date.getTime()
}

const monthDays = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28
  return monthDays[month - 1] ?? 0
}
