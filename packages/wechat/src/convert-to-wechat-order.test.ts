import {
  InvalidArgumentError,
  type OrderInput,
  parseOrder,
  syncOrders,
  UnsupportedMappingError,
  ValidationError,
} from '@ordersync/core'
import { describe, expect, it } from 'vitest'
import { checkWechatOrderConsistency } from './check-wechat-order-consistency.ts'
import { toWechatOrder } from './convert-to-wechat-order.ts'
import { client, documentOrder, fakeWechat, shipped } from './test/fake-wechat.ts'
import { wechatDocumentRequest } from './test/wechat-document-request.ts'
import { wechatDocumentOrder } from './wechat-document-order.ts'

const cny = (amount: number) => ({ amount, currency: 'CNY' }) as const

const convert = (input: OrderInput) => toWechatOrder(parseOrder(input))
const issuesOf = (run: () => unknown) => {
  try {
    run()
  } catch (error) {
    if (ValidationError.isInstance(error)) return error.issues.map((issue) => issue.path.join('.'))
    throw error
  }
  throw new Error('no ValidationError')
}

describe('toWechatOrder on the document’s example', () => {
  it('sends the page’s Example I with real_price corrected to 90 and the placeholders replaced', () => {
    const { add, steps, status, warnings } = convert(documentOrder)
    // What differs from the page's example, and why:
    // - real_price 100 → 90: the page's own definition ("扣除优惠后单件sku的分摊价格") puts the
    //   100 fen discount in it; 10 × 90 + freight 500 + additional 200 = order_price 1600, the
    //   check a developer saw WeChat apply to this very example;
    // - tel_number: the page has the placeholder "收货人手机号码"; the fixture a sample number;
    // - country, province, city, town: the page has placeholders ("国家,选填" …) for optional
    //   fields; the canonical order has none, so they are omitted, never sent empty.
    const { country, province, city, town, ...address } = wechatDocumentRequest.address_info ?? {
      receiver_name: '',
      detailed_address: '',
      tel_number: '',
    }
    expect([country, province, city, town]).toEqual([
      '国家,选填',
      '省份,选填',
      '城市,选填',
      '乡镇,选填',
    ])
    expect(add).toEqual({
      ...wechatDocumentRequest,
      order_detail: {
        ...wechatDocumentRequest.order_detail,
        product_infos: [{ ...wechatDocumentRequest.order_detail.product_infos[0], real_price: 90 }],
      },
      address_info: { ...address, tel_number: '13800138000' },
    })
    expect(checkWechatOrderConsistency(add)).toEqual([])
    expect(status).toBe(10)
    expect(steps).toEqual([])
    expect(warnings).toEqual([])
  })

  it('writes exactly these bytes', () => {
    const bytes = JSON.stringify(convert(documentOrder).add)
    // The body as a reviewer reads it, then the exact bytes sent.
    expect(JSON.parse(bytes)).toMatchInlineSnapshot(`
      {
        "address_info": {
          "detailed_address": "详细收货地址信息",
          "receiver_name": "张三",
          "tel_number": "13800138000",
        },
        "create_time": "2020-03-25 13:05:25",
        "delivery_detail": {
          "delivery_type": 1,
        },
        "openid": "oTVP50O53a7jgmawAmxKukNlq3XI",
        "order_detail": {
          "pay_info": {
            "pay_method_type": 0,
            "prepay_id": "42526234625",
            "prepay_time": "2020-03-25 14:04:25",
          },
          "price_info": {
            "additional_price": 200,
            "additional_remarks": "税费",
            "discounted_price": 100,
            "freight": 500,
            "order_price": 1600,
          },
          "product_infos": [
            {
              "head_img": "http://img10.360buyimg.com/n1/s450x450_jfs/t1/85865/39/13611/488083/5e590a40E4bdf69c0/55c9bf645ea2b727.jpg",
              "out_product_id": "12345",
              "out_sku_id": "23456",
              "path": "pages/productDetail/productDetail?productId=2176180",
              "product_cnt": 10,
              "real_price": 90,
              "sale_price": 100,
              "title": "洗洁精",
            },
          ],
        },
        "out_order_id": "xxxxx",
        "out_user_id": "323232323",
        "path": "/pages/order.html?out_order_id=xxxxx",
        "scene": 1177,
      }
    `)
    expect(bytes).toMatchInlineSnapshot(
      `"{"create_time":"2020-03-25 13:05:25","out_order_id":"xxxxx","openid":"oTVP50O53a7jgmawAmxKukNlq3XI","path":"/pages/order.html?out_order_id=xxxxx","scene":1177,"out_user_id":"323232323","order_detail":{"product_infos":[{"out_product_id":"12345","out_sku_id":"23456","product_cnt":10,"sale_price":100,"real_price":90,"path":"pages/productDetail/productDetail?productId=2176180","title":"洗洁精","head_img":"http://img10.360buyimg.com/n1/s450x450_jfs/t1/85865/39/13611/488083/5e590a40E4bdf69c0/55c9bf645ea2b727.jpg"}],"pay_info":{"pay_method_type":0,"prepay_id":"42526234625","prepay_time":"2020-03-25 14:04:25"},"price_info":{"order_price":1600,"freight":500,"discounted_price":100,"additional_price":200,"additional_remarks":"税费"}},"delivery_detail":{"delivery_type":1},"address_info":{"receiver_name":"张三","detailed_address":"详细收货地址信息","tel_number":"13800138000"}}"`,
    )
  })

  it('reports the receiver’s phone as sensitive, so that the transport redacts it', () => {
    expect(convert(documentOrder).sensitive).toEqual(['13800138000'])
  })

  it('writes times as Beijing wall clocks from instants in any offset', () => {
    const { add } = convert({
      ...documentOrder,
      createdAt: '2020-03-25T05:05:25Z',
      platformOptions: {
        wechat: { scene: 1177, prepayId: '42526234625', prepayAt: '2020-03-24T23:04:25-07:00' },
      },
    })
    expect([add.create_time, add.order_detail.pay_info.prepay_time]).toEqual([
      '2020-03-25 13:05:25',
      '2020-03-25 14:04:25',
    ])
  })
})

