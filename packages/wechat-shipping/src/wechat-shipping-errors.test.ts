import { classifyWechatTokenResponse, type IncomingResponse } from '@ordersync/core'
import { describe, expect, it } from 'vitest'
import { classifyWechatShippingResponse, wechatShippingErrcodes } from './wechat-shipping-errors.ts'

const answer = (body: unknown, status = 200): IncomingResponse => {
  const text = typeof body === 'string' ? body : JSON.stringify(body)
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    json = undefined
  }
  return { status, headers: new Headers(), text, json }
}

describe('classifyWechatShippingResponse', () => {
  it('takes errcode 0 for success, and -1, 10060012, 10060019, 44990, 45011 and HTTP 5xx for temporary', () => {
    expect(classifyWechatShippingResponse(answer({ errcode: 0, errmsg: 'ok' }))).toEqual({
      outcome: 'success',
    })
    for (const errcode of [-1, 10060012, 10060019, 44990, 45011])
      expect(classifyWechatShippingResponse(answer({ errcode, errmsg: 'busy' })).outcome).toBe(
        'retryable',
      )
    expect(classifyWechatShippingResponse(answer('<html>', 503)).outcome).toBe('retryable')
  })

  it('takes 40001, 40014 and 42001 for a rejected token', () => {
    for (const errcode of [40001, 40014, 42001])
      expect(classifyWechatShippingResponse(answer({ errcode })).outcome).toBe('token_invalid')
  })

  it('gives every other code of the table as a definite failure with what to do, and the trace id of the errmsg', () => {
    expect(
      classifyWechatShippingResponse(
        answer({
          errcode: 10060031,
          errmsg: '该笔支付单不属于 openid 所指定的用户 rid: 64e316cd-0f46e554-4996d27e',
        }),
      ),
    ).toEqual({
      outcome: 'failure',
      code: 10060031,
      requestId: '64e316cd-0f46e554-4996d27e',
      message:
        '该笔支付单不属于 openid 所指定的用户 rid: 64e316cd-0f46e554-4996d27e — check buyer.platformUserId: the openid, under this mini program, of the user who paid',
    })
    expect(
      classifyWechatShippingResponse(answer({ errcode: 48001, errmsg: 'api unauthorized' })),
    ).toMatchObject({
      outcome: 'failure',
      concerns: 'configuration',
    })
    // The documented failures all have an entry: the upload's, the reminder's, the special order's.
    for (const code of [10060003, 10060004, 10060024, 10060029, 268485216, 268485253, 268546002])
      expect(wechatShippingErrcodes[code]?.outcome).toBe('failure')
  })

  it('calls a code it does not know a failure it cannot place, and a 2xx without an envelope unreadable', () => {
    expect(classifyWechatShippingResponse(answer({ errcode: 9999999, errmsg: 'new' }))).toEqual({
      outcome: 'failure',
      code: 9999999,
      message: 'new',
      concerns: 'unknown',
    })
    expect(classifyWechatShippingResponse(answer('{"errcode":0,"er'))).toMatchObject({
      outcome: 'failure',
      unreadable: true,
    })
    expect(classifyWechatShippingResponse(answer('Not Found', 404))).toEqual({
      outcome: 'failure',
      message: 'HTTP 404 without a WeChat envelope ({errcode, errmsg})',
    })
  })
})

describe("the token endpoint (core's classifyWechatTokenResponse, shared with @ordersync/wechat)", () => {
  it('takes an access_token for success, a wrong secret or app id for the credentials, anything else for the configuration', () => {
    expect(classifyWechatTokenResponse(answer({ access_token: 't', expires_in: 7200 }))).toEqual({
      outcome: 'success',
    })
    for (const errcode of [40001, 40125, 40013])
      expect(classifyWechatTokenResponse(answer({ errcode, errmsg: 'x' }))).toMatchObject({
        outcome: 'failure',
        concerns: 'credentials',
      })
    expect(
      classifyWechatTokenResponse(answer({ errcode: 41002, errmsg: 'appid missing' })),
    ).toMatchObject({
      outcome: 'failure',
      concerns: 'configuration',
    })
    expect(classifyWechatTokenResponse(answer({ errcode: -1 })).outcome).toBe('retryable')
  })
})
