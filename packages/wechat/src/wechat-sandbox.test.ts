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