describe('toWechatOrder: the calls after add', () => {
  it('a shipped order: pay (10 → 20), then delivery/send (20 → 30)', () => {
    const { steps, status } = convert(shipped)
    expect(status).toBe(30)
    expect(steps).toMatchInlineSnapshot(`
      [
        {
          "endpoint": "/shop/order/pay",
          "from": 10,
          "request": {
            "action_type": 1,
            "openid": "oTVP50O53a7jgmawAmxKukNlq3XI",
            "out_order_id": "xxxxx",
            "pay_time": "2020-03-25 14:10:00",
            "transaction_id": "4200000512202003251234567890",
          },
          "to": 20,
        },
        {
          "endpoint": "/shop/delivery/send",
          "from": 20,
          "request": {
            "delivery_list": [
              {
                "delivery_id": "SF",
                "waybill_id": "SF1234567890",
              },
            ],
            "finish_all_delivery": 1,
            "openid": "oTVP50O53a7jgmawAmxKukNlq3XI",
            "out_order_id": "xxxxx",
            "ship_done_time": "2020-03-26 09:30:00",
          },
          "to": 30,
        },
      ]
    `)
  })

  it('a completed order adds delivery/recieve (30 → 100)', () => {
    const { steps, status } = convert({ ...shipped, status: 'completed' })
    expect(status).toBe(100)
    expect(steps.map((step) => [step.endpoint, step.from, step.to])).toEqual([
      ['/shop/order/pay', 10, 20],
      ['/shop/delivery/send', 20, 30],
      ['/shop/delivery/recieve', 30, 100],
    ])
  })

  it('a cancelled unpaid order: pay with action_type 10 and a remark (10 → 250), or the option’s action', () => {
    expect(convert({ ...documentOrder, status: 'cancelled_before_payment' }).steps).toEqual([
      {
        endpoint: '/shop/order/pay',
        from: 10,
        to: 250,
        request: {
          out_order_id: 'xxxxx',
          openid: 'oTVP50O53a7jgmawAmxKukNlq3XI',
          action_type: 10,
          action_remark: '订单已取消',
        },
      },
    ])
    const byUser = convert({
      ...documentOrder,
      status: 'cancelled_before_payment',
      platformOptions: {
        wechat: {
          scene: 1177,
          prepayId: '42526234625',
          prepayAt: '2020-03-25T14:04:25+08:00',
          cancelActionType: 3,
        },
      },
    })
    expect(byUser.steps[0]?.request).toEqual({
      out_order_id: 'xxxxx',
      openid: 'oTVP50O53a7jgmawAmxKukNlq3XI',
      action_type: 3,
    })
  })

  it('derives pay_time and ship_done_time from the status change when payments and packages have no time, with warnings', () => {
    const { steps, warnings } = convert({
      ...shipped,
      statusChangedAt: '2020-03-26T01:00:00Z',
      payments: [{ method: 'wechat_pay', amount: cny(1600), transactionId: '42000005' }],
      delivery: {
        ...shipped.delivery,
        packages: [{ carrierCode: 'SF', trackingNumber: 'SF1234567890' }],
      },
    })
    expect(
      steps.map((step) => ('pay_time' in step.request ? step.request.pay_time : undefined)),
    ).toEqual(['2020-03-26 09:00:00', undefined])
    expect(steps[1]?.request).toMatchObject({ ship_done_time: '2020-03-26 09:00:00' })
    expect(warnings.map((warning) => [warning.path.join('.'), warning.code])).toEqual([
      ['payments', 'value_derived'],
      ['delivery.packages', 'value_derived'],
    ])
  })

  it('requires the WeChat Pay transaction id of a paid order and the carrier and waybill of a parcel', () => {
    expect(
      issuesOf(() =>
        convert({
          ...shipped,
          payments: [{ method: 'wechat_pay', amount: cny(1600) }],
          delivery: { ...shipped.delivery, packages: [{ shippedAt: '2020-03-26T09:30:00+08:00' }] },
        }),
      ),
    ).toEqual([
      'payments.0.transactionId',
      'delivery.packages.0.carrierCode',
      'delivery.packages.0.trackingNumber',
    ])
    expect(issuesOf(() => convert({ ...shipped, delivery: wechatDocumentOrder.delivery }))).toEqual(
      ['delivery.packages'],
    )
  })
})

