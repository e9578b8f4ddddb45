import {
  ApiCallError,
  AuthenticationError,
  InvalidArgumentError,
  parseOrder,
  syncOrders,
  UnsupportedMappingError,
} from '@ordersync/core'
import { describe, expect, it } from 'vitest'
import { bigOrderId, client, documentOrder, fakeWechat, shipped } from './test/fake-wechat.ts'
import { wechatDocumentRequest } from './test/wechat-document-request.ts'
import { createWechat, type WechatSettings } from './wechat-client.ts'
import { classifyWechatTokenResponse } from './wechat-errors.ts'

describe('createWechat', () => {
  it('sends exactly these bytes: a stable token, then shop/order/get and shop/order/add with the token in the query', async () => {
    const fake = fakeWechat()
    const report = await syncOrders({ platform: client(fake), orders: [documentOrder] })
    expect(report.results[0]).toMatchObject({
      status: 'succeeded',
      platformIds: { out_order_id: 'xxxxx', order_id: bigOrderId },
    })
    // The bodies as a reviewer reads them, then the exact requests sent.
    expect(
      fake.sent.map((entry) => (entry.body === '' ? '' : JSON.parse(entry.body))),
    ).toMatchInlineSnapshot(`
        [
          {
            "appid": "wx1234567890abcdef",
            "force_refresh": false,
            "grant_type": "client_credential",
            "secret": "app-secret-5f4dcc3b",
          },
          {
            "openid": "oTVP50O53a7jgmawAmxKukNlq3XI",
            "out_order_id": "xxxxx",
          },
          {
            "address_info": {
              "detailed_address": "详细收货地址信息",
              "receiver_name": "张三",
              "tel_number": "13800138000",
            },
            "create_time": "2020-03-25 13:05:25",
            "delivery_detail": {
              "delivery_type": 1,
            },
            "openid": "oTVP50O53a7jgmawAmxKukNlq3XI",
            "order_detail": {
              "pay_info": {
                "pay_method_type": 0,
                "prepay_id": "42526234625",
                "prepay_time": "2020-03-25 14:04:25",
              },
              "price_info": {
                "additional_price": 200,
                "additional_remarks": "税费",
                "discounted_price": 100,
                "freight": 500,
                "order_price": 1600,
              },
              "product_infos": [
                {
                  "head_img": "http://img10.360buyimg.com/n1/s450x450_jfs/t1/85865/39/13611/488083/5e590a40E4bdf69c0/55c9bf645ea2b727.jpg",
                  "out_product_id": "12345",
                  "out_sku_id": "23456",
                  "path": "pages/productDetail/productDetail?productId=2176180",
                  "product_cnt": 10,
                  "real_price": 90,
                  "sale_price": 100,
                  "title": "洗洁精",
                },
              ],
            },
            "out_order_id": "xxxxx",
            "out_user_id": "323232323",
            "path": "/pages/order.html?out_order_id=xxxxx",
            "scene": 1177,
          },
        ]
      `)
    expect(fake.sent).toMatchInlineSnapshot(`
      [
        {
          "body": "{"grant_type":"client_credential","appid":"wx1234567890abcdef","secret":"app-secret-5f4dcc3b","force_refresh":false}",
          "headers": {
            "content-type": "application/json",
            "user-agent": "ordersync/wechat/0.0.0-test",
          },
          "method": "POST",
          "url": "/cgi-bin/stable_token",
        },
        {
          "body": "{"out_order_id":"xxxxx","openid":"oTVP50O53a7jgmawAmxKukNlq3XI"}",
          "headers": {
            "content-type": "application/json",
            "user-agent": "ordersync/wechat/0.0.0-test",
          },
          "method": "POST",
          "url": "/shop/order/get?access_token=ACCESS-TOKEN-1",
        },
        {
          "body": "{"create_time":"2020-03-25 13:05:25","out_order_id":"xxxxx","openid":"oTVP50O53a7jgmawAmxKukNlq3XI","path":"/pages/order.html?out_order_id=xxxxx","scene":1177,"out_user_id":"323232323","order_detail":{"product_infos":[{"out_product_id":"12345","out_sku_id":"23456","product_cnt":10,"sale_price":100,"real_price":90,"path":"pages/productDetail/productDetail?productId=2176180","title":"洗洁精","head_img":"http://img10.360buyimg.com/n1/s450x450_jfs/t1/85865/39/13611/488083/5e590a40E4bdf69c0/55c9bf645ea2b727.jpg"}],"pay_info":{"pay_method_type":0,"prepay_id":"42526234625","prepay_time":"2020-03-25 14:04:25"},"price_info":{"order_price":1600,"freight":500,"discounted_price":100,"additional_price":200,"additional_remarks":"税费"}},"delivery_detail":{"delivery_type":1},"address_info":{"receiver_name":"张三","detailed_address":"详细收货地址信息","tel_number":"13800138000"}}",
          "headers": {
            "content-type": "application/json",
            "user-agent": "ordersync/wechat/0.0.0-test",
          },
          "method": "POST",
          "url": "/shop/order/add?access_token=ACCESS-TOKEN-1",
        },
      ]
    `)
  })

  it('reads order_id digit for digit, although JSON.parse rounds it', async () => {
    const fake = fakeWechat()
    const wechat = client(fake)
    const { result, warnings } = await wechat.api.addOrder(wechatDocumentRequest)
    expect(String(JSON.parse(`{"id":${bigOrderId}}`).id)).toBe('18446744073709552000')
    expect(result).toEqual({
      orderId: bigOrderId,
      outOrderId: 'xxxxx',
      ticket: 'ticket-1',
      ticketExpireTime: '2020-03-26 13:05:25',
      finalPrice: 1600,
    })
    expect(warnings.map((warning) => warning.path.join('.'))).toEqual([
      'order_detail.product_infos',
    ])
    const record = await wechat.api.getOrder({
      out_order_id: 'xxxxx',
      openid: 'oTVP50O53a7jgmawAmxKukNlq3XI',
    })
    expect([record.orderId, record.status]).toEqual([bigOrderId, 10])
  })

  it('uses the classic token endpoint when asked: GET with the credentials in the query', async () => {
    const fake = fakeWechat()
    await syncOrders({
      platform: client(fake, { tokenEndpoint: 'classic' }),
      orders: [documentOrder],
    })
    expect(fake.sent[0]).toEqual({
      method: 'GET',
      url: '/cgi-bin/token?grant_type=client_credential&appid=wx1234567890abcdef&secret=app-secret-5f4dcc3b',
      headers: { 'user-agent': 'ordersync/wechat/0.0.0-test' },
      body: '',
    })
  })

  it('fails at creation naming a missing credential or an unknown token endpoint', () => {
    expect(() => createWechat({ appId: '', appSecret: 's' })).toThrow(InvalidArgumentError)
    expect(() => createWechat({ appId: 'wx1', appSecret: ' ' })).toThrow(/appSecret/)
    expect(() =>
      createWechat({ appId: 'wx1', appSecret: 's', tokenEndpoint: 'fresh' as never }),
    ).toThrow(/tokenEndpoint/)
  })
})

