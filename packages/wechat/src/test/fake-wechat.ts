// A stand-in for WeChat's order family in a `fetch`, shared by the client's tests.

import { type OrderInput, omitUndefined } from '@ordersync/core'
import { createWechat, type WechatClient, type WechatSettings } from '../wechat-client.ts'
import { wechatDocumentOrder } from '../wechat-document-order.ts'

/** The order_id the fake answers: the uint64 maximum, far above 2^53. */
export const bigOrderId = '18446744073709551615'

/** An answer queued for a path. */
type Answer = { readonly status?: number; readonly body: unknown }

/** One request the fake received. */
interface SentRequest {
  readonly method: string
  readonly url: string
  readonly headers: Record<string, string>
  readonly body: string
}

/** The fake and what it recorded. */
export interface FakeWechat {
  readonly fetch: typeof globalThis.fetch
  readonly sent: SentRequest[]
  /** The status of each order, by out_order_id. */
  readonly statuses: Map<string, number>
  /** The last add body of each order, by out_order_id. */
  readonly bodies: Map<string, Record<string, unknown>>
  /** The paths requested, in order. */
  paths(): (string | undefined)[]
  tokenRequests(): number
  /** Queues answers for a path, answered before anything else. */
  answer(path: string, ...answers: Answer[]): void
}

/** What the fake keeps of a step call, to show it in `shop/order/get` as WeChat does. */
interface StepRecord {
  readonly pay?: Record<string, unknown>
  readonly send?: Record<string, unknown>
}

/**
 * The `order` of a `shop/order/get` answer as the only public model of it has it (WxJava's
 * `WxMaShopOrderResult`, `WxMaShopOrderDetail`, `WxMaShopPayInfo`, `WxMaShopDeliveryDetail`):
 * out_order_id, status, path, out_user_id and order_detail — product_infos, pay_info (prepay_id,
 * prepay_time; transaction_id and pay_time once paid), price_info, and delivery_detail only once
 * sent. No create_time, scene, openid, address_info or pay_method_type. With `echoAll`, every
 * field of the add body, as a wider answer would carry it.
 */
function heldOrder(
  body: Record<string, unknown>,
  status: number,
  steps: StepRecord,
  echoAll: boolean,
): Record<string, unknown> {
  const detail = body.order_detail as Record<string, Record<string, unknown>>
  const { pay_method_type: _type, ...payInfo } = detail.pay_info ?? {}
  const paid = steps.pay?.action_type === 1
  const sent =
    steps.send === undefined ? {} : { finish_all_delivery: steps.send.finish_all_delivery }
  const order_detail = {
    product_infos: detail.product_infos,
    pay_info: {
      ...(echoAll ? detail.pay_info : payInfo),
      ...(paid ? { transaction_id: steps.pay?.transaction_id, pay_time: steps.pay?.pay_time } : {}),
    },
    price_info: detail.price_info,
    ...(steps.send === undefined && !echoAll
      ? {}
      : { delivery_detail: { ...(body.delivery_detail as object), ...sent } }),
  }
  if (echoAll) {
    const { openid: _openid, delivery_detail: _delivery, ...rest } = body
    return { ...rest, status, order_detail }
  }
  return omitUndefined({
    out_order_id: body.out_order_id,
    status,
    path: body.path,
    out_user_id: body.out_user_id,
    order_detail,
  })
}

/**
 * A stand-in for WeChat in a `fetch`: tokens, and the order family's status rules (add → 10,
 * pay from 10, delivery/send from 20, delivery/recieve from 30), recording every request. Answers
 * queued with `answer(path, …)` go first. add answers an order_id above 2^53, as raw text, with
 * final_price the order_price it was sent, and keeps the body; get answers the order as WxJava's
 * model of the answer has it ({@link heldOrder}), or every add field with `options.echoAll`.
 * `options.addKeepsStatus` makes a repeated add keep the status (the reading of the page
 * ordersync does not rely on).
 */
