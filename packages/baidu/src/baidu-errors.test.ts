import type { IncomingResponse } from '@ordersync/core'
import { describe, expect, it } from 'vitest'
import {
  baiduGatewayErrorCodes,
  classifyBaiduResponse,
  classifyBaiduTokenResponse,
} from './baidu-errors.ts'

// One test per row of the Errors table of the Baidu guide (docs/platforms/baidu.md): the business
// envelope {errno, msg, data} of the order center ("返回值参数说明"), the gateway's
// {error_code, error_msg} with Baidu's OpenAPI common return codes ("API通用返回码"), the token
// endpoint's {error, error_description}, and HTTP 408/429/5xx. Baidu publishes no errno list for
// the order center: a code is retried only when the user declares it in retryableErrnos, about the
// order only when declared in orderErrnos, and otherwise a failure the client cannot place.

function answer(status: number, json: unknown): IncomingResponse {
  return {
    status,
    headers: new Headers({ 'content-type': 'application/json' }),
    text: json === undefined ? 'Bad Gateway' : JSON.stringify(json),
    json,
  }
}

const errnoHint =
  'Baidu publishes no errno list for the order center: check the request against the document and the settings (appKey, paymentAppKey); add this code to retryableErrnos if it is temporary, or to orderErrnos if it is about the order alone'

describe('classifyBaiduResponse: the business envelope', () => {
  it('errno 0 in a 2xx answer is a success of the call, whatever msg and data say', () => {
    expect(classifyBaiduResponse(answer(200, { errno: 0, msg: 'success', data: [] }), [])).toEqual({
      outcome: 'success',
    })
    // A row's rows_affected "0" fails that order alone, after the call: not the classifier's.
    const rejectedRow = { resource_id: '1', rows_affected: '0' }
    expect(classifyBaiduResponse(answer(200, { errno: 0, data: [rejectedRow] }), [])).toEqual({
      outcome: 'success',
    })
    expect(classifyBaiduResponse(answer(200, { error_code: 0, errno: 0 }), [])).toEqual({
      outcome: 'success',
    })
  })

  it('errno 0 outside 2xx is no success: a definite failure with the code, which no table places', () => {
    expect(classifyBaiduResponse(answer(404, { errno: 0, msg: 'not found' }), [])).toEqual({
      outcome: 'failure',
      code: 0,
      message: `not found — ${errnoHint}`,
      concerns: 'unknown',
    })
  })

  it("another errno is a definite failure the client cannot place, with Baidu's msg and what to do", () => {
    expect(classifyBaiduResponse(answer(200, { errno: 1003, msg: 'unknown app' }), [])).toEqual({
      outcome: 'failure',
      code: 1003,
      message: `unknown app — ${errnoHint}`,
      concerns: 'unknown',
    })
    expect(classifyBaiduResponse(answer(200, { errno: 47, msg: '' }), [-1], [1002])).toEqual({
      outcome: 'failure',
      code: 47,
      message: `no msg — ${errnoHint}`,
      concerns: 'unknown',
    })
  })

  it('an errno declared in orderErrnos is a definite failure about the order, and only that one', () => {
    const invalidBody = answer(200, { errno: 1002, msg: 'invalid body' })
    expect(classifyBaiduResponse(invalidBody, [], [1002])).toEqual({
      outcome: 'failure',
      code: 1002,
      message: `invalid body — ${errnoHint}`,
      concerns: 'order',
    })
    expect(classifyBaiduResponse(invalidBody, [], [1003])).toMatchObject({ concerns: 'unknown' })
    // Declared both ways, it is retried: a temporary code is not refused.
    expect(classifyBaiduResponse(invalidBody, [1002], [1002])).toMatchObject({
      outcome: 'retryable',
    })
  })

  it('an errno declared in retryableErrnos is temporary, and only that one', () => {
    const busy = answer(200, { errno: -1, msg: 'system busy' })
    expect(classifyBaiduResponse(busy, [-1])).toEqual({
      outcome: 'retryable',
      code: -1,
      message: `system busy — ${errnoHint}`,
    })
    expect(classifyBaiduResponse(busy, [-2]).outcome).toBe('failure')
    expect(classifyBaiduResponse(busy, []).outcome).toBe('failure')
  })

  it.each([
    { ok: true },
    { errno: '0', msg: 'success' },
    { error_code: 0 },
    [{ errno: 0 }],
    null,
    'success',
  ])(
    'a 2xx answer in neither envelope (%j) could not be read: Baidu may hold the order',
    (json) => {
      expect(classifyBaiduResponse(answer(200, json), [])).toEqual({
        outcome: 'failure',
        message:
          'HTTP 200 without a Baidu envelope ({errno, msg, data} or {error_code, error_msg})',
        unreadable: true,
      })
    },
  )

  it('an answer in neither envelope outside 2xx is a definite failure naming the status', () => {
    expect(classifyBaiduResponse(answer(404, undefined), [])).toEqual({
      outcome: 'failure',
      message: 'HTTP 404 without a Baidu envelope ({errno, msg, data} or {error_code, error_msg})',
    })
    expect(classifyBaiduResponse(answer(400, { ok: false }), [])).toEqual({
      outcome: 'failure',
      message: 'HTTP 400 without a Baidu envelope ({errno, msg, data} or {error_code, error_msg})',
    })
  })
})

