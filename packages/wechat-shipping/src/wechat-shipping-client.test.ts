import {
  ApiCallError,
  createMemoryTokenStore,
  createMemoryVersionStore,
  InvalidArgumentError,
  type OrderInput,
  syncOrders,
} from '@ordersync/core'
import { createWechat } from '@ordersync/wechat'
import { describe, expect, it } from 'vitest'
import { client, fakeWechatShipping, shippedOrder } from './test/fake-wechat-shipping.ts'
import { createWechatShipping, type WechatShippingSettings } from './wechat-shipping-client.ts'
import { wechatShippingSplitDocumentOrder } from './wechat-shipping-document-order.ts'
import { WechatShippingNotReportableError } from './wechat-shipping-not-reportable-error.ts'

const upload = '/wxa/sec/order/upload_shipping_info'
const getOrder = '/wxa/sec/order/get_order'
const parcel = shippedOrder.delivery?.packages?.[0] ?? {}
const corrected: OrderInput = {
  ...shippedOrder,
  modifiedAt: '2025-03-01T10:30:00+08:00',
  delivery: {
    ...shippedOrder.delivery,
    packages: [{ ...parcel, trackingNumber: 'SF1400012345670' }],
  },
}
const failureOf = (report: Awaited<ReturnType<typeof syncOrders>>) => {
  const result = report.results[0]
  return result?.status === 'failed' ? result : undefined
}

describe('createWechatShipping: settings', () => {
  const base: WechatShippingSettings = { appId: 'wx1', appSecret: 's' }
  it.each([
    ['appId', { ...base, appId: '' }],
    ['appSecret', { ...base, appSecret: ' ' }],
    ['tokenEndpoint', { ...base, tokenEndpoint: 'cached' as 'stable' }],
    ['maxParcels', { ...base, maxParcels: 0 }],
    ['contactCarriers', { ...base, contactCarriers: [''] }],
    ['paymentVisibilityDelayMs', { ...base, paymentVisibilityDelayMs: 60_000 }],
    ['paymentVisibilityWindowMs', { ...base, paymentVisibilityWindowMs: -1 }],
    ['baseURL', { ...base, baseURL: 'api.weixin.qq.com' }],
    ['splitUploads', { ...base, splitUploads: 'some-parcels' as 'new-parcels' }],
    ['itemDescLimit', { ...base, itemDescLimit: { max: 0, unit: 'characters' as const } }],
    ['itemDescLimit', { ...base, itemDescLimit: { max: 120, unit: 'words' as 'bytes' } }],
  ])('refuses a %s that cannot work, naming it', (name, settings) => {
    const error = (() => {
      try {
        createWechatShipping(settings)
      } catch (thrown) {
        return thrown
      }
      return undefined
    })()
    expect(InvalidArgumentError.isInstance(error)).toBe(true)
    expect((error as InvalidArgumentError).message).toContain(name)
  })

  it('lets the wait for a payment not seen yet go up to retry.maxRetryAfterMs', () => {
    const settings = {
      ...base,
      paymentVisibilityDelayMs: 60_000,
      retry: { maxRetryAfterMs: 60_000 },
    }
    expect(createWechatShipping(settings).platform).toBe('wechat-shipping')
  })
})

