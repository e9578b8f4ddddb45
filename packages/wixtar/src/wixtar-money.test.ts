import { parseMoney } from '@ordersync/core'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { wixtarDocumentRequest } from './test/wixtar-document-request.ts'
import {
  defaultWixtarAmountScale,
  formatWixtarAmount,
  fromWixtarAmount,
  toWixtarMoney,
} from './wixtar-money.ts'

const twd = (amount: number) => ({ amount, currency: 'TWD' }) as const

describe('defaultWixtarAmountScale', () => {
  it("is the units of the document's example: whole dollars for charges and payments, cents for items", () => {
    expect(defaultWixtarAmountScale).toEqual({
      charges: 'major',
      items: 'minor',
      payments: 'major',
    })
  })

  it("reads every Money of the document's example as the money its formatted_amount shows", () => {
    const example = wixtarDocumentRequest.orders[0]
    if (example === undefined) throw new Error('the example has an order')
    const charges = Object.values(example.charges).map((money) => [money, 'charges'] as const)
    const prices = example.cart.items.flatMap((item) =>
      [item.price?.unit_price, item.price?.total_price].map((money) => [money, 'items'] as const),
    )
    for (const [money, group] of [...charges, ...prices]) {
      const read = fromWixtarAmount(money?.amount ?? -1, 'TWD', defaultWixtarAmountScale[group])
      expect(read).toEqual(parseMoney(money?.formatted_amount ?? '', 'TWD'))
    }
  })
})

describe('formatWixtarAmount', () => {
  it("writes whole TWD amounts without decimals, as the document's example does", () => {
    // The example's pairs: unit_price 40000 cents → "400", total_price 80000 → "800",
    // a free choice 0 → "0", charges.total 1100 dollars → "1100".
    expect(formatWixtarAmount(twd(40000))).toBe('400')
    expect(formatWixtarAmount(twd(80000))).toBe('800')
    expect(formatWixtarAmount(twd(0))).toBe('0')
    expect(formatWixtarAmount(twd(110000))).toBe('1100')
  })

  it('writes a fractional part exactly, with the currency decimals, never rounded', () => {
    expect(formatWixtarAmount(twd(40050))).toBe('400.50')
    expect(formatWixtarAmount(twd(40001))).toBe('400.01')
    expect(formatWixtarAmount(twd(99))).toBe('0.99')
    expect(formatWixtarAmount({ amount: 1205, currency: 'USD' })).toBe('12.05')
    expect(formatWixtarAmount({ amount: 1200, currency: 'USD' })).toBe('12')
    expect(formatWixtarAmount({ amount: 400, currency: 'JPY' })).toBe('400')
    expect(formatWixtarAmount({ amount: 100, currency: 'KRW' })).toBe('100')
  })

  it('shows the same money it was given, in every currency (parseMoney ∘ formatWixtarAmount is the identity)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('TWD', 'USD', 'CNY', 'JPY', 'KRW'),
        fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
        (currency, amount) => {
          const formatted = formatWixtarAmount({ amount, currency })
          expect(parseMoney(formatted, currency)).toEqual({ amount, currency })
          expect(formatted).not.toMatch(/\.0+$/)
        },
      ),
    )
  })
})

describe('toWixtarMoney', () => {
  it('writes formatted_amount in major units whatever the unit of amount', () => {
    expect(toWixtarMoney(twd(110000), 'major')).toEqual({
      amount: 1100,
      currency_code: 'TWD',
      formatted_amount: '1100',
    })
    expect(toWixtarMoney(twd(40000), 'minor')).toEqual({
      amount: 40000,
      currency_code: 'TWD',
      formatted_amount: '400',
    })
    expect(toWixtarMoney(twd(40050), 'minor')).toEqual({
      amount: 40050,
      currency_code: 'TWD',
      formatted_amount: '400.50',
    })
    expect(toWixtarMoney(twd(40050), 'major')).toBeUndefined()
  })
})
