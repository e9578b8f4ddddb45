import { ApiCallError, InvalidArgumentError, ValidationError } from '@ordersync/core'
import { describe, expect, it } from 'vitest'
import { client, fakeWechatShipping } from './test/fake-wechat-shipping.ts'
import {
  getOrderAnswerText,
  splitFirstRequest,
  splitSecondRequest,
  unifiedSfRequest,
} from './test/wechat-shipping-document-requests.ts'

describe('api: the worked requests, byte for byte', () => {
  it('upload_shipping_info, express, unified, SF with a masked contact: a stable token, then exactly these bytes', async () => {
    const fake = fakeWechatShipping()
    const answer = await client(fake).api.uploadShippingInfo(unifiedSfRequest)
    expect(answer).toEqual({ errcode: 0, errmsg: 'ok' })
    expect(fake.sent).toMatchInlineSnapshot(`
      [
        {
          "body": "{"grant_type":"client_credential","appid":"wx1234567890abcdef","secret":"app-secret-5f4dcc3b","force_refresh":false}",
          "headers": {
            "content-type": "application/json",
            "user-agent": "ordersync/wechat-shipping/0.0.0-test",
          },
          "method": "POST",
          "url": "/cgi-bin/stable_token",
        },
        {
          "body": "{"order_key":{"order_number_type":2,"transaction_id":"4200009999202503011234567890"},"logistics_type":1,"delivery_mode":1,"shipping_list":[{"tracking_no":"SF1400012345678","express_company":"SF","item_desc":"白瓷马克杯*2；杯垫*1","contact":{"receiver_contact":"138****5678"}}],"upload_time":"2025-03-01T10:15:30.000+08:00","payer":{"openid":"oExamplePayerOpenid000000001"}}",
          "headers": {
            "content-type": "application/json",
            "user-agent": "ordersync/wechat-shipping/0.0.0-test",
          },
          "method": "POST",
          "url": "/wxa/sec/order/upload_shipping_info?access_token=ACCESS-TOKEN-1",
        },
      ]
    `)
  })

  it('upload_shipping_info by merchant trade number, split over two calls, the second later and complete', async () => {
    const fake = fakeWechatShipping()
    const api = client(fake).api
    await api.uploadShippingInfo(splitFirstRequest)
    await api.uploadShippingInfo(splitSecondRequest)
    expect(fake.sent.slice(1).map((entry) => entry.body)).toMatchInlineSnapshot(`
      [
        "{"order_key":{"order_number_type":1,"mchid":"1900000109","out_trade_no":"SO20250301-0042"},"logistics_type":1,"delivery_mode":2,"is_all_delivered":false,"shipping_list":[{"tracking_no":"YT7000000000001","express_company":"YTO","item_desc":"书桌*1"}],"upload_time":"2025-03-01T10:15:30.000+08:00","payer":{"openid":"oExamplePayerOpenid000000001"}}",
        "{"order_key":{"order_number_type":1,"mchid":"1900000109","out_trade_no":"SO20250301-0042"},"logistics_type":1,"delivery_mode":2,"is_all_delivered":true,"shipping_list":[{"tracking_no":"YT7000000000001","express_company":"YTO","item_desc":"书桌*1"},{"tracking_no":"YT7000000000002","express_company":"YTO","item_desc":"椅子*1"}],"upload_time":"2025-03-02T09:00:00.000+08:00","payer":{"openid":"oExamplePayerOpenid000000001"}}",
      ]
    `)
    expect(fake.payments.get('1900000109:SO20250301-0042')?.finishCount).toBe(1)
  })

  it('get_order by merchant_id + merchant_trade_no (not mchid + out_trade_no): the request bytes and the decoded answer', async () => {
    const fake = fakeWechatShipping()
    fake.answer('/wxa/sec/order/get_order', { body: getOrderAnswerText })
    const order = await client(fake).api.getOrder({
      merchant_id: '1900000109',
      merchant_trade_no: 'SO20250228-0007',
    })
    expect(fake.sent[1]?.body).toBe(
      '{"merchant_id":"1900000109","merchant_trade_no":"SO20250228-0007"}',
    )
    expect(order).toEqual(JSON.parse(getOrderAnswerText).order)
    // The answer names a parcel's description goods_desc, where an upload says item_desc.
    expect(order.shipping?.shipping_list?.[0]?.goods_desc).toBe('白瓷马克杯*2；杯垫*1')
  })

  it('get_order decodes an unknown order_state (6, 资金待结算) and a parcel without goods_desc or contact', async () => {
    const fake = fakeWechatShipping()
    fake.answer('/wxa/sec/order/get_order', {
      body: {
        errcode: 0,
        errmsg: 'ok',
        order: {
          transaction_id: '42',
          order_state: 6,
          shipping: {
            shipping_list: [{ tracking_no: 'JT1', express_company: 'JTSD', upload_time: 1 }],
          },
        },
      },
    })
    const order = await client(fake).api.getOrder({ transaction_id: '42' })
    expect(order.order_state).toBe(6)
    expect(order.shipping?.shipping_list?.[0]).toEqual({
      tracking_no: 'JT1',
      express_company: 'JTSD',
      upload_time: 1,
    })
  })

  it('get_order_list: an async iterator over pages, each request the filter plus the previous last_index', async () => {
    const fake = fakeWechatShipping()
    fake.answer(
      '/wxa/sec/order/get_order_list',
      {
        body: {
          errcode: 0,
          errmsg: 'ok',
          order_list: [{ transaction_id: 'a', order_state: 1 }],
          last_index: '092dd3cecbc6926301',
          has_more: true,
        },
      },
      {
        body: {
          errcode: 0,
          errmsg: 'ok',
          order_list: [{ transaction_id: 'b', order_state: 1 }],
          last_index: '092dd3cecbc6926302',
          has_more: false,
        },
      },
    )
    const pages = []
    const filter = {
      pay_time_range: { begin_time: 1740700000, end_time: 1740800000 },
      order_state: 1,
      page_size: 50,
    } as const
    for await (const page of client(fake).api.getOrderList(filter)) pages.push(page)
    expect(pages.map((page) => page.order_list.map((order) => order.transaction_id))).toEqual([
      ['a'],
      ['b'],
    ])
    expect(fake.sent.slice(1).map((entry) => entry.body)).toEqual([
      '{"pay_time_range":{"begin_time":1740700000,"end_time":1740800000},"order_state":1,"page_size":50}',
      '{"pay_time_range":{"begin_time":1740700000,"end_time":1740800000},"order_state":1,"page_size":50,"last_index":"092dd3cecbc6926301"}',
    ])
  })

  it('get_order_list fetches a page only when the loop asks for it', async () => {
    const fake = fakeWechatShipping()
    const more = { errcode: 0, errmsg: 'ok', order_list: [], last_index: 'x1', has_more: true }
    fake.answer(
      '/wxa/sec/order/get_order_list',
      { body: more },
      { body: { ...more, last_index: 'x2' } },
    )
    for await (const page of client(fake).api.getOrderList()) {
      expect(page.last_index).toBe('x1')
      break
    }
    expect(fake.paths().filter((path) => path === '/wxa/sec/order/get_order_list')).toHaveLength(1)
  })

  it('get_order_list ends with an ApiCallError when has_more comes without a new cursor, instead of looping', async () => {
    const fake = fakeWechatShipping()
    const stuck = { errcode: 0, errmsg: 'ok', order_list: [], last_index: 'same', has_more: true }
    fake.answer('/wxa/sec/order/get_order_list', { body: stuck }, { body: stuck })
    const pages = client(fake).api.getOrderList()
    await pages.next()
    await pages.next()
    const third = pages.next()
    await expect(third).rejects.toThrow(/last_index did not move on/)
    await third.catch((error: unknown) => expect(ApiCallError.isInstance(error)).toBe(true))
  })

  it('notify_confirm_receive sends received_time in Unix seconds', async () => {
    const fake = fakeWechatShipping()
    await client(fake).api.notifyConfirmReceive({
      transaction_id: '4200009999202502281111111111',
      received_time: 1740880000,
    })
    expect(fake.sent[1]?.body).toBe(
      '{"transaction_id":"4200009999202502281111111111","received_time":1740880000}',
    )
  })

  it('notify_confirm_receive refuses received_time in milliseconds before sending (WeChat: 10060029)', async () => {
    const fake = fakeWechatShipping()
    await expect(
      client(fake).api.notifyConfirmReceive({
        transaction_id: '4200009999202502281111111111',
        received_time: 1740880000000,
      }),
    ).rejects.toThrow(/Unix seconds, not milliseconds/)
    expect(fake.sent).toEqual([])
  })

  it('is_trade_managed and is_trade_management_confirmation_completed ask about the client’s own appId by default', async () => {
    const fake = fakeWechatShipping()
    fake.answer('/wxa/sec/order/is_trade_managed', {
      body: { errcode: 0, errmsg: 'ok', is_trade_managed: true },
    })
    fake.answer('/wxa/sec/order/is_trade_management_confirmation_completed', {
      body: { errcode: 0, errmsg: 'ok', completed: false },
    })
    const api = client(fake).api
    expect(await api.isTradeManaged()).toEqual({ is_trade_managed: true })
    expect(
      await api.isTradeManagementConfirmationCompleted({ appid: 'wx0000000000000001' }),
    ).toEqual({ completed: false })
    expect(fake.sent.slice(1).map((entry) => [entry.url.split('?')[0], entry.body])).toEqual([
      ['/wxa/sec/order/is_trade_managed', '{"appid":"wx1234567890abcdef"}'],
      [
        '/wxa/sec/order/is_trade_management_confirmation_completed',
        '{"appid":"wx0000000000000001"}',
      ],
    ])
  })

  it('set_msg_jump_path, opspecialorder and upload_combined_shipping_info send their bodies as given', async () => {
    const fake = fakeWechatShipping()
    const api = client(fake).api
    await api.setMsgJumpPath({ path: 'pages/order/detail?from=shipping' })
    await api.opSpecialOrder({
      order_id: '4200009999202503011234567890',
      type: 1,
      delay_to: 1743465600,
    })
    await api.opSpecialOrder({ order_id: 'SO20250301-0042', type: 2 })
    await api.uploadCombinedShippingInfo({
      order_key: { order_number_type: 2, transaction_id: '4200009999202503011234567800' },
      sub_orders: [
        {
          order_key: { order_number_type: 2, transaction_id: '4200009999202503011234567801' },
          logistics_type: 1,
          delivery_mode: 1,
          shipping_list: [{ tracking_no: 'YT1', express_company: 'YTO', item_desc: '台灯*1' }],
        },
      ],
      upload_time: '2025-03-01T10:15:30.000+08:00',
      payer: { openid: 'oExamplePayerOpenid000000001' },
    })
    expect(
      fake.sent.slice(1).map((entry) => [entry.url.split('?')[0], entry.body]),
    ).toMatchInlineSnapshot(`
      [
        [
          "/wxa/sec/order/set_msg_jump_path",
          "{"path":"pages/order/detail?from=shipping"}",
        ],
        [
          "/wxa/sec/order/opspecialorder",
          "{"order_id":"4200009999202503011234567890","type":1,"delay_to":1743465600}",
        ],
        [
          "/wxa/sec/order/opspecialorder",
          "{"order_id":"SO20250301-0042","type":2}",
        ],
        [
          "/wxa/sec/order/upload_combined_shipping_info",
          "{"order_key":{"order_number_type":2,"transaction_id":"4200009999202503011234567800"},"sub_orders":[{"order_key":{"order_number_type":2,"transaction_id":"4200009999202503011234567801"},"logistics_type":1,"delivery_mode":1,"shipping_list":[{"tracking_no":"YT1","express_company":"YTO","item_desc":"台灯*1"}]}],"upload_time":"2025-03-01T10:15:30.000+08:00","payer":{"openid":"oExamplePayerOpenid000000001"}}",
        ],
      ]
    `)
  })
})

