import {
  InvalidArgumentError,
  type OrderInput,
  type OrderStatus,
  orderStatuses,
  parseOrder,
  UnsupportedMappingError,
  ValidationError,
} from '@ordersync/core'
import { describe, expect, it } from 'vitest'
import { alipayPlusDocumentOrder } from './alipayplus-document-order.ts'
import { toAlipayPlusOrder } from './convert-to-alipayplus-order.ts'
import { mapAlipayPlusStatus } from './map-alipayplus-status.ts'

const base: OrderInput = {
  ...alipayPlusDocumentOrder,
  platformOptions: { alipayplus: { customerBelongsTo: 'CHOPE' } },
}
const usd = (value: number) => ({ amount: value, currency: 'USD' }) as const
const options = { appId: '2102010120672524' }

function issues(input: OrderInput): string[] {
  try {
    toAlipayPlusOrder(parseOrder(input), options)
  } catch (error) {
    if (ValidationError.isInstance(error))
      return error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`)
    throw error
  }
  return []
}

describe('toAlipayPlusOrder', () => {
  it('maps every canonical status per order type, warning where Alipay+ is coarser', () => {
    const table = Object.fromEntries(
      orderStatuses.map((status) => {
        const order = parseOrder({
          ...base,
          type: 'delivery',
          status,
          ...(status === 'cancelled_before_payment' ? { paidAmount: usd(0), afterSales: [] } : {}),
        })
        const mapping = mapAlipayPlusStatus(order, 'DELIVERY')
        return [
          status,
          `${mapping.orderBizStatus}${mapping.warnings.length > 0 ? ' (folded)' : ''}`,
        ]
      }),
    )
    expect(table).toEqual({
      created: 'CREATED',
      awaiting_payment: 'WAIT_PAY',
      payment_failed: 'PAY_FAILED',
      paid: 'PAID',
      pending_acceptance: 'PENDING',
      accepted: 'ACCEPTED',
      rejected: 'REJECTED',
      preparing: 'PREPARING',
      ready: 'READY',
      shipped: 'IN_DELIVERY',
      delivered: 'DELIVERED',
      completed: 'COMPLETED',
      cancelled_before_payment: 'CANCELLED (folded)',
      cancelled_after_payment: 'CANCELLED (folded)',
      refunding: 'COMPLETED (folded)',
      refunded: 'CANCELLED (folded)',
      voided: 'CANCELLED (folded)',
    })
  })

  it.each(['shipped', 'delivered'] as const)(
    'refuses %s outside DELIVERY orders',
    (status: OrderStatus) => {
      expect(() => toAlipayPlusOrder(parseOrder({ ...base, status }), options)).toThrow(
        `[ordersync] [alipayplus] status: ${status} exists only for orderType DELIVERY (document, Extended fields), and this order is PICK_UP`,
      )
    },
  )

  it('maps order types: dine-in and delivery fields, shipping as DELIVERY with a warning, virtual only when told', () => {
    const dineIn = toAlipayPlusOrder(parseOrder({ ...base, type: 'dine_in' }), options).payload
    expect(JSON.parse(dineIn.orderExtendBizInfo as string)).toEqual({
      orderBizStatus: 'PAID',
      dineInStartTime: '2022-04-20T10:38:09+08:00',
      dineInEndTime: '2022-04-20T10:38:09+08:00',
      dineInCodeName: '9001',
      dineInCodeValue: '122234',
    })
    const delivery = toAlipayPlusOrder(
      parseOrder({
        ...base,
        type: 'delivery',
        status: 'shipped',
        delivery: { courier: { name: 'Lee', phone: '+85212345678' } },
      }),
      options,
    ).payload
    expect(JSON.parse(delivery.orderExtendBizInfo as string)).toEqual({
      orderBizStatus: 'IN_DELIVERY',
      courierName: 'Lee',
      courierPhoneNo: '+85212345678',
    })
    const shipping = toAlipayPlusOrder(
      parseOrder({ ...base, type: 'shipping', delivery: {} }),
      options,
    )
    expect(shipping.payload.orderType).toBe('DELIVERY')
    expect(shipping.warnings.filter((warning) => warning.path[0] === 'type')).toEqual([
      {
        path: ['type'],
        code: 'value_folded',
        message: 'Alipay+ has no parcel-shipping type: reported as DELIVERY',
      },
    ])
    expect(() => toAlipayPlusOrder(parseOrder({ ...base, type: 'virtual' }), options)).toThrow(
      UnsupportedMappingError,
    )
    expect(
      toAlipayPlusOrder(
        parseOrder({
          ...base,
          type: 'virtual',
          platformOptions: { alipayplus: { customerBelongsTo: 'GCASH', orderType: 'PICK_UP' } },
        }),
        options,
      ).payload.orderType,
    ).toBe('PICK_UP')
  })

  it('writes the order times with the chosen zone’s offset', () => {
    const { payload } = toAlipayPlusOrder(parseOrder(base), { ...options, zone: 'Asia/Manila' })
    expect([payload.orderCreateTime, payload.orderModifiedTime]).toEqual([
      '2022-04-20T10:38:09+08:00',
      '2022-04-20T10:38:09+08:00',
    ])
    const jakarta = toAlipayPlusOrder(parseOrder(base), { ...options, zone: '+07:00' }).payload
    expect(jakarta.orderCreateTime).toBe('2022-04-20T09:38:09+07:00')
  })

  it('uses the currency’s smallest unit: KRW has none', () => {
    const won = (amount: number) => ({ amount, currency: 'KRW' }) as const
    const order = parseOrder({
      ...base,
      lines: [{ ...base.lines[0], unitPrice: won(12600) } as OrderInput['lines'][number]],
      charges: { goodsSubtotal: won(37800), discounts: [{ level: 'order', amount: won(3600) }] },
      payableAmount: won(34200),
      paidAmount: won(34200),
      afterSales: [],
    })
    const { payload } = toAlipayPlusOrder(order, options)
    expect([payload.orderAmount, payload.paymentAmount]).toEqual([
      { currency: 'KRW', value: 37800 },
      { currency: 'KRW', value: 34200 },
    ])
  })

  it('sends paymentAmount once the order is paid in full, and only succeeded refunds', () => {
    const unpaid = toAlipayPlusOrder(
      parseOrder({ ...base, status: 'awaiting_payment', paidAmount: usd(0), afterSales: [] }),
      options,
    )
    expect(unpaid.payload).not.toHaveProperty('paymentAmount')
    const pending = toAlipayPlusOrder(
      parseOrder({
        ...base,
        afterSales: [
          { ...base.afterSales?.[0], id: 'r2', status: 'processing' } as NonNullable<
            OrderInput['afterSales']
          >[number],
        ],
      }),
      options,
    )
    expect(pending.payload).not.toHaveProperty('refunds')
    expect(
      pending.warnings
        .filter((warning) => warning.path.join('.') === 'afterSales.0')
        .map((warning) => warning.message),
    ).toEqual(['a processing after-sale is not sent: Alipay+ documents refundStatus SUCCESS only'])
  })

  it('checks platformOptions.alipayplus at run time, naming its path', () => {
    const line = base.lines[0] as OrderInput['lines'][number]
    expect(
      issues({
        ...base,
        platformOptions: { alipayplus: { customerBelongsTo: 'PAYPAL' as never } },
        lines: [{ ...line, platformOptions: { alipayplus: { extendInfo: 'key=value' } } }],
      }),
    ).toEqual([
      'platformOptions.alipayplus.customerBelongsTo: Invalid option: expected one of "ALIPAY_CN"|"ALIPAY_HK"|"ALIPAY_MO"|"TNG"|"GCASH"|"DANA"|"KAKAOPAY"|"BKASH"|"CHOPE"|"TRUEMONEY"',
      'lines.0.platformOptions.alipayplus.extendInfo: must be JSON text, as the sample sends extendInfo',
    ])
  })

  it('names every field Alipay+ cannot carry', () => {
    const line = base.lines[0] as OrderInput['lines'][number]
    const { warnings } = toAlipayPlusOrder(
      parseOrder({
        ...base,
        title: 'Lunch',
        hidden: true,
        lines: [{ ...line, description: 'rice', imageUrls: ['https://img.example/1.jpg'] }],
        payments: [{ method: 'card', amount: usd(342) }],
        delivery: { address: { line1: '1 Main St' } },
        afterSales: [],
      }),
      options,
    )
    expect(warnings.map((warning) => warning.path.join('.'))).toEqual([
      'title',
      'hidden',
      'lines.0.description',
      'lines.0.imageUrls.0',
      'charges.discounts.0.kind',
      'payments.0.method',
      'payments.0.amount',
      'delivery.address.line1',
    ])
  })

  it('fails with the canonical path and the Alipay+ rule', () => {
    const line = base.lines[0] as OrderInput['lines'][number]
    const many = Array.from({ length: 31 }, (_, index) => ({ ...line, id: `l${index}` }))
    expect(
      issues({
        ...base,
        lines: many,
        charges: { goodsSubtotal: usd(378 * 31), discounts: [{ level: 'order', amount: usd(36) }] },
        payableAmount: usd(378 * 31 - 36),
        paidAmount: usd(378 * 31 - 36),
      }),
    ).toEqual(['lines: 31 items: Alipay+ accepts at most 30 goods'])
    expect(issues({ ...base, id: 'order#1' })).toEqual([
      'id: contains @, # or ?, which Alipay+ referenceOrderId does not allow',
    ])
    expect(issues({ ...base, id: 'x'.repeat(65) })).toEqual([
      'id: is 65 characters; Alipay+ referenceOrderId takes at most 64',
    ])
    expect(issues({ ...base, buyer: { name: 'Jack' } })).toEqual([
      'buyer.platformUserId: is required: it is the Alipay+ customerId of the buyer',
    ])
    expect(issues({ ...base, platformOptions: {} })).toEqual([
      'platformOptions.alipayplus.customerBelongsTo: is required (the buyer’s wallet): set it on the order or customerBelongsTo on the client',
    ])
    expect(issues({ ...base, delivery: { pickupCode: { value: 'A?1' } } })).toEqual([
      'delivery.pickupCode.value: contains @, # or ?, which Alipay+ does not allow anywhere in orderExtendBizInfo (pickUpCodeValue)',
    ])
    // The rule covers the whole serialized orderExtendBizInfo: the error names the canonical field.
    expect(issues({ ...base, delivery: { pickupCode: { name: 'Code #', value: 'A1' } } })).toEqual([
      'delivery.pickupCode.name: contains @, # or ?, which Alipay+ does not allow anywhere in orderExtendBizInfo (pickUpCodeName)',
    ])
    const { merchant: _merchant, ...noMerchant } = base
    expect(issues(noMerchant)).toEqual([
      'merchant: is required: Alipay+ needs the merchant of the order',
    ])
    // orderLinkUrl may carry a query: no @ # ? rule there.
    expect(issues({ ...base, detailPageUrl: 'pages/orders/detail?id=1#top' })).toEqual([])
    const huge = 2_147_483_648
    expect(
      issues({
        ...base,
        lines: [{ ...line, quantity: 1, unitPrice: usd(huge) }],
        charges: { goodsSubtotal: usd(huge) },
        payableAmount: usd(huge),
        paidAmount: usd(huge),
        afterSales: [],
      }),
    ).toEqual([
      'lines.0.unitPrice: is 2147483648 in the smallest unit; Alipay+ Amount.value takes at most 2147483647',
      'lines.0: is 2147483648 in the smallest unit; Alipay+ Amount.value takes at most 2147483647',
      'payableAmount: is 2147483648 in the smallest unit; Alipay+ Amount.value takes at most 2147483647',
      'paidAmount: is 2147483648 in the smallest unit; Alipay+ Amount.value takes at most 2147483647',
    ])
  })
})

describe('toAlipayPlusOrder given what parseOrder did not return', () => {
  it('fails with a typed error for a raw order that contains itself, and for one with times as text', () => {
    const cyclic = { ...parseOrder(base), createdAt: 1_650_422_289_000 } as Record<string, unknown>
    cyclic.self = cyclic
    const cyclicLines = { ...cyclic }
    const lines = [{ ...(parseOrder(base).lines[0] as object) }] as Record<string, unknown>[]
    ;(lines[0] as Record<string, unknown>).order = cyclicLines
    cyclicLines.lines = lines
    delete cyclicLines.self
    for (const [value, reason] of [
      [cyclic, /^\[ordersync\] \[alipayplus\] invalid order: contains itself \(a cycle\)/],
      [cyclicLines, /^\[ordersync\] \[alipayplus\] invalid order: contains itself \(a cycle\)/],
      [
        base,
        '[ordersync] [alipayplus] invalid order: is not a parsed order (its createdAt is a string, not an instant): call parseOrder(order) first, which validates it and turns its times into instants',
      ],
    ] as const) {
      let thrown: unknown
      try {
        toAlipayPlusOrder(value as never, options)
      } catch (error) {
        thrown = error
      }
      expect(InvalidArgumentError.isInstance(thrown)).toBe(true)
      expect((thrown as Error).message).toMatch(reason)
    }
  })
})