describe('createWechat: bringing the WeChat order to the canonical status', () => {
  it('sends add, pay and delivery/send for a shipped order, in that order', async () => {
    const fake = fakeWechat()
    const report = await syncOrders({ platform: client(fake), orders: [shipped] })
    expect(report.results[0]?.status).toBe('succeeded')
    expect(fake.paths()).toEqual([
      '/cgi-bin/stable_token',
      '/shop/order/get',
      '/shop/order/add',
      '/shop/order/pay',
      '/shop/delivery/send',
    ])
    expect(fake.statuses.get('xxxxx')).toBe(30)
    expect(fake.sent.slice(3).map((entry) => JSON.parse(entry.body))).toMatchInlineSnapshot(`
      [
        {
          "action_type": 1,
          "openid": "oTVP50O53a7jgmawAmxKukNlq3XI",
          "out_order_id": "xxxxx",
          "pay_time": "2020-03-25 14:10:00",
          "transaction_id": "4200000512202003251234567890",
        },
        {
          "delivery_list": [
            {
              "delivery_id": "SF",
              "waybill_id": "SF1234567890",
            },
          ],
          "finish_all_delivery": 1,
          "openid": "oTVP50O53a7jgmawAmxKukNlq3XI",
          "out_order_id": "xxxxx",
          "ship_done_time": "2020-03-26 09:30:00",
        },
      ]
    `)
    expect(
      fake.sent.slice(3).map((entry) => `${entry.method} ${entry.url} ${entry.body}`),
    ).toMatchInlineSnapshot(`
        [
          "POST /shop/order/pay?access_token=ACCESS-TOKEN-1 {"out_order_id":"xxxxx","openid":"oTVP50O53a7jgmawAmxKukNlq3XI","action_type":1,"transaction_id":"4200000512202003251234567890","pay_time":"2020-03-25 14:10:00"}",
          "POST /shop/delivery/send?access_token=ACCESS-TOKEN-1 {"out_order_id":"xxxxx","openid":"oTVP50O53a7jgmawAmxKukNlq3XI","finish_all_delivery":1,"delivery_list":[{"delivery_id":"SF","waybill_id":"SF1234567890"}],"ship_done_time":"2020-03-26 09:30:00"}",
        ]
      `)
  })

  it('re-syncing does not repeat a step: add is not re-sent to a paid order WeChat holds as it is, only what is missing', async () => {
    const fake = fakeWechat()
    const wechat = client(fake)
    await syncOrders({ platform: wechat, orders: [shipped] })
    fake.sent.length = 0
    const again = await syncOrders({
      platform: wechat,
      orders: [{ ...shipped, status: 'completed' }],
    })
    expect(fake.paths()).toEqual(['/shop/order/get', '/shop/delivery/recieve'])
    expect(fake.statuses.get('xxxxx')).toBe(100)
    const result = again.results[0]
    expect(result?.status === 'succeeded' && result.platformIds).toEqual({
      out_order_id: 'xxxxx',
      order_id: bigOrderId,
    })
    // Nothing to warn about: WeChat holds this content already (before: an add_not_resent warning
    // on every re-sync of a paid order, whatever its content).
    expect(result?.status === 'succeeded' ? result.warnings : undefined).toEqual([])
  })

  it('leaves an order WeChat holds further on as it is, with a warning (an older version sent later)', async () => {
    const fake = fakeWechat()
    const wechat = client(fake)
    await syncOrders({ platform: wechat, orders: [shipped] })
    fake.sent.length = 0
    const older = await syncOrders({ platform: wechat, orders: [documentOrder] })
    expect(fake.paths()).toEqual(['/shop/order/get'])
    const result = older.results[0]
    expect(result?.status).toBe('succeeded')
    // The older version has the same content: only status_behind (before: add_not_resent too).
    expect(result?.warnings.map((warning) => warning.code)).toEqual(['status_behind'])
  })

  it('fails, naming the status, when WeChat holds the order where no call can move it', async () => {
    const fake = fakeWechat()
    const wechat = client(fake)
    await syncOrders({ platform: wechat, orders: [shipped] })
    const cancelled = await syncOrders({
      platform: wechat,
      orders: [{ ...documentOrder, status: 'cancelled_before_payment' }],
    })
    const result = cancelled.results[0]
    expect(result?.status === 'failed' && UnsupportedMappingError.isInstance(result.error)).toBe(
      true,
    )
    expect(result?.status === 'failed' ? result.error.message : '').toContain(
      'WeChat holds this order in status 30 (待收货, shipped), and no call of the custom transaction component moves it to 250 (取消, cancelled)',
    )
    expect(fake.statuses.get('xxxxx')).toBe(30)
  })

  it('reports delivery partial when add succeeded and a later step failed', async () => {
    const fake = fakeWechat()
    fake.answer('/shop/order/pay', { body: { errcode: 100000, errmsg: 'order status error' } })
    const wechat = client(fake)
    const outcome = await wechat.doSync([wechat.prepare(parseOrder(shipped))], {})
    expect(outcome[0]).toMatchObject({ status: 'failed', delivery: 'partial' })
    const error = outcome[0]?.status === 'failed' ? outcome[0].error : undefined
    expect(ApiCallError.isInstance(error) && error.platformCode).toBe(100000)
    // 100000 makes the sync read the status: WeChat did not move, so the error stands.
    expect(fake.paths().slice(1)).toEqual([
      '/shop/order/get',
      '/shop/order/add',
      '/shop/order/pay',
      '/shop/order/get',
    ])

    const again = fakeWechat()
    again.answer('/shop/order/pay', { body: { errcode: 100000, errmsg: 'order status error' } })
    const report = await syncOrders({ platform: client(again), orders: [shipped] })
    expect(report.results[0]).toMatchObject({ status: 'failed', delivery: 'partial' })
    expect(again.statuses.get('xxxxx')).toBe(10)
  })
})

