import fc from 'fast-check'
import { expect, it } from 'vitest'
import { arbitraryOrder } from '../fixtures/index.ts'
import { isMoney } from '../money/money.ts'
import { checkOrderConsistency } from './check-order-consistency.ts'

type Path = readonly (string | number)[]

// Every amount with its path, as the check collected them before it walked the order once.
function collectMoney(value: unknown, path: Path, into: [Path, { currency: string }][]): void {
  if (isMoney(value)) {
    into.push([path, value])
    return
  }
  if (Array.isArray(value)) {
    value.forEach((item, index) => {
      collectMoney(item, [...path, index], into)
    })
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      if (key !== 'platformOptions') collectMoney(item, [...path, key], into)
    }
  }
}

it('reports a currency mismatch at every amount, in order, as collecting every amount first would', () => {
  fc.assert(
    fc.property(
      fc.gen(),
      fc.array(fc.nat(), { maxLength: 4 }),
      fc.constantFrom('USD', 'KRW'),
      fc.boolean(),
      (gen, picks, other, breakPayable) => {
        const order = structuredClone(
          arbitraryOrder({ integer: (min, max) => gen(fc.integer, { min, max }) }, 'o-1'),
        ) as unknown as Record<string, unknown>
        const found: [Path, { currency: string }][] = []
        collectMoney(order, [], found)
        for (const pick of picks) {
          const entry = found[pick % found.length]
          if (entry !== undefined) entry[1].currency = other
        }
        // Without a well-formed payableAmount, the first amount found sets the currency.
        if (breakPayable) order.payableAmount = { amount: 'x', currency: 'CNY' }
        const amounts: [Path, { currency: string }][] = []
        collectMoney(order, [], amounts)
        const payable = order.payableAmount
        const currency = (isMoney(payable) ? payable : amounts[0]?.[1])?.currency
        const expected = amounts
          .filter(([, value]) => value.currency !== currency)
          .map(([path, value]) => ({
            path,
            code: 'currency_mismatch',
            message: `is in ${value.currency} but the order is in ${currency}; an order has one currency`,
          }))
        const reported = checkOrderConsistency(order).filter(
          (issue) => issue.code === 'currency_mismatch',
        )
        expect(reported).toEqual(expected)
        if (expected.length > 0) {
          expect(
            checkOrderConsistency(order).some((issue) => issue.code === 'charges_identity'),
          ).toBe(false)
        }
      },
    ),
    { numRuns: 300 },
  )
})
