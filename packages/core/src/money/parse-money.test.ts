import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { InvalidArgumentError } from '../errors/invalid-argument-error.ts'
import { parseMoney } from './parse-money.ts'

function rejection(text: string, currency = 'CNY'): InvalidArgumentError {
  try {
    parseMoney(text, currency)
  } catch (error) {
    if (InvalidArgumentError.isInstance(error)) return error
    throw error
  }
  throw new Error(`parseMoney(${JSON.stringify(text)}, ${currency}) did not throw`)
}

describe('parseMoney', () => {
  it.each([
    ['9.8', 980],
    ['19.90', 1990],
    ['19.9', 1990],
    ['1.67', 167],
    ['0.03', 3],
    ['0.07', 7],
    ['0.29', 29],
    ['1.15', 115],
    ['4.35', 435],
    ['100', 10000],
    ['0', 0],
    ['-0.05', -5],
    ['-0', 0],
    ['19.900', 1990],
    ['007.50', 750],
    ['90071992547409.91', 9007199254740991],
  ])('reads %j CNY as exactly %d fen', (text, fen) => {
    const money = parseMoney(text, 'CNY')
    expect(money).toEqual({ amount: fen, currency: 'CNY' })
    expect(Object.is(money.amount, -0)).toBe(false)
  })

  it('uses the currency exponent: JPY and KRW have none, KWD has three', () => {
    expect(parseMoney('100', 'JPY')).toEqual({ amount: 100, currency: 'JPY' })
    expect(parseMoney('1.0', 'JPY')).toEqual({ amount: 1, currency: 'JPY' })
    expect(parseMoney('52000', 'KRW')).toEqual({ amount: 52000, currency: 'KRW' })
    expect(parseMoney('1.234', 'KWD')).toEqual({ amount: 1234, currency: 'KWD' })
    expect(parseMoney('400', 'TWD')).toEqual({ amount: 40000, currency: 'TWD' })
  })

  it.each([
    [
      '1.005',
      'CNY',
      '"1.005" has 3 decimal places but CNY has 2; round it yourself if that is intended',
    ],
    [
      '19.901',
      'CNY',
      '"19.901" has 3 decimal places but CNY has 2; round it yourself if that is intended',
    ],
    [
      '1.5',
      'JPY',
      '"1.5" has 1 decimal places but JPY has 0; round it yourself if that is intended',
    ],
    ['1e3', 'CNY', '"1e3" uses exponent notation; write the digits out'],
    ['1.5E+2', 'CNY', '"1.5E+2" uses exponent notation; write the digits out'],
    ['', 'CNY', 'the amount is blank'],
    ['   ', 'CNY', 'the amount is blank'],
    [' 19.90', 'CNY', '" 19.90" has leading or trailing blanks'],
    ['19.90 ', 'CNY', '"19.90 " has leading or trailing blanks'],
    ['19 .90', 'CNY', '"19 .90" contains blanks'],
    ['+19.90', 'CNY', '"+19.90" has a leading +; write positive amounts without a sign'],
    ['19.90-', 'CNY', '"19.90-" has a sign in the wrong place; only a single leading - is allowed'],
    ['--5', 'CNY', '"--5" has a sign in the wrong place; only a single leading - is allowed'],
    ['1-9', 'CNY', '"1-9" has a sign in the wrong place; only a single leading - is allowed'],
    ['NaN', 'CNY', '"NaN" is not a number'],
    ['Infinity', 'CNY', '"Infinity" is not a finite amount'],
    ['-Infinity', 'CNY', '"-Infinity" is not a finite amount'],
    ['1,000.00', 'CNY', '"1,000.00" has a comma; use no thousands separators and a . for decimals'],
    ['.5', 'CNY', '".5" needs digits on both sides of the decimal point'],
    ['5.', 'CNY', '"5." needs digits on both sides of the decimal point'],
    ['¥5', 'CNY', '"¥5" is not a decimal amount such as "19.90"'],
    [
      '90071992547409.92',
      'CNY',
      '"90071992547409.92" is beyond the safe integer range of minor units',
    ],
    [
      '99999999999999999999',
      'JPY',
      '"99999999999999999999" is beyond the safe integer range of minor units',
    ],
  ])('rejects %j %s: %s', (text, currency, reason) => {
    const error = rejection(text, currency)
    expect(error.argument).toBe('text')
    expect(error.reason).toBe(reason)
    expect(error.message).toBe(`[ordersync] [core] invalid text: ${reason}`)
  })

  it('rejects numbers, which have already lost precision', () => {
    expect(() => parseMoney(19.9 as unknown as string, 'CNY')).toThrow(
      'expected a decimal string, got number; numbers lose precision — pass text such as "19.90"',
    )
  })

  it('rejects an unknown currency, naming the supported ones', () => {
    expect(() => parseMoney('1.00', 'XXX')).toThrow(
      /"XXX" is not a supported ISO 4217 code \(supported: AED, .*CNY.*\)/,
    )
    expect(() => parseMoney('1.00', 'cny')).toThrow(InvalidArgumentError)
  })
})

describe('the number path', () => {
  it('gives exactly what BigInt arithmetic gives, on both sides of 15 digits and of the safe range', () => {
    const limit = BigInt(Number.MAX_SAFE_INTEGER)
    fc.assert(
      fc.property(
        fc.boolean(),
        fc.oneof(
          fc.bigInt({ min: 0n, max: 10n ** 15n }),
          fc.bigInt({ min: limit - 1000n, max: limit + 1000n }),
          fc.bigInt({ min: 0n, max: 10n ** 20n }),
        ),
        fc.constantFrom('CNY', 'KRW', 'BHD'),
        fc.nat(3),
        (negative, minorUnits, currency, leadingZeros) => {
          const exponent = currency === 'KRW' ? 0 : currency === 'BHD' ? 3 : 2
          const digits = minorUnits.toString().padStart(exponent + 1, '0')
          const major =
            exponent === 0 ? digits : `${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`
          const text = `${negative ? '-' : ''}${'0'.repeat(leadingZeros)}${major}`
          if (minorUnits > limit) {
            expect(() => parseMoney(text, currency)).toThrow('beyond the safe integer range')
          } else {
            const amount = Number(minorUnits)
            // money() gives 0 for -0.
            expect(parseMoney(text, currency)).toEqual({
              amount: negative && amount !== 0 ? -amount : amount,
              currency,
            })
          }
        },
      ),
    )
  })
})
