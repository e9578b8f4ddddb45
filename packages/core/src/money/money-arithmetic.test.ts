import { describe, expect, it } from 'vitest'
import { allocateMoney } from './allocate-money.ts'
import { money } from './money.ts'
import {
  addMoney,
  compareMoney,
  equalsMoney,
  multiplyMoney,
  subtractMoney,
  sumMoney,
} from './money-arithmetic.ts'

const cny = (amount: number) => money(amount, 'CNY')

describe('money arithmetic', () => {
  it('refuses to mix currencies', () => {
    expect(() => addMoney(cny(100), money(100, 'HKD'))).toThrow(
      '[ordersync] [core] invalid b.currency: currency HKD does not match CNY; convert explicitly before combining',
    )
    expect(() => subtractMoney(cny(100), money(100, 'USD'))).toThrow(/USD does not match CNY/)
    expect(() => sumMoney([cny(1), money(1, 'JPY')], 'CNY')).toThrow(
      /invalid values\[1\]\.currency/,
    )
    expect(() => compareMoney(cny(1), money(1, 'JPY'))).toThrow(/JPY does not match CNY/)
    expect(equalsMoney(cny(100), money(100, 'HKD'))).toBe(false)
  })

  it('refuses results beyond a safe integer instead of losing a fen', () => {
    expect(() => addMoney(cny(Number.MAX_SAFE_INTEGER), cny(1))).toThrow(
      '[ordersync] [core] invalid result: the sum leaves the safe integer range of minor units',
    )
    expect(() => multiplyMoney(cny(2 ** 40), 2 ** 14)).toThrow(
      /the product leaves the safe integer range/,
    )
  })

  it('multiplies only by integers', () => {
    expect(multiplyMoney(cny(2000), 2)).toEqual(cny(4000))
    expect(() => multiplyMoney(cny(2000), 0.5)).toThrow(/0\.5 is not an integer; use allocateMoney/)
  })

  it('sums an empty list to zero of the given currency', () => {
    expect(sumMoney([], 'KRW')).toEqual(money(0, 'KRW'))
  })

  it('compares within a currency', () => {
    expect(compareMoney(cny(1), cny(2))).toBe(-1)
    expect(compareMoney(cny(2), cny(2))).toBe(0)
    expect(compareMoney(cny(3), cny(2))).toBe(1)
  })
})

describe('allocateMoney', () => {
  it('splits the Youshu FAQ discount exactly: 90 yuan over 40 : 60 is 36 and 54', () => {
    expect(allocateMoney(cny(9000), [4000, 6000])).toEqual([cny(3600), cny(5400)])
  })

  it('gives leftover units to the largest remainders, ties to the earlier part', () => {
    expect(allocateMoney(cny(100), [1, 1, 1])).toEqual([cny(34), cny(33), cny(33)])
    expect(allocateMoney(cny(5), [3, 3, 4])).toEqual([cny(2), cny(1), cny(2)])
    expect(allocateMoney(cny(1), [0, 1, 1])).toEqual([cny(0), cny(1), cny(0)])
  })

  it('splits negative amounts symmetrically', () => {
    expect(allocateMoney(cny(-100), [1, 1, 1])).toEqual([cny(-34), cny(-33), cny(-33)])
  })

  it('stays exact where floats would not: a safe-integer total over large ratios', () => {
    const parts = allocateMoney(cny(Number.MAX_SAFE_INTEGER), [Number.MAX_SAFE_INTEGER, 1])
    expect(parts.reduce((total, part) => total + BigInt(part.amount), 0n)).toBe(
      BigInt(Number.MAX_SAFE_INTEGER),
    )
    expect(parts[1]).toEqual(cny(1))
  })

  it.each([
    [[], 'invalid ratios: at least one ratio is needed'],
    [[0, 0], 'invalid ratios: all ratios are zero: there is nothing to split by'],
    [
      [1, -1],
      'invalid ratios[1]: -1 is not a non-negative integer; pass amounts in minor units or integer weights',
    ],
    [
      [0.5, 1],
      'invalid ratios[0]: 0.5 is not a non-negative integer; pass amounts in minor units or integer weights',
    ],
  ])('rejects ratios %j', (ratios, message) => {
    expect(() => allocateMoney(cny(100), ratios)).toThrow(`[ordersync] [core] ${message}`)
  })
})
