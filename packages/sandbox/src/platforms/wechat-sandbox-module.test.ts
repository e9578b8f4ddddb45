import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { type Sandbox, startSandbox } from '../start-sandbox.ts'
import {
  createWechatSandboxModule,
  type WechatSandboxCredentials,
  type WechatSandboxOrder,
  wechatSandboxErrcodes,
} from './wechat-sandbox-module.ts'

// The module against hand-built requests (not through @ordersync/wechat): it must catch what a
// wrong client would send.

// Made before the sandbox starts, so that the it.each tables can use its credentials.
const module = createWechatSandboxModule()
const credentials: WechatSandboxCredentials = module.credentials
let sandbox: Sandbox
beforeAll(async () => {
  sandbox = await startSandbox({ modules: [module] })
})
afterAll(async () => {
  await sandbox.close()
})
beforeEach(() => {
  sandbox.control.reset()
})
afterEach(() => {
  vi.useRealTimers()
})

type Answer = { errcode?: number; errmsg?: string; access_token?: string; expires_in?: number }

async function classicToken(
  query: Record<string, string> = {
    grant_type: 'client_credential',
    appid: credentials.appId,
    secret: credentials.appSecret,
  },
): Promise<Answer> {
  const response = await fetch(`${sandbox.url}/cgi-bin/token?${new URLSearchParams(query)}`)
  expect(response.status).toBe(200)
  return (await response.json()) as Answer
}

async function stableToken(changes: Record<string, unknown> = {}): Promise<Answer> {
  const response = await fetch(`${sandbox.url}/cgi-bin/stable_token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      grant_type: 'client_credential',
      appid: credentials.appId,
      secret: credentials.appSecret,
      force_refresh: false,
      ...changes,
    }),
  })
  expect(response.status).toBe(200)
  return (await response.json()) as Answer
}

async function token(): Promise<string> {
  return (await stableToken()).access_token ?? ''
}

async function post(
  path: string,
  body: unknown,
  accessToken?: string | null,
): Promise<{ text: string; answer: Answer & Record<string, unknown> }> {
  const value = accessToken === undefined ? await token() : accessToken
  const query = value === null ? '' : `?access_token=${encodeURIComponent(value)}`
  const response = await fetch(`${sandbox.url}${path}${query}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })
  expect(response.status).toBe(200)
  expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8')
  const text = await response.text()
  return { text, answer: JSON.parse(text) as Answer & Record<string, unknown> }
}

// The document's example I, with the address filled in.
const product = {
  out_product_id: '12345',
  out_sku_id: '23456',
  product_cnt: 10,
  sale_price: 100,
  real_price: 100,
  path: 'pages/productDetail/productDetail?productId=2176180',
  title: '洗洁精',
  head_img:
    'http://img10.360buyimg.com/n1/s450x450_jfs/t1/85865/39/13611/488083/5e590a40E4bdf69c0/55c9bf645ea2b727.jpg',
}
const payInfo = { pay_method_type: 0, prepay_id: '42526234625', prepay_time: '2020-03-25 14:04:25' }
const priceInfo = {
  order_price: 1600,
  freight: 500,
  discounted_price: 100,
  additional_price: 200,
  additional_remarks: '税费',
}
const address = {
  receiver_name: '张三',
  detailed_address: '详细收货地址信息',
  tel_number: '13800000000',
  country: '中国',
  province: '广东省',
  city: '广州市',
  town: '海珠区',
}
function order(changes: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    create_time: '2020-03-25 13:05:25',
    out_order_id: 'order-1',
    openid: 'oTVP50O53a7jgmawAmxKukNlq3XI',
    path: '/pages/order.html?out_order_id=order-1',
    scene: 1177,
    out_user_id: '323232323',
    order_detail: { product_infos: [product], pay_info: payInfo, price_info: priceInfo },
    delivery_detail: { delivery_type: 1 },
    address_info: address,
    ...changes,
  }
}
const detail = (changes: Record<string, unknown>) =>
  order({
    order_detail: {
      product_infos: [product],
      pay_info: payInfo,
      price_info: priceInfo,
      ...changes,
    },
  })