describe('createWechat: errors and retries', () => {
  // The read before add carries no order (carriesOrder: false): before, a 503 read was relabelled
  // `rejected`, which says WeChat answered a refusal of the order — it never saw the order.
  it('reports an order whose status read failed on HTTP 503 as not sent, not rejected or uncertain: the read carries no order', async () => {
    const fake = fakeWechat()
    const busy = { status: 503, body: 'busy' }
    fake.answer('/shop/order/get', busy, busy, busy)
    const report = await syncOrders({ platform: client(fake), orders: [documentOrder] })
    const result = report.results[0]
    expect(result?.status === 'failed' && [result.delivery, result.error.message]).toEqual([
      'not_sent',
      "[ordersync] [wechat] /shop/order/get: reading the order's status before shop/order/add failed (HTTP 503) after 3 attempts — the order was not sent",
    ])
    expect(result?.status === 'failed' && ApiCallError.isInstance(result.error)).toBe(true)
    expect((result?.status === 'failed' ? result.error : undefined) as ApiCallError).toMatchObject({
      delivery: 'not_sent',
      httpStatus: 503,
      retryable: true,
    })
    expect([report.failed, report.uncertain]).toEqual([1, 0])
    expect(fake.paths().filter((path) => path === '/shop/order/add')).toEqual([])
  })

  it('retries errcode -1 with backoff', async () => {
    const fake = fakeWechat()
    fake.answer('/shop/order/add', { body: { errcode: -1, errmsg: 'system error' } })
    const report = await syncOrders({ platform: client(fake), orders: [documentOrder] })
    expect(report.results[0]?.status).toBe('succeeded')
    expect(fake.paths().filter((path) => path === '/shop/order/add')).toHaveLength(2)
  })

  it('does not retry 45009 (daily quota) and says so', async () => {
    const fake = fakeWechat()
    fake.answer('/shop/order/add', {
      body: { errcode: 45009, errmsg: 'reach max api daily quota limit' },
    })
    const report = await syncOrders({ platform: client(fake), orders: [documentOrder] })
    const result = report.results[0]
    const error = result?.status === 'failed' ? result.error : undefined
    expect(ApiCallError.isInstance(error)).toBe(true)
    expect((error as ApiCallError).retryable).toBe(false)
    expect(error?.message).toContain('not retried: nothing succeeds until the daily quota resets')
    expect(fake.paths().filter((path) => path === '/shop/order/add')).toHaveLength(1)
  })

  it('retries 45011 (minute quota) after the current minute ends', async () => {
    const fake = fakeWechat()
    fake.answer('/shop/order/add', {
      body: { errcode: 45011, errmsg: 'api minute-quota reach limit' },
    })
    const delays: number[] = []
    const report = await syncOrders({
      platform: client(fake, {
        // One second before a minute ends.
        clock: () => Date.UTC(2024, 4, 20, 10, 0, 59),
        hooks: { onRetry: (event) => delays.push(event.delayMs) },
      }),
      orders: [documentOrder],
    })
    expect(report.results[0]?.status).toBe('succeeded')
    expect(delays).toEqual([1000])
  })

  it('stops on 45011 when the wait is longer than retry.maxRetryAfterMs', async () => {
    const fake = fakeWechat()
    fake.answer('/shop/order/add', {
      body: { errcode: 45011, errmsg: 'api minute-quota reach limit' },
    })
    const report = await syncOrders({
      platform: client(fake, {
        clock: () => Date.UTC(2024, 4, 20, 10, 0, 0),
        retry: { maxAttempts: 3, initialDelayMs: 1, maxRetryAfterMs: 10_000 },
      }),
      orders: [documentOrder],
    })
    const result = report.results[0]
    expect(result?.status === 'failed' ? result.error.message : '').toContain(
      'the platform asked to wait 60000 ms, more than retry.maxRetryAfterMs',
    )
  })

  it('expires a rejected token (40001), fetches a new one and replays once', async () => {
    const fake = fakeWechat()
    fake.answer('/shop/order/add', { body: { errcode: 40001, errmsg: 'invalid credential' } })
    const report = await syncOrders({ platform: client(fake), orders: [documentOrder] })
    expect(report.results[0]?.status).toBe('succeeded')
    expect(fake.tokenRequests()).toBe(2)
    const adds = fake.sent.filter((entry) => entry.url.startsWith('/shop/order/add'))
    expect(
      adds.map((entry) => new URL(entry.url, 'http://x').searchParams.get('access_token')),
    ).toEqual(['ACCESS-TOKEN-1', 'ACCESS-TOKEN-2'])
  })

  it('reports a token rejected twice as an AuthenticationError, never a loop', async () => {
    const fake = fakeWechat()
    const invalid = { body: { errcode: 42001, errmsg: 'access_token expired' } }
    fake.answer('/shop/order/add', invalid, invalid, invalid)
    const report = await syncOrders({ platform: client(fake), orders: [documentOrder] })
    const result = report.results[0]
    expect(result?.status === 'failed' && AuthenticationError.isInstance(result.error)).toBe(true)
    expect(fake.tokenRequests()).toBe(2)
  })

  it.each([
    [41002, 'appid missing', 'configuration'],
    [40013, 'invalid appid', 'credentials'],
    [40125, 'invalid appsecret', 'credentials'],
    [40001, 'invalid credential', 'credentials'],
  ] as const)(
    'a token endpoint refusal %i (%s) is about the %s, and is not retried (an AuthenticationError when it refuses the credentials)',
    async (errcode, errmsg, concerns) => {
      const answer = { status: 200, headers: new Headers(), text: '', json: { errcode, errmsg } }
      expect(classifyWechatTokenResponse(answer)).toMatchObject({
        outcome: 'failure',
        code: errcode,
        concerns,
      })
      const fake = fakeWechat()
      fake.answer('/cgi-bin/stable_token', { body: { errcode, errmsg } })
      const report = await syncOrders({ platform: client(fake), orders: [documentOrder] })
      const result = report.results[0]
      const error = result?.status === 'failed' ? result.error : undefined
      if (concerns === 'credentials') {
        expect(AuthenticationError.isInstance(error)).toBe(true)
        expect(result?.status === 'failed' && result.delivery).toBe('not_sent')
      } else {
        expect(ApiCallError.isInstance(error) && error.retryable).toBe(false)
        expect(ApiCallError.isInstance(error) && error.concerns).toBe('configuration')
      }
      expect(error?.message).toContain(`the token endpoint refused: ${errmsg}`)
      expect(error?.message).not.toContain('app-secret-5f4dcc3b')
      expect(fake.paths()).toEqual(['/cgi-bin/stable_token'])
    },
  )

  it('never lets the secret, the token or the receiver’s phone into hooks or errors', async () => {
    const fake = fakeWechat()
    fake.answer('/shop/order/add', {
      body: { errcode: 47001, errmsg: 'data format error 13800138000' },
    })
    const events: unknown[] = []
    const report = await syncOrders({
      platform: client(fake, {
        tokenEndpoint: 'classic',
        hooks: {
          onRequest: (event) => events.push(event),
          onResponse: (event) => events.push(event),
          onError: (event) => events.push(event.error.message),
        },
      }),
      orders: [documentOrder],
    })
    const text = JSON.stringify({
      events,
      results: report.results.map((result) => ({
        ...result,
        message: result.status === 'failed' ? result.error.message : '',
      })),
    })
    expect(events.length).toBeGreaterThan(4)
    for (const value of ['app-secret-5f4dcc3b', 'ACCESS-TOKEN-1', '13800138000'])
      expect(text).not.toContain(value)
  })
})

