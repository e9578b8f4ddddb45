import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  formatBeijingWallClock,
  formatEpochMillisString,
  formatIsoInstant,
  formatWallClock,
  parseEpochMillisString,
  parseWallClock,
  toUnixSeconds,
} from './format-instant.ts'
import { type Instant, toInstant } from './instant.ts'
import { formatOffset, offsetMinutesAt } from './time-zone.ts'

// 2020-03-25T05:05:25.678Z: 13:05:25 in Beijing, 22:05:25 the day before in Los Angeles.
const instant = toInstant('2020-03-25T05:05:25.678Z')

describe('wire formats, each in an explicit zone', () => {
  it('writes ISO 8601 with the chosen offset', () => {
    expect(formatIsoInstant(instant, '+08:00')).toBe('2020-03-25T13:05:25.678+08:00')
    expect(formatIsoInstant(instant, '+08:00', { fraction: 'never' })).toBe(
      '2020-03-25T13:05:25+08:00',
    )
    expect(formatIsoInstant(toInstant('2022-04-20T10:38:09+08:00'), '+08:00')).toBe(
      '2022-04-20T10:38:09+08:00',
    )
    expect(
      formatIsoInstant(toInstant('2022-04-20T10:38:09+08:00'), '+08:00', { fraction: 'always' }),
    ).toBe('2022-04-20T10:38:09.000+08:00')
    expect(formatIsoInstant(instant, 'Z')).toBe('2020-03-25T05:05:25.678Z')
    expect(formatIsoInstant(instant, '+00:00')).toBe('2020-03-25T05:05:25.678+00:00')
    expect(formatIsoInstant(instant, '-05:30', { fraction: 'never' })).toBe(
      '2020-03-24T23:35:25-05:30',
    )
    expect(formatIsoInstant(instant, 'Asia/Manila', { fraction: 'never' })).toBe(
      '2020-03-25T13:05:25+08:00',
    )
    expect(formatIsoInstant(instant, 'America/Los_Angeles', { fraction: 'never' })).toBe(
      '2020-03-24T22:05:25-07:00',
    )
  })

  it('writes the Beijing wall clock whatever the host zone', () => {
    expect(formatBeijingWallClock(instant)).toBe('2020-03-25 13:05:25')
    expect(formatWallClock(instant, 'Asia/Shanghai')).toBe('2020-03-25 13:05:25')
    expect(formatWallClock(instant, 'Z')).toBe('2020-03-25 05:05:25')
  })

  it('writes Unix seconds and 13-digit millisecond strings', () => {
    expect(toUnixSeconds(instant)).toBe(1585112725)
    expect(toUnixSeconds(toInstant('2009-01-29T06:59:03.999Z'))).toBe(1233212343)
    expect(formatEpochMillisString(instant)).toBe('1585112725678')
    expect(formatEpochMillisString(toInstant(1572395131732))).toBe('1572395131732')
  })

  it('refuses a millisecond string that would not have 13 digits', () => {
    expect(() => formatEpochMillisString(toInstant('2001-09-09T01:46:39.999Z'))).toThrow(
      '999999999999 does not have 13 digits; 13-digit milliseconds cover 2001-09-09 to 2286-11-20',
    )
    expect(() => formatIsoInstant(1.5 as Instant, 'Z')).toThrow(
      '1.5 is not an instant; convert boundary values with toInstant',
    )
  })

  it('reads wall clocks and millisecond strings back', () => {
    expect(parseWallClock('2020-03-25 13:05:25', '+08:00')).toBe(
      toInstant('2020-03-25T13:05:25+08:00'),
    )
    expect(parseWallClock('2020-03-25 13:05:25', 'Asia/Shanghai')).toBe(
      toInstant('2020-03-25T13:05:25+08:00'),
    )
    expect(parseEpochMillisString('1572395131732')).toBe(1572395131732)
    expect(() => parseEpochMillisString('1572395131')).toThrow(
      '"1572395131" is not a 13-digit epoch-millisecond string',
    )
    expect(() => parseWallClock('2020-03-25T13:05:25', '+08:00')).toThrow(
      'is not a wall clock "yyyy-MM-dd HH:mm:ss"',
    )
  })

  it('refuses wall clocks that a daylight-saving change skips or repeats', () => {
    expect(() => parseWallClock('2024-03-10 02:30:00', 'America/Los_Angeles')).toThrow(
      '"2024-03-10 02:30:00" does not exist in America/Los_Angeles (skipped by a daylight-saving change)',
    )
    expect(() => parseWallClock('2024-11-03 01:30:00', 'America/Los_Angeles')).toThrow(
      '"2024-11-03 01:30:00" happens twice in America/Los_Angeles (repeated by a daylight-saving change)',
    )
  })

  it('rejects unknown zones', () => {
    expect(() => formatWallClock(instant, 'Mars/Olympus')).toThrow(
      '"Mars/Olympus" is neither an offset such as +08:00 nor a known IANA time zone',
    )
    expect(() => formatWallClock(instant, '+19:00')).toThrow('"+19:00" is beyond ±18:00')
  })

  it('formats offsets', () => {
    expect(formatOffset(480)).toBe('+08:00')
    expect(formatOffset(-330)).toBe('-05:30')
    expect(formatOffset(0)).toBe('+00:00')
    expect(offsetMinutesAt('America/Los_Angeles', toInstant('2024-07-01T00:00:00Z'))).toBe(-420)
  })
})

describe('time laws (property tests)', () => {
  const anyInstant = fc
    .integer({ min: Date.UTC(1973, 2, 4), max: Date.UTC(2286, 10, 20) })
    .map((ms) => ms as Instant)
  const fixedZone = fc
    .tuple(
      fc.constantFrom('+', '-'),
      fc.integer({ min: 0, max: 14 }),
      fc.constantFrom(0, 15, 30, 45),
    )
    .map(
      ([sign, hours, minutes]) =>
        `${sign}${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`,
    )
  const ianaZone = fc.constantFrom(
    'Asia/Shanghai',
    'Asia/Kolkata',
    'Asia/Manila',
    'America/New_York',
    'Europe/London',
  )

  it('toInstant ∘ formatIsoInstant is the identity, in any fixed or IANA zone', () => {
    fc.assert(
      fc.property(anyInstant, fc.oneof(fixedZone, ianaZone), (value, zone) => {
        expect(toInstant(formatIsoInstant(value, zone))).toBe(value)
      }),
    )
  })

  it('parseWallClock ∘ formatWallClock is the identity to the second in a fixed zone', () => {
    fc.assert(
      fc.property(anyInstant, fixedZone, (value, zone) => {
        expect(parseWallClock(formatWallClock(value, zone), zone)).toBe(
          Math.floor(value / 1000) * 1000,
        )
      }),
    )
  })

  it('the Beijing wall clock is the UTC wall clock eight hours later', () => {
    fc.assert(
      fc.property(anyInstant, (value) => {
        expect(formatBeijingWallClock(value)).toBe(
          formatWallClock((value + 8 * 3_600_000) as Instant, 'Z'),
        )
      }),
    )
  })

  it('13-digit strings and Unix seconds round-trip', () => {
    fc.assert(
      fc.property(anyInstant, (value) => {
        fc.pre(value >= 1e12)
        expect(parseEpochMillisString(formatEpochMillisString(value))).toBe(value)
        expect(toUnixSeconds(value)).toBe(Math.floor(value / 1000))
      }),
    )
  })
})
