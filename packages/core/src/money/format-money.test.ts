import { describe, expect, it } from 'vitest'
import { formatMoney } from './format-money.ts'
import { money } from './money.ts'

describe('formatMoney', () => {
  it.each([
    [1990, 'CNY', '19.90'],
    [-5, 'CNY', '-0.05'],
    [5, 'CNY', '0.05'],
    [0, 'CNY', '0.00'],
    [10000, 'CNY', '100.00'],
    [100, 'JPY', '100'],
    [-100, 'KRW', '-100'],
    [1234, 'KWD', '1.234'],
    [9007199254740991, 'USD', '90071992547409.91'],
  ] as const)('formats %d %s as %j', (amount, currency, text) => {
    expect(formatMoney({ amount, currency })).toBe(text)
  })

  it('refuses an amount that is not a safe integer', () => {
    expect(() => formatMoney({ amount: 19.9, currency: 'CNY' })).toThrow(
      '[ordersync] [core] invalid value.amount: 19.9 is not an integer count of minor units; parse decimal text with parseMoney instead',
    )
    expect(() => formatMoney({ amount: 2 ** 53, currency: 'CNY' })).toThrow(
      /beyond the safe integer range/,
    )
  })
})

describe('money', () => {
  it('builds money from integer minor units and normalises -0', () => {
    expect(money(1990, 'CNY')).toEqual({ amount: 1990, currency: 'CNY' })
    expect(Object.is(money(-0, 'CNY').amount, 0)).toBe(true)
  })

  it.each([Number.NaN, Number.POSITIVE_INFINITY, 0.1, 2 ** 53])('rejects %d', (amount) => {
    expect(() => money(amount, 'CNY')).toThrow(/invalid amount/)
  })
})
