import { InvalidArgumentError } from '@ordersync/core'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { client, fakeWechat } from './test/fake-wechat.ts'
import { wechatDocumentRequest } from './test/wechat-document-request.ts'
import type { WechatApi } from './wechat-api.ts'

const reference = { out_order_id: 'xxxxx', openid: 'oTVP50O53a7jgmawAmxKukNlq3XI' }

// A valid request of every method, so that only the options can be refused.
const requests: { readonly [Name in keyof WechatApi]: Parameters<WechatApi[Name]>[0] } = {
  addOrder: wechatDocumentRequest,
  payOrder: {
    ...reference,
    action_type: 1,
    transaction_id: '4200000512202003251234567890',
    pay_time: '2020-03-25 14:10:00',
  },
  sendDelivery: {
    ...reference,
    finish_all_delivery: 1,
    delivery_list: [{ delivery_id: 'SF', waybill_id: 'SF1234567890' }],
    ship_done_time: '2020-03-26 09:30:00',
  },
  receiveDelivery: reference,
  getOrder: reference,
}
const methods = Object.keys(requests) as (keyof WechatApi)[]

const misused: readonly [string, unknown, string, string][] = [
  ['null', null, 'options', 'must be an object such as { signal }, or left out; got null'],
  [
    'a string',
    'signal',
    'options',
    'must be an object such as { signal }, or left out; got a string',
  ],
  [
    'a signal that is a string',
    { signal: 'abort' },
    'options.signal',
    'must be an AbortSignal (from an AbortController or AbortSignal.timeout), got a string',
  ],
  [
    'a signal look-alike',
    { signal: { aborted: false, addEventListener() {} } },
    'options.signal',
    'must be an AbortSignal (from an AbortController or AbortSignal.timeout), got an object',
  ],
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
  // Before, `null` failed with a TypeError, a bad signal was refused by the transport as `signal`
  // (after the request was checked), and a string was taken as "no options".
  it.each(
    methods.flatMap((method) =>
      misused.map(
        ([label, options, argument, reason]) => [method, label, argument, options, reason] as const,
      ),
    ),
  )(
    '%s refuses options that are %s with InvalidArgumentError naming %s, before a token is fetched',
    async (method, _, argument, options, reason) => {
      const fake = fakeWechat()
      // A token refresh, had one started, would reject: nothing may be left to reject unhandled.
      fake.answer('/cgi-bin/stable_token', {
        body: { errcode: 40125, errmsg: 'invalid appsecret' },
      })
      const call = (
        client(fake).api[method] as (request: unknown, options: unknown) => Promise<unknown>
      )(requests[method], options)
      const error = await call.then(
        () => undefined,
        (thrown: unknown) => thrown,
      )
      expect(
        InvalidArgumentError.isInstance(error) && [error.argument, error.platform, error.message],
      ).toEqual([argument, 'wechat', `[ordersync] [wechat] invalid ${argument}: ${reason}`])
      // Nothing ran: no token request, no call — and nothing left to reject later.
      await new Promise((resolve) => setTimeout(resolve, 20))
      expect(fake.sent).toEqual([])
      expect(unhandled).toEqual([])
    },
  )

  it('takes a real AbortSignal, and no options at all', async () => {
    const fake = fakeWechat()
    const wechat = client(fake)
    await wechat.api.addOrder(requests.addOrder, { signal: new AbortController().signal })
    await expect(wechat.api.getOrder(reference)).resolves.toMatchObject({ status: 10 })
    await expect(wechat.api.payOrder(requests.payOrder, {})).resolves.toEqual({
      errcode: 0,
      errmsg: 'ok',
    })
    expect(fake.paths()).toEqual([
      '/cgi-bin/stable_token',
      '/shop/order/add',
      '/shop/order/get',
      '/shop/order/pay',
    ])
    expect(unhandled).toEqual([])
  })
})