describe('createWechat: a 2xx answer that cannot be read', () => {
  const uncertainAdd =
    '[ordersync] [wechat] /shop/order/add: HTTP 200 without a WeChat envelope ({errcode, errmsg}) — the platform may have stored the order; re-syncing it is safe, because every sync endpoint is an upsert'

  // errcode is WeChat's success check. Before, an answer without a numeric errcode that carried
  // `data` was taken as a success: the order reported stored on an answer nobody could read.
  it.each([
    ['without errcode', { errmsg: 'ok', data: { out_order_id: 'xxxxx', ticket: 'ticket-1' } }],
    ['with errcode as a string', '{"errcode":"0","errmsg":"ok","data":{"out_order_id":"xxxxx"}}'],
    ['cut short', '{"errcode":0,"errmsg":"ok","data":{"order_id":12'],
  ])(
    'leaves the order uncertain, never stored nor rejected, when add answers HTTP 200 %s',
    async (_, body) => {
      const fake = fakeWechat()
      fake.answer('/shop/order/add', { body })
      const report = await syncOrders({ platform: client(fake), orders: [shipped] })
      const result = report.results[0]
      expect(result?.status === 'failed' && [result.delivery, result.error.message]).toEqual([
        'uncertain',
        uncertainAdd,
      ])
      expect([report.failed, report.uncertain]).toEqual([1, 1])
      // Not retried (it may have been stored), and no step follows an add nobody could read.
      expect(fake.paths().slice(1)).toEqual(['/shop/order/get', '/shop/order/add'])
    },
  )

  it('is partial when a step after the stored add answers HTTP 200 without errcode', async () => {
    const fake = fakeWechat()
    fake.answer('/shop/order/pay', { body: { errmsg: 'ok' } })
    const report = await syncOrders({ platform: client(fake), orders: [shipped] })
    const result = report.results[0]
    expect(result?.status === 'failed' && [result.delivery, result.error.message]).toEqual([
      'partial',
      '[ordersync] [wechat] /shop/order/pay: HTTP 200 without a WeChat envelope ({errcode, errmsg}) — the platform may have stored the order; re-syncing it is safe, because every sync endpoint is an upsert',
    ])
    expect(fake.statuses.get('xxxxx')).toBe(10)
  })
})

