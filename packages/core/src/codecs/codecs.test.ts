import fc from 'fast-check'
import { isLeft, isRight } from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { type CurrencyCode, currencyExponents } from '../money/currency.ts'
import { formatMoney } from '../money/format-money.ts'
import { toInstant } from '../time/instant.ts'
import {
  instantAsEpochMillisString,
  instantAsIsoString,
  instantAsUnixSeconds,
  instantAsWallClock,
} from './instant-codecs.ts'
import { moneyAsMajorUnitNumber, moneyAsMinorUnitInteger } from './money-codecs.ts'

describe('money codecs', () => {
  it('encodes a major-unit number equal, to the bit, to parsing the formatted decimal, in every currency', () => {
    const currencies = Object.keys(currencyExponents) as CurrencyCode[]
    fc.assert(
      fc.property(
        fc.oneof(fc.integer({ min: -10_000_000, max: 10_000_000 }), fc.maxSafeInteger()),
        fc.constantFrom(...currencies),
        (amount, currency) => {
          const value = { amount, currency }
          expect(
            Object.is(moneyAsMajorUnitNumber(currency).encode(value), Number(formatMoney(value))),
          ).toBe(true)
        },
      ),
      { numRuns: 5000 },
    )
  })

  const yuan = moneyAsMajorUnitNumber('CNY')

  it('writes yuan numbers whose JSON has exactly the fen digits', () => {
    expect(
      JSON.stringify(
        [980, 1990, 167, 3, 7, 11000, 0, 123456789].map((fen) =>
          yuan.encode({ amount: fen, currency: 'CNY' }),
        ),
      ),
    ).toBe('[9.8,19.9,1.67,0.03,0.07,110,0,1234567.89]')
  })

  it('reads yuan numbers exactly and refuses sub-fen precision', () => {
    expect(yuan.decode(19.9)).toEqual({ _tag: 'Right', right: { amount: 1990, currency: 'CNY' } })
    expect(yuan.decode(9.8)).toEqual({ _tag: 'Right', right: { amount: 980, currency: 'CNY' } })
    expect(isLeft(yuan.decode(0.1 + 0.2))).toBe(true)
    expect(isLeft(yuan.decode(1e21))).toBe(true)
    expect(isLeft(yuan.decode('19.90'))).toBe(true)
  })

  it('round-trips every fen amount up to 10^15 through a JSON number', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 0, max: 2 ** 31 })
          .chain((high) => fc.integer({ min: 0, max: 2 ** 19 }).map((low) => high * 2 ** 19 + low)),
        (fen) => {
          const wire = JSON.parse(JSON.stringify(yuan.encode({ amount: fen, currency: 'CNY' })))
          expect(yuan.decode(wire)).toEqual({
            _tag: 'Right',
            right: { amount: fen, currency: 'CNY' },
          })
        },
      ),
    )
  })

  it('bounds minor-unit integers where the platform does (Alipay+ 0 … 2147483647)', () => {
    const value = moneyAsMinorUnitInteger('USD', { min: 0, max: 2147483647 })
    expect(value.encode({ amount: 1236, currency: 'USD' })).toBe(1236)
    expect(isRight(value.decode(2147483647))).toBe(true)
    expect(isLeft(value.decode(2147483648))).toBe(true)
    expect(isLeft(value.decode(12.5))).toBe(true)
    expect(value.is({ amount: 2147483648, currency: 'USD' })).toBe(false)
  })
})

describe('instant codecs', () => {
  const instant = toInstant('2020-03-25T05:05:25.678Z')

  it('write each platform format in its explicit zone', () => {
    expect(instantAsUnixSeconds.encode(instant)).toBe(1585112725)
    expect(instantAsEpochMillisString.encode(instant)).toBe('1585112725678')
    expect(instantAsIsoString('+08:00', { fraction: 'never' }).encode(instant)).toBe(
      '2020-03-25T13:05:25+08:00',
    )
    expect(instantAsIsoString('Z').encode(instant)).toBe('2020-03-25T05:05:25.678Z')
    expect(instantAsWallClock('+08:00').encode(instant)).toBe('2020-03-25 13:05:25')
  })

  it('read them back, refusing the wrong kind', () => {
    expect(instantAsUnixSeconds.decode(1585112725)).toEqual({ _tag: 'Right', right: 1585112725000 })
    expect(instantAsEpochMillisString.decode('1585112725678')).toEqual({
      _tag: 'Right',
      right: 1585112725678,
    })
    expect(instantAsIsoString('+08:00').decode('2020-03-25T13:05:25+08:00')).toEqual({
      _tag: 'Right',
      right: 1585112725000,
    })
    expect(instantAsWallClock('+08:00').decode('2020-03-25 13:05:25')).toEqual({
      _tag: 'Right',
      right: 1585112725000,
    })
    expect(isLeft(instantAsEpochMillisString.decode(1585112725678))).toBe(true)
    expect(isLeft(instantAsIsoString('+08:00').decode('2020-03-25 13:05:25'))).toBe(true)
    expect(isLeft(instantAsUnixSeconds.decode(1.5))).toBe(true)
  })
})