const orderId = '3705115058471208929'
const stored = (id = 'order-1') => sandbox.control.orders('wechat').get(id) as WechatSandboxOrder
const who = { out_order_id: 'order-1', openid: 'oTVP50O53a7jgmawAmxKukNlq3XI' }
const paid = {
  ...who,
  action_type: 1,
  transaction_id: '4200001234202003251234567890',
  pay_time: '2020-03-25 14:05:25',
}

describe('wechat sandbox module: tokens', () => {
  it('issues a classic token, and a new one invalidates the previous', async () => {
    const first = await classicToken()
    expect(Object.keys(first).sort()).toEqual(['access_token', 'expires_in'])
    expect(first.expires_in).toBe(7200)
    const second = await classicToken()
    expect(second.access_token).not.toBe(first.access_token)
    expect((await post('/shop/order/add', order(), first.access_token)).answer).toEqual({
      errcode: 40001,
      errmsg: 'invalid credential, access_token is invalid or not latest',
    })
    expect((await post('/shop/order/add', order(), second.access_token)).answer.errcode).toBe(0)
    expect(sandbox.control.counters('wechat').tokenRequests).toBe(2)
  })

  it.each([
    [{ grant_type: 'client_credentials' }, 40002, 'invalid grant_type'],
    [{ appid: '' }, 41002, 'appid missing'],
    [{ appid: 'wx0000000000000000' }, 40013, 'invalid appid'],
    [{ secret: '' }, 41004, 'appsecret missing'],
    [{ secret: 'not-the-secret' }, 40125, 'invalid appsecret'],
  ])('refuses %o on both token endpoints', async (change, errcode, errmsg) => {
    const query = {
      grant_type: 'client_credential',
      appid: credentials.appId,
      secret: credentials.appSecret,
      ...change,
    }
    expect(await classicToken(query)).toEqual({ errcode, errmsg })
    expect(await stableToken(change)).toEqual({ errcode, errmsg })
  })

  it('refuses a stable_token body that is not JSON', async () => {
    const response = await fetch(`${sandbox.url}/cgi-bin/stable_token`, {
      method: 'POST',
      body: `appid=${credentials.appId}`,
    })
    expect(await response.json()).toEqual({
      errcode: 47001,
      errmsg: 'sandbox: body: must be a JSON object',
    })
  })

  it('keeps the stable token in normal mode, renews it in its last 300 s, and expires it', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(Date.parse('2026-05-01T00:00:00Z'))
    const first = await stableToken()
    expect(first.expires_in).toBe(7200)
    vi.setSystemTime(Date.parse('2026-05-01T01:00:00.500Z'))
    expect(await stableToken()).toEqual({ access_token: first.access_token, expires_in: 3599 })
    vi.setSystemTime(Date.parse('2026-05-01T01:55:00Z'))
    const renewed = await stableToken()
    expect(renewed.access_token).not.toBe(first.access_token)
    expect(renewed.expires_in).toBe(7200)
    // The old one still works until its own end, then answers 42001.
    expect((await post('/shop/order/add', order(), first.access_token)).answer.errcode).toBe(0)
    vi.setSystemTime(Date.parse('2026-05-01T02:00:00Z'))
    expect((await post('/shop/order/add', order(), first.access_token)).answer).toEqual({
      errcode: 42001,
      errmsg: 'access_token expired',
    })
    expect((await post('/shop/order/add', order(), renewed.access_token)).answer.errcode).toBe(0)
  })

  it('keeps the stable and the classic token apart', async () => {
    const stable = await token()
    await classicToken()
    await classicToken()
    expect((await post('/shop/order/add', order(), stable)).answer.errcode).toBe(0)
  })

  it('force_refresh makes a new token, at most once per 30 s and 20 times per Beijing day', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    // 23:00 in Beijing on 1 May.
    let now = Date.parse('2026-05-01T15:00:00Z')
    vi.setSystemTime(now)
    const normal = await stableToken()
    const forced = await stableToken({ force_refresh: true })
    expect(forced.access_token).not.toBe(normal.access_token)
    expect((await post('/shop/order/add', order(), normal.access_token)).answer.errcode).toBe(40001)
    vi.setSystemTime(now + 29_999)
    expect(await stableToken({ force_refresh: true })).toEqual({
      errcode: 45009,
      errmsg: 'sandbox: force_refresh again within 30 s of the last one',
    })
    for (let index = 2; index <= 20; index += 1) {
      now += 30_000
      vi.setSystemTime(now)
      expect((await stableToken({ force_refresh: true })).expires_in).toBe(7200)
    }
    now += 30_000
    vi.setSystemTime(now)
    expect(await stableToken({ force_refresh: true })).toEqual({
      errcode: 45009,
      errmsg: 'reach max api daily quota limit',
    })
    // Midnight in Beijing (16:00 UTC) starts a new day.
    vi.setSystemTime(Date.parse('2026-05-01T16:00:00Z'))
    expect((await stableToken({ force_refresh: true })).expires_in).toBe(7200)
  })

  it('answers 41001 without a token, 40001 for an unknown or invalidated one', async () => {
    expect((await post('/shop/order/add', order(), null)).answer).toEqual({
      errcode: 41001,
      errmsg: 'access_token missing',
    })
    expect((await post('/shop/order/add', order(), 'made-up')).answer.errcode).toBe(40001)
    const valid = await token()
    sandbox.control.invalidateTokens('wechat')
    expect((await post('/shop/order/add', order(), valid)).answer.errcode).toBe(40001)
    const fresh = await token()
    expect(fresh).not.toBe(valid)
    expect((await post('/shop/order/add', order(), fresh)).answer.errcode).toBe(0)
  })

  it('expires a classic token after the configured lifetime', async () => {
    const short = await startSandbox({
      modules: [createWechatSandboxModule({ tokenLifetimeSeconds: 600 })],
    })
    try {
      const shortCredentials = short.credentials.wechat as WechatSandboxCredentials
      vi.useFakeTimers({ toFake: ['Date'] })
      vi.setSystemTime(Date.parse('2026-05-01T00:00:00Z'))
      const issued = (await (
        await fetch(
          `${short.url}/cgi-bin/token?grant_type=client_credential&appid=${shortCredentials.appId}&secret=${shortCredentials.appSecret}`,
        )
      ).json()) as Answer
      expect(issued.expires_in).toBe(600)
      const call = async () =>
        (await (
          await fetch(`${short.url}/shop/order/get?access_token=${issued.access_token}`, {
            method: 'POST',
            body: JSON.stringify(who),
          })
        ).json()) as Answer
      vi.setSystemTime(Date.parse('2026-05-01T00:09:59Z'))
      expect((await call()).errcode).toBe(wechatSandboxErrcodes.orderNotFound)
      vi.setSystemTime(Date.parse('2026-05-01T00:10:00Z'))
      expect((await call()).errcode).toBe(42001)
    } finally {
      await short.close()
    }
  })
})

