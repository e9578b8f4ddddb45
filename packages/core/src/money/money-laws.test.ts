import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { allocateMoney } from './allocate-money.ts'
import { type CurrencyCode, currencyExponents } from './currency.ts'
import { formatMoney } from './format-money.ts'
import { addMoney, multiplyMoney, subtractMoney, sumMoney } from './money-arithmetic.ts'
import { parseMoney } from './parse-money.ts'

const currencies = Object.keys(currencyExponents) as CurrencyCode[]
const currency = fc.constantFrom(...currencies)
const safeAmount = fc.maxSafeInteger()
const smallAmount = fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 })

describe('money laws (property tests)', () => {
  it('parseMoney ∘ formatMoney is the identity', () => {
    fc.assert(
      fc.property(safeAmount, currency, (amount, code) => {
        const value = { amount: amount === 0 ? 0 : amount, currency: code }
        expect(parseMoney(formatMoney(value), code)).toEqual(value)
      }),
    )
  })

  it('formatMoney ∘ parseMoney is the identity on canonical decimal text', () => {
    const canonicalText = fc
      .tuple(
        fc.boolean(),
        fc.bigInt({ min: 0n, max: 90071992547n }),
        fc.integer({ min: 0, max: 99 }),
      )
      .map(([negative, major, minor]) => {
        const text = `${major}.${String(minor).padStart(2, '0')}`
        return negative && text !== '0.00' ? `-${text}` : text
      })
    fc.assert(
      fc.property(canonicalText, (text) => {
        expect(formatMoney(parseMoney(text, 'CNY'))).toBe(text)
      }),
    )
  })

  it('allocations add up to the whole, follow the ratios within one unit, and are deterministic', () => {
    fc.assert(
      fc.property(
        smallAmount,
        fc
          .array(fc.integer({ min: 0, max: 1e9 }), { minLength: 1, maxLength: 20 })
          .filter((ratios) => ratios.some((ratio) => ratio > 0)),
        (amount, ratios) => {
          const parts = allocateMoney({ amount, currency: 'CNY' }, ratios)
          expect(parts).toHaveLength(ratios.length)
          expect(sumMoney(parts, 'CNY').amount).toBe(amount)
          const totalRatio = ratios.reduce((total, ratio) => total + ratio, 0)
          parts.forEach((part, index) => {
            const exact = (amount * (ratios[index] ?? 0)) / totalRatio
            expect(Math.abs(part.amount - exact)).toBeLessThan(1 + 1e-6)
            if (ratios[index] === 0) expect(part.amount).toBe(0)
          })
          expect(allocateMoney({ amount, currency: 'CNY' }, ratios)).toEqual(parts)
        },
      ),
    )
  })

  it('allocateMoney splits exactly as the largest-remainder method in bigints, on either side of 2^53', () => {
    // The reference: every product and sum in bigints, leftover units to the largest remainders,
    // ties to the earlier ratio. allocateMoney computes in plain numbers when the products stay
    // safe and in bigints otherwise; both must give this.
    const reference = (amount: number, ratios: readonly number[]): number[] => {
      const whole = BigInt(Math.abs(amount))
      const weights = ratios.map(BigInt)
      const total = weights.reduce((sum, weight) => sum + weight, 0n)
      const shares = weights.map((weight) => (whole * weight) / total)
      let leftover = whole - shares.reduce((sum, share) => sum + share, 0n)
      const order = weights
        .map((weight, index) => ({ remainder: (whole * weight) % total, index }))
        .sort((a, b) =>
          a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1,
        )
      for (const { index } of order) {
        if (leftover === 0n) break
        shares[index] = (shares[index] ?? 0n) + 1n
        leftover -= 1n
      }
      // No negative zero: a zero share is 0.
      return shares.map((share) => (amount < 0 ? -1 : 1) * Number(share) + 0)
    }
    const ratio = fc.oneof(fc.integer({ min: 0, max: 1000 }), fc.maxSafeInteger().map(Math.abs))
    fc.assert(
      fc.property(
        fc.oneof(fc.integer({ min: -1_000_000, max: 1_000_000 }), safeAmount),
        fc
          .array(ratio, { minLength: 1, maxLength: 8 })
          .filter((ratios) => ratios.some((r) => r > 0)),
        (amount, ratios) => {
          const parts = allocateMoney({ amount, currency: 'CNY' }, ratios).map(
            (part) => part.amount,
          )
          expect(parts).toEqual(reference(amount, ratios))
        },
      ),
      { numRuns: 2000 },
    )
  })

  it('addition is commutative and associative, with zero as identity and subtraction as inverse', () => {
    fc.assert(
      fc.property(smallAmount, smallAmount, smallAmount, (a, b, c) => {
        const [x, y, z] = [a, b, c].map((amount) => ({ amount, currency: 'CNY' as const })) as [
          { amount: number; currency: 'CNY' },
          { amount: number; currency: 'CNY' },
          { amount: number; currency: 'CNY' },
        ]
        expect(addMoney(x, y)).toEqual(addMoney(y, x))
        expect(addMoney(addMoney(x, y), z)).toEqual(addMoney(x, addMoney(y, z)))
        expect(addMoney(x, { amount: 0, currency: 'CNY' })).toEqual(x)
        expect(subtractMoney(addMoney(x, y), y)).toEqual(x)
      }),
    )
  })

  it('multiplication by an integer distributes over addition and equals repeated addition', () => {
    fc.assert(
      fc.property(
        smallAmount,
        smallAmount,
        fc.integer({ min: -1000, max: 1000 }),
        (a, b, factor) => {
          const x = { amount: a, currency: 'USD' as const }
          const y = { amount: b, currency: 'USD' as const }
          expect(multiplyMoney(addMoney(x, y), factor)).toEqual(
            addMoney(multiplyMoney(x, factor), multiplyMoney(y, factor)),
          )
          if (factor >= 0)
            expect(multiplyMoney(x, factor)).toEqual(sumMoney(Array(factor).fill(x), 'USD'))
        },
      ),
    )
  })
})
