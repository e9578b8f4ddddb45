import { describe, expect, it } from 'vitest'
import { ValidationError } from '../errors/validation-error.ts'
import { richSampleOrder, sampleOrder } from '../test/sample-orders.ts'
import { toInstant } from '../time/instant.ts'
import { maxModifierDepth, orderSchema } from './order-schema.ts'
import type { OrderInput } from './order-types.ts'
import { parseOrder, validateOrder } from './parse-order.ts'

const cny = (amount: number) => ({ amount, currency: 'CNY' }) as const

function issuesOf(input: unknown) {
  const result = validateOrder(input)
  if (result.success) throw new Error('expected the order to be invalid')
  return result.error.issues.map(({ path, code, message }) => ({
    path: path.join('.'),
    code,
    message,
  }))
}

describe('orderSchema', () => {
  it.each(Object.entries({ sampleOrder, richSampleOrder }))(
    'accepts the %s fixture',
    (_name, fixture) => {
      const result = orderSchema.safeParse(fixture)
      expect(result.success ? [] : result.error.issues).toEqual([])
    },
  )

  it('turns boundary times into instants, whatever form they came in', () => {
    const order = parseOrder({
      ...sampleOrder,
      createdAt: new Date('2024-05-20T02:00:00Z'),
      modifiedAt: 1716170490000,
    })
    expect(order.createdAt).toBe(toInstant('2024-05-20T10:00:00+08:00'))
    expect(order.modifiedAt).toBe(toInstant('2024-05-20T10:01:30+08:00'))
  })

  it('reports three unrelated mistakes at once, each with its path', () => {
    const { id: _id, ...withoutId } = sampleOrder
    const input = {
      ...withoutId,
      lines: [sampleOrder.lines[0], { ...sampleOrder.lines[1], quantity: 0 }],
      modifiedAt: '2024-05-20T09:59:59+08:00',
    }
    expect(issuesOf(input)).toEqual([
      {
        path: 'id',
        code: 'invalid_type',
        message: 'Invalid input: expected string, received undefined',
      },
      { path: 'lines.1.quantity', code: 'too_small', message: 'must be positive' },
      {
        path: 'modifiedAt',
        code: 'time_order',
        message: 'is before createdAt; the modification time only moves forward',
      },
    ])
  })

  it('throws a ValidationError whose message lists every problem', () => {
    const input = { ...sampleOrder, status: 'shipping', paidAmount: cny(10001) }
    try {
      parseOrder(input)
      expect.unreachable()
    } catch (error) {
      expect(ValidationError.isInstance(error)).toBe(true)
      expect((error as ValidationError).message).toBe(
        '[ordersync] [core] order is invalid (3 problems): status: Invalid option: expected one of "created"|"awaiting_payment"|"payment_failed"|"paid"|"pending_acceptance"|"accepted"|"rejected"|"preparing"|"ready"|"shipped"|"delivered"|"completed"|"cancelled_before_payment"|"cancelled_after_payment"|"refunding"|"refunded"|"voided"; paidAmount: is 100.01 CNY, more than payableAmount 100.00 CNY; payments: add up to 100.00 CNY but paidAmount is 100.01 CNY',
      )
    }
  })

  it('checks the charges identity: payable = goods + freight + fees − discounts', () => {
    expect(
      issuesOf({ ...sampleOrder, payableAmount: cny(11000), paidAmount: cny(0), payments: [] }),
    ).toEqual([
      {
        path: 'payableAmount',
        code: 'charges_identity',
        message:
          'is 110.00 CNY but goods 100.00 CNY + freight 10.00 CNY + fees 0.00 CNY − discounts 10.00 CNY = 100.00 CNY',
      },
    ])
  })

  it('checks that the lines add up to the goods subtotal', () => {
    const input = {
      ...sampleOrder,
      lines: [sampleOrder.lines[0], { ...sampleOrder.lines[1], quantity: 3 }],
    }
    expect(issuesOf(input)).toEqual([
      {
        path: 'charges.goodsSubtotal',
        code: 'line_totals',
        message: "is 100.00 CNY but the lines' unitPrice × quantity add up to 130.00 CNY",
      },
    ])
  })

  it('checks one currency per order, pointing at each stray amount', () => {
    const input: OrderInput = {
      ...sampleOrder,
      charges: { ...sampleOrder.charges, freight: { amount: 1000, currency: 'HKD' } },
    }
    expect(issuesOf(input)).toEqual([
      {
        path: 'charges.freight',
        code: 'currency_mismatch',
        message: 'is in HKD but the order is in CNY; an order has one currency',
      },
    ])
  })

  it('checks payments, refunds and the cancellation against what was paid', () => {
    const input: OrderInput = {
      ...sampleOrder,
      status: 'cancelled_before_payment',
      payments: [{ method: 'wechat_pay', amount: cny(9000) }],
      afterSales: [
        {
          id: 'r1',
          type: 'refund_only',
          status: 'succeeded',
          createdAt: sampleOrder.createdAt,
          modifiedAt: sampleOrder.createdAt,
          refundAmount: cny(8000),
        },
        {
          id: 'r2',
          type: 'refund_only',
          status: 'processing',
          createdAt: sampleOrder.createdAt,
          modifiedAt: sampleOrder.createdAt,
          refundAmount: cny(3000),
          lines: [{ lineId: 'goods-a', quantity: 1, refundAmount: cny(2000) }],
        },
        {
          id: 'r3',
          type: 'refund_only',
          status: 'rejected',
          createdAt: sampleOrder.createdAt,
          modifiedAt: sampleOrder.createdAt,
          refundAmount: cny(10000),
        },
      ],
    }
    expect(issuesOf(input)).toEqual([
      {
        path: 'payments',
        code: 'payments_total',
        message: 'add up to 90.00 CNY but paidAmount is 100.00 CNY',
      },
      {
        path: 'status',
        code: 'status_payment',
        message:
          'is cancelled_before_payment but paidAmount is not zero; use cancelled_after_payment',
      },
      {
        path: 'afterSales.1.lines',
        code: 'refund_lines_total',
        message: 'refund amounts add up to 20.00 CNY but refundAmount is 30.00 CNY',
      },
      {
        path: 'afterSales',
        code: 'refunds_exceed_paid',
        message:
          'refunds that are not closed or rejected add up to 110.00 CNY, more than paidAmount 100.00 CNY',
      },
    ])
  })

  it('checks line references of discounts, packages and after-sales', () => {
    const input: OrderInput = {
      ...sampleOrder,
      lines: [
        ...sampleOrder.lines,
        { ...sampleOrder.lines[0], skuId: 'other' } as OrderInput['lines'][number],
      ],
      charges: {
        goodsSubtotal: cny(14000),
        freight: cny(1000),
        discounts: [
          { level: 'item', amount: cny(500) },
          { level: 'item', amount: cny(500), lineId: 'goods-z' },
          { level: 'order', amount: cny(1000), lineId: 'goods-a' },
          { level: 'item', amount: cny(6500), lineId: 'goods-b' },
        ],
      },
      payableAmount: cny(6500),
      paidAmount: cny(6500),
      payments: undefined,
      delivery: { packages: [{ lines: [{ lineId: 'goods-b', quantity: 3 }] }] },
    }
    expect(issuesOf(input)).toEqual([
      {
        path: 'lines.2.id',
        code: 'duplicate_id',
        message: 'line id "goods-a" is used by an earlier line',
      },
      {
        path: 'charges.discounts.0.lineId',
        code: 'missing_line_reference',
        message: 'an item-level discount must name the line it applies to',
      },
      {
        path: 'charges.discounts.1.lineId',
        code: 'unknown_line',
        message: 'no line has id "goods-z"',
      },
      {
        path: 'charges.discounts.2.lineId',
        code: 'unexpected_line_reference',
        message: "a order-level discount applies to the whole order; use level 'item' for one line",
      },
      {
        path: 'charges.discounts',
        code: 'discount_exceeds_line',
        message:
          'item-level discounts on line "goods-b" add up to 65.00 CNY, more than its 60.00 CNY',
      },
      {
        path: 'delivery.packages.0.lines.0.quantity',
        code: 'quantity_exceeds_line',
        message: 'is 3, more than the 2 ordered',
      },
    ])
  })

  it('rejects float amounts, times without an offset and unknown keys, and keeps going', () => {
    const input = {
      ...sampleOrder,
      createdAt: '2024-05-20 10:00:00',
      payableAmount: { amount: 100.0000001, currency: 'CNY' },
      buyer: { phone: '13912345678', mobile: '13912345678' },
    }
    const issues = issuesOf(input)
    expect(issues).toEqual([
      {
        path: 'createdAt',
        code: 'invalid_time',
        message:
          '"2024-05-20 10:00:00" has no UTC offset, so the instant is ambiguous; add Z or an offset such as +08:00',
      },
      { path: 'buyer', code: 'unrecognized_keys', message: 'Unrecognized key: "mobile"' },
      {
        path: 'payableAmount.amount',
        code: 'custom',
        message: 'must be a safe integer count of minor units (fen, cents): 19.90 yuan is 1990',
      },
    ])
    expect(JSON.stringify(issues)).not.toContain('13912345678')
  })

  it('takes modifier groups nested six deep and reports a seventh level at its path', () => {
    type Groups = NonNullable<OrderInput['lines'][number]['modifiers']>
    // A combo as deep as Uber Eats' deepest menu: burger → patty → beef → doneness → method → sear.
    const levels = ['burger', 'patty', 'beef', 'doneness', 'method', 'sear'] as const
    const nest = (depth: number, innermost?: Groups): Groups => [
      {
        name: levels[depth - 1] ?? 'straw',
        selected: [
          {
            name: `choice ${depth}`,
            quantity: 1,
            unitPrice: cny(0),
            ...(depth < levels.length
              ? { modifiers: nest(depth + 1, innermost) }
              : innermost === undefined
                ? {}
                : { modifiers: innermost }),
          },
        ],
      },
    ]
    const withModifiers = (innermost?: Groups): OrderInput => ({
      ...sampleOrder,
      lines: sampleOrder.lines.map((line, index) =>
        index === 0 ? { ...line, modifiers: nest(1, innermost) } : line,
      ),
    })
    const result = validateOrder(withModifiers())
    expect(result.success ? [] : result.error.issues).toEqual([])
    expect(maxModifierDepth).toBe(6)
    expect(issuesOf(withModifiers([{ name: 'straw', selected: [] }]))).toEqual([
      {
        path: `lines.0${'.modifiers.0.selected.0'.repeat(6)}.modifiers`,
        code: 'invalid_type',
        message:
          "modifier groups nest at most 6 deep counting the line's own, as the deepest Uber Eats menus do: these would be level 7 — fold their choices into the group above",
      },
    ])
    expect(() => parseOrder(withModifiers([{ name: 'straw', selected: [] }]))).toThrow(
      ValidationError,
    )
  })

  describe('checks sums exactly, for every amount it accepts', () => {
    const max = Number.MAX_SAFE_INTEGER // 9007199254740991
    const huge = (payable: number): OrderInput => ({
      ...sampleOrder,
      lines: [{ id: 'big', skuId: 'big', name: 'big', quantity: 1, unitPrice: cny(max) }],
      charges: {
        goodsSubtotal: cny(max),
        freight: cny(2),
        discounts: [{ level: 'order', kind: 'promotion', name: 'promo', amount: cny(3) }],
      },
      payableAmount: cny(payable),
      paidAmount: cny(0),
      payments: [],
      status: 'awaiting_payment',
    })

    it('accepts goods 9007199254740991 + freight 2 − discount 3 = 9007199254740990', () => {
      expect(validateOrder(huge(max - 1)).success).toBe(true)
    })

    it('refuses 9007199254740989, which a float sum would call right', () => {
      // In floats 9007199254740991 + 2 rounds to 9007199254740992, and − 3 gives 9007199254740989.
      expect(max + 2 - 3).toBe(max - 2)
      expect(issuesOf(huge(max - 2))).toEqual([
        {
          path: 'payableAmount',
          code: 'charges_identity',
          message:
            'is 90071992547409.89 CNY but goods 90071992547409.91 CNY + freight 0.02 CNY + fees 0.00 CNY − discounts 0.03 CNY = 90071992547409.90 CNY',
        },
      ])
    })

    it('refuses 9007199254740991 too', () => {
      expect(issuesOf(huge(max))).toEqual([
        {
          path: 'payableAmount',
          code: 'charges_identity',
          message:
            'is 90071992547409.91 CNY but goods 90071992547409.91 CNY + freight 0.02 CNY + fees 0.00 CNY − discounts 0.03 CNY = 90071992547409.90 CNY',
        },
      ])
    })

    it('adds line subtotals beyond the safe range as bigints, reporting the range', () => {
      const input = {
        ...huge(max - 1),
        lines: [
          { id: 'a', skuId: 'a', name: 'a', quantity: 1, unitPrice: cny(max) },
          { id: 'b', skuId: 'b', name: 'b', quantity: 1, unitPrice: cny(5) },
        ],
      }
      expect(issuesOf(input)).toContainEqual({
        path: 'charges.goodsSubtotal',
        code: 'line_totals',
        message:
          "is 90071992547409.91 CNY but the lines' unitPrice × quantity add up to 90071992547409.96 CNY",
      })
    })
  })

  it('says what money is and how to make it when given a number or a string', () => {
    expect(issuesOf({ ...sampleOrder, payableAmount: 100, paidAmount: '100.00' })).toEqual([
      {
        path: 'payableAmount',
        code: 'invalid_type',
        message:
          "must be money, { amount, currency } with amount an integer of minor units, not a number: parseMoney('19.90', 'CNY') makes { amount: 1990, currency: 'CNY' }",
      },
      {
        path: 'paidAmount',
        code: 'invalid_type',
        message:
          "must be money, { amount, currency } with amount an integer of minor units, not a string: parseMoney('19.90', 'CNY') makes { amount: 1990, currency: 'CNY' }",
      },
    ])
  })
})
