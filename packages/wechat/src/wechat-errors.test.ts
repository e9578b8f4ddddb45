import type { IncomingResponse } from '@ordersync/core'
import { describe, expect, it } from 'vitest'
import { classifyWechatResponse, classifyWechatTokenResponse } from './wechat-errors.ts'

// The expected values are the table of docs/platforms/wechat.md ("Errors"), itself from WeChat's
// global return codes (https://developers.weixin.qq.com/doc/store/shop/dev_before/commErrCode.md)
// and, for 100000, the shop/order/pay page.

function answer(status: number, json: unknown): IncomingResponse {
  return { status, headers: new Headers(), text: JSON.stringify(json) ?? '', json }
}
const text = (status: number, body: string): IncomingResponse => ({
  status,
  headers: new Headers(),
  text: body,
  json: undefined,
})

describe('classifyWechatResponse: success and HTTP statuses', () => {
  it('takes errcode 0 as success', () => {
    expect(classifyWechatResponse(answer(200, { errcode: 0, errmsg: 'ok' }))).toEqual({
      outcome: 'success',
    })
  })

  // errcode is WeChat's success check: a 2xx answer without one could not be read, and WeChat may
  // have processed the request (before: an answer without errcode was a success).
  it.each([
    ['JSON without errcode', answer(200, { data: { out_order_id: 'xxxxx' } })],
    ['errcode as a string', answer(200, { errcode: '0', errmsg: 'ok' })],
    ['a JSON list', answer(200, [])],
    ['JSON null', answer(200, null)],
    ['truncated JSON', text(200, '{"errcode":0,"errmsg":"ok","data":{"order_id":12')],
    ['an empty body', text(204, '')],
  ])('fails a 2xx answer it cannot read (%s) as unreadable', (_, response) => {
    expect(classifyWechatResponse(response)).toEqual({
      outcome: 'failure',
      message: `HTTP ${response.status} without a WeChat envelope ({errcode, errmsg})`,
      unreadable: true,
    })
  })

  it.each([408, 429, 500, 502, 503, 504])('retries HTTP %i, whatever the body', (status) => {
    expect(classifyWechatResponse(text(status, 'busy'))).toEqual({
      outcome: 'retryable',
      message: `HTTP ${status}`,
    })
    expect(classifyWechatResponse(answer(status, { errcode: 0 }))).toMatchObject({
      outcome: 'retryable',
    })
  })

  it.each([400, 404])('fails an HTTP %i answer without a WeChat envelope', (status) => {
    expect(classifyWechatResponse(text(status, '<html>'))).toEqual({
      outcome: 'failure',
      message: `HTTP ${status} without a WeChat envelope ({errcode, errmsg})`,
    })
  })
})