describe('classifyBaiduResponse: HTTP statuses', () => {
  it.each([408, 429, 500, 502, 503, 504])('HTTP %i is temporary, whatever the body', (status) => {
    expect(classifyBaiduResponse(answer(status, undefined), [])).toEqual({
      outcome: 'retryable',
      message: `HTTP ${status}`,
    })
    expect(classifyBaiduResponse(answer(status, { errno: 0 }), [])).toEqual({
      outcome: 'retryable',
      message: `HTTP ${status}`,
    })
  })
})

describe('classifyBaiduResponse: the gateway codes (API通用返回码)', () => {
  it.each([
    [
      110,
      'Access token invalid or no longer valid',
      'token_invalid',
      'credentials',
      'nothing: the client fetches a new token and replays once',
    ],
    [
      111,
      'Access token expired',
      'token_invalid',
      'credentials',
      'nothing: the client fetches a new token and replays once',
    ],
    [
      1,
      'Unknown error',
      'retryable',
      'order',
      'nothing: retried; if it persists, ask Baidu support with the request time',
    ],
    [2, 'Service temporarily unavailable', 'retryable', 'order', 'nothing: retried with backoff'],
    [
      4,
      'Open api request limit reached',
      'retryable',
      'order',
      'lower the concurrency of syncOrders, or ask Baidu to raise the limit',
    ],
    [
      3,
      'Unsupported openapi method',
      'failure',
      'configuration',
      'check baseURL and that the order-center capability is enabled for this mini program',
    ],
    [
      5,
      'Unauthorized client IP address',
      'failure',
      'configuration',
      "add this server's IP address to the mini program's IP allow list",
    ],
    [
      6,
      'No permission to access user data',
      'failure',
      'configuration',
      'check that the mini program has the order-center permission',
    ],
    [
      7,
      'No permission to access data for this referer',
      'failure',
      'configuration',
      'call from the server, not from a page',
    ],
    [
      100,
      'Invalid parameter',
      'failure',
      'order',
      'check the query parameters (open_id or swan_id, scene_id, scene_type) and the body',
    ],
    [
      101,
      'Invalid API key',
      'failure',
      'configuration',
      'check appKey: it must be the App Key of this mini program',
    ],
    [104, 'Incorrect signature', 'failure', 'credentials', 'check appSecret'],
  ] as const)(
    'error_code %i (%s) is %s about the %s, saying what to do',
    (code, errorMessage, outcome, concerns, whatToDo) => {
      expect(
        classifyBaiduResponse(answer(200, { error_code: code, error_msg: errorMessage }), []),
      ).toEqual({ outcome, code, message: `${errorMessage} — ${whatToDo}`, concerns })
      expect(baiduGatewayErrorCodes[code]).toMatchObject({ outcome, concerns, whatToDo })
    },
  )

  it("an error_code without error_msg is told by the table's meaning", () => {
    expect(classifyBaiduResponse(answer(200, { error_code: 111 }), [])).toEqual({
      outcome: 'token_invalid',
      code: 111,
      message: 'Access token expired — nothing: the client fetches a new token and replays once',
      concerns: 'credentials',
    })
    expect(classifyBaiduResponse(answer(200, { error_code: 5, error_msg: '' }), [])).toEqual({
      outcome: 'failure',
      code: 5,
      message:
        "Unauthorized client IP address (请求来自未经授权的IP地址) — add this server's IP address to the mini program's IP allow list",
      concerns: 'configuration',
    })
  })

  it('an error_code not in the table is a definite failure the client cannot place, retryableErrnos and orderErrnos notwithstanding', () => {
    expect(
      classifyBaiduResponse(
        answer(200, { error_code: 31023, error_msg: 'param error' }),
        [31023],
        [31023],
      ),
    ).toEqual({
      outcome: 'failure',
      code: 31023,
      message:
        'param error — a gateway code ordersync does not know: check the request and the app settings',
      concerns: 'unknown',
    })
    expect(classifyBaiduResponse(answer(200, { error_code: 31023 }), [])).toMatchObject({
      message:
        'no error_msg — a gateway code ordersync does not know: check the request and the app settings',
    })
  })

  it('a gateway code wins over an errno in the same answer', () => {
    expect(
      classifyBaiduResponse(answer(200, { error_code: 110, errno: 0, msg: 'success' }), []),
    ).toMatchObject({ outcome: 'token_invalid', code: 110 })
  })
})