describe('toWechatOrder: an order paid in part (a deposit)', () => {
  // shop/order/pay has no amount field, and its action_type 1 moves the order to 20 (待发货,
  // "已付款/用户已付尾款"): before, a deposit of 600 fen on 1600 was reported paid in full, silently.
  const deposit = (status: OrderInput['status']): OrderInput => ({
    ...shipped,
    status,
    paidAmount: cny(600),
    payments: [
      {
        ...(shipped.payments?.[0] as NonNullable<OrderInput['payments']>[number]),
        amount: cny(600),
      },
    ],
  })

  it.each(['paid', 'shipped', 'completed'] as const)(
    'refuses a part-paid %s order at paidAmount: WeChat would show it paid in full',
    (status) => {
      let thrown: unknown
      try {
        convert(deposit(status))
      } catch (error) {
        thrown = error
      }
      expect(ValidationError.isInstance(thrown)).toBe(true)
      expect((thrown as ValidationError).issues).toEqual([
        {
          path: ['paidAmount'],
          code: 'partly_paid',
          message:
            'is 600 fen, less than payableAmount 1600 fen (a part payment): shop/order/pay has no amount field, and its action_type 1 moves the order to 20 (待发货: paid, or the balance paid) on its whole order_price — sync the order as awaiting_payment until the balance is paid',
        },
      ])
    },
  )

  it('reports a part-paid order awaiting payment as 10 on its whole order_price, with a partly_paid warning', () => {
    const { add, steps, status, warnings } = convert(deposit('awaiting_payment'))
    expect([status, steps, add.order_detail.price_info.order_price]).toEqual([10, [], 1600])
    expect(warnings).toEqual([
      {
        path: ['paidAmount'],
        code: 'partly_paid',
        message:
          'is 600 fen of the 1600 fen payable: WeChat has no field for a part payment, so the order is reported awaiting payment (10 待付款) on its whole order_price until it is paid in full',
      },
    ])
  })

  it('sends pay as before for an order paid in full, without a warning', () => {
    const { steps, warnings } = convert({ ...shipped, status: 'paid' })
    expect(steps.map((step) => [step.endpoint, step.request])).toEqual([
      [
        '/shop/order/pay',
        {
          out_order_id: 'xxxxx',
          openid: 'oTVP50O53a7jgmawAmxKukNlq3XI',
          action_type: 1,
          transaction_id: '4200000512202003251234567890',
          pay_time: '2020-03-25 14:10:00',
        },
      ],
    ])
    expect(warnings).toEqual([])
  })

  it('fails the sync of a part-paid paid order before anything is sent', async () => {
    const fake = fakeWechat()
    const report = await syncOrders({ platform: client(fake), orders: [deposit('paid')] })
    const result = report.results[0]
    expect(result?.status === 'failed' && [result.delivery, result.error.name]).toEqual([
      'not_sent',
      'ValidationError',
    ])
    expect(fake.sent).toEqual([])
  })
})

