// A stand-in for WeChat's order family in a `fetch`, shared by the client's tests.

import type { OrderInput } from '@ordersync/core'
import { wechatDocumentOrder } from '@ordersync/core/fixtures'
import { createWechat, type WechatClient, type WechatSettings } from '../wechat-client.ts'

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

/**
 * A stand-in for WeChat in a `fetch`: tokens, and the order family's status rules (add → 10,
 * pay from 10, delivery/send from 20, delivery/recieve from 30), recording every request. Answers
 * queued with `answer(path, …)` go first. add answers an order_id above 2^53, as raw text, and
 * keeps the body; get echoes it as WeChat nests it (delivery_detail inside order_detail), less
 * the fields named in `options.getOmits`. `options.addKeepsStatus` makes a repeated add keep the
 * status (the reading of the page ordersync does not rely on).
 */
export function fakeWechat(
  options: { readonly getOmits?: readonly string[]; readonly addKeepsStatus?: boolean } = {},
): FakeWechat {
  const sent: SentRequest[] = []
  const statuses = new Map<string, number>()
  const bodies = new Map<string, Record<string, unknown>>()
  const echo = (id: string, status: number): string => {
    const { delivery_detail, order_detail, openid: _openid, ...rest } = bodies.get(id) ?? {}
    const order: Record<string, unknown> = {
      ...rest,
      status,
      order_detail: { ...(order_detail as object), delivery_detail },
    }
    for (const key of options.getOmits ?? []) delete order[key]
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
    const moved = (from: number, to: number) => {
      if (status !== from) return reply({ errcode: 100000, errmsg: 'order status error' })
      statuses.set(id, to)
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
      case '/shop/order/add':
        bodies.set(id, json)
        if (!(options.addKeepsStatus === true && status !== undefined)) statuses.set(id, 10)
        return reply(
          `{"errcode":0,"errmsg":"ok","data":{"order_id":${bigOrderId},"out_order_id":"${id}","ticket":"ticket-1","ticket_expire_time":"2020-03-26 13:05:25","final_price":1600}}`,
        )
      case '/shop/order/pay':
        return moved(10, json.action_type === 1 ? 20 : 250)
      case '/shop/delivery/send':
        return moved(20, 30)
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
