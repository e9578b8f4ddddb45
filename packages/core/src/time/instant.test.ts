import { describe, expect, it } from 'vitest'
import { InvalidArgumentError } from '../errors/invalid-argument-error.ts'
import { fromUnixSeconds, isInstant, toInstant } from './instant.ts'

describe('toInstant', () => {
  it.each([
    ['2022-04-20T10:38:09+08:00', Date.UTC(2022, 3, 20, 2, 38, 9)],
    ['2022-04-20T02:38:09Z', Date.UTC(2022, 3, 20, 2, 38, 9)],
    ['2022-04-20t02:38:09z', Date.UTC(2022, 3, 20, 2, 38, 9)],
    ['2020-01-01T15:16:54.723Z', Date.UTC(2020, 0, 1, 15, 16, 54, 723)],
    ['2020-01-01T15:16:54.7239999Z', Date.UTC(2020, 0, 1, 15, 16, 54, 723)],
    ['2019-04-04T12:08:56.253+05:30', Date.UTC(2019, 3, 4, 6, 38, 56, 253)],
    ['2019-11-27T12:01:01+08:30', Date.UTC(2019, 10, 27, 3, 31, 1)],
    ['2024-01-10T12:00:00+0100', Date.UTC(2024, 0, 10, 11, 0, 0)],
    ['2024-02-29 23:59:59-05:00', Date.UTC(2024, 2, 1, 4, 59, 59)],
    ['2024-01-10T12:00+08:00', Date.UTC(2024, 0, 10, 4, 0, 0)],
  ])('reads %j as the same instant on every host', (text, expected) => {
    expect(toInstant(text)).toBe(expected)
  })

  it('accepts Dates and epoch milliseconds', () => {
    expect(toInstant(new Date(Date.UTC(2022, 3, 20)))).toBe(Date.UTC(2022, 3, 20))
    expect(toInstant(1572395131732)).toBe(1572395131732)
  })

  it.each([
    [
      '2020-03-25 13:05:25',
      '"2020-03-25 13:05:25" has no UTC offset, so the instant is ambiguous; add Z or an offset such as +08:00',
    ],
    [
      '2022-04-20T10:38:09',
      '"2022-04-20T10:38:09" has no UTC offset, so the instant is ambiguous; add Z or an offset such as +08:00',
    ],
    ['2022-04-20', '"2022-04-20" is a date without a time of day'],
    [
      '20220420T103809Z',
      '"20220420T103809Z" is not an ISO 8601 date-time such as "2022-04-20T10:38:09+08:00"',
    ],
    ['2023-02-29T00:00:00Z', '"2023-02-29T00:00:00Z" has an out-of-range day'],
    ['2023-13-01T00:00:00Z', '"2023-13-01T00:00:00Z" has an out-of-range month'],
    ['2023-01-01T24:00:00Z', '"2023-01-01T24:00:00Z" has an out-of-range hour'],
    ['2023-01-01T00:00:60Z', '"2023-01-01T00:00:60Z" has an out-of-range second'],
    ['2023-01-01T00:00:00+19:00', '"2023-01-01T00:00:00+19:00" has an offset beyond ±18:00'],
  ])('rejects %j', (text, reason) => {
    expect(() => toInstant(text, 'createdAt')).toThrow(
      `[ordersync] [core] invalid createdAt: ${reason}`,
    )
  })

  it('rejects Unix seconds passed as milliseconds, pointing to fromUnixSeconds', () => {
    expect(() => toInstant(1572395131)).toThrow(
      '1572395131 is before 1973 as epoch milliseconds; it looks like Unix seconds — use fromUnixSeconds(1572395131)',
    )
    expect(fromUnixSeconds(1572395131)).toBe(1572395131000)
  })

  it('rejects invalid Dates, fractional and non-time values', () => {
    expect(() => toInstant(new Date('nope'))).toThrow('the Date is invalid')
    expect(() => toInstant(1572395131732.5)).toThrow(
      'is not an integer number of epoch milliseconds',
    )
    expect(() => toInstant(null as unknown as string)).toThrow(InvalidArgumentError)
    expect(() => fromUnixSeconds(1.5)).toThrow('1.5 is not an integer')
  })

  it('recognises instants', () => {
    expect(isInstant(toInstant('2022-04-20T10:38:09+08:00'))).toBe(true)
    expect(isInstant('2022')).toBe(false)
    expect(isInstant(0.5)).toBe(false)
  })
})
