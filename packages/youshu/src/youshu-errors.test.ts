import type { IncomingResponse } from '@ordersync/core'
import { describe, expect, it } from 'vitest'
import {
  classifyYoushuResponse,
  type YoushuClassificationContext,
  youshuRetcodeMeaning,
  youshuRetcodes,
} from './youshu-errors.ts'

// One test per row of the Errors table of the Youshu guide (docs/platforms/youshu.md): the
// envelope {retcode, errmsg, data} of the order_update page, retcode 0 and 16 (the only documented
// codes: add_order, FAQ), HTTP 408/429/5xx, and the codes a user declares in knownRetcodes or
// retryableRetcodes since Youshu's list is not public.

function answer(status: number, json: unknown): IncomingResponse {
  return {
    status,
    headers: new Headers({ 'content-type': 'application/json' }),
    text: json === undefined ? 'Bad Gateway' : JSON.stringify(json),
    json,
  }
}

const classify = (
  response: IncomingResponse,
  retryableRetcodes: readonly number[] = [],
  context: YoushuClassificationContext = {},
) => classifyYoushuResponse(response, retryableRetcodes, context)

const unknownCodeAdvice = (environment: string) =>
  `Youshu's code list is not public: if errmsg is about the signature, check appId and appSecret for the ${environment} environment; otherwise check the request against the document; declare a code you learn in knownRetcodes (or retryableRetcodes if it is temporary)`

describe('classifyYoushuResponse: the documented answers', () => {
  it('retcode 0 in a 2xx answer is a success, whatever errmsg says', () => {
    expect(classify(answer(200, { retcode: 0, errmsg: '', data: {} }))).toEqual({
      outcome: 'success',
    })
    expect(classify(answer(200, { retcode: 0, errmsg: 'ok' }))).toEqual({ outcome: 'success' })
    expect(classify(answer(204, { retcode: 0 }))).toEqual({ outcome: 'success' })
  })

  it('retcode 0 outside 2xx is no success: a definite failure with the code', () => {
    expect(classify(answer(404, { retcode: 0, errmsg: '' }))).toMatchObject({
      outcome: 'failure',
      code: 0,
    })
  })

  it('retcode 16 (data_source_already_exist) is a definite failure with its FAQ meaning that the client cannot place; only data_source/add reads it as an answer', () => {
    expect(classify(answer(200, { retcode: 16, errmsg: '' }))).toEqual({
      outcome: 'failure',
      code: 16,
      message: 'data_source_already_exist: this merchant already has a data source (FAQ)',
      concerns: 'unknown',
    })
    expect(classify(answer(200, { retcode: 16, errmsg: 'data source exists' }))).toEqual({
      outcome: 'failure',
      code: 16,
      message: 'data source exists',
      concerns: 'unknown',
    })
    expect(youshuRetcodes[16]?.whatToDo).toBe(
      'nothing: the client looks the existing data source up through data_source/get and uses it',
    )
  })

  it.each([408, 429, 500, 502, 503, 504, 599])(
    'HTTP %i is temporary: retried, whatever the body',
    (status) => {
      expect(classify(answer(status, undefined))).toEqual({
        outcome: 'retryable',
        message: `HTTP ${status}`,
      })
      expect(classify(answer(status, { retcode: 0 }))).toEqual({
        outcome: 'retryable',
        message: `HTTP ${status}`,
      })
    },
  )

  it.each([400, 401, 403, 404, 409])(
    'HTTP %i without an envelope is a definite failure saying so',
    (status) => {
      expect(classify(answer(status, undefined))).toEqual({
        outcome: 'failure',
        message: `HTTP ${status} without a Youshu envelope ({retcode, errmsg})`,
      })
    },
  )

  it('a 2xx answer without a numeric retcode is no success, and cannot be read: Youshu may have stored the orders', () => {
    const unreadable = {
      outcome: 'failure',
      message: 'HTTP 200 without a Youshu envelope ({retcode, errmsg}): the answer cannot be read',
      unreadable: true,
    }
    expect(classify(answer(200, { errmsg: 'ok' }))).toEqual(unreadable)
    expect(classify(answer(200, { retcode: '0' }))).toEqual(unreadable)
    expect(classify(answer(200, undefined))).toEqual(unreadable)
  })
})