describe('wechat sandbox module: shop/order/add', () => {
  it('creates the order in status 10 and writes order_id as a bare uint64', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(Date.parse('2026-05-01T10:00:00Z'))
    const { text, answer } = await post('/shop/order/add', order())
    const ticket = stored().ticket
    expect(ticket).toMatch(/^[0-9a-f]{32}$/)
    expect(text).toBe(
      `{"errcode":0,"errmsg":"ok","data":{"order_id":${orderId},"out_order_id":"order-1","ticket":"${ticket}","ticket_expire_time":"2026-05-02 18:00:00","final_price":1600}}`,
    )
    // What a client that reads the answer with JSON.parse gets: a rounded order_id.
    expect(String((answer.data as { order_id: number }).order_id)).not.toBe(orderId)
    expect(stored()).toEqual({
      order_id: orderId,
      out_order_id: 'order-1',
      status: 10,
      order: order(),
      ticket,
      ticket_expire_time: '2026-05-02 18:00:00',
      ticketExpiresAt: Date.parse('2026-05-02T10:00:00Z'),
      final_price: 1600,
    })
  })

  it('replaces the whole order on a second add, keeping order_id and the unpaid ticket', async () => {
    await post('/shop/order/add', order())
    const first = stored()
    const second = order({ path: '/pages/order.html?out_order_id=order-1&v=2' })
    const { text } = await post('/shop/order/add', second)
    expect(text).toContain(`"order_id":${orderId},`)
    expect(stored()).toEqual({ ...first, order: second })
    await post('/shop/order/add', order({ out_order_id: 'order-2' }))
    expect(stored('order-2').order_id).toBe('3705115058471208931')
  })

  it('gives a new ticket and status 10 again when a paid order is added again', async () => {
    await post('/shop/order/add', order())
    const first = stored()
    await post('/shop/order/pay', paid)
    expect(stored().status).toBe(20)
    await post('/shop/order/add', order())
    expect(stored().status).toBe(10)
    expect(stored().pay).toBeUndefined()
    expect(stored().ticket).not.toBe(first.ticket)
  })

  it('replaces a shipped order too: status 10 again, without its payment and shipments', async () => {
    await post('/shop/order/add', order())
    await post('/shop/order/pay', paid)
    await post('/shop/delivery/send', {
      ...who,
      finish_all_delivery: 1,
      delivery_list: [{ delivery_id: 'SF', waybill_id: 'SF1' }],
    })
    expect(stored().status).toBe(30)
    const corrected = order({ address_info: { ...address, detailed_address: '科苑路 2 号' } })
    expect((await post('/shop/order/add', corrected)).answer.errcode).toBe(0)
    expect(stored()).toMatchObject({ status: 10, order: corrected, order_id: orderId })
    expect(stored().pay).toBeUndefined()
    expect(stored().deliveries).toBeUndefined()
    expect((await post('/shop/delivery/recieve', who)).answer.errcode).toBe(100000)
  })

  it('gives a new ticket after 24 hours', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(Date.parse('2026-05-01T10:00:00Z'))
    await post('/shop/order/add', order())
    const first = stored().ticket
    vi.setSystemTime(Date.parse('2026-05-02T09:59:59Z'))
    await post('/shop/order/add', order())
    expect(stored().ticket).toBe(first)
    vi.setSystemTime(Date.parse('2026-05-02T10:00:00Z'))
    await post('/shop/order/add', order())
    expect(stored().ticket).not.toBe(first)
    expect(stored().ticket_expire_time).toBe('2026-05-03 18:00:00')
  })

  it('takes an order without address for delivery_type 2 and cash on delivery without prepay', async () => {
    const body = order({
      delivery_detail: { delivery_type: 2 },
      address_info: undefined,
      order_detail: {
        product_infos: [{ ...product, out_sku_id: '' }],
        pay_info: { pay_method_type: 1 },
        price_info: { order_price: 1500, freight: 500 },
      },
    })
    expect((await post('/shop/order/add', body)).answer.errcode).toBe(0)
    expect(stored().order).toEqual(JSON.parse(JSON.stringify(body)))
  })

  it.each([
    ['a body that is not JSON', 'out_order_id=1', 'body: must be a JSON object'],
    ['no create_time', order({ create_time: undefined }), 'body.create_time: required string'],
    [
      'create_time in ISO 8601',
      order({ create_time: '2020-03-25T13:05:25+08:00' }),
      'body.create_time: must be a date and time as yyyy-MM-dd HH:mm:ss',
    ],
    [
      'create_time on 30 February',
      order({ create_time: '2020-02-30 13:05:25' }),
      'body.create_time: must be a date and time as yyyy-MM-dd HH:mm:ss',
    ],
    [
      'create_time at 24:00',
      order({ create_time: '2020-03-25 24:00:00' }),
      'body.create_time: must be a date and time as yyyy-MM-dd HH:mm:ss',
    ],
    ['no out_order_id', order({ out_order_id: undefined }), 'body.out_order_id: required string'],
    ['an empty openid', order({ openid: '' }), 'body.openid: must not be empty'],
    ['no path', order({ path: undefined }), 'body.path: required string'],
    ['scene as a string', order({ scene: '1177' }), 'body.scene: must be an integer'],
    ['no order_detail', order({ order_detail: undefined }), 'body.order_detail: required object'],
    [
      'no products',
      detail({ product_infos: [] }),
      'body.order_detail.product_infos: at least 1 entry',
    ],
    [
      'a product without out_product_id',
      detail({ product_infos: [{ ...product, out_product_id: undefined }] }),
      'body.order_detail.product_infos[0].out_product_id: required string',
    ],
    [
      'a product_cnt of 0',
      detail({ product_infos: [{ ...product, product_cnt: 0 }] }),
      'body.order_detail.product_infos[0].product_cnt: must be at least 1',
    ],
    [
      'a sale_price in yuan',
      detail({ product_infos: [{ ...product, sale_price: 1.5 }] }),
      'body.order_detail.product_infos[0].sale_price: must be an integer (fen)',
    ],
    [
      'a real_price above sale_price',
      detail({ product_infos: [{ ...product, real_price: 101 }] }),
      'body.order_detail.product_infos[0].real_price: must not exceed sale_price',
    ],
    [
      'no head_img',
      detail({ product_infos: [{ ...product, head_img: undefined }] }),
      'body.order_detail.product_infos[0].head_img: required string',
    ],
    [
      'no title',
      detail({ product_infos: [{ ...product, title: undefined }] }),
      'body.order_detail.product_infos[0].title: required string',
    ],
    [
      'a product without path',
      detail({ product_infos: [{ ...product, path: undefined }] }),
      'body.order_detail.product_infos[0].path: required string',
    ],
    ['no pay_info', detail({ pay_info: undefined }), 'body.order_detail.pay_info: required object'],
    [
      'pay_method_type 3',
      detail({ pay_info: { ...payInfo, pay_method_type: 3 } }),
      'body.order_detail.pay_info.pay_method_type: must be one of 0, 1, 2',
    ],
    [
      'WeChat Pay without prepay_id',
      detail({ pay_info: { pay_method_type: 0, prepay_time: '2020-03-25 14:04:25' } }),
      'body.order_detail.pay_info.prepay_id: required string',
    ],
    [
      'WeChat Pay without prepay_time',
      detail({ pay_info: { pay_method_type: 0, prepay_id: '1' } }),
      'body.order_detail.pay_info.prepay_time: required string',
    ],
    [
      'a prepay_time as Unix seconds',
      detail({ pay_info: { ...payInfo, prepay_time: 1585116265 } }),
      'body.order_detail.pay_info.prepay_time: must be a date and time as yyyy-MM-dd HH:mm:ss',
    ],
    [
      'no price_info',
      detail({ price_info: undefined }),
      'body.order_detail.price_info: required object',
    ],
    [
      'no freight',
      detail({ price_info: { ...priceInfo, freight: undefined } }),
      'body.order_detail.price_info.freight: required integer',
    ],
    [
      'a negative discounted_price',
      detail({ price_info: { ...priceInfo, discounted_price: -100 } }),
      'body.order_detail.price_info.discounted_price: must be at least 0 (fen)',
    ],
    [
      'an order_price that leaves out additional_price',
      detail({ price_info: { ...priceInfo, order_price: 1400 } }),
      'body.order_detail.price_info.order_price: must equal Σ(sale_price × product_cnt) + freight − discounted_price + additional_price = 1600, got 1400',
    ],
    [
      'an order_price of Σ sale_price, ignoring product_cnt',
      detail({ price_info: { ...priceInfo, order_price: 700 } }),
      'body.order_detail.price_info.order_price: must equal Σ(sale_price × product_cnt) + freight − discounted_price + additional_price = 1600, got 700',
    ],
    [
      'no delivery_detail',
      order({ delivery_detail: undefined }),
      'body.delivery_detail: required object',
    ],
    [
      'delivery_type 5',
      order({ delivery_detail: { delivery_type: 5 } }),
      'body.delivery_detail.delivery_type: must be one of 1, 2, 3, 4',
    ],
    [
      'no address for express delivery',
      order({ address_info: undefined }),
      'body.address_info: required unless delivery_type is 2',
    ],
    [
      'no address for self-pickup',
      order({ address_info: undefined, delivery_detail: { delivery_type: 4 } }),
      'body.address_info: required unless delivery_type is 2',
    ],
    [
      'an address without tel_number',
      order({ address_info: { ...address, tel_number: undefined } }),
      'body.address_info.tel_number: required string',
    ],
    [
      'a numeric province',
      order({ address_info: { ...address, province: 44 } }),
      'body.address_info.province: must be a string',
    ],
  ])('refuses %s with 47001', async (_name, body, errmsg) => {
    expect((await post('/shop/order/add', body)).answer).toEqual({
      errcode: 47001,
      errmsg: `sandbox: ${errmsg}`,
    })
    expect(sandbox.control.orders('wechat').size).toBe(0)
  })
})