describe('createWechat: an errcode the client does not know', () => {
  /** Orders o-0 … o-99, each the document's order under its own id. */
  const orders = Array.from({ length: 100 }, (_, index) => ({
    ...documentOrder,
    id: `o-${index}`,
    detailPageUrl: `/pages/order.html?out_order_id=o-${index}`,
  }))
  /** The fake, with every add answered `answer`. */
  const answering = (answer: object) => {
    const fake = fakeWechat()
    let adds = 0
    const fetch: typeof globalThis.fetch = async (input, init) => {
      const url = input instanceof Request ? input.url : String(input)
      if (new URL(url).pathname !== '/shop/order/add') return fake.fetch(input, init)
      adds += 1
      return new Response(JSON.stringify(answer), {
        status: 200,
        headers: { 'content-type': 'application/json' },
      })
    }
    return { fake, fetch, adds: () => adds }
  }

  // Before, a code not in wechatErrcodes was about the order: a wrong setting WeChat answers with
  // an undocumented code cost one add per order (100 here).
  it('stops the run within 2 × concurrency + 2 adds when every add answers it (a setting the table does not name)', async () => {
    const { fetch, adds } = answering({ errcode: 9401020, errmsg: 'invalid scene' })
    const report = await syncOrders({
      platform: client(fakeWechat(), { fetch }),
      orders,
      concurrency: 4,
    })
    expect(adds()).toBeLessThanOrEqual(10)
    expect(report.failed).toBe(100)
    const first = report.results.find(
      (result) =>
        result.status === 'failed' &&
        ApiCallError.isInstance(result.error) &&
        result.error.platformCode === 9401020,
    )
    expect(first?.status === 'failed' && (first.error as ApiCallError).concerns).toBe('unknown')
    const stopped = report.results.at(-1)
    expect(stopped?.status === 'failed' && [stopped.delivery, stopped.error.message]).toEqual([
      'not_sent',
      "[ordersync] [wechat] /shop/order/add: not sent: the run stopped sending to wechat after /shop/order/add: the first 3 sends all failed with the same answer the client cannot place (code 9401020, HTTP 200) — this usually means a wrong setting (a base URL or path prefix, a key, an app id). If the code is about the order, declare it in the client's table of known codes where it has one (see its guide), or raise syncOrders' sameFailureLimit — the order was not sent",
    ])
  })

  it('sends every order when every add answers a known order-level code (47001): it is the orders’ own', async () => {
    const { fetch, adds } = answering({ errcode: 47001, errmsg: 'data format error' })
    const report = await syncOrders({
      platform: client(fakeWechat(), { fetch }),
      orders,
      concurrency: 4,
    })
    expect(adds()).toBe(100)
    expect(
      report.results.every(
        (result) =>
          result.status === 'failed' &&
          ApiCallError.isInstance(result.error) &&
          result.error.platformCode === 47001 &&
          result.error.concerns === 'order' &&
          result.delivery === 'rejected',
      ),
    ).toBe(true)
  })
})

