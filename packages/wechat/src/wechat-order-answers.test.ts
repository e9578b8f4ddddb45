import { ApiCallError, type IncomingResponse } from '@ordersync/core'
import { describe, expect, it } from 'vitest'
import {
  classifyWechatLookupAnswer,
  classifyWechatOrderAnswer,
  unparsableAnswerError,
} from './wechat-order-answers.ts'

// An answer as the transport hands it to a classifier: the JSON, or only the text when it is not
// JSON.
function answer(status: number, body: string): IncomingResponse {
  let json: unknown
  try {
    json = JSON.parse(body)
  } catch {
    json = undefined
  }
  return { status, headers: new Headers(), text: body, json }
}

// A leading zero is the one way a uint64 problem makes the whole answer invalid JSON.
const leadingZeroAdd = '{"errcode":0,"errmsg":"ok","data":{"order_id":0123,"out_order_id":"xxxxx"}}'
const leadingZeroGet = '{"errcode":0,"errmsg":"ok","order":{"order_id":0123,"status":20}}'

describe('classifyWechatOrderAnswer', () => {
  it('lets an errcode-0 answer through when its order_id alone makes it unreadable', () => {
    expect(classifyWechatOrderAnswer(answer(200, leadingZeroAdd), 'addOrder')).toEqual({
      outcome: 'success',
    })
    expect(classifyWechatOrderAnswer(answer(200, leadingZeroGet), 'getOrder')).toEqual({
      outcome: 'success',
    })
  })

  it('reads order_id at the answer’s own place: an add answer’s is not a get answer’s', () => {
    expect(classifyWechatOrderAnswer(answer(200, leadingZeroAdd), 'getOrder')).toEqual({
      outcome: 'failure',
      message: 'HTTP 200 without a WeChat envelope ({errcode, errmsg})',
      unreadable: true,
    })
  })

  it('classifies everything else as classifyWechatResponse does', () => {
    expect(classifyWechatOrderAnswer(answer(200, '{"errcode":-1}'), 'addOrder')).toMatchObject({
      outcome: 'retryable',
      code: -1,
    })
    expect(classifyWechatOrderAnswer(answer(502, 'bad gateway'), 'addOrder')).toEqual({
      outcome: 'retryable',
      message: 'HTTP 502',
    })
    // Not an errcode-0 answer: a broken text stays a failure.
    expect(
      classifyWechatOrderAnswer(
        answer(200, '{"errcode":47001,"data":{"order_id":0123}}'),
        'addOrder',
      ),
    ).toMatchObject({ outcome: 'failure' })
  })
})

describe('classifyWechatLookupAnswer', () => {
  it.each([
    ['an errcode ordersync does not know', '{"errcode":9710001,"errmsg":"order not exist"}'],
    ['a known failure about the order', '{"errcode":40003,"errmsg":"invalid openid"}'],
    ['a known failure about the order (47001)', '{"errcode":47001,"errmsg":"data format error"}'],
  ])('reads %s as "WeChat does not know the order": a success', (_name, body) => {
    expect(classifyWechatLookupAnswer(answer(200, body))).toEqual({ outcome: 'success' })
  })

  it.each([
    ['-1 (system busy)', 200, '{"errcode":-1,"errmsg":"system error"}', 'retryable'],
    ['HTTP 503', 503, '{"errcode":9710001}', 'retryable'],
    [
      '40001 (token rejected)',
      200,
      '{"errcode":40001,"errmsg":"invalid credential"}',
      'token_invalid',
    ],
    ['45009 (daily quota, the configuration)', 200, '{"errcode":45009}', 'failure'],
    ['48001 (API unauthorized, the configuration)', 200, '{"errcode":48001}', 'failure'],
    ['40125 (the credentials)', 200, '{"errcode":40125}', 'failure'],
  ])('keeps %s as it is', (_name, status, body, outcome) => {
    expect(classifyWechatLookupAnswer(answer(status, body)).outcome).toBe(outcome)
  })

  it('lets an errcode-0 answer through when its order_id makes it unreadable', () => {
    expect(classifyWechatLookupAnswer(answer(200, leadingZeroGet))).toEqual({ outcome: 'success' })
  })
})

describe('unparsableAnswerError', () => {
  it('names the value and why it is not a uint64, not retryable, with the delivery given', () => {
    const error = unparsableAnswerError(
      '/shop/order/add',
      'addOrder',
      answer(200, leadingZeroAdd),
      'uncertain',
    )
    expect(ApiCallError.isInstance(error)).toBe(true)
    expect([error.message, error.retryable, error.delivery, error.httpStatus]).toEqual([
      '[ordersync] [wechat] /shop/order/add: WeChat answered errcode 0 with order_id 0123, which has a leading zero: order_id is a uint64, and the answer is not JSON, so nothing of it can be read — the platform may have stored the order; re-syncing it is safe, because every sync endpoint is an upsert',
      false,
      'uncertain',
      200,
    ])
  })
})
