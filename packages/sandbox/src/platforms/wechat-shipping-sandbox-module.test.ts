import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { createDefaultSandboxModules } from '../default-sandbox-modules.ts'
import { type Sandbox, startSandbox } from '../start-sandbox.ts'
import { createWechatSandboxModule } from './wechat-sandbox-module.ts'
import {
  createWechatShippingSandboxModule,
  type WechatShippingSandboxModule,
  type WechatShippingSandboxOptions,
  wechatShippingSandboxErrcodes,
  wechatShippingSandboxRetryableErrcodes,
  wechatShippingSandboxTokenErrcodes,
} from './wechat-shipping-sandbox-module.ts'
import { createWechatTokenAuthority } from './wechat-token-authority.ts'

// The module against hand-built requests (not through @ordersync/wechat-shipping): it must catch
// what a wrong client would send. Refusals are compared whole, errmsg included; the trace id is
// turned off (ridSuffix: false) but in the test of the trace id.

const module = createWechatShippingSandboxModule({ ridSuffix: false })
const { appId, appSecret } = module.credentials
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

type Answer = Record<string, unknown> & { errcode?: number; errmsg?: string }
const order = '/wxa/sec/order'
const payer = { openid: 'oExamplePayerOpenid000000001' }

// The apps of the sandboxes that withModule starts, by URL.
const apps = new Map<string, { appId: string; appSecret: string }>()

async function stableToken(
  url = sandbox.url,
  app = apps.get(url) ?? { appId, appSecret },
): Promise<string> {
  const response = await fetch(`${url}/cgi-bin/stable_token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      grant_type: 'client_credential',
      appid: app.appId,
      secret: app.appSecret,
    }),
  })
  return ((await response.json()) as { access_token: string }).access_token
}

async function post(
  path: string,
  body: unknown,
  options: { token?: string | null; url?: string } = {},
): Promise<Answer> {
  const url = options.url ?? sandbox.url
  const token = options.token === undefined ? await stableToken(url) : options.token
  const query = token === null ? '' : `?access_token=${encodeURIComponent(token)}`
  const response = await fetch(`${url}${path}${query}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })
  expect(response.status).toBe(200)
  return (await response.json()) as Answer
}

const upload = (body: unknown, options?: { token?: string | null; url?: string }) =>
  post(`${order}/upload_shipping_info`, body, options)
const ok = { errcode: 0, errmsg: 'ok' }
const refusal = (errcode: number, errmsg: string) => ({ errcode, errmsg })

/** Runs `run` against a sandbox of a module with other options. */
async function withModule(
  options: WechatShippingSandboxOptions,
  run: (url: string, shipping: WechatShippingSandboxModule) => Promise<void>,
): Promise<void> {
  const shipping = createWechatShippingSandboxModule({ ridSuffix: false, ...options })
  const other = await startSandbox({ modules: [shipping] })
  apps.set(other.url, shipping.credentials)
  try {
    await run(other.url, shipping)
  } finally {
    await other.close()
  }
}

// §10.1 of the service's worked examples: express, unified, SF with a masked contact.
const transactionId = '4200009999202503011234567890'
const sfUpload = {
  order_key: { order_number_type: 2, transaction_id: transactionId },
  logistics_type: 1,
  delivery_mode: 1,
  shipping_list: [
    {
      tracking_no: 'SF1400012345678',
      express_company: 'SF',
      item_desc: '白瓷马克杯*2；杯垫*1',
      contact: { receiver_contact: '138****5678' },
    },
  ],
  upload_time: '2025-03-01T10:15:30.000+08:00',
  payer,
}
// §10.2: by merchant trade number, split over two calls.
const splitKey = { order_number_type: 1, mchid: '1900000109', out_trade_no: 'SO20250301-0042' }
const deskParcel = { tracking_no: 'YT7000000000001', express_company: 'YTO', item_desc: '书桌*1' }
const chairParcel = { tracking_no: 'YT7000000000002', express_company: 'YTO', item_desc: '椅子*1' }
const splitFirst = {
  order_key: splitKey,
  logistics_type: 1,
  delivery_mode: 2,
  is_all_delivered: false,
  shipping_list: [deskParcel],
  upload_time: '2025-03-01T10:15:30.000+08:00',
  payer,
}
const splitSecond = {
  ...splitFirst,
  is_all_delivered: true,
  shipping_list: [chairParcel],
  upload_time: '2025-03-02T09:00:00.000+08:00',
}
/** A unified express upload of a payment by transaction id, with a few fields changed. */
const unified = (changes: Record<string, unknown> = {}, parcel: Record<string, unknown> = {}) => ({
  order_key: { order_number_type: 2, transaction_id: transactionId },
  logistics_type: 1,
  delivery_mode: 1,
  shipping_list: [
    { tracking_no: 'YT7000000000009', express_company: 'YTO', item_desc: '马克杯*1', ...parcel },
  ],
  upload_time: '2025-03-01T10:15:30.000+08:00',
  payer,
  ...changes,
})
const payment = (key = transactionId) => module.control.payment(key)
// biome-ignore lint/suspicious/noTemplateCurlyInString: WeChat's literal placeholder, not a template
const placeholder = '${商品订单号}'

