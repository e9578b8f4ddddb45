import { type OrderInput, parseOrder, syncOrders } from '@ordersync/core'
import {
  createWechatSandboxModule,
  type Sandbox,
  startSandbox,
  type WechatSandboxOrder,
} from '@ordersync/sandbox'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { documentOrder, shipped } from './test/fake-wechat.ts'
import { wechatDocumentRequest } from './test/wechat-document-request.ts'
import { createWechat } from './wechat-client.ts'

const cny = (amount: number) => ({ amount, currency: 'CNY' }) as const
const completed: OrderInput = { ...shipped, status: 'completed' }

let sandbox: Sandbox
beforeAll(async () => {
  sandbox = await startSandbox({ modules: [createWechatSandboxModule()] })
})
afterAll(async () => {
  await sandbox.close()
})
beforeEach(() => {
  sandbox.control.reset()
})

const client = () =>
  createWechat({
    ...(sandbox.credentials.wechat as { appId: string; appSecret: string }),
    baseURL: sandbox.url,
  })
const stored = (id: string) => sandbox.control.orders('wechat').get(id) as WechatSandboxOrder
const calls = () =>
  sandbox.control
    .log('wechat')
    .filter((entry) => entry.kind === 'api')
    .map((entry) => entry.endpoint)

// An order's life: v1 awaiting payment, v2 paid, v3 shipped with its address corrected and the
// product renamed after payment. The "生成订单" page: shop/order/add is re-entrant ("可重入"),
// replacing the whole order when it exists, and leaves status 10; shop/order/pay moves 10 → 20, shop/delivery/send 20 → 30.
const v1: OrderInput = documentOrder
const v2: OrderInput = {
  ...documentOrder,
  status: 'paid',
  modifiedAt: '2020-03-25T14:10:00+08:00',
  paidAmount: cny(1600),
  payments: completed.payments ?? [],
}
const v3: OrderInput = {
  ...v2,
  status: 'shipped',
  modifiedAt: '2020-03-26T10:00:00+08:00',
  lines: v2.lines.map((line) => ({ ...line, name: '洗洁精 1.5L' })),
  delivery: {
    address: { name: '张三', phone: '13800138000', line1: '科苑路 2 号' },
    packages: completed.delivery?.packages ?? [],
  },
}

/** v3 received: WeChat completes the order on shop/delivery/recieve. */
const v4: OrderInput = { ...v3, status: 'completed', modifiedAt: '2020-03-28T10:00:00+08:00' }

describe('@ordersync/wechat against the sandbox: an order’s life', () => {
  it('ends at 100 (received) with v3’s content, giving a ticket only while the order is unpaid', async () => {
    const wechat = client()
    const sync = async (version: OrderInput) => {
      const before = calls().length
      const report = await syncOrders({ platform: wechat, orders: [version] })
      const result = report.results[0]
      expect(result?.status).toBe('succeeded')
      return {
        calls: calls().slice(before),
        ticket: result?.status === 'succeeded' ? result.platformData?.ticket : undefined,
      }
    }
    expect(await sync(v1)).toEqual({
      calls: ['/shop/order/get', '/shop/order/add'],
      ticket: stored('xxxxx').ticket,
    })
    expect(stored('xxxxx').status).toBe(10)

    // Paid by this sync's shop/order/pay: a ticket would offer the paid order for payment again.
    expect(await sync(v2)).toEqual({
      calls: ['/shop/order/get', '/shop/order/add', '/shop/order/pay'],
      ticket: undefined,
    })
    expect(stored('xxxxx').status).toBe(20)

    // Content changed after payment: added again (status 10), pay and delivery/send replayed.
    expect(await sync(v3)).toEqual({
      calls: ['/shop/order/get', '/shop/order/add', '/shop/order/pay', '/shop/delivery/send'],
      ticket: undefined,
    })
    const shippedOrder = stored('xxxxx')
    expect(shippedOrder.order).toEqual(wechat.prepare(parseOrder(v3)).payload.add)
    expect(shippedOrder.order).toMatchObject({
      address_info: { detailed_address: '科苑路 2 号' },
      order_detail: { product_infos: [{ title: '洗洁精 1.5L' }] },
    })
    expect(shippedOrder.status).toBe(30)
    expect(shippedOrder.pay).toMatchObject({
      action_type: 1,
      transaction_id: '4200000512202003251234567890',
    })
    expect(shippedOrder.deliveries).toHaveLength(1)

    // Received, the content unchanged: the read and the one step missing.
    expect(await sync(v4)).toEqual({
      calls: ['/shop/order/get', '/shop/delivery/recieve'],
      ticket: undefined,
    })
    expect(stored('xxxxx').status).toBe(100)
    expect(stored('xxxxx').order).toEqual(wechat.prepare(parseOrder(v4)).payload.add)

    // Synced again, by this client or by one in another process: the read alone.
    for (const again of [wechat, client()]) {
      const before = calls().length
      const report = await syncOrders({ platform: again, orders: [v4] })
      expect(report.results[0]?.status).toBe('succeeded')
      expect(calls().slice(before)).toEqual(['/shop/order/get'])
    }
  })

  it('keeps a paid order at 20 when it is refunded, with the read alone and a warning why', async () => {
    const wechat = client()
    await syncOrders({ platform: wechat, orders: [v2] })
    const before = calls().length
    const refunded: OrderInput = {
      ...v2,
      status: 'refunded',
      modifiedAt: '2020-03-27T10:00:00+08:00',
    }
    const report = await syncOrders({ platform: wechat, orders: [refunded] })
    expect(calls().slice(before)).toEqual(['/shop/order/get'])
    expect(stored('xxxxx').status).toBe(20)
    const result = report.results[0]
    expect(result?.status).toBe('succeeded')
    expect(result?.warnings.map((warning) => warning.code)).toEqual(['status_not_reached'])
  })

  it('ends the same when the three versions come in one run', async () => {
    const wechat = client()
    const report = await syncOrders({ platform: wechat, orders: [v1, v2, v3] })
    expect(report.results.map((result) => result.status)).toEqual([
      'succeeded',
      'succeeded',
      'succeeded',
    ])
    expect(stored('xxxxx').order).toEqual(wechat.prepare(parseOrder(v3)).payload.add)
    expect(stored('xxxxx').status).toBe(30)
  })
})

