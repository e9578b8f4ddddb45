import { parseOrder } from '@ordersync/core'
import { describe, expect, it } from 'vitest'
import { checkYoushuOrderConsistency } from './check-youshu-order-consistency.ts'
import { toYoushuOrder } from './convert-to-youshu-order.ts'
import { youshuDocumentRequest } from './test/youshu-document-request.ts'
import { youshuFaqOrder } from './youshu-document-order.ts'
import { youshuAddOrderRequestSchema, youshuOrderSchema } from './youshu-order-schema.ts'

const [example] = youshuDocumentRequest.orders
const problems = (value: unknown) => {
  const result = youshuOrderSchema.safeParse(value)
  return result.success
    ? []
    : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`)
}

describe('the add_order request schema', () => {
  it('accepts the document’s raw example, commission_info as an array and express_page as an object', () => {
    expect(problems(example)).toEqual([])
    expect(Array.isArray(example.goods_info[0].commission_info)).toBe(true)
    expect(typeof example.express_info.express_package_info[0].express_page).toBe('object')
    // The "json字符串" reading of the table is refused: the example is followed.
    expect(
      problems({
        ...example,
        goods_info: [{ ...example.goods_info[0], commission_info: '[{"commission_type":1}]' }],
      }),
    ).toEqual(['goods_info.0.commission_info: Invalid input: expected array, received string'])
  })

  it.each([
    ['order_source', { order_source: 'miniapp' }],
    ['order_status', { order_status: '1170' }],
    ['order_type', { order_type: 9 }],
    ['is_deleted', { is_deleted: 2 }],
    ['create_time in seconds', { create_time: '1572395131' }],
    ['three decimals of yuan', { payment_amount: 560.001 }],
    ['a negative amount', { freight_amount: -1 }],
    ['invoice_type', { invoice_info: [{ invoice_type: '1007' }] }],
    ['coupon_type', { coupon_info: [{ coupon_type: 3, coupon_amount_total: 1 }] }],
    [
      'coupon_sub_type',
      { coupon_info: [{ coupon_type: 1, coupon_sub_type: 8, coupon_amount_total: 1 }] },
    ],
    ['promotion_type', { promotion_info: [{ promotion_type: 3 }] }],
    ['an unknown field', { receiver: 'x' }],
    [
      'out_trade_number characters',
      {
        payment_info: [
          { payment_type: '00009', trans_id: '1', trans_amount: 1, out_trade_number: 'T 1' },
        ],
      },
    ],
    ['expected_delivery_date', { express_info: { expected_delivery_date: '2019-05-01' } }],
    [
      'a 101-byte goods target url',
      {
        goods_info: [
          { ...example.goods_info[0], target_url: { url_miniprogram: 'p'.repeat(101) } },
        ],
      },
    ],
    ['a 65-byte province name', { express_info: { receiver_province_name: '省'.repeat(22) } }],
    [
      'a plain phone in sha256_user_phone',
      { user_info: { ...example.user_info, sha256_user_phone: '13800138000' } },
    ],
  ])('refuses %s', (_name, change) => {
    expect(problems({ ...example, ...change })).not.toEqual([])
  })

  it('requires open_id for wxapp and payment_info for every status but 1110', () => {
    expect(problems({ ...example, user_info: {} })).toEqual([
      'user_info.open_id: is required when order_source is wxapp',
    ])
    expect(problems({ ...example, user_info: {}, order_source: 'app' })).toEqual([])
    const { payment_info: _payments, ...withoutPayments } = example
    expect(problems(withoutPayments)).toEqual([
      'payment_info: is required for order_status 1150 (optional only for 1110)',
    ])
    expect(problems({ ...withoutPayments, order_status: '1110' })).toEqual([])
  })

  it('takes 1 to 50 orders per request', () => {
    expect(
      youshuAddOrderRequestSchema.safeParse({ dataSourceId: '1', orders: Array(50).fill(example) })
        .success,
    ).toBe(true)
    expect(
      youshuAddOrderRequestSchema.safeParse({ dataSourceId: '1', orders: Array(51).fill(example) })
        .success,
    ).toBe(false)
    expect(youshuAddOrderRequestSchema.safeParse({ dataSourceId: '1', orders: [] }).success).toBe(
      false,
    )
  })
})

describe('checkYoushuOrderConsistency', () => {
  it('finds every broken identity of the document’s example, and none in what the canonical path builds', () => {
    expect(
      checkYoushuOrderConsistency(example, 0).map((warning) => warning.path.join('.')),
    ).toEqual(['orders.0.goods_info', 'orders.0.payment_info.0.out_trade_number'])
    const built = toYoushuOrder(parseOrder({ ...youshuFaqOrder, buyer: { platformUserId: 'o' } }))
      .orders[0]
    expect(built === undefined ? ['missing'] : checkYoushuOrderConsistency(built, 0)).toEqual([])
    expect(
      checkYoushuOrderConsistency(
        {
          ...example,
          order_amount: 1,
          goods_num_total: 2,
          coupon_info: [
            { coupon_type: 1, coupon_amount_total: 5, coupon_detail: [{ coupon_amount: 1 }] },
          ],
        },
        3,
      ).map((warning) => warning.message),
    ).toEqual([
      'is 1.00 but goods_amount_total 562.00 + freight_amount 10.00 = 572.00',
      'is 560.00, more than order_amount 1.00',
      'payment_amount of the goods add up to 195.00 but payment_amount − freight_amount = 550.00',
      "is 2 but the goods' goods_num add up to 3",
      'is 5.00 but its coupon_detail add up to 1.00',
      'is required when payment_type is 00009 (WeChat Pay), by the field table; the document’s own example omits it',
    ])
  })
})
