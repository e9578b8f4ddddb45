import { ApiCallError, type OrderInput, syncOrders } from '@ordersync/core'
import { createWechatShippingSandboxModule, type Sandbox, startSandbox } from '@ordersync/sandbox'
import { afterEach, describe, expect, it } from 'vitest'
import { unifiedSfRequest } from './test/wechat-shipping-document-requests.ts'
import { createWechatShipping, type WechatShippingSettings } from './wechat-shipping-client.ts'
import {
  wechatShippingDocumentOrder,
  wechatShippingSplitDocumentOrder,
} from './wechat-shipping-document-order.ts'

// Against the sandbox's module, written from WeChat's pages alone: what the client sends is what
// an independent reading of the pages accepts, and its state rules hold.

let sandbox: Sandbox | undefined
afterEach(async () => {
  await sandbox?.close()
  sandbox = undefined
})

async function start(
  options: Parameters<typeof createWechatShippingSandboxModule>[0] = {},
  settings: Partial<WechatShippingSettings> = {},
) {
  const module = createWechatShippingSandboxModule(options)
  sandbox = await startSandbox({ modules: [module] })
  const credentials = sandbox.credentials['wechat-shipping']
  const shipping = createWechatShipping({
    appId: credentials?.appId ?? '',
    appSecret: credentials?.appSecret ?? '',
    baseURL: sandbox.url,
    retry: { maxAttempts: 4, initialDelayMs: 1, maxDelayMs: 5 },
    ...settings,
  })
  return { module, sandbox, shipping }
}

const parcel = wechatShippingDocumentOrder.delivery?.packages?.[0] ?? {}
const corrected = (trackingNumber: string, minute: number): OrderInput => ({
  ...wechatShippingDocumentOrder,
  modifiedAt: `2025-03-01T10:${minute}:00+08:00`,
  delivery: {
    ...wechatShippingDocumentOrder.delivery,
    packages: [{ ...parcel, trackingNumber }],
  },
})

