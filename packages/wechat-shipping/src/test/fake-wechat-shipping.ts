// A stand-in for WeChat's order shipping service in a `fetch`, shared by the client's tests.

import type { OrderInput } from '@ordersync/core'
import {
  createWechatShipping,
  type WechatShippingClient,
  type WechatShippingSettings,
} from '../wechat-shipping-client.ts'
import { wechatShippingDocumentOrder } from '../wechat-shipping-document-order.ts'

/** An answer queued for a path. */
type Answer = { readonly status?: number; readonly body: unknown }

/** One request the fake received. */
interface SentRequest {
  readonly method: string
  readonly url: string
  readonly headers: Record<string, string>
  readonly body: string
}

/** What the fake holds of one payment. */
interface HeldPayment {
  body: Record<string, unknown>
  /** Every accepted upload's time, Unix seconds. */
  times: number[]
  finishCount: number
}

/** The fake and what it recorded. */
export interface FakeWechatShipping {
  readonly fetch: typeof globalThis.fetch
  readonly sent: SentRequest[]
  /** The payments, by transaction id or `<mchid>:<out_trade_no>`. */
  readonly payments: Map<string, HeldPayment>
  /** The paths requested, in order. */
  paths(): (string | undefined)[]
  tokenRequests(): number
  /** Queues answers for a path, answered before anything else. */
  answer(path: string, ...answers: Answer[]): void
}

const keyOf = (body: Record<string, unknown>): string => {
  const key = (body.order_key ?? {}) as Record<string, string>
  if (key.transaction_id !== undefined) return key.transaction_id
  if (body.transaction_id !== undefined) return String(body.transaction_id)
  return `${key.mchid ?? body.merchant_id}:${key.out_trade_no ?? body.merchant_trade_no}`
}

const reply = (body: unknown, status = 200): Response =>
  new Response(typeof body === 'string' ? body : JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json' },
  })

/** get_order's `order` of a payment: its shipping as WeChat's page shows it. */
function orderOf(key: string, held: HeldPayment | undefined): Record<string, unknown> {
  if (held === undefined) return { transaction_id: key, order_state: 1, shipping: {} }
  const body = held.body as {
    logistics_type: number
    delivery_mode: number
    is_all_delivered?: boolean
    shipping_list: Record<string, unknown>[]
  }
  const complete = body.delivery_mode === 1 || body.is_all_delivered === true
  const last = held.times.at(-1) ?? 0
  return {
    transaction_id: key,
    order_state: complete ? 2 : 1,
    shipping: {
      delivery_mode: body.delivery_mode,
      logistics_type: body.logistics_type,
      finish_shipping: complete,
      finish_shipping_count: held.finishCount,
      shipping_list: body.shipping_list.map(({ item_desc, ...parcel }) => ({
        ...parcel,
        goods_desc: item_desc,
        upload_time: last,
      })),
    },
  }
}

/**
 * A stand-in for WeChat's shipping service in a `fetch`: tokens; upload_shipping_info keeps each
 * payment's last body, answers 10060023 to an upload that changes nothing or is not later than
 * the last, and 10060003 to a change after the one re-shipment; get_order answers the payment's
 * shipping (10060001 for one never uploaded, with `options.unknownUntilUploaded`). Answers queued
 * with `answer(path, …)` go first.
 */
export function fakeWechatShipping(
  options: { readonly unknownUntilUploaded?: boolean } = {},
): FakeWechatShipping {
  const sent: SentRequest[] = []
  const payments = new Map<string, HeldPayment>()
  const queued = new Map<string, Answer[]>()
  let tokens = 0
  const upload = (json: Record<string, unknown>): Response => {
    const key = keyOf(json)
    const held = payments.get(key)
    const time = Math.floor(Date.parse(String(json.upload_time)) / 1000)
    const { upload_time: _time, ...shipping } = json
    const { upload_time: _before, ...before } = held?.body ?? {}
    if (held !== undefined && JSON.stringify(before) === JSON.stringify(shipping))
      return reply({ errcode: 10060023, errmsg: '发货信息未更新 rid: 65a62e4b-3447d1e8-3d921e7d' })
    if (held !== undefined && time <= (held.times.at(-1) ?? 0))
      return reply({ errcode: 10060023, errmsg: '发货信息未更新 rid: 65a62e4b-3447d1e8-3d921e7e' })
    const complete = json.delivery_mode === 1 || json.is_all_delivered === true
    const wasComplete = held !== undefined && orderOf(key, held).order_state === 2
    if (wasComplete && (held?.finishCount ?? 0) >= 2)
      return reply({
        errcode: 10060003,
        errmsg: '支付单已使用重新发货机会 rid: 6639eae2-2d7c4699-190e24dd',
      })
    payments.set(key, {
      body: json,
      times: [...(held?.times ?? []), time],
      finishCount: (held?.finishCount ?? 0) + (complete ? 1 : 0),
    })
    return reply({ errcode: 0, errmsg: 'ok' })
  }
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
    switch (url.pathname) {
      case '/cgi-bin/stable_token':
      case '/cgi-bin/token':
        tokens += 1
        return reply({ access_token: `ACCESS-TOKEN-${tokens}`, expires_in: 7200 })
      case '/wxa/sec/order/get_order': {
        const key = keyOf(json)
        const held = payments.get(key)
        if (held === undefined && options.unknownUntilUploaded === true)
          return reply({
            errcode: 10060001,
            errmsg: '支付单不存在 rid: 6639eae2-2d7c4699-190e24dd',
          })
        return reply({ errcode: 0, errmsg: 'ok', order: orderOf(key, held) })
      }
      case '/wxa/sec/order/upload_shipping_info':
        return upload(json)
      case '/wxa/sec/order/is_trade_managed':
        return reply({ errcode: 0, errmsg: 'ok', is_trade_managed: true })
      case '/wxa/sec/order/is_trade_management_confirmation_completed':
        return reply({ errcode: 0, errmsg: 'ok', completed: true })
      default:
        return reply({ errcode: 0, errmsg: 'ok' })
    }
  }
  return {
    fetch,
    sent,
    payments,
    paths: () => sent.map((entry) => entry.url.split('?')[0]),
    tokenRequests: () => tokens,
    answer: (path, ...answers) => {
      queued.set(path, answers)
    },
  }
}

/** A client of the fake, retrying fast. */
export function client(
  fake: FakeWechatShipping,
  overrides: Partial<WechatShippingSettings> = {},
): WechatShippingClient {
  return createWechatShipping({
    appId: 'wx1234567890abcdef',
    appSecret: 'app-secret-5f4dcc3b',
    fetch: fake.fetch,
    retry: { maxAttempts: 3, initialDelayMs: 1, maxDelayMs: 5 },
    ...overrides,
  })
}

/** The document's order, shipped in one SF parcel. */
export const shippedOrder: OrderInput = wechatShippingDocumentOrder