describe('wechat-shipping sandbox module: the worked examples', () => {
  it('§10.1 records an SF upload, stores its body as sent and ships the payment', async () => {
    expect(await upload(sfUpload)).toEqual(ok)
    expect(JSON.stringify(sandbox.control.orders('wechat-shipping').get(transactionId))).toBe(
      JSON.stringify(sfUpload),
    )
    expect(payment()?.order).toMatchObject({
      transaction_id: transactionId,
      merchant_id: '1900000109',
      openid: payer.openid,
      order_state: 2,
      shipping: { finish_shipping: true, finish_shipping_count: 1 },
    })
  })

  it('§10.2 ships in two split calls: the first leaves it unshipped, the second completes it', async () => {
    const key = '1900000109:SO20250301-0042'
    expect(await upload(splitFirst)).toEqual(ok)
    expect(payment(key)?.order).toMatchObject({
      order_state: 1,
      shipping: { delivery_mode: 2, finish_shipping: false, finish_shipping_count: 0 },
    })
    expect(await upload(splitSecond)).toEqual(ok)
    const shipped = payment(key)?.order
    expect(shipped?.order_state).toBe(2)
    expect(shipped?.shipping).toEqual({
      delivery_mode: 2,
      logistics_type: 1,
      finish_shipping: true,
      finish_shipping_count: 1,
      goods_desc: '',
      shipping_list: [
        {
          tracking_no: 'YT7000000000001',
          express_company: 'YTO',
          goods_desc: '书桌*1',
          upload_time: 1740795330,
        },
        {
          tracking_no: 'YT7000000000002',
          express_company: 'YTO',
          goods_desc: '椅子*1',
          upload_time: 1740877200,
        },
      ],
    })
    expect(shipped?.description).toBe('书桌*1;椅子*1')
    expect(sandbox.control.orders('wechat-shipping').get(key)).toEqual(splitSecond)
  })

  it('§10.3 get_order answers the registered payment from its state, by merchant trade number', async () => {
    module.control.registerPayment({
      transactionId: '4200009999202502281111111111',
      mchid: '1900000109',
      outTradeNo: 'SO20250228-0007',
      openid: payer.openid,
      paidAmount: 5980,
      tradeCreateTime: 1740710000,
      payTime: 1740710030,
    })
    expect(
      await upload({
        ...sfUpload,
        order_key: { order_number_type: 2, transaction_id: '4200009999202502281111111111' },
      }),
    ).toEqual(ok)
    const answer = await post(`${order}/get_order`, {
      merchant_id: '1900000109',
      merchant_trade_no: 'SO20250228-0007',
    })
    expect(answer).toEqual({
      errcode: 0,
      errmsg: 'ok',
      order: {
        transaction_id: '4200009999202502281111111111',
        merchant_id: '1900000109',
        sub_merchant_id: '',
        merchant_trade_no: 'SO20250228-0007',
        description: '白瓷马克杯*2；杯垫*1',
        paid_amount: 5980,
        openid: 'oExamplePayerOpenid000000001',
        trade_create_time: 1740710000,
        pay_time: 1740710030,
        in_complaint: false,
        order_state: 2,
        shipping: {
          delivery_mode: 1,
          logistics_type: 1,
          finish_shipping: true,
          finish_shipping_count: 1,
          goods_desc: '',
          shipping_list: [
            {
              tracking_no: 'SF1400012345678',
              express_company: 'SF',
              goods_desc: '白瓷马克杯*2；杯垫*1',
              upload_time: 1740795330,
              contact: { receiver_contact: '138****5678' },
            },
          ],
        },
      },
    })
    expect(
      await post(`${order}/get_order`, { transaction_id: '4200000000000000000000000000' }),
    ).toEqual(refusal(10060001, '支付单不存在, hint: [sandbox: no such payment]'))
    expect(await post(`${order}/get_order`, { merchant_id: '1900000109' })).toEqual(
      refusal(
        10060014,
        '请求参数非法, hint: [sandbox: give transaction_id, or merchant_id and merchant_trade_no]',
      ),
    )
  })

  it('§10.4 get_order_list pages with last_index, newest first, filtered by state and inclusive range', async () => {
    for (const [index, payTime] of [1740700000, 1740750000, 1740800000, 1740900000].entries())
      module.control.registerPayment({ openid: payer.openid, outTradeNo: `SO-${index}`, payTime })
    const filter = {
      pay_time_range: { begin_time: 1740700000, end_time: 1740800000 },
      order_state: 1,
    }
    const first = await post(`${order}/get_order_list`, { ...filter, page_size: 2 })
    expect(first).toMatchObject({ errcode: 0, errmsg: 'ok', has_more: true })
    expect((first.order_list as { pay_time: number }[]).map((each) => each.pay_time)).toEqual([
      1740800000, 1740750000,
    ])
    expect(first.last_index).toMatch(/^[0-9a-f]+$/)
    const second = await post(`${order}/get_order_list`, {
      ...filter,
      page_size: 2,
      last_index: first.last_index,
    })
    expect(second).toMatchObject({ errcode: 0, has_more: false })
    expect(
      (second.order_list as { merchant_trade_no: string }[]).map((each) => each.merchant_trade_no),
    ).toEqual(['SO-0'])
    // Shipped payments leave state 1; an empty filter lists every payment.
    await upload({
      ...unified(),
      order_key: { order_number_type: 1, mchid: '1900000109', out_trade_no: 'SO-3' },
    })
    expect((await post(`${order}/get_order_list`, { order_state: 1 })).order_list).toHaveLength(3)
    expect((await post(`${order}/get_order_list`, { order_state: 2 })).order_list).toHaveLength(1)
    expect((await post(`${order}/get_order_list`, {})).order_list).toHaveLength(4)
    expect(
      await post(`${order}/get_order_list`, { pay_time_range: { begin_time: 0, end_time: 0 } }),
    ).toEqual({ ...ok, order_list: [], last_index: '', has_more: false })
    expect(await post(`${order}/get_order_list`, { last_index: '092dd3cecbc6926301' })).toEqual(
      refusal(
        10060011,
        'last_index不合法, hint: [sandbox: last_index: give the last_index of the previous page]',
      ),
    )
  })

  it('§10.5 reminds the buyer once: a second notify_confirm_receive answers 10060030', async () => {
    module.control.registerPayment({
      transactionId: '4200009999202502281111111111',
      openid: payer.openid,
      payTime: 1740710030,
    })
    const shipped = unified({
      order_key: { order_number_type: 2, transaction_id: '4200009999202502281111111111' },
      upload_time: '2025-02-28T12:00:00+08:00',
    })
    expect(await upload(shipped)).toEqual(ok)
    const reminder = { transaction_id: '4200009999202502281111111111', received_time: 1740880000 }
    expect(await post(`${order}/notify_confirm_receive`, reminder)).toEqual(ok)
    expect(module.control.payment('4200009999202502281111111111')?.receivedTime).toBe(1740880000)
    expect(await post(`${order}/notify_confirm_receive`, reminder)).toEqual(
      refusal(
        10060030,
        '支付单已使用提醒收货机会, hint: [sandbox: the receipt reminder was sent once]',
      ),
    )
  })
})

const parcels = (count: number) =>
  Array.from({ length: count }, (_, index) => ({
    tracking_no: `YT${String(index).padStart(13, '0')}`,
    express_company: 'YTO',
    item_desc: `书*${index + 1}`,
  }))