describe('classifyYoushuResponse: codes Youshu does not publish', () => {
  it('any other retcode is a definite failure the client cannot place (concerns unknown: syncOrders stops after 3 in a row), with errmsg and the advice for the environment', () => {
    const classification = classify(answer(200, { retcode: 4001, errmsg: 'sign err' }), [], {
      environment: 'production',
    })
    expect(classification).toEqual({
      outcome: 'failure',
      code: 4001,
      message: `sign err — ${unknownCodeAdvice('production')}`,
      concerns: 'unknown',
    })
  })

  it('names the test environment by default, and says "no errmsg" for an empty one', () => {
    expect(classify(answer(200, { retcode: 4001, errmsg: '' }))).toEqual({
      outcome: 'failure',
      code: 4001,
      message: `no errmsg — ${unknownCodeAdvice('test')}`,
      concerns: 'unknown',
    })
  })

  it('retries a code listed in retryableRetcodes, with its errmsg', () => {
    expect(classify(answer(200, { retcode: -1, errmsg: 'system busy' }), [-1])).toEqual({
      outcome: 'retryable',
      code: -1,
      message: 'system busy',
    })
    expect(classify(answer(200, { retcode: -1 }), [-1])).toEqual({
      outcome: 'retryable',
      code: -1,
      message: 'no errmsg',
    })
  })
})

describe('classifyYoushuResponse: codes declared in knownRetcodes', () => {
  const knownRetcodes = {
    1001: 'signature',
    1002: 'timestamp',
    1003: 'nonce',
    1005: 'unknown_data_source',
    1009: 'temporary',
    1010: 'order',
  } as const

  it('signature: about the credentials, naming the environment whose pair to check', () => {
    expect(
      classify(answer(200, { retcode: 1001, errmsg: 'bad sign' }), [], {
        environment: 'production',
        knownRetcodes,
      }),
    ).toEqual({
      outcome: 'failure',
      code: 1001,
      concerns: 'credentials',
      message:
        'bad sign — the signature does not match: check appId and appSecret for the production environment (Youshu gives each environment its own pair)',
    })
  })

  it("timestamp: about the configuration, the host's clock", () => {
    expect(
      classify(answer(200, { retcode: 1002, errmsg: 'timestamp expired' }), [], { knownRetcodes }),
    ).toEqual({
      outcome: 'failure',
      code: 1002,
      concerns: 'configuration',
      message:
        "timestamp expired — the signature's timestamp is outside Youshu's window: set this host's clock right",
    })
  })

  it('nonce: about the configuration, the nonce source', () => {
    expect(classify(answer(200, { retcode: 1003 }), [], { knownRetcodes })).toEqual({
      outcome: 'failure',
      code: 1003,
      concerns: 'configuration',
      message:
        'no errmsg — the nonce was refused: each request needs a fresh one (check a custom createNonce)',
    })
  })

  it('unknown_data_source: about the configuration; the advice depends on where the data source came from', () => {
    expect(
      classify(answer(200, { retcode: 1005, errmsg: 'unknown dataSourceId' }), [], {
        knownRetcodes,
        dataSourceIsSetting: true,
      }),
    ).toEqual({
      outcome: 'failure',
      code: 1005,
      concerns: 'configuration',
      message:
        'unknown dataSourceId — the data source is unknown to Youshu: check the dataSourceId setting (the one shown in DataNexus, for this merchant and environment)',
    })
    expect(
      classify(answer(200, { retcode: 1005, errmsg: 'unknown dataSourceId' }), [], {
        knownRetcodes,
      }),
    ).toEqual({
      outcome: 'failure',
      code: 1005,
      concerns: 'configuration',
      message:
        'unknown dataSourceId — the data source is unknown to Youshu (e.g. the sandbox was reset since the client looked it up): the client forgot it and looks it up again on its next call; sync the orders again',
    })
  })

  it('order: the order’s own fault, so the others are still sent however many in a row get it', () => {
    expect(
      classify(answer(200, { retcode: 1010, errmsg: 'goods_info invalid' }), [], { knownRetcodes }),
    ).toEqual({
      outcome: 'failure',
      code: 1010,
      concerns: 'order',
      message:
        'goods_info invalid — Youshu refused this order (knownRetcodes): fix the order and sync it again',
    })
  })

  it('temporary: retried like retryableRetcodes', () => {
    expect(classify(answer(200, { retcode: 1009, errmsg: 'busy' }), [], { knownRetcodes })).toEqual(
      {
        outcome: 'retryable',
        code: 1009,
        message: 'busy',
      },
    )
  })

  it('looks codes up among own properties only', () => {
    expect(youshuRetcodeMeaning(1001, knownRetcodes)).toBe('signature')
    expect(youshuRetcodeMeaning(1004, knownRetcodes)).toBeUndefined()
    const inherited = Object.create({ 1004: 'signature' }) as Record<number, 'signature'>
    expect(youshuRetcodeMeaning(1004, inherited)).toBeUndefined()
    expect(
      classify(answer(200, { retcode: 1004, errmsg: 'invalid' }), [], {
        knownRetcodes: inherited,
      }),
    ).toEqual({
      outcome: 'failure',
      code: 1004,
      message: `invalid — ${unknownCodeAdvice('test')}`,
      concerns: 'unknown',
    })
  })
})
