import { describe, expect, it } from 'vitest'
import {
  readWechatOrderId,
  readWechatOrderIdOrWarn,
  wechatOrderIdPaths,
} from './read-wechat-order-id.ts'

// The "生成订单" page types data.order_id "number(uint64)": plain decimal digits, 0 to
// 18446744073709551615. The page's own example answers "order_id":32434234.
const answer = (written: string) =>
  `{"errcode":0,"errmsg":"ok","data":{"order_id":${written},"out_order_id":"xxxxx","ticket":"xxxxxxx","ticket_expire_time":"2020-12-01 00:00:00","final_price":10500}}`

describe('readWechatOrderId', () => {
  it.each([
    ['the page’s example', '32434234', '32434234'],
    ['zero', '0', '0'],
    ['2^53 + 1, which JSON.parse rounds', '9007199254740993', '9007199254740993'],
    ['the uint64 maximum', '18446744073709551615', '18446744073709551615'],
    ['a string of digits', '"18446744073709551615"', '18446744073709551615'],
  ])('reads %s digit for digit', (_name, written, orderId) => {
    expect(readWechatOrderId(answer(written))).toEqual({ orderId })
  })

  it.each([
    ['1.5e3', 'has an exponent'],
    ['1E3', 'has an exponent'],
    ['-5', 'has a sign'],
    ['"-5"', 'has a sign'],
    ['"+5"', 'has a sign'],
    ['12.5', 'has a fraction'],
    ['12.0', 'has a fraction'],
    ['"0123"', 'has a leading zero'],
    ['0123', 'has a leading zero'],
    ['123456789012345678901', "has 21 digits, more than a uint64's 20"],
    ['18446744073709551616', 'is above the uint64 maximum 18446744073709551615'],
    ['99999999999999999999', 'is above the uint64 maximum 18446744073709551615'],
    ['""', 'is not a number'],
    ['"12a"', 'is not a number'],
    ['null', 'is not a number'],
    ['true', 'is not a number'],
  ])('never cuts %s to an id: it %s', (written, reason) => {
    expect(readWechatOrderId(answer(written))).toEqual({ invalid: written, reason })
  })

  it('reads order_id, not out_order_id, and nothing when there is none', () => {
    expect(readWechatOrderId('{"data":{"out_order_id":"123","order_id":7}}')).toEqual({
      orderId: '7',
    })
    expect(readWechatOrderId('{"data":{"out_order_id":"123"}}')).toBeUndefined()
  })

  it('reads the order_id at its place in the answer, not the first one anywhere in the text', () => {
    const elsewhere =
      '{"errcode":0,"errmsg":"\\"order_id\\":1","note":{"order_id":2},"items":[{"order_id":3}],"data":{"extra":{"order_id":4},"order_id":5}}'
    expect(readWechatOrderId(elsewhere)).toEqual({ orderId: '5' })
    expect(readWechatOrderId('{"order_id":1,"data":{"out_order_id":"o-1"}}')).toBeUndefined()
    // shop/order/get writes it under order; an add answer's place there is not read.
    const get = '{"errcode":0,"data":{"order_id":1},"order":{"status":20,"order_id":"32434234"}}'
    expect(readWechatOrderId(get, wechatOrderIdPaths.getOrder)).toEqual({ orderId: '32434234' })
    // A key written twice: the last one, as JSON.parse reads it.
    expect(readWechatOrderId('{"data":{"order_id":1,"order_id":2}}')).toEqual({ orderId: '2' })
  })

  it('warns naming the value, at the path it is given', () => {
    expect(readWechatOrderIdOrWarn(answer('1.5e3'), wechatOrderIdPaths.addOrder, ['id'])).toEqual({
      orderId: undefined,
      warnings: [
        {
          path: ['id'],
          code: 'value_invalid',
          message:
            'WeChat answered order_id "1.5e3", which has an exponent: order_id is a uint64, so it is not reported (the order is known by out_order_id)',
        },
      ],
    })
    expect(
      readWechatOrderIdOrWarn(answer('32434234'), wechatOrderIdPaths.addOrder, ['id']),
    ).toEqual({
      orderId: '32434234',
      warnings: [],
    })
  })

  it('warns when the answer has no order_id at its place', () => {
    const text = '{"errcode":0,"errmsg":"ok","order":{"out_order_id":"xxxxx","status":20}}'
    expect(readWechatOrderIdOrWarn(text, wechatOrderIdPaths.getOrder, ['id'])).toEqual({
      orderId: undefined,
      warnings: [
        {
          path: ['id'],
          code: 'value_missing',
          message:
            "WeChat's answer has no order.order_id: the order is known by out_order_id alone",
        },
      ],
    })
  })
})
