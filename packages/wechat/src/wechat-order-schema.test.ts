import { describe, expect, it } from 'vitest'
import { checkWechatOrderConsistency } from './check-wechat-order-consistency.ts'
import { wechatDocumentRequest } from './test/wechat-document-request.ts'
import {
  type WechatAddOrderRequest,
  wechatAddOrderRequestSchema,
  wechatDeliveryTypes,
  wechatOrderReferenceSchema,
  wechatPayMethodTypes,
  wechatPayOrderRequestSchema,
  wechatSendDeliveryRequestSchema,
} from './wechat-order-schema.ts'

const request = wechatDocumentRequest
const issues = (value: unknown) => {
  const result = wechatAddOrderRequestSchema.safeParse(value)
  return result.success ? [] : result.error.issues.map((issue) => issue.path.join('.'))
}
const withPay = (payInfo: object): unknown => ({
  ...request,
  order_detail: { ...request.order_detail, pay_info: payInfo },
})

describe('wechatAddOrderRequestSchema', () => {
  it('accepts the page’s Example I as it is', () => {
    expect(issues(request)).toEqual([])
  })

  it('requires every field the page marks required', () => {
    const { create_time, out_order_id, openid, path, scene, out_user_id, ...rest } = request
    expect(issues(rest)).toEqual(['create_time', 'out_order_id', 'openid', 'path', 'scene'])
    expect(issues({ ...rest, create_time, out_order_id, openid, path, scene })).toEqual([])
    const { head_img, title, ...item } = request.order_detail.product_infos[0] as NonNullable<
      WechatAddOrderRequest['order_detail']['product_infos'][number]
    >
    expect(
      issues({ ...request, order_detail: { ...request.order_detail, product_infos: [item] } }),
    ).toEqual(['order_detail.product_infos.0.title', 'order_detail.product_infos.0.head_img'])
  })

  it('takes pay_method_type 0, 1, 2 and delivery_type 1–4 only', () => {
    for (const type of wechatPayMethodTypes)
      expect(
        issues(
          withPay({ pay_method_type: type, prepay_id: 'p', prepay_time: '2020-03-25 14:04:25' }),
        ),
      ).toEqual([])
    expect(issues(withPay({ pay_method_type: 3 }))).toEqual([
      'order_detail.pay_info.pay_method_type',
    ])
    for (const type of wechatDeliveryTypes)
      expect(issues({ ...request, delivery_detail: { delivery_type: type } })).toEqual([])
    for (const type of [0, 5])
      expect(issues({ ...request, delivery_detail: { delivery_type: type } })).toEqual([
        'delivery_detail.delivery_type',
      ])
  })

  it('requires prepay_id and prepay_time for WeChat Pay (0) only', () => {
    expect(issues(withPay({ pay_method_type: 0 }))).toEqual([
      'order_detail.pay_info.prepay_id',
      'order_detail.pay_info.prepay_time',
    ])
    expect(issues(withPay({ pay_method_type: 1 }))).toEqual([])
  })

  it('takes money as integer fen and times as yyyy-MM-dd HH:mm:ss', () => {
    const price = (priceInfo: object) =>
      issues({ ...request, order_detail: { ...request.order_detail, price_info: priceInfo } })
    expect(price({ order_price: 16.0, freight: 5 })).toEqual([])
    expect(price({ order_price: 16.5, freight: -1 })).toEqual([
      'order_detail.price_info.order_price',
      'order_detail.price_info.freight',
    ])
    for (const time of [
      '2020-03-25T13:05:25',
      '2020-03-25 13:05',
      '2020-13-25 13:05:25',
      '1585112725',
    ])
      expect(issues({ ...request, create_time: time })).toEqual(['create_time'])
  })

  it('refuses unknown keys, empty strings and an empty product list', () => {
    expect(issues({ ...request, status: 10 })).toEqual([''])
    expect(issues({ ...request, openid: '' })).toEqual(['openid'])
    // …but out_sku_id, which the page allows empty for a product without SKUs.
    const [item] = request.order_detail.product_infos
    expect(
      issues({
        ...request,
        order_detail: { ...request.order_detail, product_infos: [{ ...item, out_sku_id: '' }] },
      }),
    ).toEqual([])
    expect(
      issues({ ...request, order_detail: { ...request.order_detail, product_infos: [] } }),
    ).toEqual(['order_detail.product_infos'])
  })
})

describe('checkWechatOrderConsistency', () => {
  it('finds the break a developer reported in the page’s own example: real_price without the discount', () => {
    expect(checkWechatOrderConsistency(request)).toEqual([
      {
        path: ['order_detail', 'product_infos'],
        code: 'sum_mismatch',
        message:
          "Σ(real_price × product_cnt) + freight + additional_price is 1700 but order_price is 1600: real_price must carry each unit's share of discounted_price",
      },
    ])
  })

  it('checks order_price against the price parts and real_price against sale_price', () => {
    const broken: WechatAddOrderRequest = {
      ...request,
      order_detail: {
        ...request.order_detail,
        product_infos: [
          {
            ...(request.order_detail
              .product_infos[0] as WechatAddOrderRequest['order_detail']['product_infos'][number]),
            real_price: 150,
          },
        ],
        price_info: { ...request.order_detail.price_info, order_price: 1500 },
      },
    }
    expect(checkWechatOrderConsistency(broken).map((warning) => warning.path.join('.'))).toEqual([
      'order_detail.price_info.order_price',
      'order_detail.product_infos',
      'order_detail.product_infos.0.real_price',
    ])
  })
})

describe('the sibling requests', () => {
  const reference = { out_order_id: 'xxxxx', openid: 'oTVP50O53a7jgmawAmxKukNlq3XI' }
  const paths = (
    schema: {
      safeParse(value: unknown): { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }
    },
    value: unknown,
  ) => {
    const result = schema.safeParse(value)
    return result.success ? [] : (result.error?.issues ?? []).map((issue) => issue.path.join('.'))
  }

  it('shop/order/pay: pay_time for a payment, a remark for action_type 10, one of the ids', () => {
    expect(paths(wechatPayOrderRequestSchema, { ...reference, action_type: 1 })).toEqual([
      'pay_time',
    ])
    expect(paths(wechatPayOrderRequestSchema, { ...reference, action_type: 10 })).toEqual([
      'action_remark',
    ])
    expect(paths(wechatPayOrderRequestSchema, { ...reference, action_type: 6 })).toEqual([
      'action_type',
    ])
    expect(paths(wechatPayOrderRequestSchema, { openid: 'o', action_type: 5 })).toEqual([
      'out_order_id',
    ])
    expect(
      paths(wechatPayOrderRequestSchema, { ...reference, order_id: 32434234, action_type: 5 }),
    ).toEqual(['order_id'])
  })

  it('shop/delivery/send: ship_done_time once everything is shipped', () => {
    expect(
      paths(wechatSendDeliveryRequestSchema, { ...reference, finish_all_delivery: 1 }),
    ).toEqual(['ship_done_time'])
    expect(
      paths(wechatSendDeliveryRequestSchema, {
        ...reference,
        finish_all_delivery: 0,
        delivery_list: [],
      }),
    ).toEqual(['delivery_list'])
  })

  it('shop/delivery/recieve and shop/order/get: an id and the openid', () => {
    expect(paths(wechatOrderReferenceSchema, reference)).toEqual([])
    expect(
      paths(wechatOrderReferenceSchema, { order_id: '18446744073709551615', openid: 'o' }),
    ).toEqual([])
    expect(paths(wechatOrderReferenceSchema, { out_order_id: 'x' })).toEqual(['openid'])
  })
})
