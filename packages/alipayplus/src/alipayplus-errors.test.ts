import type { IncomingResponse } from '@ordersync/core'
import { describe, expect, it } from 'vitest'
import { alipayPlusResultCodes, classifyAlipayPlusResponse } from './alipayplus-errors.ts'

// The expected values are the table of docs/platforms/alipayplus.md ("Results and errors"), itself
// from Alipay+ "Error codes" (the V2 Mini Program OpenAPIs' codes; order/sync has none of its own).

function answer(status: number, json: unknown): IncomingResponse {
  return { status, headers: new Headers(), text: JSON.stringify(json) ?? '', json }
}

const result = (resultStatus: string, resultCode?: string, resultMessage?: string) => ({
  result: {
    resultStatus,
    ...(resultCode === undefined ? {} : { resultCode }),
    ...(resultMessage === undefined ? {} : { resultMessage }),
  },
})

describe('classifyAlipayPlusResponse: success', () => {
  it.each([
    [200, 'S'],
    [200, 'A'],
    [201, 'S'],
    [299, 'A'],
  ])('HTTP %i with resultStatus %s is a success', (status, resultStatus) => {
    expect(
      classifyAlipayPlusResponse(answer(status, result(resultStatus, 'SUCCESS', 'success'))),
    ).toEqual({ outcome: 'success' })
  })

  it.each([
    [500, 'S', 'retryable'],
    [503, 'A', 'retryable'],
    [408, 'S', 'retryable'],
    [429, 'S', 'retryable'],
    [400, 'S', 'failure'],
    [404, 'A', 'failure'],
    [302, 'S', 'failure'],
  ])('HTTP %i with resultStatus %s is no success: %s', (status, resultStatus, outcome) => {
    expect(classifyAlipayPlusResponse(answer(status, result(resultStatus, 'SUCCESS')))).toEqual({
      outcome,
      code: 'SUCCESS',
      message: `HTTP ${status} with resultStatus ${resultStatus}: a success needs HTTP 2xx`,
      // A success on an error status is no answer the client can place.
      ...(outcome === 'failure' ? { concerns: 'unknown' } : {}),
    })
  })

  it('keeps no code when a success result on an error status has none', () => {
    expect(classifyAlipayPlusResponse(answer(502, result('S')))).toEqual({
      outcome: 'retryable',
      message: 'HTTP 502 with resultStatus S: a success needs HTTP 2xx',
    })
  })
})

describe('classifyAlipayPlusResponse: the documented codes', () => {
  it.each([
    [
      'U',
      'UNKNOWN_EXCEPTION',
      { outcome: 'retryable' },
      'an unknown error (status U): retried ("recall the API")',
    ],
    [
      'F',
      'REQUEST_TRAFFIC_EXCEED_LIMIT',
      { outcome: 'retryable' },
      'the traffic limit was exceeded: retried with backoff; lower the concurrency',
    ],
    [
      'F',
      'PARAM_ILLEGAL',
      { outcome: 'failure' },
      'a header or body field is illegal: read resultMessage and fix the order or the settings',
    ],
    [
      'F',
      'PROCESS_FAIL',
      { outcome: 'failure' },
      'a general business failure: do not retry; contact Alipay+ support with the request',
    ],
    [
      'F',
      'INVALID_API',
      { outcome: 'failure', concerns: 'configuration' },
      'the API is invalid or not active for this client: check the path prefix and the API access of the mini program',
    ],
    [
      'F',
      'ACCESS_DENIED',
      { outcome: 'failure', concerns: 'configuration' },
      'access denied: read resultMessage; check clientId, the key pair and keyVersion',
    ],
  ])('%s / %s → %j', (resultStatus, code, expected, whatToDo) => {
    expect(
      classifyAlipayPlusResponse(answer(200, result(resultStatus, code, 'from the wallet'))),
    ).toEqual({ ...expected, code, message: `from the wallet — ${whatToDo}` })
  })

  it('says so when the answer has no resultMessage', () => {
    expect(classifyAlipayPlusResponse(answer(200, result('F', 'PROCESS_FAIL')))).toEqual({
      outcome: 'failure',
      code: 'PROCESS_FAIL',
      message:
        'no resultMessage — a general business failure: do not retry; contact Alipay+ support with the request',
    })
  })

  it('retries any U, whatever its code, and reads a U without a code', () => {
    expect(classifyAlipayPlusResponse(answer(200, result('U', 'WALLET_BUSY', 'busy')))).toEqual({
      outcome: 'retryable',
      code: 'WALLET_BUSY',
      message: 'busy',
    })
    expect(classifyAlipayPlusResponse(answer(500, result('U')))).toEqual({
      outcome: 'retryable',
      message: 'no resultMessage',
    })
  })

  it.each(['SOME_WALLET_CODE', 'constructor', 'toString'])(
    'takes an F with a code outside the table (%s) for a failure it cannot place, not retried',
    (code) => {
      expect(classifyAlipayPlusResponse(answer(200, result('F', code, 'wallet says no')))).toEqual({
        outcome: 'failure',
        code,
        message: 'wallet says no',
        concerns: 'unknown',
      })
    },
  )

  it('takes an F without a code for a failure it cannot place', () => {
    expect(classifyAlipayPlusResponse(answer(200, result('F', undefined, 'no')))).toEqual({
      outcome: 'failure',
      message: 'no',
      concerns: 'unknown',
    })
  })

  it('reads an F on an error status by its result, not its status', () => {
    expect(
      classifyAlipayPlusResponse(answer(400, result('F', 'PARAM_ILLEGAL', 'illegal appId'))),
    ).toMatchObject({ outcome: 'failure', code: 'PARAM_ILLEGAL' })
    expect(
      classifyAlipayPlusResponse(answer(500, result('F', 'ACCESS_DENIED', 'denied'))),
    ).toMatchObject({ outcome: 'failure', code: 'ACCESS_DENIED', concerns: 'configuration' })
  })
})