describe('wechat-shipping sandbox module: upload_shipping_info checks', () => {
  it.each([
    [
      'order_key missing',
      { order_key: undefined },
      {},
      10060014,
      '请求参数非法, hint: [sandbox: body.order_key: required object]',
    ],
    [
      'order_number_type 3',
      { order_key: { order_number_type: 3, transaction_id: transactionId } },
      {},
      268485194,
      '订单单号类型非法, hint: [sandbox: body.order_key.order_number_type: must be 1 (mchid + out_trade_no) or 2 (transaction_id)]',
    ],
    [
      'type 2 without transaction_id',
      { order_key: { order_number_type: 2, mchid: '1900000109' } },
      {},
      268485195,
      '微信支付单号形式下 transaction_id 字段不能为空, hint: [sandbox: body.order_key.transaction_id: required when order_number_type is 2]',
    ],
    [
      'type 1 without mchid',
      { order_key: { order_number_type: 1, out_trade_no: 'SO-1' } },
      {},
      268485196,
      '商户侧单号形式下 mchid 字段不能为空, hint: [sandbox: body.order_key.mchid: required when order_number_type is 1]',
    ],
    [
      'type 1 without out_trade_no',
      { order_key: { order_number_type: 1, mchid: '1900000109', out_trade_no: '' } },
      {},
      268485197,
      '商户侧单号形式下 out_trade_no 字段不能为空, hint: [sandbox: body.order_key.out_trade_no: required when order_number_type is 1]',
    ],
    [
      'out_trade_no with a colon',
      { order_key: { order_number_type: 1, mchid: '1900000109', out_trade_no: 'SO:1' } },
      {},
      10060014,
      '请求参数非法, hint: [sandbox: body.order_key.out_trade_no: only digits, letters, _ - *]',
    ],
    [
      'transaction_id as a number',
      { order_key: { order_number_type: 2, transaction_id: 4200009999 } },
      {},
      47001,
      'data format error, hint: [sandbox: body.order_key.transaction_id: must be a string]',
    ],
    [
      'delivery_mode 3',
      { delivery_mode: 3 },
      {},
      268485224,
      '发货模式非法, hint: [sandbox: body.delivery_mode: must be 1 (unified) or 2 (split)]',
    ],
    [
      'delivery_mode as its label',
      { delivery_mode: 'UNIFIED_DELIVERY' },
      {},
      47001,
      'data format error, hint: [sandbox: body.delivery_mode: must be an integer (a JSON number)]',
    ],
    [
      'logistics_type 5',
      { logistics_type: 5 },
      {},
      10060005,
      '物流类型有误, hint: [sandbox: body.logistics_type: must be 1 express, 2 same-city, 3 virtual or 4 pick-up]',
    ],
    [
      'upload_time without offset',
      { upload_time: '2025-03-01T10:15:30' },
      {},
      268485216,
      '上传时间非法，请按照 RFC 3339 格式填写, hint: [sandbox: body.upload_time: must be an RFC 3339 date and time with its offset, e.g. 2022-12-15T13:29:35.120+08:00]',
    ],
    [
      'upload_time in Unix seconds',
      { upload_time: 1740795330 },
      {},
      268485216,
      '上传时间非法，请按照 RFC 3339 格式填写, hint: [sandbox: body.upload_time: must be an RFC 3339 date and time with its offset, e.g. 2022-12-15T13:29:35.120+08:00]',
    ],
    [
      'upload_time on 30 February',
      { upload_time: '2025-02-30T10:15:30+08:00' },
      {},
      268485216,
      '上传时间非法，请按照 RFC 3339 格式填写, hint: [sandbox: body.upload_time: must be an RFC 3339 date and time with its offset, e.g. 2022-12-15T13:29:35.120+08:00]',
    ],
    [
      'two parcels in unified mode',
      { shipping_list: parcels(2) },
      {},
      268485228,
      '统一发货模式下，物流信息列表长度必须为 1, hint: [sandbox: body.shipping_list: exactly 1 parcel in unified mode, got 2]',
    ],
    [
      'no parcel in unified mode',
      { shipping_list: [] },
      {},
      268485228,
      '统一发货模式下，物流信息列表长度必须为 1, hint: [sandbox: body.shipping_list: exactly 1 parcel in unified mode, got 0]',
    ],
    [
      '16 parcels in split mode',
      { delivery_mode: 2, is_all_delivered: true, shipping_list: parcels(16) },
      {},
      10060024,
      '物流信息列表太长, hint: [sandbox: body.shipping_list: at most 15 parcels, got 16]',
    ],
    [
      'express without tracking_no',
      {},
      { tracking_no: '' },
      268485226,
      '物流单号不能为空, hint: [sandbox: body.shipping_list[0].tracking_no: required for express (logistics_type 1)]',
    ],
    [
      'express without express_company',
      {},
      { express_company: undefined },
      268485227,
      '物流公司编码不能为空, hint: [sandbox: body.shipping_list[0].express_company: required for express (logistics_type 1)]',
    ],
    [
      'express_company of 129 bytes',
      {},
      { express_company: 'Y'.repeat(129) },
      10060025,
      '物流公司编码太长, hint: [sandbox: body.shipping_list[0].express_company: at most 128 bytes]',
    ],
    [
      'tracking_no of 129 bytes',
      {},
      { tracking_no: '单'.repeat(43) },
      10060026,
      '物流单号太长, hint: [sandbox: body.shipping_list[0].tracking_no: at most 128 bytes]',
    ],
    [
      'empty item_desc',
      {},
      { item_desc: '' },
      10060008,
      '商品描述 item_desc 字段不能为空, hint: [sandbox: body.shipping_list[0].item_desc: required, not empty]',
    ],
    [
      'item_desc of 121 characters',
      {},
      { item_desc: '杯'.repeat(121) },
      10060009,
      '商品描述 item_desc 字段太长, hint: [sandbox: body.shipping_list[0].item_desc: at most 120 characters]',
    ],
    [
      'SF without contact',
      {},
      { express_company: 'SF' },
      10060014,
      '请求参数非法, hint: [sandbox: body.shipping_list[0].contact: SF Express (SF) needs consignor_contact or receiver_contact]',
    ],
    [
      'SF with an unmasked phone',
      {},
      { express_company: 'SF', contact: { consignor_contact: '13812345678' } },
      10060014,
      '请求参数非法, hint: [sandbox: body.shipping_list[0].contact.consignor_contact: must be masked with its last 4 digits shown, e.g. 189****1234]',
    ],
    [
      'a phone whose last digits are masked',
      {},
      { contact: { receiver_contact: '1381234****' } },
      10060014,
      '请求参数非法, hint: [sandbox: body.shipping_list[0].contact.receiver_contact: must be masked with its last 4 digits shown, e.g. 189****1234]',
    ],
    [
      'split for same-city delivery',
      { logistics_type: 2, delivery_mode: 2, is_all_delivered: true },
      {},
      10060006,
      '非快递发货时不允许分拆发货, hint: [sandbox: body.delivery_mode: split (2) only with logistics_type 1 (express)]',
    ],
    [
      'split without is_all_delivered',
      { delivery_mode: 2 },
      {},
      10060007,
      '分拆发货模式下必须填写 is_all_delivered 字段, hint: [sandbox: body.is_all_delivered: a boolean is required in split mode]',
    ],
    [
      'split with is_all_delivered null',
      { delivery_mode: 2, is_all_delivered: null },
      {},
      10060007,
      '分拆发货模式下必须填写 is_all_delivered 字段, hint: [sandbox: body.is_all_delivered: a boolean is required in split mode]',
    ],
    [
      'payer missing',
      { payer: undefined },
      {},
      10060014,
      '请求参数非法, hint: [sandbox: body.payer: required]',
    ],
  ])('%s → %i', async (_, changes, parcel, errcode, errmsg) => {
    expect(await upload(unified(changes, parcel))).toEqual({ errcode, errmsg })
    expect(sandbox.control.orders('wechat-shipping').size).toBe(0)
  })

  it('refuses an empty body (44002), a form body (47001), GET (43002) and a bad token (41001, 40001)', async () => {
    const token = await stableToken()
    const raw = async (init: RequestInit, query = `?access_token=${token}`) =>
      (await fetch(`${sandbox.url}${order}/upload_shipping_info${query}`, init)).json()
    expect(await raw({ method: 'POST', body: '' })).toEqual(
      refusal(44002, 'empty post data, hint: [sandbox: the body is empty]'),
    )
    expect(await raw({ method: 'POST', body: new URLSearchParams({ order_key: '1' }) })).toEqual(
      refusal(47001, 'data format error, hint: [sandbox: the body must be a JSON object]'),
    )
    expect(await raw({ method: 'GET' })).toEqual(
      refusal(
        43002,
        `require POST method, hint: [sandbox: ${order}/upload_shipping_info takes POST]`,
      ),
    )
    expect(await upload(sfUpload, { token: null })).toEqual(refusal(41001, 'access_token missing'))
    expect(await upload(sfUpload, { token: 'not-a-token' })).toEqual(
      refusal(40001, 'invalid credential, access_token is invalid or not latest'),
    )
  })

  it('takes 15 parcels in split mode by default, 10 with maxParcels: 10', async () => {
    const split = { delivery_mode: 2, is_all_delivered: true }
    expect(await upload(unified({ ...split, shipping_list: parcels(15) }))).toEqual(ok)
    await withModule({ maxParcels: 10 }, async (url) => {
      expect(await upload(unified({ ...split, shipping_list: parcels(11) }), { url })).toEqual(
        refusal(
          10060024,
          '物流信息列表太长, hint: [sandbox: body.shipping_list: at most 10 parcels, got 11]',
        ),
      )
      expect(await upload(unified({ ...split, shipping_list: parcels(10) }), { url })).toEqual(ok)
    })
  })

  it.each([
    '189****1234',
    '021-****1234',
    '****1234',
    '0**2-***1234',
    '0**2-******23-10',
    '****123-8008',
    '+86-177****1234',
  ])('takes the masked phone %s for SF', async (phone) => {
    expect(
      await upload(unified({}, { express_company: 'SF', contact: { consignor_contact: phone } })),
    ).toEqual(ok)
  })

  it('takes a 120-character item_desc, upload_time with Z, six fraction digits or none', async () => {
    const times = [
      '2024-05-07T16:48:34Z',
      '2024-05-07T16:48:44.911524+08:00',
      '2024-05-08T09:29:21+08:00',
    ]
    for (const [index, time] of times.entries()) {
      const key = { order_number_type: 1, mchid: '1900000109', out_trade_no: `SO-${index}` }
      expect(
        await upload(
          unified({ order_key: key, upload_time: time }, { item_desc: '杯'.repeat(120) }),
        ),
      ).toEqual(ok)
    }
  })

  it('takes a pick-up upload with null waybill fields, and ignores is_all_delivered in unified mode', async () => {
    const pickUp = unified(
      { logistics_type: 4, is_all_delivered: null },
      { tracking_no: null, express_company: undefined },
    )
    expect(await upload(pickUp)).toEqual(ok)
    expect(payment()?.order.shipping).toMatchObject({
      logistics_type: 4,
      shipping_list: [{ goods_desc: '马克杯*1', upload_time: 1740795330 }],
    })
    await withModule({ unifiedIsAllDelivered: 'reject' }, async (url) => {
      expect(await upload(unified({ is_all_delivered: true }), { url })).toEqual(
        refusal(
          10060014,
          '请求参数非法, hint: [sandbox: body.is_all_delivered: only in split mode]',
        ),
      )
    })
  })

  it('refuses another payer (10060031), and an unregistered payment when uploads do not create them (10060001)', async () => {
    module.control.registerPayment({ transactionId, openid: 'o-someone-else' })
    expect(await upload(unified())).toEqual(
      refusal(
        10060031,
        `该笔支付单不属于 openid 所指定的用户, hint: [sandbox: payment ${transactionId} is not ${payer.openid}'s]`,
      ),
    )
    await withModule({ createPaymentsOnUpload: false }, async (url) => {
      expect(await upload(unified(), { url })).toEqual(
        refusal(
          10060001,
          `支付单不存在, hint: [sandbox: no payment ${transactionId} was registered]`,
        ),
      )
    })
  })

  it('refuses an express_company of another carrier list with knownCarriersOnly', async () => {
    await withModule({ knownCarriersOnly: true }, async (url) => {
      expect(await upload(unified({}, { express_company: 'YUNDA' }), { url })).toEqual(
        refusal(
          10060014,
          '请求参数非法, hint: [sandbox: body.shipping_list[0].express_company: not a delivery_id of get_delivery_list]',
        ),
      )
      expect(await upload(unified({}, { express_company: 'YD' }), { url })).toEqual(ok)
    })
  })

  it('ends a refusal with a trace id unless ridSuffix is false', async () => {
    await withModule({ ridSuffix: true, createPaymentsOnUpload: false }, async (url) => {
      const answer = await upload(unified(), { url })
      expect(answer.errcode).toBe(10060001)
      expect(answer.errmsg).toMatch(
        /^支付单不存在, hint: \[sandbox: no payment \d+ was registered\] rid: [0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}$/,
      )
    })
  })
})