describe('toWechatOrder: an order that contains itself', () => {
  it('refuses a raw cyclic order with a typed error, never exhausting the stack or the heap', () => {
    const raw: Record<string, unknown> = { ...documentOrder }
    raw.self = raw
    expect(() => toWechatOrder(raw as never)).toThrow(
      '[ordersync] [wechat] invalid order: is not a parsed order (its createdAt is a string, not an instant): call parseOrder(order) first, which validates it and turns its times into instants',
    )
    let thrown: unknown
    try {
      toWechatOrder(raw as never)
    } catch (error) {
      thrown = error
    }
    expect(InvalidArgumentError.isInstance(thrown)).toBe(true)
  })

  it('refuses a parsed order made cyclic, at its top or deep in a line', () => {
    const parsed = parseOrder(documentOrder)
    const top: Record<string, unknown> = { ...parsed }
    top.self = top
    expect(() => toWechatOrder(top as never)).toThrow(InvalidArgumentError)
    expect(() => toWechatOrder(top as never)).toThrow('contains itself (a cycle) at self')
    const line: Record<string, unknown> = { ...parsed.lines[0] }
    const deep = { ...parsed, lines: [line] }
    line.order = deep
    expect(() => toWechatOrder(deep as never)).toThrow(InvalidArgumentError)
    expect(() => toWechatOrder(deep as never)).toThrow('contains itself (a cycle)')
  })
})