describe('api: options first, then the request, then the wire', () => {
  it('refuses options that are not an object before looking at the request or fetching a token', async () => {
    const fake = fakeWechatShipping()
    const api = client(fake).api
    const wrong = null as unknown as undefined
    const invalid = {} as typeof unifiedSfRequest
    const calls: Array<() => Promise<unknown> | unknown> = [
      () => api.uploadShippingInfo(invalid, wrong),
      () => api.uploadCombinedShippingInfo(invalid as never, wrong),
      () => api.getOrder({}, wrong),
      () => api.getOrderList({ order_state: 9 as 1 }, wrong),
      () => api.notifyConfirmReceive({} as never, wrong),
      () => api.setMsgJumpPath({} as never, wrong),
      () => api.isTradeManaged({ appid: '' }, wrong),
      () => api.isTradeManagementConfirmationCompleted({ appid: '' }, wrong),
      () => api.opSpecialOrder({} as never, wrong),
    ]
    for (const call of calls) {
      const error = await (async () => call())().catch((thrown: unknown) => thrown)
      expect(InvalidArgumentError.isInstance(error)).toBe(true)
      expect((error as InvalidArgumentError).message).toContain('options')
    }
    expect(fake.sent).toEqual([])
  })

  it('refuses a request its schema refuses, naming every problem, before anything is sent', async () => {
    const fake = fakeWechatShipping()
    const error = await client(fake)
      .api.uploadShippingInfo({
        ...unifiedSfRequest,
        delivery_mode: 2,
        logistics_type: 4,
        shipping_list: [{ item_desc: '' }],
      })
      .catch((thrown: unknown) => thrown)
    expect(ValidationError.isInstance(error)).toBe(true)
    expect((error as ValidationError).issues.map((issue) => issue.path.join('.'))).toEqual([
      'shipping_list.0.item_desc',
      'delivery_mode',
      'is_all_delivered',
    ])
    expect(fake.sent).toEqual([])
  })

  it('reports WeChat’s refusal with its code, what to do, and the trace id of the errmsg', async () => {
    const fake = fakeWechatShipping()
    fake.answer('/wxa/sec/order/upload_shipping_info', {
      body: {
        errcode: 10060003,
        errmsg: '支付单已使用重新发货机会 rid: 6639eae2-2d7c4699-190e24dd',
      },
    })
    const error = await client(fake)
      .api.uploadShippingInfo(unifiedSfRequest)
      .catch((thrown: unknown) => thrown)
    expect(ApiCallError.isInstance(error)).toBe(true)
    expect(error).toMatchObject({
      platformCode: 10060003,
      retryable: false,
      requestId: '6639eae2-2d7c4699-190e24dd',
    })
    expect((error as ApiCallError).message).toContain('one change of shipping')
  })

  it('api.uploadShippingInfo does not take 10060023 for success: only syncOrders does', async () => {
    const fake = fakeWechatShipping()
    const api = client(fake).api
    await api.uploadShippingInfo(unifiedSfRequest)
    await expect(api.uploadShippingInfo(unifiedSfRequest)).rejects.toThrow(/10060023/)
  })
})