describe('wechat-shipping sandbox module: upload_combined_shipping_info', () => {
  const sub = (outTradeNo: string, trackingNo = `YT-${outTradeNo}`) => ({
    order_key: { order_number_type: 1, mchid: '1900000109', out_trade_no: outTradeNo },
    logistics_type: 1,
    delivery_mode: 1,
    shipping_list: [{ tracking_no: trackingNo, express_company: 'YTO', item_desc: '书*1' }],
  })
  const combined = (subOrders: unknown) => ({
    order_key: { order_number_type: 1, mchid: '1900000109', out_trade_no: 'COMBINED-1' },
    sub_orders: subOrders,
    upload_time: '2025-03-01T10:15:30.000+08:00',
    payer,
  })
  const combinedPath = `${order}/upload_combined_shipping_info`

  it('ships every sub-payment and stores the body under the combined key', async () => {
    const body = combined([sub('SUB-1'), sub('SUB-2')])
    expect(await post(combinedPath, body)).toEqual(ok)
    expect(payment('1900000109:SUB-1')?.order.order_state).toBe(2)
    expect(payment('1900000109:SUB-2')?.order.order_state).toBe(2)
    expect(sandbox.control.orders('wechat-shipping').get('1900000109:COMBINED-1')).toEqual(body)
  })

  it('refuses a sub-order key of another type (268485253), one twice (10060013), none (10060014)', async () => {
    const byTransaction = {
      ...sub('SUB-1'),
      order_key: { order_number_type: 2, transaction_id: transactionId },
    }
    expect(await post(combinedPath, combined([sub('SUB-1'), byTransaction]))).toEqual(
      refusal(
        268485253,
        "主单的订单单号类型与子单的单号类型不一致, hint: [sandbox: body.sub_orders[1].order_key.order_number_type: must be the combined payment's]",
      ),
    )
    expect(await post(combinedPath, combined([sub('SUB-1'), sub('SUB-1')]))).toEqual(
      refusal(
        10060013,
        '子单单号重复, hint: [sandbox: body.sub_orders[1].order_key: 1900000109:SUB-1 is listed twice]',
      ),
    )
    expect(await post(combinedPath, combined([]))).toEqual(
      refusal(10060014, '请求参数非法, hint: [sandbox: body.sub_orders: at least one sub-order]'),
    )
    expect(
      await post(
        combinedPath,
        combined([{ ...sub('SUB-1'), delivery_mode: 2, logistics_type: 3 }]),
      ),
    ).toEqual(
      refusal(
        10060006,
        '非快递发货时不允许分拆发货, hint: [sandbox: body.sub_orders[0].delivery_mode: split (2) only with logistics_type 1 (express)]',
      ),
    )
  })

  it('ships all sub-payments or none', async () => {
    module.control.registerPayment({ openid: payer.openid, outTradeNo: 'SUB-2' })
    module.control.refund('1900000109:SUB-2')
    expect(await post(combinedPath, combined([sub('SUB-1'), sub('SUB-2')]))).toEqual(
      refusal(
        10060004,
        '支付单处于不可发货的状态, hint: [sandbox: the payment is in order_state 5]',
      ),
    )
    expect(payment('1900000109:SUB-1')?.order).toMatchObject({ order_state: 1, shipping: {} })
    expect(sandbox.control.orders('wechat-shipping').size).toBe(0)
  })
})

