import { md5 } from '@noble/hashes/legacy.js'
import { sha256 } from '@noble/hashes/sha2.js'
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js'
import {
  InvalidArgumentError,
  type OrderInput,
  parseOrder,
  UnsupportedMappingError,
  ValidationError,
} from '@ordersync/core'
import { describe, expect, it } from 'vitest'
import { toYoushuOrder } from './convert-to-youshu-order.ts'
import { youshuDocumentRequest } from './test/youshu-document-request.ts'
import { youshuDocumentOrder, youshuFaqOrder } from './youshu-document-order.ts'
import { youshuOrderSchema } from './youshu-order-schema.ts'

const cny = (amount: number) => ({ amount, currency: 'CNY' }) as const
const faq: OrderInput = { ...youshuFaqOrder, buyer: { platformUserId: 'o-faq-openid' } }
const sha = (text: string) => bytesToHex(sha256(utf8ToBytes(text)))

function issues(run: () => unknown): { path: string; message: string }[] {
  try {
    run()
  } catch (error) {
    if (ValidationError.isInstance(error))
      return error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }))
    throw error
  }
  throw new Error('expected a ValidationError')
}

describe('toYoushuOrder', () => {
  it('reports the FAQ order exactly as the FAQ says: 100 / 10 / 110 / 100 / 100, lines 36 and 54', () => {
    const { orders, warnings } = toYoushuOrder(parseOrder(faq))
    const [order] = orders
    expect(orders).toHaveLength(1)
    expect(order).toMatchObject({
      goods_amount_total: 100,
      freight_amount: 10,
      order_amount: 110,
      payable_amount: 100,
      payment_amount: 100,
    })
    expect(order?.goods_info.map((goods) => [goods.goods_amount, goods.payment_amount])).toEqual([
      [20, 36],
      [30, 54],
    ])
    // Youshu has no fulfilment type: the guide's mapping table says so once; no warning on every order.
    expect(warnings).toEqual([])
  })

  it('prepares the corrected document order into the document example’s shape, with its values except the corrected ones', () => {
    const { orders } = toYoushuOrder(parseOrder(youshuDocumentOrder))
    const [order] = orders
    const example = youshuDocumentRequest.orders[0]
    // The same identity, times, status and user as the example.
    for (const key of [
      'external_order_id',
      'create_time',
      'order_source',
      'order_type',
      'brand_id',
      'brand_name',
      'goods_num_total',
      'order_status',
      'status_change_time',
    ] as const) {
      expect(order?.[key]).toEqual(example[key])
    }
    expect(order?.user_info).toEqual({
      open_id: example.user_info.open_id,
      sha256_user_phone: sha('13800138000'),
      user_id: example.user_info.user_id,
    })
    expect(
      order?.goods_info.map((goods) => [
        goods.external_sku_id,
        goods.sku_name_chinese,
        goods.goods_amount,
        goods.goods_num,
        goods.external_spu_id,
        goods.spu_name_chinese,
        goods.sale_unit,
      ]),
    ).toEqual(
      example.goods_info.map((goods) => [
        goods.external_sku_id,
        goods.sku_name_chinese,
        goods.goods_amount,
        goods.goods_num,
        goods.external_spu_id,
        goods.spu_name_chinese,
        goods.sale_unit,
      ]),
    )
    // What was corrected: the sums (lines of 210 yuan, coupons at their names) and the payments.
    expect(order).toMatchObject({
      goods_amount_total: 210,
      freight_amount: 10,
      order_amount: 220,
      payable_amount: 200,
      payment_amount: 197,
    })
    expect(order?.goods_info.map((goods) => goods.payment_amount)).toEqual([106.86, 80.14])
    expect(order?.coupon_info).toEqual([
      {
        coupon_type: 1,
        coupon_amount_total: 20,
        coupon_detail: [
          {
            coupon_code: 'UWBE8873dsfdaes',
            external_coupon_id: '37BHknfE832DW',
            coupon_name: '会员10元优惠券',
            coupon_amount: 10,
          },
          {
            coupon_code: '46568873basfJ',
            external_coupon_id: '37BHknfE832DW',
            coupon_name: '节日10元优惠券',
            coupon_amount: 10,
          },
        ],
      },
      {
        coupon_type: 2,
        coupon_amount_total: 3,
        coupon_detail: [
          {
            coupon_code: '455882xwenad',
            external_coupon_id: '37455fE832ZZ',
            coupon_name: '支付2元优惠券',
            coupon_amount: 2,
          },
          {
            coupon_code: '455892sxsfds',
            external_coupon_id: '37455fE832ZZ',
            coupon_name: '支付叠加1元优惠券',
            coupon_amount: 1,
          },
        ],
      },
    ])
    expect(order?.payment_info).toEqual([
      {
        payment_type: '00009',
        trans_id: '243245125',
        trans_amount: 97,
        out_trade_number: 'T34452222',
      },
      { payment_type: '00001', trans_id: '34452222', trans_amount: 100 },
    ])
    expect(order?.express_info?.express_package_info?.[0]?.express_package_info).toEqual([
      { external_sku_id: 'cS1cWjrkFbFUA', number: 2 },
      { external_sku_id: 'caaajrkFbFUA', number: 1 },
    ])
    expect(youshuOrderSchema.safeParse(order).success).toBe(true)
  })

  it('sends phones only as SHA-256 (and MD5 on request), never plain — receiver_phone is never used', () => {
    const order = parseOrder({
      ...faq,
      buyer: { platformUserId: 'o-1', phone: '13912345678' },
      delivery: { address: { name: '张三', phone: '13812345678', line1: '深圳市南山区' } },
    })
    const { orders } = toYoushuOrder(order, { includeMd5Phone: true })
    const text = JSON.stringify(orders)
    expect(text).not.toContain('13912345678')
    expect(text).not.toContain('13812345678')
    expect(orders[0]?.user_info.sha256_user_phone).toBe(sha('13912345678'))
    expect(orders[0]?.user_info.md5_user_phone).toBe(bytesToHex(md5(utf8ToBytes('13912345678'))))
    expect(orders[0]?.express_info).toEqual({
      receiver_name: '张三',
      receiver_address: '深圳市南山区',
      sha256_receiver_phone: sha('13812345678'),
    })
    expect(orders[0]?.express_info).not.toHaveProperty('receiver_phone')
  })

  it('sends line commissions from integer fen as yuan, and settle_time as milliseconds', () => {
    const order = parseOrder({
      ...faq,
      lines: faq.lines.map((line, index) =>
        index === 0
          ? {
              ...line,
              platformOptions: {
                youshu: {
                  commissionInfo: [{ type: 2, fee: cny(990) }],
                  thirdPromotionInfo: {
                    isCalculated: true,
                    commissionRatePercent: 10,
                    commissionFee: cny(360),
                    actualCommissionAmount: cny(3600),
                    isSettled: true,
                    settledAt: '2024-05-21T00:00:00+08:00',
                  },
                },
              },
            }
          : line,
      ),
    })
    const goods = toYoushuOrder(order).orders[0]?.goods_info[0]
    expect(goods?.commission_info).toEqual([{ commission_type: 2, commission_fee: 9.9 }])
    expect(goods?.third_promotion_info).toEqual({
      is_calculated: 1,
      commission_rate: 10,
      commission_fee: 3.6,
      actual_commission_amount: 36,
      is_settle: 1,
      settle_time: '1716220800000',
    })
  })

  it('hashes the invoice phones too', () => {
    const order = parseOrder({
      ...faq,
      platformOptions: {
        youshu: {
          invoices: [
            {
              if_need_invoice: true,
              invoice_type: '1001',
              registryPhone: '075512345678',
              invoiceDeliveryPhone: '13700000000',
            },
          ],
        },
      },
    })
    expect(toYoushuOrder(order).orders[0]?.invoice_info).toEqual([
      {
        if_need_invoice: true,
        invoice_type: '1001',
        sha256_registry_phone: sha('075512345678'),
        sha256_invoice_delivery_phone: sha('13700000000'),
      },
    ])
  })

  it('names fees it cannot carry and leaves them out of every amount', () => {
    const order = parseOrder({
      ...faq,
      charges: { ...faq.charges, fees: [{ name: '包装费', amount: cny(200) }] },
      payableAmount: cny(10200),
      paidAmount: cny(10200),
      payments: [{ method: 'cash', amount: cny(10200) }],
    })
    const { orders, warnings } = toYoushuOrder(order)
    expect(orders[0]).toMatchObject({ order_amount: 110, payable_amount: 100, payment_amount: 100 })
    expect(warnings).toContainEqual({
      path: ['charges', 'fees', 0],
      code: 'field_dropped',
      message:
        'Youshu has no field for additional charges: "包装费" (2.00 CNY) is not in any reported amount',
    })
    expect(warnings.map((warning) => warning.path.join('.'))).toEqual(['charges.fees.0'])
  })

  it('reports payment-level discounts apart: payable = order − order-level, payment = payable − payment-level', () => {
    const order = parseOrder({
      ...faq,
      charges: {
        ...faq.charges,
        discounts: [
          ...(faq.charges.discounts ?? []),
          { level: 'payment', kind: 'coupon', name: '微信支付立减', amount: cny(500) },
        ],
      },
      payableAmount: cny(9500),
      paidAmount: cny(9500),
      payments: [
        {
          method: 'wechat_pay',
          amount: cny(9500),
          transactionId: '4200001',
          merchantTradeNumber: 'T-1',
        },
      ],
    })
    const [wire] = toYoushuOrder(order).orders
    expect(wire).toMatchObject({ order_amount: 110, payable_amount: 100, payment_amount: 95 })
    expect(wire?.goods_info.map((goods) => goods.payment_amount)).toEqual([34, 51])
    expect(wire?.payment_info).toEqual([
      { payment_type: '00009', trans_id: '4200001', trans_amount: 95, out_trade_number: 'T-1' },
    ])
  })

  it('reports non-WeChat and zero-amount payments as 00001 with the order id (FAQ), and mapped codes as given', () => {
    const order = parseOrder({
      ...faq,
      payments: [
        { method: 'stored_value', amount: cny(6000), transactionId: 'sv-1' },
        { method: 'points', amount: cny(4000) },
        { method: 'wechat_pay', amount: cny(0) },
      ],
      platformOptions: { youshu: { paymentTypes: { stored_value: '00004' } } },
    })
    expect(toYoushuOrder(order).orders[0]?.payment_info).toEqual([
      { payment_type: '00004', trans_id: 'sv-1', trans_amount: 60 },
      { payment_type: '00001', trans_id: 'youshu-faq-1', trans_amount: 40 },
      { payment_type: '00001', trans_id: 'youshu-faq-1', trans_amount: 0 },
    ])
  })

  it('fails with the canonical path and the Youshu rule: openid, trade number, byte limits, payments', () => {
    const base = parseOrder(faq)
    expect(issues(() => toYoushuOrder({ ...base, buyer: {} }))).toEqual([
      {
        path: 'buyer.platformUserId',
        message: "is required: Youshu's user_info.open_id is mandatory when order_source is wxapp",
      },
    ])
    expect(
      issues(() =>
        toYoushuOrder({
          ...base,
          payments: [
            {
              method: 'wechat_pay',
              amount: cny(10000),
              transactionId: '42',
              merchantTradeNumber: 'T 1',
            },
          ],
        }),
      ),
    ).toEqual([
      {
        path: 'payments.0.merchantTradeNumber',
        message: "allows only letters, digits and _-* (Youshu's out_trade_number)",
      },
    ])
    // 34 Chinese characters are 102 bytes of UTF-8: over the 100-byte limit, although 34 < 100 characters.
    const longAddress = '广'.repeat(34)
    expect(
      issues(() => toYoushuOrder({ ...base, delivery: { address: { line1: longAddress } } })),
    ).toEqual([
      {
        path: 'delivery.address.line1',
        message: "is 102 bytes of UTF-8; Youshu's receiver_address takes at most 100 bytes",
      },
    ])
    expect(
      toYoushuOrder({ ...base, delivery: { address: { line1: '广'.repeat(33) } } }).orders[0]
        ?.express_info?.receiver_address,
    ).toHaveLength(33)
    const { payments: _payments, ...withoutPayments } = base
    expect(issues(() => toYoushuOrder(withoutPayments))).toEqual([
      {
        path: 'payments',
        message: 'are required: Youshu needs payment_info for order_status 1150',
      },
    ])
  })

  it('checks platformOptions.youshu at run time, naming its path', () => {
    const order = parseOrder({
      ...faq,
      platformOptions: {
        youshu: { orderType: 9 as never, paymentTypes: { stored_value: 'card' } },
      },
      lines: faq.lines.map((line, index) =>
        index === 1
          ? {
              ...line,
              platformOptions: { youshu: { commissionInfo: [{ type: 1, fee: 9.9 as never }] } },
            }
          : line,
      ),
    })
    expect(issues(() => toYoushuOrder(order))).toEqual([
      { path: 'platformOptions.youshu.orderType', message: 'Too big: expected number to be <=8' },
      {
        path: 'platformOptions.youshu.paymentTypes.stored_value',
        message: 'must be a five-digit payment_type code such as "00004"',
      },
      {
        path: 'lines.1.platformOptions.youshu.commissionInfo.0.fee',
        message:
          "must be money, { amount, currency } with amount an integer of minor units, not a number: parseMoney('19.90', 'CNY') makes { amount: 1990, currency: 'CNY' }",
      },
    ])
  })

  it('refuses an order in another currency than yuan', () => {
    const usd = parseOrder({
      ...faq,
      lines: faq.lines.map((line) => ({
        ...line,
        unitPrice: { amount: line.unitPrice.amount, currency: 'USD' },
      })),
      charges: {
        goodsSubtotal: { amount: 10000, currency: 'USD' },
        freight: { amount: 1000, currency: 'USD' },
        discounts: [{ level: 'order', amount: { amount: 1000, currency: 'USD' } }],
      },
      payableAmount: { amount: 10000, currency: 'USD' },
      paidAmount: { amount: 10000, currency: 'USD' },
      payments: [{ method: 'card', amount: { amount: 10000, currency: 'USD' } }],
    })
    expect(() => toYoushuOrder(usd)).toThrow(UnsupportedMappingError)
  })

  it('writes 13-digit millisecond strings for every time, in no host zone', () => {
    const order = parseOrder({
      ...faq,
      createdAt: '2024-05-20T10:00:00.123+08:00',
      statusChangedAt: '2024-05-20T10:00:05+08:00',
      delivery: {
        window: { start: '2024-05-21T09:00:00+08:00', end: '2024-05-21T12:00:00+08:00' },
        packages: [
          {
            carrierName: '顺丰',
            trackingNumber: 'SF1',
            shippedAt: '2024-05-20T18:00:00+08:00',
            lines: [{ lineId: 'goods-a', quantity: 2 }],
          },
        ],
      },
      platformOptions: { youshu: { userFirstOrderAt: '2023-01-01T00:00:00+08:00' } },
    })
    const [wire] = toYoushuOrder(order).orders
    expect(wire?.create_time).toBe('1716170400123')
    expect(wire?.status_change_time).toBe('1716170405000')
    expect(wire?.user_info.user_first_order_time).toBe('1672502400000')
    expect(wire?.express_info).toMatchObject({
      expected_delivery_date: '20240521',
      expected_delivery_time: '9:00-12:00',
      express_package_info: [
        {
          express_company_name: '顺丰',
          express_code: 'SF1',
          ship_time: '1716199200000',
          express_package_info: [{ external_sku_id: 'goods-a', number: 2 }],
        },
      ],
    })
  })

  it('reports a hidden order as is_deleted 1 and the detail page as target_url with the mini program', () => {
    const order = parseOrder({ ...faq, hidden: true, detailPageUrl: 'pages/order/detail?id=1' })
    const [wire] = toYoushuOrder(order, {
      miniProgram: { appId: 'wxc8f3e27b33ae9e8e', username: 'gh_abc' },
    }).orders
    expect(wire?.is_deleted).toBe(1)
    expect(wire?.user_info.app_id).toBe('wxc8f3e27b33ae9e8e')
    expect(wire?.target_url).toEqual({
      url_miniprogram: 'pages/order/detail?id=1',
      miniprogram_appid: 'wxc8f3e27b33ae9e8e',
      miniprogram_username: 'gh_abc',
    })
    const { warnings } = toYoushuOrder(order)
    expect(warnings.map((warning) => warning.path.join('.'))).toEqual(['detailPageUrl'])
  })

  it('omits optional fields instead of sending them empty', () => {
    const [wire] = toYoushuOrder(parseOrder(faq)).orders
    const text = JSON.stringify(wire)
    expect(text).not.toMatch(/:(null|""|\[\]|\{\})/)
  })
})