describe('WeChat shipping against the sandbox', () => {
  it('stores the worked unified request for the SF order, and get_order shows the payment shipped', async () => {
    const { module, sandbox, shipping } = await start()
    const report = await syncOrders({ platform: shipping, orders: [wechatShippingDocumentOrder] })
    expect(report.succeeded).toBe(1)
    const stored = sandbox.control.orders('wechat-shipping').get('4200009999202503011234567890')
    expect(stored).toEqual(unifiedSfRequest)
    const order = await shipping.api.getOrder({ transaction_id: '4200009999202503011234567890' })
    expect(order).toMatchObject({
      order_state: 2,
      shipping: {
        delivery_mode: 1,
        logistics_type: 1,
        finish_shipping: true,
        finish_shipping_count: 1,
      },
    })
    expect(module.control.payment('4200009999202503011234567890')?.reshipmentUsed).toBe(false)
  })

  it('ships the split order in two uploads (the second complete, later), no re-shipment spent', async () => {
    const { module, shipping } = await start()
    await syncOrders({ platform: shipping, orders: [wechatShippingSplitDocumentOrder] })
    const key = '1900000109:SO20250301-0042'
    expect(module.control.payment(key)?.order.order_state).toBe(1)
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
    const report = await syncOrders({ platform: shipping, orders: [both] })
    expect(report.results[0]).toMatchObject({ status: 'succeeded', warnings: [] })
    const payment = module.control.payment(key)
    expect(payment?.order.order_state).toBe(2)
    expect(payment?.order.shipping?.shipping_list?.map((item) => item.tracking_no)).toEqual([
      'YT7000000000001',
      'YT7000000000002',
    ])
    expect(payment?.reshipmentUsed).toBe(false)
    // An unchanged re-sync sends nothing (the re-shipment stays unspent).
    await syncOrders({
      platform: shipping,
      orders: [{ ...both, modifiedAt: '2025-03-03T09:00:00+08:00' }],
    })
    expect(module.control.payment(key)?.reshipmentUsed).toBe(false)
  })

  it('corrects a shipping once (the re-shipment, its time one second later), and reports the second correction refused (10060003)', async () => {
    const { module, shipping } = await start()
    await syncOrders({ platform: shipping, orders: [wechatShippingDocumentOrder] })
    const once = await syncOrders({
      platform: shipping,
      orders: [corrected('SF1400012345670', 30)],
    })
    expect(once.results[0]?.warnings.map((warning) => warning.code)).toEqual([
      'reshipment_used',
      'upload_time_advanced',
    ])
    const payment = module.control.payment('4200009999202503011234567890')
    expect([payment?.reshipmentUsed, payment?.lastUploadTime]).toEqual([
      true,
      '2025-03-01T10:15:31.000+08:00',
    ])
    const twice = await syncOrders({
      platform: shipping,
      orders: [corrected('SF1400012345671', 40)],
    })
    const result = twice.results[0]
    expect(result?.status === 'failed' && [result.delivery, result.error.message]).toEqual([
      'rejected',
      expect.stringContaining('(10060003)'),
    ])
  })

  it('waits for a payment the sandbox does not see yet, and succeeds once it does', async () => {
    const { module, sandbox, shipping } = await start(
      { paymentVisibleAfterMs: 2000, createPaymentsOnUpload: false },
      // Tries every 300 ms, up to 15 times: past the two seconds the sandbox waits, however loaded.
      {
        paymentVisibilityDelayMs: 300,
        retry: { maxAttempts: 15, initialDelayMs: 1, maxDelayMs: 5 },
      },
    )
    // Paid now, once the sandbox runs (its pay time is in whole seconds: the payment becomes
    // visible one to two seconds after the first upload, which therefore meets 10060001).
    const paidAt = Date.now()
    module.control.registerPayment({
      openid: 'oExamplePayerOpenid000000001',
      transactionId: '4200009999202503011234567890',
      payTime: Math.floor(paidAt / 1000),
    })
    const order: OrderInput = {
      ...wechatShippingDocumentOrder,
      payments: wechatShippingDocumentOrder.payments?.map((payment) => ({
        ...payment,
        paidAt: new Date(paidAt).toISOString(),
      })),
    }
    const report = await syncOrders({ platform: shipping, orders: [order] })
    expect(report.succeeded).toBe(1)
    expect(module.control.payment('4200009999202503011234567890')?.order.order_state).toBe(2)
    const uploads = sandbox.control
      .log('wechat-shipping')
      .filter((entry) => entry.endpoint.endsWith('/upload_shipping_info'))
    expect(uploads.length).toBeGreaterThan(1)
  })

  it('refuses the shipping of a refunded payment for good (10060004)', async () => {
    const { module, shipping } = await start({ createPaymentsOnUpload: false })
    module.control.registerPayment({
      openid: 'oExamplePayerOpenid000000001',
      transactionId: '4200009999202503011234567890',
    })
    module.control.refund('4200009999202503011234567890')
    const report = await syncOrders({ platform: shipping, orders: [wechatShippingDocumentOrder] })
    const result = report.results[0]
    expect(result?.status === 'failed' && result.error.message).toContain('(10060004)')
  })

  it('answers every other call of the family: the list page by page, the reminder, the checks, a pre-sale', async () => {
    const { module, shipping } = await start({ createPaymentsOnUpload: false })
    for (const index of [1, 2, 3])
      module.control.registerPayment({
        openid: `o-${index}`,
        transactionId: `420000999920250301000000000${index}`,
      })
    const seen: string[] = []
    for await (const page of shipping.api.getOrderList({ order_state: 1, page_size: 1 }))
      seen.push(...page.order_list.map((order) => order.transaction_id ?? ''))
    expect(seen.sort()).toEqual([1, 2, 3].map((index) => `420000999920250301000000000${index}`))
    expect(await shipping.api.isTradeManaged()).toEqual({ is_trade_managed: true })
    expect(await shipping.api.isTradeManagementConfirmationCompleted()).toEqual({ completed: true })
    await shipping.api.setMsgJumpPath({ path: 'pages/order/detail' })
    expect(module.control.jumpPath()).toBe('pages/order/detail')
    const payTime = module.control.payment('4200009999202503010000000001')?.order.pay_time ?? 0
    await shipping.api.opSpecialOrder({
      order_id: '4200009999202503010000000001',
      type: 1,
      delay_to: payTime + 20 * 86_400,
    })
    expect(module.control.payment('4200009999202503010000000001')?.specialOrder?.type).toBe(1)
    await shipping.api.uploadShippingInfo({
      ...unifiedSfRequest,
      order_key: { order_number_type: 2, transaction_id: '4200009999202503010000000002' },
      // A minute ago, in Beijing time: the reminder's received_time must come after it.
      upload_time: new Date(Date.now() - 60_000 + 8 * 3_600_000)
        .toISOString()
        .replace('Z', '+08:00'),
      payer: { openid: 'o-2' },
    })
    await shipping.api.notifyConfirmReceive({
      transaction_id: '4200009999202503010000000002',
      received_time: Math.floor(Date.now() / 1000),
    })
    expect(module.control.payment('4200009999202503010000000002')?.receivedTime).toBeGreaterThan(0)
  })
})

