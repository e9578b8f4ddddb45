import { describe, expect, it } from 'vitest'
import type { z } from 'zod'
import {
  wechatShippingAppRequestSchema,
  wechatShippingMsgJumpPathRequestSchema,
  wechatShippingNotifyConfirmReceiveRequestSchema,
  wechatShippingOrderListRequestSchema,
  wechatShippingPaymentReferenceSchema,
  wechatShippingSpecialOrderRequestSchema,
} from './wechat-shipping-request-schema.ts'

function problems(schema: z.ZodType, value: unknown): string[] {
  const result = schema.safeParse(value)
  return result.success
    ? []
    : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`)
}

describe('the schemas of the other calls', () => {
  it('get_order: transaction_id, or merchant_id with merchant_trade_no (10060014)', () => {
    const schema = wechatShippingPaymentReferenceSchema
    expect(problems(schema, { transaction_id: '4200009999202502281111111111' })).toEqual([])
    expect(
      problems(schema, {
        merchant_id: '1900000109',
        merchant_trade_no: 'SO1',
        sub_merchant_id: '',
      }),
    ).toEqual([])
    expect(problems(schema, {})).toEqual([
      'transaction_id: or merchant_id with merchant_trade_no is required (10060014)',
    ])
    expect(problems(schema, { merchant_id: '1900000109' })).toEqual([
      'merchant_trade_no: is required with merchant_id (10060014)',
    ])
    // The upload's names are not get_order's.
    expect(problems(schema, { mchid: '1900000109', out_trade_no: 'SO1' })).toEqual([
      ': Unrecognized keys: "mchid", "out_trade_no"',
      'transaction_id: or merchant_id with merchant_trade_no is required (10060014)',
    ])
  })

  it('notify_confirm_receive: received_time in whole Unix seconds, never milliseconds (10060029)', () => {
    const schema = wechatShippingNotifyConfirmReceiveRequestSchema
    expect(problems(schema, { transaction_id: '42', received_time: 1740880000 })).toEqual([])
    expect(problems(schema, { transaction_id: '42', received_time: 1740880000000 })).toEqual([
      'received_time: must be Unix seconds, not milliseconds (10060029)',
    ])
    expect(problems(schema, { transaction_id: '42', received_time: 1740880000.5 })).toEqual([
      'received_time: must be whole Unix seconds (10060029)',
    ])
    expect(problems(schema, { transaction_id: '42' })).toHaveLength(1)
  })

  it('get_order_list: order_state 1–6, Unix seconds up to uint32’s maximum, a positive page_size', () => {
    const schema = wechatShippingOrderListRequestSchema
    for (const order_state of [1, 2, 3, 4, 5, 6])
      expect(problems(schema, { order_state })).toEqual([])
    expect(problems(schema, { order_state: 7 })).toEqual([
      'order_state: must be 1–6 (待发货, 已发货, 确认收货, 交易完成, 已退款, 资金待结算)',
    ])
    expect(problems(schema, { pay_time_range: { end_time: 4_294_967_295 } })).toEqual([])
    expect(problems(schema, { pay_time_range: { begin_time: 1_740_700_000_000 } })).toEqual([
      'pay_time_range.begin_time: must be Unix seconds, not milliseconds',
    ])
    expect(problems(schema, { page_size: 0 })).toEqual(['page_size: must be a positive integer'])
    expect(problems(schema, {})).toEqual([])
  })

  it('set_msg_jump_path: any path (empty falls back to WeChat’s page) whose query leaves WeChat’s parameters alone', () => {
    const schema = wechatShippingMsgJumpPathRequestSchema
    expect(problems(schema, { path: '' })).toEqual([])
    expect(problems(schema, { path: 'pages/order/detail?from=msg' })).toEqual([])
    for (const name of ['transaction_id', 'merchant_id', 'merchant_trade_no', 'sub_merchant_id'])
      expect(problems(schema, { path: `pages/order/detail?${name}=1` })).toHaveLength(1)
  })

  it('is_trade_managed: appid required (40097)', () => {
    expect(problems(wechatShippingAppRequestSchema, { appid: 'wx1' })).toEqual([])
    expect(problems(wechatShippingAppRequestSchema, { appid: '' })).toEqual([
      'appid: is required (40097)',
    ])
  })

  it('opspecialorder: type 1 or 2 (268546000), delay_to in seconds and required for a pre-sale (268546001)', () => {
    const schema = wechatShippingSpecialOrderRequestSchema
    expect(problems(schema, { order_id: 'SO1', type: 2 })).toEqual([])
    expect(problems(schema, { order_id: 'SO1', type: 1, delay_to: 1743465600 })).toEqual([])
    expect(problems(schema, { order_id: 'SO1', type: 3 })).toEqual([
      'type: must be 1 (pre-sale) or 2 (test order) (268546000)',
    ])
    expect(problems(schema, { order_id: 'SO1', type: 1 })).toEqual([
      'delay_to: is required for a pre-sale order (type 1) (268546001)',
    ])
    expect(problems(schema, { order_id: 'SO1', type: 1, delay_to: 1743465600000 })).toEqual([
      'delay_to: must be Unix seconds, not milliseconds (268546001)',
    ])
  })
})