describe('wechat sandbox module: pay, delivery, get', () => {
  beforeEach(async () => {
    expect((await post('/shop/order/add', order())).answer.errcode).toBe(0)
  })

  it('pay with action_type 1 moves 10 → 20, found by order_id read as a bare number', async () => {
    const body = `{"order_id":${orderId},"openid":"${who.openid}","action_type":1,"transaction_id":"42000","pay_time":"2020-03-25 14:05:25"}`
    expect((await post('/shop/order/pay', body)).answer).toEqual({ errcode: 0, errmsg: 'ok' })
    expect(stored().status).toBe(20)
    expect(stored().pay).toEqual(JSON.parse(body))
    expect((await post('/shop/order/pay', paid)).answer).toEqual({
      errcode: 100000,
      errmsg: 'sandbox: shop/order/pay needs status 10, the order is in 20',
    })
  })

  it('finds an order by order_id as a decimal string, and not by a rounded one', async () => {
    expect(
      (await post('/shop/order/get', { order_id: orderId, openid: who.openid })).answer.errcode,
    ).toBe(0)
    expect(
      (
        await post('/shop/order/get', {
          order_id: Number(orderId),
          openid: who.openid,
        })
      ).answer,
    ).toEqual({
      errcode: wechatSandboxErrcodes.orderNotFound,
      errmsg: 'sandbox: no order of that out_order_id/order_id for that openid',
    })
  })

  it.each([
    ['an unknown out_order_id', { ...paid, out_order_id: 'order-9' }],
    ['another openid', { ...paid, openid: 'someone-else' }],
    ['an order_id of another order', { ...paid, order_id: '3705115058471208931' }],
  ])('answers orderNotFound for %s', async (_name, body) => {
    expect((await post('/shop/order/pay', body)).answer).toEqual({
      errcode: wechatSandboxErrcodes.orderNotFound,
      errmsg: 'sandbox: no order of that out_order_id/order_id for that openid',
    })
    expect(stored().status).toBe(10)
  })

  it.each([
    [{ openid: who.openid, action_type: 1 }, 'body: out_order_id or order_id required'],
    [{ ...paid, order_id: 'abc' }, 'body.order_id: must be an integer (or its decimal string)'],
    [{ ...paid, openid: undefined }, 'body.openid: required string'],
    [{ ...paid, action_type: 6 }, 'body.action_type: must be one of 1, 2, 3, 4, 5, 10'],
    [{ ...paid, transaction_id: undefined }, 'body.transaction_id: required string'],
    [{ ...paid, pay_time: undefined }, 'body.pay_time: required string'],
    [
      { ...paid, pay_time: '2020/03/25 14:05:25' },
      'body.pay_time: must be a date and time as yyyy-MM-dd HH:mm:ss',
    ],
    [{ ...who, action_type: 10 }, 'body.action_remark: required string'],
  ])('refuses pay %o with 47001', async (body, errmsg) => {
    expect((await post('/shop/order/pay', body)).answer).toEqual({
      errcode: 47001,
      errmsg: `sandbox: ${errmsg}`,
    })
    expect(stored().status).toBe(10)
  })

  it('pays cash on delivery without transaction_id', async () => {
    await post('/shop/order/add', detail({ pay_info: { pay_method_type: 1 } }))
    expect(
      (await post('/shop/order/pay', { ...paid, transaction_id: undefined })).answer.errcode,
    ).toBe(0)
    expect(stored().status).toBe(20)
  })

  it.each([2, 3, 4, 5, 10])('pay with action_type %i moves 10 → 250', async (action_type) => {
    expect(
      (await post('/shop/order/pay', { ...who, action_type, action_remark: 'out of stock' })).answer
        .errcode,
    ).toBe(0)
    expect(stored().status).toBe(250)
    expect(
      (
        await post('/shop/delivery/send', {
          ...who,
          finish_all_delivery: 1,
          delivery_list: [{ delivery_id: 'SF', waybill_id: 'SF1' }],
        })
      ).answer,
    ).toEqual({
      errcode: 100000,
      errmsg: 'sandbox: shop/delivery/send needs status 20, the order is in 250',
    })
  })

  it('delivery/send moves 20 → 30 when all is sent, and stays 20 for a partial shipment', async () => {
    const delivery = {
      ...who,
      finish_all_delivery: 0,
      delivery_list: [{ delivery_id: 'SF', waybill_id: 'SF1' }],
    }
    expect((await post('/shop/delivery/send', delivery)).answer).toEqual({
      errcode: 100000,
      errmsg: 'sandbox: shop/delivery/send needs status 20, the order is in 10',
    })
    await post('/shop/order/pay', paid)
    expect((await post('/shop/delivery/send', delivery)).answer).toEqual({
      errcode: 0,
      errmsg: 'ok',
    })
    expect(stored().status).toBe(20)
    const rest = {
      ...delivery,
      finish_all_delivery: 1,
      delivery_list: [{ delivery_id: 'SF', waybill_id: 'SF2' }],
    }
    expect((await post('/shop/delivery/send', rest)).answer.errcode).toBe(0)
    expect(stored().status).toBe(30)
    expect(stored().deliveries).toEqual([delivery, rest])
  })

  it.each([
    [{ ...who }, 'body.finish_all_delivery: required integer'],
    [{ ...who, finish_all_delivery: 2 }, 'body.finish_all_delivery: must be one of 0, 1'],
    [{ ...who, finish_all_delivery: 1 }, 'body.delivery_list: required array'],
    [
      { ...who, finish_all_delivery: 1, delivery_list: [{ delivery_id: 'SF' }] },
      'body.delivery_list[0].waybill_id: required string',
    ],
  ])('refuses delivery/send %o with 47001', async (body, errmsg) => {
    await post('/shop/order/pay', paid)
    expect((await post('/shop/delivery/send', body)).answer).toEqual({
      errcode: 47001,
      errmsg: `sandbox: ${errmsg}`,
    })
    expect(stored().status).toBe(20)
  })

  it('delivery/recieve moves 30 → 100 and from nowhere else', async () => {
    expect((await post('/shop/delivery/recieve', who)).answer).toEqual({
      errcode: 100000,
      errmsg: 'sandbox: shop/delivery/recieve needs status 30, the order is in 10',
    })
    await post('/shop/order/pay', paid)
    await post('/shop/delivery/send', {
      ...who,
      finish_all_delivery: 1,
      delivery_list: [{ delivery_id: 'SF', waybill_id: 'SF1' }],
    })
    expect((await post('/shop/delivery/recieve', who)).answer).toEqual({ errcode: 0, errmsg: 'ok' })
    expect(stored().status).toBe(100)
    expect((await post('/shop/delivery/recieve', who)).answer.errcode).toBe(100000)
  })

  it('order/get answers the order as WxJava models the answer: no create_time, scene, address_info or pay_method_type, delivery_detail only once sent', async () => {
    const before = await post('/shop/order/get', who)
    const { pay_method_type: _type, ...prepay } = payInfo
    expect(before.text).toBe(
      `{"errcode":0,"errmsg":"ok","order":{"order_id":${orderId},"out_order_id":"order-1","status":10,"path":"/pages/order.html?out_order_id=order-1","out_user_id":"323232323","order_detail":{"product_infos":[${JSON.stringify(product)}],"pay_info":${JSON.stringify(prepay)},"price_info":${JSON.stringify(priceInfo)}}}}`,
    )
    await post('/shop/order/pay', paid)
    await post('/shop/delivery/send', {
      ...who,
      finish_all_delivery: 1,
      delivery_list: [{ delivery_id: 'SF', waybill_id: 'SF1' }],
    })
    const { text, answer } = await post('/shop/order/get', who)
    expect(text.startsWith(`{"errcode":0,"errmsg":"ok","order":{"order_id":${orderId},`)).toBe(true)
    const { order_id: _rounded, ...rest } = answer.order as Record<string, unknown>
    expect({ ...answer, order: rest }).toEqual({
      errcode: 0,
      errmsg: 'ok',
      order: {
        out_order_id: 'order-1',
        status: 30,
        path: '/pages/order.html?out_order_id=order-1',
        out_user_id: '323232323',
        order_detail: {
          product_infos: [product],
          pay_info: {
            ...prepay,
            pay_time: '2020-03-25 14:05:25',
            transaction_id: '4200001234202003251234567890',
          },
          price_info: priceInfo,
          delivery_detail: {
            delivery_type: 1,
            finish_all_delivery: 1,
            delivery_list: [{ delivery_id: 'SF', waybill_id: 'SF1' }],
          },
        },
      },
    })
  })

  it('order/get echoes every field of the add body with getEchoesAddBody', async () => {
    const wide = await startSandbox({
      modules: [createWechatSandboxModule({ getEchoesAddBody: true })],
    })
    try {
      const { appId, appSecret } = wide.credentials.wechat as WechatSandboxCredentials
      const issued = (await (
        await fetch(
          `${wide.url}/cgi-bin/token?grant_type=client_credential&appid=${appId}&secret=${appSecret}`,
        )
      ).json()) as Answer
      const call = async (path: string, body: unknown) =>
        (await (
          await fetch(`${wide.url}${path}?access_token=${issued.access_token}`, {
            method: 'POST',
            body: JSON.stringify(body),
          })
        ).json()) as Answer & Record<string, unknown>
      expect((await call('/shop/order/add', order())).errcode).toBe(0)
      const { order_id: _rounded, ...echoed } = (await call('/shop/order/get', who))
        .order as Record<string, unknown>
      expect(echoed).toEqual({
        out_order_id: 'order-1',
        status: 10,
        create_time: '2020-03-25 13:05:25',
        openid: who.openid,
        scene: 1177,
        path: '/pages/order.html?out_order_id=order-1',
        out_user_id: '323232323',
        order_detail: {
          product_infos: [product],
          pay_info: payInfo,
          price_info: priceInfo,
          delivery_detail: { delivery_type: 1 },
        },
        address_info: address,
      })
    } finally {
      await wide.close()
    }
  })
})