const transactionId = '4200009999202503011234567890'
const { lines: _lines, ...parcelWithoutLines } = parcel
const codesOf = (report: Awaited<ReturnType<typeof syncOrders>>) =>
  report.results[0]?.warnings.map((warning) => warning.code)

describe('WeChat shipping against the sandbox: the re-shipment and the upload times', () => {
  it('finishes a payment WeChat holds split as split (is_all_delivered true), spending no re-shipment on a change of mode', async () => {
    const { module, sandbox, shipping } = await start()
    // One parcel without lines while preparing: a split upload, not complete.
    const preparing: OrderInput = {
      ...wechatShippingDocumentOrder,
      status: 'preparing',
      delivery: { ...wechatShippingDocumentOrder.delivery, packages: [parcelWithoutLines] },
    }
    await syncOrders({ platform: shipping, orders: [preparing] })
    expect(module.control.payment(transactionId)?.order.shipping).toMatchObject({
      delivery_mode: 2,
      finish_shipping: false,
    })
    // Shipped, the same parcel: one parcel that completes would be unified (delivery_mode 1).
    const shipped: OrderInput = {
      ...preparing,
      status: 'shipped',
      modifiedAt: '2025-03-01T10:20:00+08:00',
    }
    const report = await syncOrders({ platform: shipping, orders: [shipped] })
    expect(report.results[0]?.status).toBe('succeeded')
    expect(codesOf(report)).not.toContain('reshipment_used')
    expect(sandbox.control.orders('wechat-shipping').get(transactionId)).toMatchObject({
      delivery_mode: 2,
      is_all_delivered: true,
    })
    expect(module.control.payment(transactionId)?.reshipmentUsed).toBe(false)
    // The re-shipment is still there for a real correction, and the result says it is spent.
    const fixed: OrderInput = {
      ...shipped,
      modifiedAt: '2025-03-01T11:00:00+08:00',
      delivery: {
        ...shipped.delivery,
        packages: [{ ...parcelWithoutLines, trackingNumber: 'SF1400099999999' }],
      },
    }
    const correction = await syncOrders({ platform: shipping, orders: [fixed] })
    expect(correction.results[0]?.status).toBe('succeeded')
    expect(codesOf(correction)).toContain('reshipment_used')
    expect(module.control.payment(transactionId)?.reshipmentUsed).toBe(true)
  })

  it('refuses, sending nothing, a version whose shipment is earlier than the upload WeChat holds (another client sent a newer one)', async () => {
    const { module, sandbox, shipping } = await start()
    const credentials = sandbox.credentials['wechat-shipping']
    const other = createWechatShipping({
      appId: credentials?.appId ?? '',
      appSecret: credentials?.appSecret ?? '',
      baseURL: sandbox.url,
      retry: { maxAttempts: 4, initialDelayMs: 1, maxDelayMs: 5 },
    })
    const older = wechatShippingDocumentOrder
    const newer: OrderInput = {
      ...older,
      modifiedAt: '2025-03-01T11:01:00+08:00',
      delivery: {
        ...older.delivery,
        packages: [
          { ...parcel, trackingNumber: 'SF1400099999999', shippedAt: '2025-03-01T11:00:00+08:00' },
        ],
      },
    }
    expect((await syncOrders({ platform: shipping, orders: [newer] })).succeeded).toBe(1)
    const uploads = () =>
      sandbox.control
        .log('wechat-shipping')
        .filter((entry) => entry.endpoint.endsWith('/upload_shipping_info')).length
    const before = uploads()
    const late = (await syncOrders({ platform: other, orders: [older] })).results[0]
    expect(late?.status).toBe('failed')
    const error = late?.status === 'failed' ? late.error : undefined
    expect(ApiCallError.isInstance(error) && [error.retryable, error.delivery]).toEqual([
      false,
      'not_sent',
    ])
    expect(error?.message).toContain('later than this version’s shipment time')
    expect(uploads()).toBe(before)
    const held = module.control.payment(transactionId)
    expect([held?.order.shipping?.shipping_list?.[0]?.tracking_no, held?.reshipmentUsed]).toEqual([
      'SF1400099999999',
      false,
    ])
    // The newer version synced again changes nothing: WeChat holds it.
    expect((await syncOrders({ platform: other, orders: [newer] })).succeeded).toBe(1)
  })

  it('remembers the time it moved an upload to, so that the correction after it is not stuck on 10060023', async () => {
    const { module, shipping } = await start()
    const first = {
      carrierCode: 'YTO',
      trackingNumber: 'YT1',
      shippedAt: '2025-03-01T10:00:00+08:00',
    }
    const second = { ...first, trackingNumber: 'YT2', shippedAt: '2025-03-01T10:15:30+08:00' }
    const base = { ...wechatShippingDocumentOrder, status: 'preparing' as const }
    const versions: OrderInput[] = [
      { ...base, delivery: { ...base.delivery, packages: [first, second] } },
      {
        ...base,
        status: 'shipped',
        modifiedAt: '2025-03-01T10:30:00+08:00',
        delivery: { ...base.delivery, packages: [first, second] },
      },
      {
        ...base,
        status: 'shipped',
        modifiedAt: '2025-03-01T11:00:00+08:00',
        delivery: {
          ...base.delivery,
          packages: [{ ...first, trackingNumber: 'YT1-fixed' }, second],
        },
      },
    ]
    const results = []
    for (const version of versions)
      results.push((await syncOrders({ platform: shipping, orders: [version] })).results[0])
    expect(results.map((result) => result?.status)).toEqual(['succeeded', 'succeeded', 'succeeded'])
    expect(results[2]?.warnings.map((warning) => warning.code)).toContain('reshipment_used')
    const payment = module.control.payment(transactionId)
    expect([
      payment?.lastUploadTime,
      payment?.order.shipping?.shipping_list?.[0]?.tracking_no,
    ]).toEqual(['2025-03-01T10:15:32.000+08:00', 'YT1-fixed'])
  })

  it('sends only the new parcels of a split shipment with splitUploads "new-parcels" (a WeChat that appends them)', async () => {
    const { module, sandbox, shipping } = await start(
      { splitUploads: 'append' },
      { splitUploads: 'new-parcels' },
    )
    const key = '1900000109:SO20250301-0042'
    const chair = {
      carrierCode: 'YTO',
      trackingNumber: 'YT7000000000002',
      shippedAt: '2025-03-02T09:00:00+08:00',
      lines: [{ lineId: 'chair', quantity: 1 }],
    }
    const both: OrderInput = {
      ...wechatShippingSplitDocumentOrder,
      status: 'shipped',
      modifiedAt: '2025-03-02T09:01:00+08:00',
      delivery: {
        ...wechatShippingSplitDocumentOrder.delivery,
        packages: [...(wechatShippingSplitDocumentOrder.delivery?.packages ?? []), chair],
      },
    }
    for (const version of [
      wechatShippingSplitDocumentOrder,
      both,
      { ...both, modifiedAt: '2025-03-02T09:05:00+08:00' },
    ])
      expect((await syncOrders({ platform: shipping, orders: [version] })).succeeded).toBe(1)
    const stored = sandbox.control.orders('wechat-shipping').get(key) as {
      shipping_list: { tracking_no: string }[]
    }
    expect(stored.shipping_list.map((item) => item.tracking_no)).toEqual(['YT7000000000002'])
    const payment = module.control.payment(key)
    expect(payment?.order.shipping?.shipping_list?.map((item) => item.tracking_no)).toEqual([
      'YT7000000000001',
      'YT7000000000002',
    ])
    expect([payment?.order.order_state, payment?.reshipmentUsed]).toEqual([2, false])
  })

  it('reads a service provider’s payment with its sub-merchant (sub_merchant_id) and uploads it under the sub-merchant’s mchid', async () => {
    const { module, sandbox, shipping } = await start(
      { createPaymentsOnUpload: false },
      { mchid: '1900000100' },
    )
    module.control.registerPayment({
      openid: 'oExamplePayerOpenid000000001',
      mchid: '1900000100',
      subMchid: '1900000109',
      outTradeNo: 'SO20250301-0042',
    })
    const order: OrderInput = {
      ...wechatShippingSplitDocumentOrder,
      platformOptions: { 'wechat-shipping': { subMchid: '1900000109' } },
    }
    expect((await syncOrders({ platform: shipping, orders: [order] })).succeeded).toBe(1)
    const bodies = sandbox.control
      .log('wechat-shipping')
      .filter((entry) => entry.endpoint.endsWith('/get_order'))
      .map((entry) => entry.body)
    expect(bodies).toEqual([
      '{"merchant_id":"1900000100","sub_merchant_id":"1900000109","merchant_trade_no":"SO20250301-0042"}',
    ])
    expect(module.control.payment('1900000109:SO20250301-0042')?.order.shipping).toMatchObject({
      delivery_mode: 2,
    })
  })
})
