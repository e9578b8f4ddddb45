import { InvalidArgumentError } from '../errors/invalid-argument-error.ts'
import type { Instant } from './instant.ts'
import { isInstant, wallClockToEpoch } from './instant.ts'
import type { TimeZone } from './time-zone.ts'
import { beijingTime, formatOffset, offsetMinutesAt, pad } from './time-zone.ts'

/**
 * Options of {@link formatIsoInstant}.
 *
 * @example
 * ```ts
 * formatIsoInstant(toInstant('2022-04-20T02:38:09.500Z'), '+08:00', { fraction: 'never' }) // '2022-04-20T10:38:09+08:00'
 * ```
 */
export interface IsoFormatOptions {
  /**
   * Whether to write milliseconds: `'auto'` only when they are not zero, `'always'` as `.SSS`,
   * `'never'` truncated to the second (for platforms whose examples carry whole seconds).
   *
   * @default 'auto'
   */
  readonly fraction?: 'auto' | 'always' | 'never'
}

function checkedInstant(instant: Instant): number {
  if (!isInstant(instant)) {
    throw new InvalidArgumentError({
      argument: 'instant',
      reason: `${String(instant)} is not an instant; convert boundary values with toInstant`,
    })
  }
  return instant
}

// One Date, set anew for each instant formatted, rather than a new one per call: formatting runs
// for every time field of every order, and nothing here can be reentered.
const local = new Date(0)

function wallClockParts(instant: Instant, offsetMinutes: number) {
  local.setTime(checkedInstant(instant) + offsetMinutes * 60_000)
  const year = local.getUTCFullYear()
  if (year < 0 || year > 9999) {
    throw new InvalidArgumentError({
      argument: 'instant',
      reason: `year ${year} cannot be written with four digits`,
    })
  }
  return {
    date: `${pad(year, 4)}-${pad(local.getUTCMonth() + 1, 2)}-${pad(local.getUTCDate(), 2)}`,
    time: `${pad(local.getUTCHours(), 2)}:${pad(local.getUTCMinutes(), 2)}:${pad(local.getUTCSeconds(), 2)}`,
    millisecond: local.getUTCMilliseconds(),
  }
}

/**
 * Formats an instant as ISO 8601 with the offset of an explicit zone:
 * `2022-04-20T10:38:09+08:00`. Zone `'Z'` (or `'UTC'`) writes a `Z` suffix instead of `+00:00`.
 *
 * @param instant - The instant.
 * @param zone - The zone whose offset and wall clock to write.
 * @param options - Whether to write milliseconds.
 * @returns The ISO 8601 text.
 * @throws {@link InvalidArgumentError} for an unknown zone or a year outside 0000–9999.
 * @example
 * ```ts
 * const instant = toInstant('2022-04-20T02:38:09Z')
 * formatIsoInstant(instant, '+08:00') // '2022-04-20T10:38:09+08:00'
 * formatIsoInstant(instant, 'Z', { fraction: 'always' }) // '2022-04-20T02:38:09.000Z'
 * ```
 */
export function formatIsoInstant(
  instant: Instant,
  zone: TimeZone,
  options: IsoFormatOptions = {},
): string {
  const offset = offsetMinutesAt(zone, instant)
  const { date, time, millisecond } = wallClockParts(instant, offset)
  const fraction = options.fraction ?? 'auto'
  const milliseconds =
    fraction === 'always' || (fraction === 'auto' && millisecond !== 0)
      ? `.${pad(millisecond, 3)}`
      : ''
  const suffix = zone === 'Z' || zone === 'UTC' ? 'Z' : formatOffset(offset)
  return `${date}T${time}${milliseconds}${suffix}`
}

/**
 * Formats an instant as the wall clock `yyyy-MM-dd HH:mm:ss` of an explicit zone. The text carries
 * no zone, so the zone must be the one the platform reads it in. Milliseconds are truncated.
 *
 * @param instant - The instant.
 * @param zone - The zone whose wall clock to write.
 * @returns For example `2020-03-25 13:05:25`.
 * @throws {@link InvalidArgumentError} for an unknown zone or a year outside 0000–9999.
 * @example
 * ```ts
 * formatWallClock(toInstant('2020-03-25T05:05:25Z'), 'Asia/Shanghai') // '2020-03-25 13:05:25'
 * ```
 */
export function formatWallClock(instant: Instant, zone: TimeZone): string {
  const { date, time } = wallClockParts(instant, offsetMinutesAt(zone, instant))
  return `${date} ${time}`
}