describe('@ordersync/wechat against the sandbox', () => {
  it('stores the document’s order in status 10 with the order_id the sandbox gave, digit for digit', async () => {
    const wechat = client()
    const report = await syncOrders({ platform: wechat, orders: [documentOrder] })
    const result = report.results[0]
    const order = stored('xxxxx')
    expect(order.status).toBe(10)
    expect(order.order).toEqual(wechat.prepare(parseOrder(documentOrder)).payload.add)
    expect(result?.status === 'succeeded' ? result.platformIds : {}).toEqual({
      out_order_id: 'xxxxx',
      order_id: order.order_id,
    })
    expect(BigInt(order.order_id) > BigInt(Number.MAX_SAFE_INTEGER)).toBe(true)
    const record = await wechat.api.getOrder({
      order_id: order.order_id,
      openid: 'oTVP50O53a7jgmawAmxKukNlq3XI',
    })
    expect([record.orderId, record.outOrderId, record.status]).toEqual([
      order.order_id,
      'xxxxx',
      10,
    ])
  })

  it('accepts the page’s raw Example I through api.addOrder, with the warning for its real_price', async () => {
    const { result, warnings } = await client().api.addOrder(wechatDocumentRequest)
    expect(result.orderId).toBe(stored('xxxxx').order_id)
    expect(warnings.map((warning) => warning.code)).toEqual(['sum_mismatch'])
  })

  it('brings a completed order to 100 through add, pay, delivery/send and delivery/recieve', async () => {
    const report = await syncOrders({ platform: client(), orders: [completed] })
    expect(report.results[0]?.status).toBe('succeeded')
    expect(calls()).toEqual([
      '/shop/order/get',
      '/shop/order/add',
      '/shop/order/pay',
      '/shop/delivery/send',
      '/shop/delivery/recieve',
    ])
    const order = stored('xxxxx')
    expect(order.status).toBe(100)
    expect(order.pay).toEqual({
      out_order_id: 'xxxxx',
      openid: 'oTVP50O53a7jgmawAmxKukNlq3XI',
      action_type: 1,
      transaction_id: '4200000512202003251234567890',
      pay_time: '2020-03-25 14:10:00',
    })
  })

  it('re-syncs a completed order with one read and nothing else', async () => {
    const wechat = client()
    await syncOrders({ platform: wechat, orders: [completed] })
    const before = calls().length
    const again = await syncOrders({ platform: wechat, orders: [completed] })
    expect(calls().slice(before)).toEqual(['/shop/order/get'])
    expect(again.results[0]?.status).toBe('succeeded')
    expect(stored('xxxxx').status).toBe(100)
  })

  it('cancels an unpaid order (250)', async () => {
    await syncOrders({
      platform: client(),
      orders: [{ ...documentOrder, status: 'cancelled_before_payment' }],
    })
    expect(stored('xxxxx').status).toBe(250)
  })

  it('offers each sibling endpoint typed: pay, delivery/send and delivery/recieve from the status each needs', async () => {
    const wechat = client()
    await wechat.api.addOrder(wechat.prepare(parseOrder(documentOrder)).payload.add)
    const reference = { out_order_id: 'xxxxx', openid: 'oTVP50O53a7jgmawAmxKukNlq3XI' }
    await expect(wechat.api.receiveDelivery(reference)).rejects.toMatchObject({
      name: 'ApiCallError',
      platformCode: 100000,
      retryable: false,
    })
    await expect(
      wechat.api.payOrder({
        ...reference,
        action_type: 1,
        transaction_id: '4200000512202003251234567890',
        pay_time: '2020-03-25 14:10:00',
      }),
    ).resolves.toEqual({ errcode: 0, errmsg: 'ok' })
    await expect(
      wechat.api.sendDelivery({
        ...reference,
        finish_all_delivery: 1,
        delivery_list: [{ delivery_id: 'SF', waybill_id: 'SF1234567890' }],
        ship_done_time: '2020-03-26 09:30:00',
      }),
    ).resolves.toEqual({ errcode: 0, errmsg: 'ok' })
    await expect(wechat.api.receiveDelivery(reference)).resolves.toEqual({
      errcode: 0,
      errmsg: 'ok',
    })
    expect((await wechat.api.getOrder(reference)).status).toBe(100)
  })

  it('validates a request before sending it', async () => {
    const wechat = client()
    await expect(
      wechat.api.payOrder({ out_order_id: 'xxxxx', openid: 'o', action_type: 1 }),
    ).rejects.toThrow(
      'WeChat shop/order/pay request is invalid (1 problem): pay_time: is required when action_type is 1 (paid)',
    )
    expect(calls()).toEqual([])
  })
})