describe('wechat-shipping sandbox module: the state of a payment', () => {
  it('answers 10060023 to an upload that changes nothing, and to one that is not later', async () => {
    expect(await upload(unified())).toEqual(ok)
    expect(await upload(unified({ upload_time: '2025-03-02T10:00:00+08:00' }))).toEqual(
      refusal(10060023, '发货信息未更新, hint: [sandbox: the upload changes nothing on record]'),
    )
    expect(await upload(unified({}, { tracking_no: 'YT7000000000010' }))).toEqual(
      refusal(
        10060023,
        "发货信息未更新, hint: [sandbox: upload_time must be later than the last upload's (2025-03-01T10:15:30.000+08:00)]",
      ),
    )
    // 10:15:30 at +08:00 is 02:15:30Z: the same instant is not later.
    expect(
      await upload(
        unified({ upload_time: '2025-03-01T02:15:30Z' }, { tracking_no: 'YT7000000000010' }),
      ),
    ).toMatchObject({ errcode: 10060023 })
    await withModule({ staleUploadTimeErrcode: 10060014 }, async (url) => {
      expect(await upload(unified(), { url })).toEqual(ok)
      expect((await upload(unified({}, { tracking_no: 'YT7000000000010' }), { url })).errcode).toBe(
        10060014,
      )
    })
  })

  it('allows one re-shipment (finish_shipping_count 2), then answers 10060003', async () => {
    expect(await upload(unified())).toEqual(ok)
    const reshipped = unified(
      { upload_time: '2025-03-01T11:00:00+08:00' },
      { tracking_no: 'YT7000000000010' },
    )
    expect(await upload(reshipped)).toEqual(ok)
    expect(payment()).toMatchObject({
      reshipmentUsed: true,
      lastUploadTime: '2025-03-01T11:00:00+08:00',
      order: {
        shipping: { finish_shipping_count: 2, shipping_list: [{ tracking_no: 'YT7000000000010' }] },
      },
    })
    expect(sandbox.control.orders('wechat-shipping').get(transactionId)).toEqual(reshipped)
    expect(
      await upload(
        unified({ upload_time: '2025-03-01T12:00:00+08:00' }, { tracking_no: 'YT7000000000011' }),
      ),
    ).toEqual(
      refusal(
        10060003,
        '支付单已使用重新发货机会, hint: [sandbox: the one re-shipment of this payment was used]',
      ),
    )
  })

  it('counts a change of delivery_mode during a split shipping as the re-shipment', async () => {
    const split = { delivery_mode: 2, is_all_delivered: false, shipping_list: parcels(1) }
    expect(await upload(unified(split))).toEqual(ok)
    expect(await upload(unified({ upload_time: '2025-03-01T11:00:00+08:00' }))).toEqual(ok)
    expect(payment()).toMatchObject({ reshipmentUsed: true, order: { order_state: 2 } })
    expect(
      (await upload(unified({ logistics_type: 2, upload_time: '2025-03-01T12:00:00+08:00' })))
        .errcode,
    ).toBe(10060003)
  })

  it('answers 10060002 to a partial split upload once shipping is complete', async () => {
    expect(await upload(splitFirst)).toEqual(ok)
    expect(await upload(splitSecond)).toEqual(ok)
    const late = {
      ...splitFirst,
      shipping_list: parcels(1),
      upload_time: '2025-03-03T09:00:00+08:00',
    }
    expect(await upload(late)).toEqual(
      refusal(
        10060002,
        '支付单已完成发货，无法继续发货, hint: [sandbox: the shipping is complete: only a complete upload may re-ship it]',
      ),
    )
  })

  it('adds, replaces or keeps parcels of a continuing split upload as splitUploads says', async () => {
    // merge (default): resending the first parcel with the second one does not repeat it.
    expect(await upload(splitFirst)).toEqual(ok)
    expect(await upload({ ...splitSecond, shipping_list: [deskParcel, chairParcel] })).toEqual(ok)
    expect(payment('1900000109:SO20250301-0042')?.order.shipping).toMatchObject({
      shipping_list: [{ upload_time: 1740795330 }, { upload_time: 1740877200 }],
    })
    await withModule({ splitUploads: 'replace', partialSplitState: 2 }, async (url, shipping) => {
      expect(await upload(splitFirst, { url })).toEqual(ok)
      expect(shipping.control.payment('1900000109:SO20250301-0042')?.order.order_state).toBe(2)
      expect(await upload(splitSecond, { url })).toEqual(ok)
      expect(shipping.control.payment('1900000109:SO20250301-0042')?.order.shipping).toMatchObject({
        shipping_list: [{ tracking_no: 'YT7000000000002' }],
      })
    })
  })

  it('refuses to complete a payment whose parcels carry only blank descriptions (10060020)', async () => {
    const blank = { ...deskParcel, item_desc: '  ' }
    expect(await upload({ ...splitFirst, shipping_list: [blank] })).toEqual(ok)
    expect(
      await upload({ ...splitSecond, shipping_list: [{ ...chairParcel, item_desc: ' ' }] }),
    ).toEqual(
      refusal(
        10060020,
        '该笔支付单在没有任何商品描述的情况下不允许完成发货, hint: [sandbox: no parcel of the payment has a description]',
      ),
    )
  })

  it('moves confirmed → awaiting settlement → settled by control, refuses uploads after (10060004), refunds', async () => {
    expect(() => module.control.confirmReceipt(transactionId)).toThrow(
      `[sandbox] wechat-shipping: no payment ${transactionId}`,
    )
    expect(await upload(unified())).toEqual(ok)
    expect(module.control.confirmReceipt(transactionId).order.order_state).toBe(3)
    expect(
      await upload(
        unified({ upload_time: '2025-03-01T11:00:00+08:00' }, { tracking_no: 'YT7000000000010' }),
      ),
    ).toEqual(
      refusal(
        10060004,
        '支付单处于不可发货的状态, hint: [sandbox: the payment is in order_state 3]',
      ),
    )
    expect(module.control.awaitSettlement(transactionId).order.order_state).toBe(6)
    module.control.setInComplaint(transactionId, true)
    expect(() => module.control.settle(transactionId)).toThrow('is in a dispute')
    module.control.setInComplaint(transactionId, false)
    expect(module.control.settle(transactionId).order.order_state).toBe(4)
    expect(
      (
        (await post(`${order}/get_order`, { transaction_id: transactionId })).order as {
          order_state: number
        }
      ).order_state,
    ).toBe(4)
    expect(module.control.refund(transactionId).order.order_state).toBe(5)
    expect(() => module.control.refund(transactionId)).toThrow(
      'refund needs order_state 1 or 2 or 3 or 4 or 6',
    )
    expect(() => module.control.registerPayment({ transactionId, openid: payer.openid })).toThrow(
      'exists already',
    )
  })

  it('keeps a payment unknown (10060001) for paymentVisibleAfterMs after it is paid', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(Date.parse('2025-03-01T02:15:00Z'))
    await withModule({ paymentVisibleAfterMs: 60_000 }, async (url, shipping) => {
      expect(await upload(unified(), { url })).toEqual(
        refusal(
          10060001,
          `支付单不存在, hint: [sandbox: payment ${transactionId} is indexed 60000 ms from now]`,
        ),
      )
      expect(shipping.control.payment(transactionId)?.order).toMatchObject({
        order_state: 1,
        pay_time: 1740795300,
      })
      expect(
        (await post(`${order}/get_order`, { transaction_id: transactionId }, { url })).errcode,
      ).toBe(10060001)
      expect((await post(`${order}/get_order_list`, {}, { url })).order_list).toEqual([])
      vi.setSystemTime(Date.parse('2025-03-01T02:16:00Z'))
      expect(await upload(unified(), { url })).toEqual(ok)
    })
  })

  it('moves the stored body to the key of the last upload: one entry per payment', async () => {
    module.control.registerPayment({
      transactionId,
      mchid: '1900000109',
      outTradeNo: 'SO-9',
      openid: payer.openid,
    })
    expect(await upload(unified())).toEqual(ok)
    const byTradeNo = unified(
      {
        order_key: { order_number_type: 1, mchid: '1900000109', out_trade_no: 'SO-9' },
        upload_time: '2025-03-01T11:00:00+08:00',
      },
      { tracking_no: 'YT7000000000010' },
    )
    expect(await upload(byTradeNo)).toEqual(ok)
    expect([...sandbox.control.orders('wechat-shipping').entries()]).toEqual([
      ['1900000109:SO-9', byTradeNo],
    ])
  })
})