describe('classifyBaiduTokenResponse: the token endpoint', () => {
  it('an access_token in a 2xx answer is a success', () => {
    expect(
      classifyBaiduTokenResponse(
        answer(200, { access_token: '24.abc.2592000', expires_in: 2592000 }),
      ),
    ).toEqual({ outcome: 'success' })
  })

  it('invalid_client (a wrong App Key or App Secret) is a definite failure about the credentials', () => {
    expect(
      classifyBaiduTokenResponse(
        answer(401, { error: 'invalid_client', error_description: 'unknown client id' }),
      ),
    ).toEqual({
      outcome: 'failure',
      code: 'invalid_client',
      message:
        'token request refused (invalid_client: unknown client id) — check that appKey and appSecret are the App Key and App Secret of the same mini program',
      concerns: 'credentials',
    })
  })

  it('another OAuth error is a definite failure about the configuration', () => {
    expect(classifyBaiduTokenResponse(answer(400, { error: 'invalid_scope' }))).toEqual({
      outcome: 'failure',
      code: 'invalid_scope',
      message:
        'token request refused (invalid_scope) — check that appKey and appSecret are the App Key and App Secret of the same mini program',
      concerns: 'configuration',
    })
  })

  it.each([408, 429, 500, 503])('HTTP %i is temporary', (status) => {
    expect(classifyBaiduTokenResponse(answer(status, undefined))).toEqual({
      outcome: 'retryable',
      message: `HTTP ${status}`,
    })
  })

  it("any other answer is read as the order center's: a gateway code, or no envelope", () => {
    expect(classifyBaiduTokenResponse(answer(200, { error_code: 5, error_msg: 'ip' }))).toEqual({
      outcome: 'failure',
      code: 5,
      message: "ip — add this server's IP address to the mini program's IP allow list",
      concerns: 'configuration',
    })
    // An access_token outside 2xx is no success.
    expect(classifyBaiduTokenResponse(answer(400, { access_token: 'x' }))).toEqual({
      outcome: 'failure',
      message: 'HTTP 400 without a Baidu envelope ({errno, msg, data} or {error_code, error_msg})',
    })
  })
})