/**
 * Formats an instant as the Beijing wall clock `yyyy-MM-dd HH:mm:ss` (UTC+8), whatever the host's
 * `TZ`: the time format of WeChat's `create_time` and `pay_time` (no zone stated; Beijing time,
 * as WeChat documents its Unix times).
 *
 * @param instant - The instant.
 * @returns For example `2020-03-25 13:05:25`.
 * @example
 * ```ts
 * formatBeijingWallClock(toInstant('2020-03-25T05:05:25Z')) // '2020-03-25 13:05:25'
 * ```
 */
export function formatBeijingWallClock(instant: Instant): string {
  return formatWallClock(instant, beijingTime)
}

/**
 * Reads a wall clock `yyyy-MM-dd HH:mm:ss` (optionally `.SSS`) in an explicit zone.
 *
 * @param text - The wall clock.
 * @param zone - The zone it was written in.
 * @returns The instant.
 * @throws {@link InvalidArgumentError} for malformed text, or a wall clock that the zone skips or
 *   repeats at a daylight-saving change (it names no single instant).
 * @example
 * ```ts
 * parseWallClock('2020-03-25 13:05:25', '+08:00') === toInstant('2020-03-25T13:05:25+08:00') // true
 * ```
 */
export function parseWallClock(text: string, zone: TimeZone): Instant {
  const match = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})(?:\.(\d{3}))?$/.exec(text)
  if (match === null) {
    throw new InvalidArgumentError({
      argument: 'text',
      reason: `${JSON.stringify(text)} is not a wall clock "yyyy-MM-dd HH:mm:ss"`,
    })
  }
  const [, year, month, day, hour, minute, second, millisecond = '0'] = match
  const local = wallClockToEpoch(
    {
      year: Number(year),
      month: Number(month),
      day: Number(day),
      hour: Number(hour),
      minute: Number(minute),
      second: Number(second),
      millisecond: Number(millisecond),
    },
    text,
    'text',
  )
  const day24 = 86_400_000
  const candidates = new Set<number>()
  for (const probe of [local - day24, local, local + day24]) {
    const offset = offsetMinutesAt(zone, probe as Instant)
    const candidate = local - offset * 60_000
    if (offsetMinutesAt(zone, candidate as Instant) === offset) candidates.add(candidate)
  }
  if (candidates.size !== 1) {
    const quoted = JSON.stringify(text)
    const reason =
      candidates.size === 0
        ? `${quoted} does not exist in ${zone} (skipped by a daylight-saving change)`
        : `${quoted} happens twice in ${zone} (repeated by a daylight-saving change)`
    throw new InvalidArgumentError({ argument: 'text', reason })
  }
  return [...candidates][0] as Instant
}

/**
 * Unix time in whole seconds (milliseconds truncated toward the past), as Baidu's `Ctime`/`Mtime`
 * and Youshu's signature `timestamp` want it.
 *
 * @param instant - The instant.
 * @returns Integer seconds since 1970-01-01T00:00:00Z.
 * @example
 * ```ts
 * toUnixSeconds(toInstant('2009-01-29T06:59:03.999Z')) // 1233212343
 * ```
 */
export function toUnixSeconds(instant: Instant): number {
  return Math.floor(checkedInstant(instant) / 1000)
}

/**
 * Epoch milliseconds as a 13-digit string, as Youshu's `create_time` and `status_change_time` want
 * it ("字段长度为 13 字节").
 *
 * @param instant - An instant between 2001-09-09T01:46:40Z and 2286-11-20T17:46:39.999Z.
 * @returns For example `'1572395131732'`.
 * @throws {@link InvalidArgumentError} for an instant whose milliseconds do not have 13 digits.
 * @example
 * ```ts
 * formatEpochMillisString(toInstant('2019-10-30T00:25:31.732Z')) // '1572395131732'
 * ```
 */
export function formatEpochMillisString(instant: Instant): string {
  const text = String(checkedInstant(instant))
  if (!/^\d{13}$/.test(text)) {
    throw new InvalidArgumentError({
      argument: 'instant',
      reason: `${text} does not have 13 digits; 13-digit milliseconds cover 2001-09-09 to 2286-11-20`,
    })
  }
  return text
}

/**
 * Reads a 13-digit epoch-millisecond string.
 *
 * @param text - For example `'1572395131732'`.
 * @returns The instant.
 * @throws {@link InvalidArgumentError} for anything but 13 digits.
 * @example
 * ```ts
 * parseEpochMillisString('1572395131732') // 1572395131732
 * ```
 */
export function parseEpochMillisString(text: string): Instant {
  if (typeof text !== 'string' || !/^\d{13}$/.test(text)) {
    throw new InvalidArgumentError({
      argument: 'text',
      reason: `${JSON.stringify(text)} is not a 13-digit epoch-millisecond string`,
    })
  }
  return Number(text) as Instant
}