describe('wechat-shipping sandbox module: notify_confirm_receive', () => {
  const notify = (body: Record<string, unknown>) => post(`${order}/notify_confirm_receive`, body)
  // Shipped at 2025-03-01T10:15:30+08:00 = 1740795330.
  it.each([
    [
      'received_time missing',
      {},
      10060014,
      '请求参数非法, hint: [sandbox: body.received_time: required (Unix seconds)]',
    ],
    [
      'received_time at the shipping time',
      { received_time: 1740795330 },
      10060029,
      '签收时间非法, hint: [sandbox: received_time must be after the shipping (1740795330)]',
    ],
    [
      'received_time in milliseconds',
      { received_time: 1740880000000 },
      10060029,
      '签收时间非法, hint: [sandbox: received_time is in the future: Unix seconds, not milliseconds]',
    ],
  ])('%s → %i', async (_, changes, errcode, errmsg) => {
    expect(await upload(unified())).toEqual(ok)
    expect(await notify({ transaction_id: transactionId, ...changes })).toEqual({ errcode, errmsg })
  })

  it('needs a shipped payment (10060028) sent by express (10060032)', async () => {
    module.control.registerPayment({ transactionId, openid: payer.openid })
    expect(await notify({ transaction_id: transactionId, received_time: 1740880000 })).toEqual(
      refusal(10060028, '支付单不是已发货状态, hint: [sandbox: the payment is in order_state 1]'),
    )
    expect(
      await upload(
        unified({ logistics_type: 2 }, { tracking_no: undefined, express_company: undefined }),
      ),
    ).toEqual(ok)
    expect(await notify({ transaction_id: transactionId, received_time: 1740880000 })).toEqual(
      refusal(
        10060032,
        '只有物流快递发货时允许提醒用户确认收货, hint: [sandbox: only for logistics_type 1]',
      ),
    )
  })
})