describe('syncOrders with WeChat shipping', () => {
  it('reads what WeChat holds (get_order, by transaction id), then uploads: exactly these bytes, the payment’s id as result', async () => {
    const fake = fakeWechatShipping({ unknownUntilUploaded: true })
    const report = await syncOrders({ platform: client(fake), orders: [shippedOrder] })
    expect(report.results[0]).toMatchObject({
      status: 'succeeded',
      platformIds: { transaction_id: '4200009999202503011234567890' },
      warnings: [],
    })
    expect(fake.sent.map((entry) => [entry.url, entry.body])).toMatchInlineSnapshot(`
      [
        [
          "/cgi-bin/stable_token",
          "{"grant_type":"client_credential","appid":"wx1234567890abcdef","secret":"app-secret-5f4dcc3b","force_refresh":false}",
        ],
        [
          "/wxa/sec/order/get_order?access_token=ACCESS-TOKEN-1",
          "{"transaction_id":"4200009999202503011234567890"}",
        ],
        [
          "/wxa/sec/order/upload_shipping_info?access_token=ACCESS-TOKEN-1",
          "{"order_key":{"order_number_type":2,"transaction_id":"4200009999202503011234567890"},"logistics_type":1,"delivery_mode":1,"shipping_list":[{"tracking_no":"SF1400012345678","express_company":"SF","item_desc":"白瓷马克杯*2；杯垫*1","contact":{"receiver_contact":"138****5678"}}],"upload_time":"2025-03-01T10:15:30.000+08:00","payer":{"openid":"oExamplePayerOpenid000000001"}}",
        ],
      ]
    `)
  })

  it('sends nothing again for an unchanged order: a repeat would spend the payment’s one re-shipment', async () => {
    const fake = fakeWechatShipping()
    await syncOrders({ platform: client(fake), orders: [shippedOrder] })
    const again = await syncOrders({
      platform: client(fake),
      orders: [{ ...shippedOrder, modifiedAt: '2025-03-02T08:00:00+08:00' }],
    })
    expect(again.succeeded).toBe(1)
    expect(fake.paths().filter((path) => path === upload)).toHaveLength(1)
    expect(fake.paths().filter((path) => path === getOrder)).toHaveLength(2)
  })

  it('makes no call at all for an unchanged order when the version store knows WeChat holds it', async () => {
    const fake = fakeWechatShipping()
    const versionStore = createMemoryVersionStore()
    const shipping = client(fake)
    await syncOrders({ platform: shipping, orders: [shippedOrder], versionStore })
    const before = fake.sent.length
    const later = { ...shippedOrder, modifiedAt: '2025-03-02T08:00:00+08:00' }
    const again = await syncOrders({ platform: shipping, orders: [later], versionStore })
    expect(again.succeeded).toBe(1)
    expect(fake.sent.length).toBe(before)
  })

  it('moves a correction at the same shipment time one second past WeChat’s upload, and says it spends the re-shipment', async () => {
    const fake = fakeWechatShipping()
    const versionStore = createMemoryVersionStore()
    const shipping = client(fake)
    await syncOrders({ platform: shipping, orders: [shippedOrder], versionStore })
    const report = await syncOrders({ platform: shipping, orders: [corrected], versionStore })
    expect(report.results[0]?.status).toBe('succeeded')
    expect(report.results[0]?.warnings.map((warning) => warning.code)).toEqual([
      'reshipment_used',
      'upload_time_advanced',
    ])
    expect(report.results[0]?.warnings[1]?.message).toBe(
      "WeChat holds an upload of this payment at 2025-03-01T10:15:30+08:00, the same second as this version's shipment time (2025-03-01T10:15:30.000+08:00); WeChat takes an update only with a later upload_time, so it is sent at 2025-03-01T10:15:31.000+08:00",
    )
    const last = JSON.parse(fake.sent.at(-1)?.body ?? '{}')
    expect([last.upload_time, last.shipping_list[0].tracking_no]).toEqual([
      '2025-03-01T10:15:31.000+08:00',
      'SF1400012345670',
    ])
  })

  it('reports a second change after the re-shipment as WeChat’s definite refusal (10060003), with what to do', async () => {
    const fake = fakeWechatShipping()
    const shipping = client(fake)
    await syncOrders({ platform: shipping, orders: [shippedOrder] })
    await syncOrders({ platform: shipping, orders: [corrected] })
    const third: OrderInput = {
      ...corrected,
      modifiedAt: '2025-03-01T11:00:00+08:00',
      delivery: {
        ...corrected.delivery,
        packages: [{ ...parcel, trackingNumber: 'SF1400012345671' }],
      },
    }
    const failure = failureOf(await syncOrders({ platform: shipping, orders: [third] }))
    expect(failure?.delivery).toBe('rejected')
    expect(ApiCallError.isInstance(failure?.error)).toBe(true)
    expect(failure?.error).toMatchObject({ platformCode: 10060003, retryable: false })
    expect(failure?.error.message).toContain('WeChat allows one change of shipping (重新发货)')
  })

  it('uploads a split shipment parcel by parcel, each upload later, the last one complete, spending no re-shipment', async () => {
    const fake = fakeWechatShipping()
    const shipping = client(fake)
    const first = await syncOrders({
      platform: shipping,
      orders: [wechatShippingSplitDocumentOrder],
    })
    const both: OrderInput = {
      ...wechatShippingSplitDocumentOrder,
      status: 'shipped',
      modifiedAt: '2025-03-02T09:01:00+08:00',
      delivery: {
        ...wechatShippingSplitDocumentOrder.delivery,
        packages: [
          ...(wechatShippingSplitDocumentOrder.delivery?.packages ?? []),
          {
            carrierCode: 'YTO',
            trackingNumber: 'YT7000000000002',
            shippedAt: '2025-03-02T09:00:00+08:00',
            lines: [{ lineId: 'chair', quantity: 1 }],
          },
        ],
      },
    }
    const second = await syncOrders({ platform: shipping, orders: [both] })
    expect([first.succeeded, second.succeeded]).toEqual([1, 1])
    expect(second.results[0]?.warnings).toEqual([])
    // get_order names the payment by merchant_id + merchant_trade_no.
    expect(fake.sent.find((entry) => entry.url.startsWith(getOrder))?.body).toBe(
      '{"merchant_id":"1900000109","merchant_trade_no":"SO20250301-0042"}',
    )
    expect(fake.payments.get('1900000109:SO20250301-0042')).toMatchObject({
      finishCount: 1,
      times: [1740795330, 1740877200],
    })
  })

  it('waits for a payment WeChat does not see yet (10060001) while it is recent, paymentVisibilityDelayMs between tries', async () => {
    const fake = fakeWechatShipping()
    const notFound = {
      body: { errcode: 10060001, errmsg: '支付单不存在 rid: 6639eae2-2d7c4699-190e24dd' },
    }
    fake.answer(upload, notFound, notFound)
    const delays: number[] = []
    const paidAt = Date.parse('2025-03-01T09:02:11+08:00')
    const shipping = client(fake, {
      clock: () => paidAt + 30_000,
      paymentVisibilityDelayMs: 7,
      hooks: { onRetry: (event) => delays.push(event.delayMs) },
    })
    const report = await syncOrders({ platform: shipping, orders: [shippedOrder] })
    expect(report.succeeded).toBe(1)
    expect(fake.paths().filter((path) => path === upload)).toHaveLength(3)
    expect(delays).toEqual([7, 7])
  })

  it('retries 45011 (the minute quota every WeChat API shares) after the current minute ends, not within it', async () => {
    const fake = fakeWechatShipping()
    fake.answer(upload, { body: { errcode: 45011, errmsg: 'api minute-quota reach limit' } })
    const delays: number[] = []
    const shipping = client(fake, {
      // One second before a minute ends, long after the payment.
      clock: () => Date.parse('2025-03-02T09:00:59+08:00'),
      hooks: { onRetry: (event) => delays.push(event.delayMs) },
    })
    const report = await syncOrders({ platform: shipping, orders: [shippedOrder] })
    expect(report.succeeded).toBe(1)
    expect(delays).toEqual([1000])
    expect(fake.paths().filter((path) => path === upload)).toHaveLength(2)
  })

  it('takes 10060001 for a payment made long ago (or of unknown time) as not found for good: one try, what to check', async () => {
    const fake = fakeWechatShipping()
    fake.answer(upload, {
      body: { errcode: 10060001, errmsg: '支付单不存在 rid: 6639eae2-2d7c4699-190e24dd' },
    })
    const shipping = client(fake, { clock: () => Date.parse('2025-03-02T09:00:00+08:00') })
    const failure = failureOf(await syncOrders({ platform: shipping, orders: [shippedOrder] }))
    expect(failure?.delivery).toBe('rejected')
    expect(failure?.error.message).toContain('check the payment ids')
    expect(fake.paths().filter((path) => path === upload)).toHaveLength(1)
  })

  it('checks WeChat’s "already recorded" answers with a read: 10060023 for a shipping WeChat holds succeeds', async () => {
    const fake = fakeWechatShipping()
    await syncOrders({ platform: client(fake), orders: [shippedOrder] })
    // A request of an earlier attempt landed in between: the read before the upload missed it.
    fake.answer(getOrder, { body: { errcode: 10060001, errmsg: '支付单不存在 rid: 1-2-3' } })
    fake.answer(upload, { body: { errcode: 10060023, errmsg: '发货信息未更新 rid: 1-2-3' } })
    const report = await syncOrders({ platform: client(fake), orders: [shippedOrder] })
    expect(report.results[0]).toMatchObject({ status: 'succeeded', warnings: [] })
    expect(fake.paths().slice(-3)).toEqual([getOrder, upload, getOrder])
  })

  it('sends once more after 10060023 when WeChat holds another shipping (an upload_time not later than its own)', async () => {
    const fake = fakeWechatShipping()
    fake.answer(upload, { body: { errcode: 10060023, errmsg: '发货信息未更新 rid: 1-2-3' } })
    const report = await syncOrders({ platform: client(fake), orders: [shippedOrder] })
    expect(report.results[0]?.status).toBe('succeeded')
    expect(fake.paths().filter((path) => path === upload)).toHaveLength(2)
    expect(fake.payments.has('4200009999202503011234567890')).toBe(true)
  })

  it('moves the time forward once after 10060023, and takes a 10060023 that persists as definite', async () => {
    const fake = fakeWechatShipping()
    const stuck = { body: { errcode: 10060023, errmsg: '发货信息未更新 rid: 1-2-3' } }
    fake.answer(upload, stuck, stuck, stuck)
    const failure = failureOf(await syncOrders({ platform: client(fake), orders: [shippedOrder] }))
    expect(failure?.error).toMatchObject({ platformCode: 10060023, retryable: false })
    const times = fake.sent
      .filter((entry) => entry.url.startsWith(upload))
      .map((entry) => JSON.parse(entry.body).upload_time)
    expect(times).toEqual(['2025-03-01T10:15:30.000+08:00', '2025-03-01T10:15:31.000+08:00'])
  })

  it('fails a version WeChat keeps out after 10060002 (already completely shipped), saying so', async () => {
    const fake = fakeWechatShipping()
    fake.answer(upload, { body: { errcode: 10060002, errmsg: '支付单已完成发货 rid: 1-2-3' } })
    const failure = failureOf(await syncOrders({ platform: client(fake), orders: [shippedOrder] }))
    expect(failure?.delivery).toBe('rejected')
    expect(failure?.error.message).toContain(
      "WeChat answered 10060002 and holds another shipping than this version's",
    )
  })

  it('runs one payment’s syncs one after the other in a client, and sends no version older than one it synced', async () => {
    const fake = fakeWechatShipping()
    const shipping = client(fake)
    const [newer, older] = await Promise.all([
      syncOrders({ platform: shipping, orders: [corrected] }),
      syncOrders({ platform: shipping, orders: [shippedOrder] }),
    ])
    expect(newer.results[0]?.status).toBe('succeeded')
    expect(older.results[0]).toMatchObject({ status: 'succeeded' })
    expect(older.results[0]?.warnings.map((warning) => warning.code)).toEqual(['stale_version'])
    expect(fake.paths().filter((path) => path === upload)).toHaveLength(1)
    expect(JSON.parse(fake.sent.at(-1)?.body ?? '{}').shipping_list[0].tracking_no).toBe(
      'SF1400012345670',
    )
  })

  it('gives an order not shipped yet a clear "not reportable yet" result, sending nothing', async () => {
    const fake = fakeWechatShipping()
    const paid: OrderInput = {
      ...shippedOrder,
      status: 'paid',
      delivery: { address: shippedOrder.delivery?.address },
    }
    const failure = failureOf(await syncOrders({ platform: client(fake), orders: [paid] }))
    expect(WechatShippingNotReportableError.isInstance(failure?.error)).toBe(true)
    expect(failure?.delivery).toBe('not_sent')
    expect(failure?.error.message).toBe(
      '[ordersync] [wechat-shipping] status: is paid: no parcel has left yet, so there is no shipping to report to WeChat yet — nothing was sent; sync the order again once it has shipped',
    )
    expect(fake.sent).toEqual([])
  })

  it('says a failed read is the read’s, and sends no upload after it', async () => {
    const fake = fakeWechatShipping()
    fake.answer(getOrder, { body: { errcode: 48001, errmsg: 'api unauthorized rid: 1-2-3' } })
    const failure = failureOf(await syncOrders({ platform: client(fake), orders: [shippedOrder] }))
    expect(failure?.delivery).toBe('not_sent')
    expect(failure?.error.message).toContain(
      "reading the payment's shipping before upload_shipping_info failed (api unauthorized rid: 1-2-3 — check that the shipping management service is open",
    )
    expect(fake.paths()).not.toContain(upload)
  })

  it('keeps the masked contact out of hooks unless redactPersonalData is false', async () => {
    for (const redactPersonalData of [true, false]) {
      const fake = fakeWechatShipping()
      const events: unknown[] = []
      const hooks = { onRequest: (event: unknown) => events.push(event) }
      await syncOrders({
        platform: client(fake, { hooks, redactPersonalData }),
        orders: [shippedOrder],
      })
      expect(JSON.stringify(events).includes('138****5678')).toBe(!redactPersonalData)
      expect(JSON.stringify(events)).not.toContain('app-secret-5f4dcc3b')
    }
  })
})