export function fakeWechat(
  options: { readonly echoAll?: boolean; readonly addKeepsStatus?: boolean } = {},
): FakeWechat {
  const sent: SentRequest[] = []
  const statuses = new Map<string, number>()
  const bodies = new Map<string, Record<string, unknown>>()
  const steps = new Map<string, StepRecord>()
  const echo = (id: string, status: number): string => {
    const order = heldOrder(
      bodies.get(id) ?? {},
      status,
      steps.get(id) ?? {},
      options.echoAll === true,
    )
    return `{"errcode":0,"errmsg":"ok","order":{"order_id":${bigOrderId},${JSON.stringify(order).slice(1)}}`
  }
  const queued = new Map<string, Answer[]>()
  let tokens = 0
  const reply = (body: unknown, status = 200) =>
    new Response(typeof body === 'string' ? body : JSON.stringify(body), {
      status,
      headers: { 'content-type': 'application/json' },
    })
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const request = new Request(input as RequestInfo, init)
    const url = new URL(request.url)
    const body = await request.text()
    sent.push({
      method: request.method,
      url: `${url.pathname}${url.search}`,
      headers: Object.fromEntries(request.headers),
      body,
    })
    const next = queued.get(url.pathname)?.shift()
    if (next !== undefined) return reply(next.body, next.status)
    const json = (body === '' ? {} : JSON.parse(body)) as Record<string, unknown>
    const id = String(json.out_order_id)
    const status = statuses.get(id)
    const moved = (from: number, to: number, record: StepRecord = {}) => {
      if (status !== from) return reply({ errcode: 100000, errmsg: 'order status error' })
      statuses.set(id, to)
      steps.set(id, { ...steps.get(id), ...record })
      return reply({ errcode: 0, errmsg: 'ok' })
    }
    switch (url.pathname) {
      case '/cgi-bin/stable_token':
      case '/cgi-bin/token':
        tokens += 1
        return reply({ access_token: `ACCESS-TOKEN-${tokens}`, expires_in: 7200 })
      case '/shop/order/get':
        return status === undefined
          ? reply({ errcode: 9710001, errmsg: 'order not exist' })
          : reply(echo(id, status))
      case '/shop/order/add': {
        bodies.set(id, json)
        if (!(options.addKeepsStatus === true && status !== undefined)) {
          statuses.set(id, 10)
          steps.delete(id)
        }
        const { order_price } = (json.order_detail as { price_info: { order_price: number } })
          .price_info
        return reply(
          `{"errcode":0,"errmsg":"ok","data":{"order_id":${bigOrderId},"out_order_id":"${id}","ticket":"ticket-1","ticket_expire_time":"2020-03-26 13:05:25","final_price":${order_price}}}`,
        )
      }
      case '/shop/order/pay':
        return moved(10, json.action_type === 1 ? 20 : 250, { pay: json })
      case '/shop/delivery/send':
        return moved(20, 30, { send: json })
      case '/shop/delivery/recieve':
        return moved(30, 100)
      default:
        return reply({ errcode: 404 }, 404)
    }
  }
  return {
    fetch,
    sent,
    statuses,
    bodies,
    paths: () => sent.map((entry) => entry.url.split('?')[0]),
    tokenRequests: () => tokens,
    answer: (path: string, ...answers: Answer[]) => {
      queued.set(path, answers)
    },
  }
}

/** An amount of CNY in fen. */
const cny = (amount: number): { readonly amount: number; readonly currency: 'CNY' } => ({
  amount,
  currency: 'CNY',
})

/** The page's Example I as a canonical order, with what WeChat needs besides. */
export const documentOrder: OrderInput = {
  ...wechatDocumentOrder,
  platformOptions: {
    wechat: { scene: 1177, prepayId: '42526234625', prepayAt: '2020-03-25T14:04:25+08:00' },
  },
}
/** The same order paid by WeChat Pay and shipped in one parcel. */
export const shipped: OrderInput = {
  ...documentOrder,
  status: 'shipped',
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

/** A client of the fake, retrying fast. */
export function client(fake: FakeWechat, overrides: Partial<WechatSettings> = {}): WechatClient {
  return createWechat({
    appId: 'wx1234567890abcdef',
    appSecret: 'app-secret-5f4dcc3b',
    fetch: fake.fetch,
    retry: { maxAttempts: 3, initialDelayMs: 1, maxDelayMs: 5 },
    ...overrides,
  })
}