describe('classifyAlipayPlusResponse: no Alipay+ result', () => {
  it.each([408, 429, 500, 502, 503, 599])('retries HTTP %i without a result', (status) => {
    expect(classifyAlipayPlusResponse(answer(status, undefined))).toEqual({
      outcome: 'retryable',
      message: `HTTP ${status}`,
    })
  })

  it.each([
    [400, { error: 'bad request' }],
    [404, undefined],
    [404, { error: 'no sandbox platform serves POST /wrong/v2/miniprogram/order/sync' }],
    [403, { result: { resultStatus: 1, resultCode: 'SUCCESS' } }],
  ])('fails HTTP %i with %j by its status alone: no code, concerns unknown', (status, json) => {
    expect(classifyAlipayPlusResponse(answer(status, json))).toEqual({
      outcome: 'failure',
      message: `HTTP ${status} without an Alipay+ result`,
      concerns: 'unknown',
    })
  })

  it.each([
    [200, undefined, 'without an Alipay+ result'],
    [200, {}, 'without an Alipay+ result'],
    [200, { result: null }, 'without an Alipay+ result'],
    [200, { result: { resultStatus: 1, resultCode: 'SUCCESS' } }, 'without an Alipay+ result'],
    [
      204,
      { result: { resultStatus: 'X', resultCode: 'SUCCESS' } },
      'with a resultStatus that is none of S, A, U or F',
    ],
  ])(
    'takes HTTP %i with %j for an answer that cannot be read: the order may be stored',
    (status, json, what) => {
      expect(classifyAlipayPlusResponse(answer(status, json))).toEqual({
        outcome: 'failure',
        message: `HTTP ${status} ${what}: the answer cannot be read, and the wallet may have stored the order`,
        concerns: 'unknown',
        unreadable: true,
      })
    },
  )
})

describe('Alipay+ error table: what each code is about', () => {
  it.each([
    ['ACCESS_DENIED', 'configuration'],
    ['INVALID_API', 'configuration'],
    ['PARAM_ILLEGAL', undefined],
    ['PROCESS_FAIL', undefined],
    ['constructor', 'unknown'],
  ])('%s concerns %s', (code, concerns) => {
    const classification = classifyAlipayPlusResponse({
      status: 200,
      headers: new Headers(),
      text: '',
      json: { result: { resultStatus: 'F', resultCode: code, resultMessage: 'm' } },
    })
    expect(classification).toEqual({
      outcome: 'failure',
      code,
      message: code === 'constructor' ? 'm' : `m — ${alipayPlusResultCodes[code]?.whatToDo ?? ''}`,
      ...(concerns === undefined ? {} : { concerns }),
    })
  })

  it('holds the documented codes, each retryable or not and about the order or the configuration', () => {
    expect(
      Object.fromEntries(
        Object.entries(alipayPlusResultCodes).map(([code, entry]) => [
          code,
          [entry.retryable, entry.concerns],
        ]),
      ),
    ).toEqual({
      PROCESS_FAIL: [false, 'order'],
      PARAM_ILLEGAL: [false, 'order'],
      INVALID_API: [false, 'configuration'],
      ACCESS_DENIED: [false, 'configuration'],
      REQUEST_TRAFFIC_EXCEED_LIMIT: [true, 'order'],
      UNKNOWN_EXCEPTION: [true, 'order'],
    })
  })
})