describe('createWechat: personal data', () => {
  // An answer that echoes the request it refuses: the receiver's name, address and phone must not
  // come back through it. Before, only the phone was redacted.
  const echoing =
    (fake: ReturnType<typeof fakeWechat>): typeof globalThis.fetch =>
    async (input, init) => {
      const request = new Request(input as RequestInfo, init)
      if (new URL(request.url).pathname !== '/shop/order/add') return fake.fetch(request)
      const body = await request.text()
      return new Response(
        JSON.stringify({
          errcode: 47001,
          errmsg: `data format error: ${body}`,
          request: JSON.parse(body),
        }),
        { status: 200, headers: { 'content-type': 'application/json' } },
      )
    }
  const personal = ['张三', '详细收货地址信息', '13800138000']

  const syncEchoed = async (overrides: Partial<WechatSettings>) => {
    const fake = fakeWechat()
    const events: unknown[] = []
    const report = await syncOrders({
      platform: client(fake, {
        fetch: echoing(fake),
        hooks: {
          onRequest: (event) => events.push(event),
          onResponse: (event) => events.push(event),
          onError: (event) => events.push({ message: event.error.message, error: event.error }),
        },
        ...overrides,
      }),
      orders: [documentOrder],
    })
    const result = report.results[0]
    const error = result?.status === 'failed' ? (result.error as ApiCallError) : undefined
    return {
      result,
      text: JSON.stringify({
        events,
        result,
        error: { message: error?.message, body: error?.responseBody, attempts: error?.attempts },
      }),
    }
  }

  it('never lets the receiver’s name, address or phone into hook events, errors or results, though the answer echoes them', async () => {
    const { result, text } = await syncEchoed({})
    expect(result?.status === 'failed' && (result.error as ApiCallError).platformCode).toBe(47001)
    expect(text).toContain('data format error')
    expect(text).toContain('[redacted]')
    for (const value of personal) expect(text).not.toContain(value)
  })

  it('lets the name and address through with redactPersonalData: false (local debugging), never the phone', async () => {
    const { text } = await syncEchoed({ redactPersonalData: false })
    expect(text).toContain('张三')
    expect(text).toContain('详细收货地址信息')
    expect(text).not.toContain('13800138000')
  })
})