describe('wechat-shipping sandbox module: the other calls', () => {
  it('opspecialorder reports an unshipped payment as pre-sale (15–330 days) or test', async () => {
    const paid = module.control.registerPayment({
      openid: payer.openid,
      outTradeNo: 'SO-PRE',
      payTime: 1740710030,
    })
    const special = (body: Record<string, unknown>) => post(`${order}/opspecialorder`, body)
    const day = 86_400
    expect(await special({ order_id: 'SO-PRE', type: 3 })).toEqual(
      refusal(268546000, 'type非法, hint: [sandbox: body.type: 1 pre-sale or 2 test]'),
    )
    expect(await special({ order_id: 'SO-PRE', type: 1 })).toEqual(
      refusal(
        268546001,
        'delay_to非法, hint: [sandbox: body.delay_to: Unix seconds, required for a pre-sale order]',
      ),
    )
    expect(await special({ order_id: 'SO-PRE', type: 1, delay_to: 1740710030 + 14 * day })).toEqual(
      refusal(
        268546001,
        'delay_to非法, hint: [sandbox: body.delay_to: 15 to 330 days after the payment]',
      ),
    )
    expect(await special({ order_id: 'SO-NONE', type: 2 })).toEqual(
      refusal(268546002, '账户不存在这个待发货单号, hint: [sandbox: no unshipped payment SO-NONE]'),
    )
    expect(await special({ order_id: 'SO-PRE', type: 1, delay_to: 1740710030 + 15 * day })).toEqual(
      ok,
    )
    expect(module.control.payment(paid.order.transaction_id)?.specialOrder).toEqual({
      type: 1,
      delay_to: 1740710030 + 15 * day,
    })
    expect(await special({ order_id: paid.order.transaction_id, type: 2 })).toEqual(ok)
    await upload(
      unified({ order_key: { order_number_type: 1, mchid: '1900000109', out_trade_no: 'SO-PRE' } }),
    )
    expect((await special({ order_id: 'SO-PRE', type: 2 })).errcode).toBe(268546002)
  })

  it('set_msg_jump_path keeps the path, refusing a query that reuses what WeChat appends', async () => {
    const jump = (path: unknown) => post(`${order}/set_msg_jump_path`, { path })
    expect(await jump('pages/order/detail?from=shipping')).toEqual(ok)
    expect(module.control.jumpPath()).toBe('pages/order/detail?from=shipping')
    expect(await jump('pages/order/detail?transaction_id=1')).toEqual(
      refusal(
        10060014,
        '请求参数非法, hint: [sandbox: body.path: WeChat appends transaction_id itself; use another query name]',
      ),
    )
    expect(await jump(7)).toEqual(
      refusal(47001, 'data format error, hint: [sandbox: body.path: must be a string]'),
    )
  })

  it('is_trade_managed and is_trade_management_confirmation_completed answer for this app only', async () => {
    expect(await post(`${order}/is_trade_managed`, { appid: appId })).toEqual({
      ...ok,
      is_trade_managed: true,
    })
    module.control.setTradeManaged(false)
    expect(await post(`${order}/is_trade_managed`, { appid: appId })).toEqual({
      ...ok,
      is_trade_managed: false,
    })
    expect(await post(`${order}/is_trade_managed`, {})).toEqual(
      refusal(40097, 'invalid args, hint: [sandbox: body.appid: required]'),
    )
    expect(
      await post(`${order}/is_trade_management_confirmation_completed`, {
        appid: 'wx0000000000000000',
      }),
    ).toEqual(refusal(40013, 'invalid appid, hint: [sandbox: body.appid: not this mini program]'))
    module.control.setConfirmationCompleted(false)
    expect(
      await post(`${order}/is_trade_management_confirmation_completed`, { appid: appId }),
    ).toEqual({ ...ok, completed: false })
    sandbox.control.reset()
    expect(await post(`${order}/is_trade_managed`, { appid: appId })).toEqual({
      ...ok,
      is_trade_managed: true,
    })
  })

  it('get_delivery_list answers the carriers with or without a body; the order-center path needs its placeholder', async () => {
    const token = await stableToken()
    const response = await fetch(
      `${sandbox.url}/cgi-bin/express/delivery/open_msg/get_delivery_list?access_token=${token}`,
      { method: 'POST' },
    )
    const carriers = (await response.json()) as {
      errcode: number
      delivery_list: { delivery_id: string }[]
      count: number
    }
    expect(carriers.errcode).toBe(0)
    expect(carriers.delivery_list.map((carrier) => carrier.delivery_id)).toEqual([
      'SF',
      'STO',
      'YTO',
      'ZTO',
      'YD',
      'JTSD',
      'JDKY',
      'ANE',
      'DHL',
      'BDT',
      '(AU)',
    ])
    expect(carriers.count).toBe(11)
    expect(await post('/cgi-bin/express/delivery/open_msg/get_delivery_list', {})).toEqual(carriers)
    expect(await post(`${order}/update_order_detail_path`, { path: 'pages/order/detail' })).toEqual(
      refusal(10060035, `无效的路径, hint: [sandbox: body.path: must contain ${placeholder}]`),
    )
    expect(await post(`${order}/get_order_detail_path`, {})).toEqual({ ...ok, path: '' })
    expect(
      await post(`${order}/update_order_detail_path`, {
        path: `pages/order/detail?id=${placeholder}`,
      }),
    ).toEqual(ok)
    expect(await post(`${order}/get_order_detail_path`, {})).toEqual({
      ...ok,
      path: `pages/order/detail?id=${placeholder}`,
    })
  })

  it('names its codes, its token codes and its retryable codes for clients', () => {
    expect(wechatShippingSandboxErrcodes.reshipmentUsed).toBe(10060003)
    expect(wechatShippingSandboxTokenErrcodes).toEqual([40001, 40014, 42001])
    expect(wechatShippingSandboxRetryableErrcodes).toEqual([-1, 10060012, 10060019, 44990])
  })
})