describe('toWechatOrder: money', () => {
  it('splits a line whose discounted total does not divide by its quantity, to the fen', () => {
    const { add, warnings } = convert({
      ...documentOrder,
      charges: { ...documentOrder.charges, discounts: [{ level: 'order', amount: cny(95) }] },
      payableAmount: cny(1605),
    })
    // 1000 − 95 = 905 fen over 10 units: 5 at 91 and 5 at 90.
    expect(
      add.order_detail.product_infos.map((item) => [
        item.out_sku_id,
        item.product_cnt,
        item.real_price,
      ]),
    ).toEqual([
      ['23456', 5, 91],
      ['23456', 5, 90],
    ])
    expect(add.order_detail.price_info).toEqual({
      order_price: 1605,
      freight: 500,
      discounted_price: 95,
      additional_price: 200,
      additional_remarks: '税费',
    })
    expect(checkWechatOrderConsistency(add)).toEqual([])
    expect(warnings).toEqual([
      {
        path: ['lines', 0],
        code: 'line_split',
        message:
          'its share after discounts, 905 fen, does not divide by its quantity 10, and no other line can take the difference: sent as 5 × 91 fen and 5 × 90 fen (two product_infos of the same SKU, which WeChat lists as two entries)',
      },
    ])
  })

  it('keeps one product_infos entry per SKU where another line can take the odd fen', () => {
    // The page's product (10 × 100) and a second one (1 × 200); the 95 fen order discount, spread
    // in proportion, leaves the page's line 921 fen over 10 units (before: split, 1 × 93 + 9 × 92).
    const second = {
      id: '23457',
      skuId: '23457',
      productId: '12346',
      name: '洗衣液',
      quantity: 1,
      unitPrice: cny(200),
      imageUrls: ['https://img.example.com/23457.jpg'],
      url: 'pages/productDetail/productDetail?productId=2176181',
    }
    const { add, warnings } = convert({
      ...documentOrder,
      lines: [...documentOrder.lines, second],
      charges: {
        ...documentOrder.charges,
        goodsSubtotal: cny(1200),
        discounts: [{ level: 'order', amount: cny(95) }],
      },
      payableAmount: cny(1805),
    })
    expect(
      add.order_detail.product_infos.map((item) => [
        item.out_sku_id,
        item.product_cnt,
        item.sale_price,
        item.real_price,
      ]),
    ).toEqual([
      ['23456', 10, 100, 92],
      ['23457', 1, 200, 185],
    ])
    // Σ(real_price × product_cnt) + freight + additional_price = 920 + 185 + 500 + 200 = 1805.
    expect(checkWechatOrderConsistency(add)).toEqual([])
    expect(warnings.filter((warning) => warning.code !== 'field_dropped')).toEqual([
      {
        path: ['charges', 'discounts'],
        code: 'discount_reapportioned',
        message:
          'apportioned to the lines otherwise than in proportion (line 0 921 → 920 fen, line 1 184 → 185 fen), so that every line has a whole-fen real_price and one product_infos entry; the totals are unchanged',
      },
    ])
  })

  it('takes a discount larger than the goods off the freight, so both price rules hold', () => {
    const { add, warnings } = convert({
      ...documentOrder,
      charges: { ...documentOrder.charges, discounts: [{ level: 'order', amount: cny(1200) }] },
      payableAmount: cny(500),
    })
    expect(add.order_detail.price_info).toEqual({
      order_price: 500,
      freight: 300,
      discounted_price: 1000,
      additional_price: 200,
      additional_remarks: '税费',
    })
    expect(add.order_detail.product_infos[0]?.real_price).toBe(0)
    expect(checkWechatOrderConsistency(add)).toEqual([])
    expect(warnings.map((warning) => warning.code)).toEqual(['value_folded'])
  })

  it('omits discounted_price and the additional fields when there are none', () => {
    const { add } = convert({
      ...documentOrder,
      charges: { goodsSubtotal: cny(1000), freight: cny(500) },
      payableAmount: cny(1500),
    })
    expect(add.order_detail.price_info).toEqual({ order_price: 1500, freight: 500 })
  })

  it('refuses an order that is not in CNY', () => {
    const usd = (amount: number) => ({ amount, currency: 'USD' }) as const
    expect(() =>
      convert({
        ...documentOrder,
        lines: [
          { ...(documentOrder.lines[0] as OrderInput['lines'][number]), unitPrice: usd(100) },
        ],
        charges: {
          goodsSubtotal: usd(1000),
          freight: usd(500),
          fees: [{ name: '税费', amount: usd(200) }],
          discounts: [{ level: 'order', amount: usd(100) }],
        },
        payableAmount: usd(1600),
        paidAmount: usd(0),
      }),
    ).toThrow(UnsupportedMappingError)
  })
})