describe('the WeChat access token, shared', () => {
  it('makes ONE token request for two WeChat shipping clients of the same app and token store, even at once', async () => {
    const fake = fakeWechatShipping()
    const tokenStore = createMemoryTokenStore()
    const first = client(fake, { tokenStore })
    const second = client(fake, { tokenStore })
    await Promise.all([
      first.api.isTradeManaged(),
      second.api.isTradeManagementConfirmationCompleted(),
      first.api.getOrder({ transaction_id: '42' }),
    ])
    await second.api.getOrder({ transaction_id: '43' })
    expect(fake.tokenRequests()).toBe(1)
  })

  it('makes ONE token request for a @ordersync/wechat client and a @ordersync/wechat-shipping client of the same app and store', async () => {
    const fake = fakeWechatShipping()
    fake.answer('/shop/order/get', {
      body: '{"errcode":0,"errmsg":"ok","order":{"order_id":1,"out_order_id":"o-1","status":20}}',
    })
    const tokenStore = createMemoryTokenStore()
    const settings = {
      appId: 'wx1234567890abcdef',
      appSecret: 'app-secret-5f4dcc3b',
      fetch: fake.fetch,
      tokenStore,
    }
    const wechat = createWechat(settings)
    const shipping = createWechatShipping(settings)
    await Promise.all([
      wechat.api.getOrder({ out_order_id: 'o-1', openid: 'oExamplePayerOpenid000000001' }),
      shipping.api.getOrder({ transaction_id: '4200009999202503011234567890' }),
    ])
    expect(fake.tokenRequests()).toBe(1)
    const tokens = fake.sent
      .filter((entry) => !entry.url.startsWith('/cgi-bin/'))
      .map((entry) => new URLSearchParams(entry.url.split('?')[1]).get('access_token'))
    expect(tokens).toEqual(['ACCESS-TOKEN-1', 'ACCESS-TOKEN-1'])
  })

  it('keeps separate tokens for separate apps, and for the classic and the stable endpoint', async () => {
    const fake = fakeWechatShipping()
    const tokenStore = createMemoryTokenStore()
    await client(fake, { tokenStore }).api.isTradeManaged()
    await client(fake, { tokenStore, appId: 'wx0000000000000002' }).api.isTradeManaged()
    await client(fake, { tokenStore, tokenEndpoint: 'classic' }).api.isTradeManaged({
      appid: 'wx1234567890abcdef',
    })
    expect(fake.tokenRequests()).toBe(3)
  })
})
