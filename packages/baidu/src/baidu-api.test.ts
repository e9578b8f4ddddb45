import { InvalidArgumentError } from '@ordersync/core'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { BaiduApi } from './baidu-api.ts'
import { createBaidu } from './baidu-client.ts'
import {
  baiduDocumentAddRequest,
  baiduDocumentAppendSubInfoRequest,
  baiduDocumentUpdateMainInfoRequest,
  baiduDocumentUpdateMainStatusRequest,
  baiduDocumentUpdateSubInfoRequest,
  baiduDocumentUpdateSubStatusRequest,
} from './test/baidu-document-requests.ts'

const appKey = 'a392qXwK8L5GDUWhFoC01cKwoy7tmehg'

// A valid request of every method: the document's examples, and a parcel for the logistics update.
const requests: { readonly [Name in keyof BaiduApi]: Parameters<BaiduApi[Name]>[0] } = {
  addMainInfo: baiduDocumentAddRequest,
  updateMainInfo: baiduDocumentUpdateMainInfoRequest,
  updateMainStatus: baiduDocumentUpdateMainStatusRequest,
  updateMainLogistics: {
    query: { open_id: 'k5nF3wqL9' },
    body: {
      Data: [
        {
          CateID: 1,
          BizAPPID: appKey,
          ResourceID: '2221554346520',
          EXT: {
            MainOrder: {
              Express: { ID: 'SF1234567890', Type: 1, Code: 'shunfeng', Name: '顺丰', Status: 0 },
            },
          },
        },
      ],
    },
  },
  appendSubInfo: baiduDocumentAppendSubInfoRequest,
  updateSubInfo: baiduDocumentUpdateSubInfoRequest,
  updateSubStatus: baiduDocumentUpdateSubStatusRequest,
}
const methods = Object.keys(requests) as (keyof BaiduApi)[]

const misused: readonly [string, unknown, string][] = [
  ['null', null, 'options'],
  ['a string', 'signal', 'options'],
  ['a list', [], 'options'],
  ['a signal that is a string', { signal: 'abort' }, 'options.signal'],
  ['a signal look-alike', { signal: { aborted: false, addEventListener() {} } }, 'options.signal'],
]

let unhandled: unknown[] = []
const onUnhandled = (reason: unknown) => {
  unhandled.push(reason)
}
beforeEach(() => {
  unhandled = []
  process.on('unhandledRejection', onUnhandled)
})
afterEach(() => {
  process.off('unhandledRejection', onUnhandled)
})

describe('api: options checked before anything starts', () => {
  it.each(
    methods.flatMap((method) =>
      misused.map(([label, options, argument]) => [method, label, argument, options] as const),
    ),
  )(
    '%s refuses options that are %s with InvalidArgumentError naming %s, before a token is fetched',
    async (method, _, argument, options) => {
      const sent: string[] = []
      const baidu = createBaidu({
        appKey,
        appSecret: 'fixed-app-secret-3a7e',
        paymentAppKey: 'MMUfixedpaymentkey',
        fetch: async (input) => {
          sent.push(String(input))
          return new Response('{"errno":0,"data":[]}', { status: 200 })
        },
      })
      const call = (baidu.api[method] as (request: unknown, options: unknown) => Promise<unknown>)(
        requests[method],
        options,
      )
      const error = await call.then(
        () => undefined,
        (thrown: unknown) => thrown,
      )
      expect(InvalidArgumentError.isInstance(error) && [error.argument, error.platform]).toEqual([
        argument,
        'baidu',
      ])
      // Nothing ran: no token request, no call — and nothing left to reject later.
      await new Promise((resolve) => setTimeout(resolve, 20))
      expect(sent).toEqual([])
      expect(unhandled).toEqual([])
    },
  )

  it('takes a real AbortSignal, and no options at all', async () => {
    const sent: string[] = []
    const baidu = createBaidu({
      appKey,
      appSecret: 'fixed-app-secret-3a7e',
      paymentAppKey: 'MMUfixedpaymentkey',
      fetch: async (input) => {
        const path = new URL(String(input instanceof Request ? input.url : input)).pathname
        sent.push(path)
        return new Response(
          path.startsWith('/oauth/')
            ? '{"access_token":"24.fixed-token.2592000","expires_in":2592000}'
            : '{"errno":0,"msg":"success","data":[{"resource_id":"2221554346520","rows_affected":"1"},{"resource_id":"3221554346520","rows_affected":"1"}]}',
          { status: 200, headers: { 'content-type': 'application/json' } },
        )
      },
    })
    const withSignal = await baidu.api.updateMainStatus(requests.updateMainStatus, {
      signal: new AbortController().signal,
    })
    const without = await baidu.api.updateMainStatus(requests.updateMainStatus)
    expect([withSignal.missing, withSignal.rejected, without.missing]).toEqual([[], [], []])
    expect(sent).toEqual([
      '/oauth/2.0/token',
      '/rest/2.0/smartapp/ordercenter/app/update/main/status',
      '/rest/2.0/smartapp/ordercenter/app/update/main/status',
    ])
    expect(unhandled).toEqual([])
  })
})