describe('wechat-shipping sandbox module: one WeChat token authority', () => {
  it('accepts the wechat module token and the wechat module accepts its token, in the default sandbox', async () => {
    const defaults = await startSandbox({ modules: createDefaultSandboxModules() })
    try {
      const wechat = defaults.credentials.wechat
      expect(defaults.credentials['wechat-shipping']).toEqual(wechat)
      const classic = (await (
        await fetch(
          `${defaults.url}/cgi-bin/token?grant_type=client_credential&appid=${wechat.appId}&secret=${wechat.appSecret}`,
        )
      ).json()) as { access_token: string }
      expect(await upload(sfUpload, { url: defaults.url, token: classic.access_token })).toEqual(ok)
      const getOrder = await post(
        `${order}/get_order`,
        { transaction_id: transactionId },
        { url: defaults.url, token: classic.access_token },
      )
      expect(getOrder.errcode).toBe(0)
      // A token request is both modules': counted, logged (once in the whole log) and faulted for each.
      expect(defaults.control.counters('wechat').tokenRequests).toBe(1)
      expect(defaults.control.counters('wechat-shipping')).toEqual({
        requests: { [`${order}/upload_shipping_info`]: 1, [`${order}/get_order`]: 1 },
        tokenRequests: 1,
      })
      expect(defaults.control.log('wechat-shipping').map((entry) => entry.endpoint)[0]).toBe(
        '/cgi-bin/token',
      )
      expect(defaults.control.log().filter((entry) => entry.kind === 'token')).toHaveLength(1)
      defaults.control.injectFault({
        platform: 'wechat-shipping',
        endpoint: '/cgi-bin/stable_token',
        action: { type: 'body', body: { errcode: -1, errmsg: 'system error' } },
      })
      const busy = await fetch(`${defaults.url}/cgi-bin/stable_token`, {
        method: 'POST',
        body: '{}',
      })
      expect(await busy.json()).toEqual({ errcode: -1, errmsg: 'system error' })
      // One invalidation for both.
      defaults.control.invalidateTokens('wechat')
      expect(
        (await upload(sfUpload, { url: defaults.url, token: classic.access_token })).errcode,
      ).toBe(40001)
    } finally {
      await defaults.close()
    }
  })

  it('serves both token paths alone, and refuses two WeChat modules with separate authorities', async () => {
    const response = await fetch(
      `${sandbox.url}/cgi-bin/token?grant_type=client_credential&appid=${appId}&secret=${appSecret}`,
    )
    const { access_token: classic } = (await response.json()) as { access_token: string }
    expect(await upload(sfUpload, { token: classic })).toEqual(ok)
    expect(sandbox.control.counters('wechat-shipping').tokenRequests).toBe(1)
    await expect(
      startSandbox({ modules: [createWechatSandboxModule(), createWechatShippingSandboxModule()] }),
    ).rejects.toThrow('[sandbox] GET /cgi-bin/token is claimed by both wechat and wechat-shipping')
    const tokenAuthority = createWechatTokenAuthority()
    expect(() =>
      createWechatShippingSandboxModule({ tokenAuthority, tokenLifetimeSeconds: 60 }),
    ).toThrow(TypeError)
  })
})

describe('wechat-shipping sandbox module: faults', () => {
  it('answers injected bodies, statuses, delays and drops, then serves normally', async () => {
    const token = await stableToken()
    const path = `${order}/upload_shipping_info`
    const busy = sandbox.control.injectFault({
      platform: 'wechat-shipping',
      endpoint: path,
      action: { type: 'body', body: { errcode: 10060012, errmsg: '系统错误' } },
    })
    expect(await upload(sfUpload, { token })).toEqual({ errcode: 10060012, errmsg: '系统错误' })
    expect(busy.applied).toBe(1)
    expect(sandbox.control.orders('wechat-shipping').size).toBe(0)
    sandbox.control.injectFault({
      platform: 'wechat-shipping',
      endpoint: path,
      action: { type: 'status', status: 503 },
    })
    const unavailable = await fetch(`${sandbox.url}${path}?access_token=${token}`, {
      method: 'POST',
      body: JSON.stringify(sfUpload),
    })
    expect(unavailable.status).toBe(503)
    sandbox.control.injectFault({
      platform: 'wechat-shipping',
      endpoint: path,
      action: { type: 'drop' },
    })
    await expect(
      fetch(`${sandbox.url}${path}?access_token=${token}`, {
        method: 'POST',
        body: JSON.stringify(sfUpload),
      }),
    ).rejects.toThrow()
    sandbox.control.injectFault({
      platform: 'wechat-shipping',
      endpoint: path,
      action: { type: 'delay', ms: 50 },
    })
    const started = Date.now()
    expect(await upload(sfUpload, { token })).toEqual(ok)
    expect(Date.now() - started).toBeGreaterThanOrEqual(45)
    const api = sandbox.control.log('wechat-shipping').filter((entry) => entry.kind === 'api')
    expect(api.map((entry) => entry.fault)).toEqual(['body', 'status', 'drop', 'delay'])
  })
})