describe('@ordersync/wechat against the sandbox: an abort after add was stored', () => {
  // An abort while shop/order/pay is out, after WeChat stored the add: WeChat holds the order (10),
  // so the result is `partial` — not `uncertain` (the add is known stored) nor `not_sent`.
  it('reports the order partial when the run is aborted during pay', async () => {
    sandbox.control.injectFault({
      platform: 'wechat',
      endpoint: '/shop/order/pay',
      action: { type: 'delay', ms: 400 },
    })
    const controller = new AbortController()
    const requested: string[] = []
    const wechat = createWechat({
      ...(sandbox.credentials.wechat as { appId: string; appSecret: string }),
      baseURL: sandbox.url,
      hooks: {
        onRequest: (event) => {
          requested.push(event.endpoint)
          if (event.endpoint === '/shop/order/pay') setTimeout(() => controller.abort(), 50)
        },
      },
    })
    const report = await syncOrders({
      platform: wechat,
      orders: [shipped],
      signal: controller.signal,
    })
    const result = report.results[0]
    expect(result?.status === 'failed' && [result.delivery, result.error.name]).toEqual([
      'partial',
      'ApiCallError',
    ])
    expect(result?.status === 'failed' ? result.error.message : '').toContain(
      '/shop/order/pay: the call was aborted',
    )
    expect([report.failed, report.uncertain]).toEqual([1, 1])
    // The sandbox logs the delayed pay once it answers; the client's requests, as sent:
    expect(requested).toEqual([
      '/cgi-bin/stable_token',
      '/shop/order/get',
      '/shop/order/add',
      '/shop/order/pay',
    ])
    expect(stored('xxxxx').order).toEqual(wechat.prepare(parseOrder(shipped)).payload.add)
  })

  it('reports the order partial when the run is aborted between add and pay', async () => {
    const controller = new AbortController()
    const wechat = createWechat({
      ...(sandbox.credentials.wechat as { appId: string; appSecret: string }),
      baseURL: sandbox.url,
      hooks: {
        onResponse: (event) => {
          if (event.endpoint === '/shop/order/add') controller.abort()
        },
      },
    })
    const report = await syncOrders({
      platform: wechat,
      orders: [shipped],
      signal: controller.signal,
    })
    const result = report.results[0]
    expect(result?.status === 'failed' && result.delivery).toBe('partial')
    expect(calls()).toEqual(['/shop/order/get', '/shop/order/add'])
    expect(stored('xxxxx').status).toBe(10)
  })
})