describe('classifyWechatResponse: the documented errcodes', () => {
  it.each([
    [-1, 'system error', 'retryable', undefined],
    [45011, 'api minute-quota reach limit', 'retryable', undefined],
    [40001, 'invalid credential', 'token_invalid', undefined],
    [40014, 'invalid access_token', 'token_invalid', undefined],
    [42001, 'access_token expired', 'token_invalid', undefined],
    [45009, 'reach max api daily quota limit', 'failure', 'configuration'],
    [40013, 'invalid appid', 'failure', 'configuration'],
    [40125, 'invalid appsecret', 'failure', 'credentials'],
    [40164, 'invalid ip', 'failure', 'configuration'],
    [41001, 'access_token missing', 'failure', 'configuration'],
    [48001, 'api unauthorized', 'failure', 'configuration'],
    [48004, 'api forbidden', 'failure', 'configuration'],
    [40003, 'invalid openid', 'failure', undefined],
    [40097, 'invalid args', 'failure', undefined],
    [44002, 'empty post data', 'failure', undefined],
    [47001, 'data format error', 'failure', undefined],
    [45002, 'content size out of limit', 'failure', undefined],
    [100000, 'order status error', 'failure', undefined],
  ] as const)(
    'errcode %i (%s) is %s, about %s (the order when undefined)',
    (errcode, errmsg, outcome, concerns) => {
      const classification = classifyWechatResponse(answer(200, { errcode, errmsg }))
      expect(classification).toMatchObject({ outcome, code: errcode })
      expect('concerns' in classification ? classification.concerns : undefined).toBe(concerns)
      expect('message' in classification ? classification.message : '').toMatch(
        new RegExp(`^${errmsg} — \\S`),
      )
    },
  )

  it('says what to do: the daily quota is not retried, a minute quota is', () => {
    expect(
      classifyWechatResponse(
        answer(200, { errcode: 45009, errmsg: 'reach max api daily quota limit' }),
      ),
    ).toEqual({
      outcome: 'failure',
      code: 45009,
      concerns: 'configuration',
      message:
        'reach max api daily quota limit — not retried: nothing succeeds until the daily quota resets; wait for the reset, or clear it once with the clear_quota API',
    })
    expect(classifyWechatResponse(answer(200, { errcode: 45011 }))).toEqual({
      outcome: 'retryable',
      code: 45011,
      message:
        'API minute quota reached — nothing: retried after the current minute (within retry.maxRetryAfterMs and retry.maxElapsedMs; raise them to wait longer)',
    })
  })

  it('names the status rule of 100000, and keeps WeChat’s errmsg first', () => {
    expect(classifyWechatResponse(answer(200, { errcode: 100000, errmsg: '' }))).toEqual({
      outcome: 'failure',
      code: 100000,
      message:
        'the order is not in the status this call requires (shop/order/pay needs status 10) — re-sync the order: ordersync reads the status first and sends only the steps that are left',
    })
  })

  it('fails an errcode it does not know as one it cannot place (unknown), with WeChat’s errmsg alone', () => {
    expect(
      classifyWechatResponse(answer(200, { errcode: 9710001, errmsg: 'order not exist' })),
    ).toEqual({
      outcome: 'failure',
      code: 9710001,
      message: 'order not exist',
      concerns: 'unknown',
    })
    expect(classifyWechatResponse(answer(200, { errcode: 9710001 }))).toEqual({
      outcome: 'failure',
      code: 9710001,
      message: 'no errmsg',
      concerns: 'unknown',
    })
  })
})

describe('classifyWechatTokenResponse', () => {
  it('takes an access_token as success, and retries 5xx, -1 and 45011', () => {
    expect(
      classifyWechatTokenResponse(answer(200, { access_token: 'ACCESS', expires_in: 7200 })),
    ).toEqual({ outcome: 'success' })
    expect(classifyWechatTokenResponse(text(503, 'busy'))).toEqual({
      outcome: 'retryable',
      message: 'HTTP 503',
    })
    expect(
      classifyWechatTokenResponse(answer(200, { errcode: -1, errmsg: 'system error' })),
    ).toEqual({ outcome: 'retryable', code: -1, message: 'system error' })
    expect(classifyWechatTokenResponse(answer(200, { errcode: 45011 }))).toEqual({
      outcome: 'retryable',
      code: 45011,
      message: 'API minute quota reached',
    })
  })

  it.each([
    [
      40001,
      'invalid credential',
      'credentials',
      'check that appSecret is the current AppSecret of the mini program named by appId',
    ],
    [
      40125,
      'invalid appsecret',
      'credentials',
      'check that appSecret is the current AppSecret of the mini program named by appId',
    ],
    [
      40013,
      'invalid appid',
      'credentials',
      'check the appId setting: the mini program’s AppID from 开发管理 → 开发设置',
    ],
    [41002, 'appid missing', 'configuration', 'check appId and appSecret'],
    [40002, 'invalid grant_type', 'configuration', 'check appId and appSecret'],
    [
      40164,
      'invalid ip',
      'configuration',
      'add the server’s IP to the mini program’s IP whitelist (开发管理 → 开发设置)',
    ],
  ] as const)(
    'a refusal %i (%s) is about the %s, not retried',
    (errcode, errmsg, concerns, advice) => {
      expect(classifyWechatTokenResponse(answer(200, { errcode, errmsg }))).toEqual({
        outcome: 'failure',
        code: errcode,
        message: `the token endpoint refused: ${errmsg} — ${advice}`,
        concerns,
      })
    },
  )

  it('names the HTTP status of an answer with neither a token nor an errcode', () => {
    expect(classifyWechatTokenResponse(text(404, 'not found'))).toEqual({
      outcome: 'failure',
      message: 'the token endpoint refused: HTTP 404 — check appId and appSecret',
      concerns: 'configuration',
    })
  })
})