describe('wechat sandbox module: faults', () => {
  it('answers an injected -1 and 45011, then serves normally', async () => {
    const accessToken = await token()
    const busy = sandbox.control.injectFault({
      platform: 'wechat',
      endpoint: '/shop/order/add',
      action: { type: 'body', body: { errcode: -1, errmsg: 'system error' } },
      times: 2,
    })
    expect((await post('/shop/order/add', order(), accessToken)).answer).toEqual({
      errcode: -1,
      errmsg: 'system error',
    })
    expect((await post('/shop/order/add', order(), accessToken)).answer.errcode).toBe(-1)
    expect(busy.applied).toBe(2)
    expect(sandbox.control.orders('wechat').size).toBe(0)
    expect((await post('/shop/order/add', order(), accessToken)).answer.errcode).toBe(0)

    sandbox.control.injectFault({
      platform: 'wechat',
      endpoint: '/cgi-bin/stable_token',
      action: { type: 'body', body: { errcode: 45011, errmsg: 'api minute-quota reach limit' } },
    })
    expect(await stableToken()).toEqual({ errcode: 45011, errmsg: 'api minute-quota reach limit' })
    expect(sandbox.control.counters('wechat')).toEqual({
      requests: { '/shop/order/add': 3 },
      tokenRequests: 2,
    })
  })
})