describe('toYoushuOrder: money and times at their limits, part payments, own properties', () => {
  const partlyPaid: OrderInput = {
    ...faq,
    paidAmount: cny(4000),
    payments: [
      {
        method: 'wechat_pay',
        amount: cny(4000),
        transactionId: '4200000000000000001',
        merchantTradeNumber: 'faq-trade-1',
      },
    ],
  }

  it('refuses a part-paid order by default, saying why and what to do', () => {
    let thrown: unknown
    try {
      toYoushuOrder(parseOrder(partlyPaid))
    } catch (error) {
      thrown = error
    }
    expect(UnsupportedMappingError.isInstance(thrown)).toBe(true)
    expect((thrown as UnsupportedMappingError).path).toEqual(['paidAmount'])
    expect((thrown as Error).message).toBe(
      "[ordersync] [youshu] paidAmount: is 40.00 CNY of payableAmount 100.00 CNY in order_status 1150, which Youshu counts as paid: its payment_amount is the amount paid and must also equal payable_amount − the payment discounts, with the goods' payment_amount (on which Youshu counts GMV) adding up to it, which a part payment cannot satisfy. Sync the order as awaiting payment until it is paid in full, or set partlyPaid: 'report_amounts_due' to report the amounts the order costs, with what was paid in payment_info",
    )
  })

  it("with partlyPaid: 'report_amounts_due', reports what the order costs, what was paid in payment_info, and warns", () => {
    const { orders, warnings } = toYoushuOrder(parseOrder(partlyPaid), {
      partlyPaid: 'report_amounts_due',
    })
    expect(orders[0]).toMatchObject({ payable_amount: 100, payment_amount: 100 })
    expect(orders[0]?.payment_info?.map((payment) => payment.trans_amount)).toEqual([40])
    expect(warnings).toEqual([
      {
        path: ['paidAmount'],
        code: 'partly_paid',
        message:
          "the order is partly paid (40.00 CNY of 100.00 CNY): payment_amount and the goods' payment_amount report what the order costs after discounts (100.00 CNY), not what was paid; payment_info carries the payments made",
      },
    ])
  })

  it('reports a deposit on an order awaiting payment (1110) with the amounts it costs, and warns', () => {
    const { orders, warnings } = toYoushuOrder(
      parseOrder({ ...partlyPaid, status: 'awaiting_payment' }),
    )
    expect(orders[0]).toMatchObject({
      order_status: '1110',
      payable_amount: 100,
      payment_amount: 100,
    })
    expect(orders[0]?.payment_info?.map((payment) => payment.trans_amount)).toEqual([40])
    expect(warnings.map((warning) => warning.code)).toEqual(['partly_paid'])
  })

  it('fails an amount a yuan number cannot carry exactly, naming the field and the limit', () => {
    const huge = 1_000_000_000_000_000 // 10¹⁵ fen: 16 significant digits
    const order = parseOrder({
      ...faq,
      lines: [{ id: 'l', skuId: 'l', name: 'l', quantity: 1, unitPrice: cny(huge) }],
      charges: { goodsSubtotal: cny(huge) },
      payableAmount: cny(huge),
      paidAmount: cny(huge),
      payments: [{ method: 'points', amount: cny(huge) }],
    })
    const limit =
      'is a yuan number, which carries at most 15 significant digits exactly (up to 9999999999999.99 CNY)'
    expect(issues(() => toYoushuOrder(order))).toEqual([
      {
        path: 'lines.0.unitPrice',
        message: `is 10000000000000.00 CNY; Youshu's goods_amount ${limit}`,
      },
      {
        path: 'lines.0',
        message: `is 10000000000000.00 CNY; Youshu's goods payment_amount ${limit}`,
      },
      {
        path: 'charges.goodsSubtotal',
        message: `is 10000000000000.00 CNY; Youshu's goods_amount_total ${limit}`,
      },
      {
        path: 'payableAmount',
        message: `is 10000000000000.00 CNY; Youshu's order_amount ${limit}`,
      },
      {
        path: 'payableAmount',
        message: `is 10000000000000.00 CNY; Youshu's payable_amount ${limit}`,
      },
      {
        path: 'payableAmount',
        message: `is 10000000000000.00 CNY; Youshu's payment_amount ${limit}`,
      },
      {
        path: 'payments.0.amount',
        message: `is 10000000000000.00 CNY; Youshu's trans_amount ${limit}`,
      },
    ])
    // 15 digits are carried exactly.
    const largest = 999_999_999_999_999
    const { orders } = toYoushuOrder(
      parseOrder({
        ...faq,
        lines: [{ id: 'l', skuId: 'l', name: 'l', quantity: 1, unitPrice: cny(largest) }],
        charges: { goodsSubtotal: cny(largest) },
        payableAmount: cny(largest),
        paidAmount: cny(largest),
        payments: [{ method: 'points', amount: cny(largest) }],
      }),
    )
    expect(JSON.stringify(orders[0]?.payment_amount)).toBe('9999999999999.99')
  })

  it('fails sums beyond the safe integer range as a ValidationError at the canonical paths, never an InvalidArgumentError', () => {
    const max = Number.MAX_SAFE_INTEGER
    // Goods and freight each as large as an amount may be, nearly all of it taken off by two
    // coupons: every amount is valid, but order_amount and the coupons' total are beyond 2⁵³.
    const order = parseOrder({
      ...faq,
      lines: [{ id: 'l', skuId: 'l', name: 'l', quantity: 1, unitPrice: cny(max) }],
      charges: {
        goodsSubtotal: cny(max),
        freight: cny(max),
        discounts: [
          { level: 'order', kind: 'coupon', name: 'a', amount: cny(max) },
          { level: 'order', kind: 'coupon', name: 'b', amount: cny(max - 1) },
        ],
      },
      payableAmount: cny(1),
      paidAmount: cny(1),
      payments: [{ method: 'points', amount: cny(1) }],
    })
    let thrown: unknown
    try {
      toYoushuOrder(order)
    } catch (error) {
      thrown = error
    }
    expect(ValidationError.isInstance(thrown)).toBe(true)
    const problems = (thrown as ValidationError).issues
    expect(problems.every((issue) => issue.code === 'youshu_amount_limit')).toBe(true)
    const limit =
      'is a yuan number, which carries at most 15 significant digits exactly (up to 9999999999999.99 CNY)'
    expect(problems.map((issue) => ({ path: issue.path, message: issue.message }))).toEqual([
      {
        path: ['lines', 0, 'unitPrice'],
        message: `is 90071992547409.91 CNY; Youshu's goods_amount ${limit}`,
      },
      {
        path: ['charges', 'discounts', 0, 'amount'],
        message: `is 90071992547409.91 CNY; Youshu's coupon_amount ${limit}`,
      },
      {
        path: ['charges', 'discounts', 1, 'amount'],
        message: `is 90071992547409.90 CNY; Youshu's coupon_amount ${limit}`,
      },
      {
        path: ['charges', 'discounts'],
        message: `is more than 90071992547409.91 CNY; Youshu's coupon_amount_total ${limit}`,
      },
      {
        path: ['charges', 'goodsSubtotal'],
        message: `is 90071992547409.91 CNY; Youshu's goods_amount_total ${limit}`,
      },
      {
        path: ['payableAmount'],
        message: `is more than 90071992547409.91 CNY; Youshu's order_amount ${limit}`,
      },
    ])
  })

  it('refuses an amount of the options in another currency than yuan, at its path', () => {
    const order = parseOrder({
      ...faq,
      lines: [
        {
          ...(faq.lines[0] as NonNullable<OrderInput['lines']>[number]),
          platformOptions: {
            youshu: { commissionInfo: [{ type: 2, fee: { amount: 500, currency: 'USD' } }] },
          },
        },
        faq.lines[1] as NonNullable<OrderInput['lines']>[number],
      ],
    })
    expect(issues(() => toYoushuOrder(order))).toEqual([
      {
        path: 'lines.0.platformOptions.youshu.commissionInfo.0.fee.currency',
        message: "is USD; Youshu's commission_fee is in yuan: give it in CNY, as the order is",
      },
    ])
  })

  it('refuses a raw order that contains itself with an InvalidArgumentError, never walking it forever', () => {
    const raw = structuredClone({
      ...faq,
      createdAt: Date.parse('2024-05-20T10:00:00+08:00'),
      modifiedAt: Date.parse('2024-05-20T10:01:30+08:00'),
    })
    Object.assign(raw.lines[0] ?? {}, { order: raw })
    let thrown: unknown
    try {
      toYoushuOrder(raw as never)
    } catch (error) {
      thrown = error
    }
    expect(InvalidArgumentError.isInstance(thrown)).toBe(true)
    expect(thrown).toMatchObject({ platform: 'youshu', argument: 'order' })
    expect((thrown as Error).message).toBe(
      '[ordersync] [youshu] invalid order: contains itself (a cycle) at lines.0.order: an order must be plain data (copy the fields you need into a new object)',
    )
    // An order as it was given, times as text, is refused saying what to call.
    expect(() => toYoushuOrder(faq as never)).toThrow(
      'is not a parsed order (its createdAt is a string, not an instant): call parseOrder(order) first',
    )
  })

  it('fails a time outside Youshu’s 13-digit milliseconds with its canonical path', () => {
    const order = parseOrder({
      ...faq,
      createdAt: '1999-12-31T16:00:00Z',
      platformOptions: { youshu: { userFirstOrderAt: '1990-01-01T00:00:00Z' } },
    })
    expect(issues(() => toYoushuOrder(order))).toEqual([
      {
        path: 'platformOptions.youshu.userFirstOrderAt',
        message:
          "is 1990-01-01T00:00:00.000Z; Youshu's user_first_order_time is a 13-digit Unix time in milliseconds, so it takes instants from 2001-09-09T01:46:40.000Z to 2286-11-20T17:46:39.999Z",
      },
      {
        path: 'createdAt',
        message:
          "is 1999-12-31T16:00:00.000Z; Youshu's create_time is a 13-digit Unix time in milliseconds, so it takes instants from 2001-09-09T01:46:40.000Z to 2286-11-20T17:46:39.999Z",
      },
    ])
  })

  it('looks payment methods up among own properties only: "constructor" is no payment type', () => {
    const order = parseOrder({
      ...faq,
      payments: [{ method: 'constructor', amount: cny(10000), transactionId: 't-1' }],
      platformOptions: { youshu: { paymentTypes: { stored_value: '00004' } } },
    })
    expect(toYoushuOrder(order).orders[0]?.payment_info).toEqual([
      { payment_type: '00001', trans_id: 'youshu-faq-1', trans_amount: 100 },
    ])
  })

  it('cuts a huge order id in messages', () => {
    const id = 'x'.repeat(1_000_000)
    let thrown: unknown
    try {
      toYoushuOrder(parseOrder({ ...faq, id, buyer: {} }))
    } catch (error) {
      thrown = error
    }
    expect((thrown as Error).message.length).toBeLessThan(400)
    expect((thrown as Error).message).toContain(`"${'x'.repeat(60)}"… (1000000 characters)`)
  })
})
