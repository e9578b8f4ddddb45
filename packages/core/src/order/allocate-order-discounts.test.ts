import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { richSampleOrder, sampleOrder } from '../test/sample-orders.ts'
import { allocateOrderDiscounts } from './allocate-order-discounts.ts'
import { parseOrder } from './parse-order.ts'

const cny = (amount: number) => ({ amount, currency: 'CNY' }) as const

describe('allocateOrderDiscounts', () => {
  it('gives the lines of 100 yuan of goods with 10 off 36 and 54 yuan (Youshu FAQ’s arithmetic)', () => {
    const { lines, unallocated } = allocateOrderDiscounts(parseOrder(sampleOrder))
    expect(
      lines.map((line) => [
        line.lineId,
        line.subtotal.amount,
        line.orderDiscount.amount,
        line.payable.amount,
      ]),
    ).toEqual([
      ['goods-a', 4000, 400, 3600],
      ['goods-b', 6000, 600, 5400],
    ])
    expect(unallocated).toEqual({ order: cny(0), payment: cny(0) })
  })

  it('spreads order- and payment-level discounts so the lines add up to paid minus freight', () => {
    const order = parseOrder(richSampleOrder)
    const { lines } = allocateOrderDiscounts(order)
    expect(
      lines.map((line) => [
        line.orderDiscount.amount,
        line.paymentDiscount.amount,
        line.payable.amount,
      ]),
    ).toEqual([
      [1143, 171, 10686],
      [857, 129, 8014],
    ])
    const total = lines.reduce((sum, line) => sum + line.payable.amount, 0)
    expect(total).toBe(order.paidAmount.amount - (order.charges.freight?.amount ?? 0))
  })

  it('keeps item-level discounts on their line and never gives a line more discount than it has left', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            unit: fc.integer({ min: 0, max: 100000 }),
            quantity: fc.integer({ min: 1, max: 5 }),
            item: fc.nat(100),
          }),
          {
            minLength: 1,
            maxLength: 6,
          },
        ),
        fc.nat(2_000_000),
        fc.nat(2_000_000),
        (specs, orderDiscount, paymentDiscount) => {
          const lines = specs.map((spec, index) => ({
            id: `l${index}`,
            skuId: `s${index}`,
            name: 'item',
            quantity: spec.quantity,
            unitPrice: cny(spec.unit),
          }))
          const itemDiscounts = specs.map((spec, index) => ({
            level: 'item' as const,
            lineId: `l${index}`,
            amount: cny(Math.min(spec.item, spec.unit * spec.quantity)),
          }))
          const goods = specs.reduce((sum, spec) => sum + spec.unit * spec.quantity, 0)
          const discountTotal =
            itemDiscounts.reduce((sum, d) => sum + d.amount.amount, 0) +
            orderDiscount +
            paymentDiscount
          // Freight of 50,000 yuan is more than any generated discount can exceed the goods by, so
          // the order stays valid while order and payment discounts may exceed the goods.
          const freight = 5_000_000
          const payable = goods + freight - discountTotal
          const order = parseOrder({
            id: 'o',
            type: 'shipping',
            status: 'paid',
            createdAt: '2024-01-01T00:00:00Z',
            modifiedAt: '2024-01-01T00:00:00Z',
            lines,
            charges: {
              goodsSubtotal: cny(goods),
              freight: cny(freight),
              discounts: [
                ...itemDiscounts,
                { level: 'order', amount: cny(orderDiscount) },
                { level: 'payment', amount: cny(paymentDiscount) },
              ],
            },
            payableAmount: cny(payable),
            paidAmount: cny(0),
          })
          const result = allocateOrderDiscounts(order)
          for (const [index, line] of result.lines.entries()) {
            expect(line.itemDiscount).toEqual(itemDiscounts[index]?.amount)
            expect(line.payable.amount).toBeGreaterThanOrEqual(0)
            expect(
              line.subtotal.amount -
                line.itemDiscount.amount -
                line.orderDiscount.amount -
                line.paymentDiscount.amount,
            ).toBe(line.payable.amount)
          }
          const allocated = result.lines.reduce(
            (sum, line) => sum + line.orderDiscount.amount + line.paymentDiscount.amount,
            0,
          )
          expect(
            allocated + result.unallocated.order.amount + result.unallocated.payment.amount,
          ).toBe(orderDiscount + paymentDiscount)
        },
      ),
    )
  })

  it('adds the discounts of a level exactly, even beyond the safe integer range', () => {
    const max = Number.MAX_SAFE_INTEGER
    const cnyAmount = (amount: number) => ({ amount, currency: 'CNY' }) as const
    const order = parseOrder({
      ...sampleOrder,
      lines: [{ id: 'big', skuId: 'big', name: 'big', quantity: 1, unitPrice: cnyAmount(max) }],
      charges: {
        goodsSubtotal: cnyAmount(max),
        freight: cnyAmount(max),
        discounts: [
          { level: 'order', amount: cnyAmount(max) },
          { level: 'order', amount: cnyAmount(max - 1) },
        ],
      },
      payableAmount: cnyAmount(1),
      paidAmount: cnyAmount(0),
      payments: [],
      status: 'awaiting_payment',
    })
    const allocation = allocateOrderDiscounts(order)
    expect(allocation.lines[0]?.orderDiscount.amount).toBe(max)
    // 9007199254740991 + 9007199254740990 − 9007199254740991, never the float's 9007199254740989.
    expect(allocation.unallocated.order.amount).toBe(max - 1)
  })
})