describe('toWechatOrder: delivery and payment types', () => {
  it.each([
    ['shipping', 1],
    ['virtual', 2],
    ['delivery', 3],
    ['pickup', 4],
    ['dine_in', 2],
  ] as const)('order type %s is delivery_type %i', (type, deliveryType) => {
    const { add } = convert({ ...documentOrder, type })
    expect(add.delivery_detail.delivery_type).toBe(deliveryType)
    expect(add.address_info === undefined).toBe(deliveryType === 2)
  })

  it('sends the pick-up store as address_info for delivery_type 4 when the order has no address', () => {
    const { add, warnings } = convert({
      ...documentOrder,
      type: 'pickup',
      delivery: undefined,
      merchant: {
        store: {
          id: 's-1',
          name: '科技园店',
          phone: '075512345678',
          address: { province: '广东省', city: '深圳市', district: '南山区', line1: '科苑路 1 号' },
        },
      },
    })
    expect(add.address_info).toEqual({
      receiver_name: '科技园店',
      detailed_address: '南山区 科苑路 1 号',
      tel_number: '075512345678',
      province: '广东省',
      city: '深圳市',
    })
    expect(warnings.map((warning) => warning.path.join('.'))).toEqual(['merchant.store.id'])
    expect(
      issuesOf(() =>
        convert({
          ...documentOrder,
          type: 'pickup',
          delivery: undefined,
          merchant: { store: { id: 's-1', address: { city: '深圳市' } } },
        }),
      ),
    ).toEqual(['merchant.store.name', 'merchant.store.phone', 'merchant.store.address.line1'])
  })

  it.each([
    [{ cashOnDelivery: true }, 1],
    [{ payments: [{ method: 'stored_value', amount: cny(0) }] }, 2],
  ] as const)('derives pay_method_type from the payments: %j is %i', (extra, type) => {
    const { add } = convert({ ...documentOrder, ...extra })
    expect(add.order_detail.pay_info.pay_method_type).toBe(type)
  })

  it('names every canonical field WeChat requires and the order lacks', () => {
    expect(
      issuesOf(() =>
        convert({
          ...wechatDocumentOrder,
          buyer: {},
          detailPageUrl: undefined,
          lines: [
            {
              ...(wechatDocumentOrder.lines[0] as OrderInput['lines'][number]),
              imageUrls: undefined,
              url: undefined,
            },
          ],
          delivery: { address: { line1: '详细收货地址信息' } },
        }),
      ),
    ).toEqual([
      'buyer.platformUserId',
      'detailPageUrl',
      'platformOptions.wechat.scene',
      'lines.0.imageUrls',
      'lines.0.url',
      'platformOptions.wechat.prepayId',
      'platformOptions.wechat.prepayAt',
      'delivery.address.name',
      'delivery.address.phone',
    ])
  })

  it('refuses a payment method WeChat has no pay_method_type for, and checks platformOptions.wechat', () => {
    expect(
      issuesOf(() =>
        convert({ ...documentOrder, payments: [{ method: 'alipay', amount: cny(0) }] }),
      ),
    ).toEqual(['payments.0.method'])
    expect(
      issuesOf(() =>
        convert({
          ...documentOrder,
          platformOptions: { wechat: { scene: 1177, deliveryType: 5 as never } },
        }),
      ),
    ).toEqual(['platformOptions.wechat.deliveryType'])
  })

  it('warns about every canonical field it cannot carry', () => {
    const { warnings } = convert({
      ...documentOrder,
      buyer: { ...documentOrder.buyer, phone: '13900139000', email: 'buyer@example.com' },
      hidden: true,
    })
    expect(warnings.map((warning) => warning.path.join('.'))).toEqual([
      'hidden',
      'buyer.phone',
      'buyer.email',
    ])
  })
})
