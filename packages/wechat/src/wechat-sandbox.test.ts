import { type OrderInput, parseOrder, syncOrders } from '@ordersync/core'
import { wechatDocumentOrder } from '@ordersync/core/fixtures'
import {
  createWeChatSandboxModule,
  type Sandbox,
  startSandbox,
  type WeChatSandboxOrder,
} from '@ordersync/sandbox'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { wechatDocumentRequest } from './test/wechat-document-request.ts'
import { createWechat } from './wechat-client.ts'

const cny = (amount: number) => ({ amount, currency: 'CNY' }) as const
const documentOrder: OrderInput = {
  ...wechatDocumentOrder,
  platformOptions: {
    wechat: { scene: 1177, prepayId: '42526234625', prepayAt: '2020-03-25T14:04:25+08:00' },
  },
}
const completed: OrderInput = {
  ...documentOrder,
  status: 'completed',
  paidAmount: cny(1600),
  payments: [
    {
      method: 'wechat_pay',
      amount: cny(1600),
      transactionId: '4200000512202003251234567890',
      paidAt: '2020-03-25T14:10:00+08:00',
    },
  ],
  delivery: {
    ...wechatDocumentOrder.delivery,
    packages: [
      { carrierCode: 'SF', trackingNumber: 'SF1234567890', shippedAt: '2020-03-26T09:30:00+08:00' },
    ],
  },
}

let sandbox: Sandbox
beforeAll(async () => {
  sandbox = await startSandbox({ modules: [createWeChatSandboxModule()] })
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
const stored = (id: string) => sandbox.control.orders('wechat').get(id) as WeChatSandboxOrder
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

describe('@ordersync/wechat against the sandbox: an order’s life', () => {
  it('ends with the sandbox holding v3’s content in status 30, each sync giving the ticket WeChat issued', async () => {
    const wechat = client()
    const ticketOf = async (version: OrderInput) => {
      const report = await syncOrders({ platform: wechat, orders: [version] })
      const result = report.results[0]
      expect(result?.status).toBe('succeeded')
      return result?.status === 'succeeded' ? result.platformData?.ticket : undefined
    }
    expect(await ticketOf(v1)).toBe(stored('xxxxx').ticket)
    expect(stored('xxxxx').status).toBe(10)

    const paidTicket = await ticketOf(v2)
    expect(stored('xxxxx').status).toBe(20)
    expect(paidTicket).toBe(stored('xxxxx').ticket)

    const before = calls().length
    const shippedTicket = await ticketOf(v3)
    expect(calls().slice(before)).toEqual([
      '/shop/order/get',
      '/shop/order/add',
      '/shop/order/get',
      '/shop/order/pay',
      '/shop/delivery/send',
    ])
    const order = stored('xxxxx')
    expect(order.order).toEqual(wechat.prepare(parseOrder(v3)).payload.add)
    expect(order.order).toMatchObject({
      address_info: { detailed_address: '科苑路 2 号' },
      order_detail: { product_infos: [{ title: '洗洁精 1.5L' }] },
    })
    expect(order.status).toBe(30)
    expect(order.pay).toMatchObject({
      action_type: 1,
      transaction_id: '4200000512202003251234567890',
    })
    expect(order.deliveries).toHaveLength(1)
    // The paid order's ticket was consumed: the re-add issued a new one (scenario A of the page).
    expect(shippedTicket).toBe(order.ticket)
    expect(shippedTicket).not.toBe(paidTicket)
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
