import { InvalidArgumentError } from '../errors/invalid-argument-error.ts'
import type { Instant } from './instant.ts'

/**
 * A time zone, always named explicitly: a fixed UTC offset (`'+08:00'`, `'-05:30'`, `'Z'`) or an
 * IANA zone name (`'Asia/Shanghai'`, `'Asia/Manila'`), whose offset may change over the years.
 *
 * @example
 * ```ts
 * const zones: TimeZone[] = ['+08:00', 'Z', 'Asia/Manila']
 * ```
 */
export type TimeZone = string

/**
 * Beijing time, the zone of WeChat's `yyyy-MM-dd HH:mm:ss` wall clock (WeChat states no zone and
 * documents its Unix times against Beijing time). China
 * has kept UTC+8 without daylight saving since 1991, so a fixed offset is exact for any order.
 *
 * @example
 * ```ts
 * formatWallClock(toInstant('2020-03-25T05:05:25Z'), beijingTime) // '2020-03-25 13:05:25'
 * ```
 */
export const beijingTime: TimeZone = '+08:00'

const offsetPattern = /^([+-])(\d{2}):?(\d{2})$/
const zoneFormats = new Map<string, Intl.DateTimeFormat>()
// The minutes of each fixed offset already read ('+08:00' → 480): a platform formats every time of
// every order in the same zone. Bounded, as the zones a program uses are few.
const fixedOffsets = new Map<string, number>()

/**
 * The offset from UTC, in minutes, of a zone at an instant: `480` for `'+08:00'` and for
 * `'Asia/Shanghai'` today.
 *
 * IANA zones are resolved with the runtime's `Intl` time-zone data, never the host's `TZ`.
 *
 * @param zone - A fixed offset or an IANA zone name.
 * @param instant - The instant at which to take the offset (it matters for zones with DST).
 * @returns Minutes east of UTC.
 * @throws {@link InvalidArgumentError} for an unknown zone or an offset beyond ±18:00.
 * @example
 * ```ts
 * offsetMinutesAt('+08:00', toInstant('2024-01-01T00:00:00Z')) // 480
 * offsetMinutesAt('America/Los_Angeles', toInstant('2024-07-01T00:00:00Z')) // -420
 * ```
 */
export function offsetMinutesAt(zone: TimeZone, instant: Instant): number {
  if (zone === 'Z' || zone === 'UTC') return 0
  const known = fixedOffsets.get(zone)
  if (known !== undefined) return known
  const fixed = offsetPattern.exec(zone)
  if (fixed !== null) {
    const [, sign, hours = '', minutes = ''] = fixed
    const total = Number(hours) * 60 + Number(minutes)
    if (Number(minutes) > 59 || total > 18 * 60) {
      throw new InvalidArgumentError({
        argument: 'zone',
        reason: `${JSON.stringify(zone)} is beyond ±18:00`,
      })
    }
    const offset = sign === '-' ? -total : total
    if (fixedOffsets.size < 64) fixedOffsets.set(zone, offset)
    return offset
  }
  const parts = zoneFormat(zone).formatToParts(new Date(instant))
  const field = (type: Intl.DateTimeFormatPartTypes): number =>
    Number(parts.find((part) => part.type === type)?.value)
  const date = new Date(0)
  date.setUTCFullYear(field('year'), field('month') - 1, field('day'))
  date.setUTCHours(field('hour'), field('minute'), field('second'), 0)
  const wholeSecond = Math.floor(instant / 1000) * 1000
  return Math.round((date.getTime() - wholeSecond) / 60_000)
}

function zoneFormat(zone: string): Intl.DateTimeFormat {
  let format = zoneFormats.get(zone)
  if (format === undefined) {
    try {
      format = new Intl.DateTimeFormat('en-US', {
        timeZone: zone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      })
    } catch (cause) {
      throw new InvalidArgumentError({
        argument: 'zone',
        reason: `${JSON.stringify(zone)} is neither an offset such as +08:00 nor a known IANA time zone`,
        cause,
      })
    }
    zoneFormats.set(zone, format)
  }
  return format
}

/**
 * Formats an offset in minutes as `±HH:MM` (`Z` is never used, so the text always shows the zone).
 *
 * @param minutes - Minutes east of UTC.
 * @returns For example `+08:00`, `-05:30`, `+00:00`.
 * @example
 * ```ts
 * formatOffset(480) // '+08:00'
 * formatOffset(-330) // '-05:30'
 * ```
 */
export function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+'
  const absolute = Math.abs(minutes)
  return `${sign}${pad(Math.floor(absolute / 60), 2)}:${pad(absolute % 60, 2)}`
}

/** @internal */
export function pad(value: number, width: number): string {
  return String(value).padStart(width, '0')
}
