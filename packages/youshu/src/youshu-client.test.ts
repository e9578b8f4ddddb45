import { createHash } from 'node:crypto'
import {
  ApiCallError,
  InvalidArgumentError,
  type OrderInput,
  parseOrder,
  syncOrders,
  ValidationError,
} from '@ordersync/core'
import {
  createYoushuSandboxModule,
  type Sandbox,
  startSandbox,
  youshuSandboxKnownRetcodes,
} from '@ordersync/sandbox'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { youshuDocumentRequest } from './test/youshu-document-request.ts'
import { createYoushu, type YoushuSettings } from './youshu-client.ts'
import { youshuDocumentOrder, youshuFaqOrder } from './youshu-document-order.ts'
import { classifyYoushuResponse } from './youshu-errors.ts'

const faq: OrderInput = { ...youshuFaqOrder, buyer: { platformUserId: 'o-faq-openid' } }

let sandbox: Sandbox
beforeAll(async () => {
  sandbox = await startSandbox({ modules: [createYoushuSandboxModule()] })
})
afterAll(async () => {
  await sandbox.close()
})
beforeEach(() => {
  sandbox.control.reset()
})

function client(overrides: Partial<YoushuSettings> = {}) {
  const credentials = sandbox.credentials.youshu ?? {}
  return createYoushu({
    environment: 'test',
    baseURL: sandbox.url,
    appId: credentials.appId ?? '',
    appSecret: credentials.appSecret ?? '',
    merchantId: credentials.merchantId ?? '',
    retry: { maxAttempts: 3, initialDelayMs: 1, maxDelayMs: 5 },
    ...overrides,
  })
}

/** A fetch that records what is sent and answers Youshu's success envelope. */
function recordingFetch() {
  const sent: { url: string; method: string; headers: Record<string, string>; body: string }[] = []
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const request = new Request(input as RequestInfo, init)
    sent.push({
      url: request.url,
      method: request.method,
      headers: Object.fromEntries(request.headers),
      body: await request.text(),
    })
    return new Response('{"retcode":0,"errmsg":"","data":{}}', {
      status: 200,
      headers: { 'content-type': 'application/json' },
    })
  }
  return { fetch, sent }
}

describe('createYoushu', () => {
  it('sends exactly these bytes: signed query, JSON body, headers (fixed clock and nonce)', async () => {
    const { fetch, sent } = recordingFetch()
    const youshu = createYoushu({
      environment: 'test',
      appId: 'abc',
      appSecret: '123',
      merchantId: '40',
      dataSourceId: '101',
      fetch,
      clock: () => 1_542_951_251_000,
      createNonce: () => '407313d23c3f7',
    })
    await syncOrders({ platform: youshu, orders: [faq] })
    expect(sent).toHaveLength(1)
    expect(sent[0]?.url).toMatchInlineSnapshot(
      `"https://test.zhls.qq.com/data-api/v1/order/add_order?app_id=abc&nonce=407313d23c3f7&sign=sha256&timestamp=1542951251&signature=25d5806d0aadc93129879874227c348c33f8e29d70cdcb3094c6909fadb3007b"`,
    )
    expect(sent[0]?.method).toBe('POST')
    expect(sent[0]?.headers).toMatchInlineSnapshot(`
      {
        "content-type": "application/json",
        "user-agent": "ordersync/youshu/0.0.0-test",
      }
    `)
    expect(sent[0]?.body).toMatchInlineSnapshot(
      `"{"dataSourceId":"101","orders":[{"external_order_id":"youshu-faq-1","create_time":"1716170400000","order_source":"wxapp","order_type":1,"goods_num_total":4,"goods_amount_total":100,"freight_amount":10,"order_amount":110,"payable_amount":100,"payment_amount":100,"order_status":"1150","status_change_time":"1716170490000","user_info":{"open_id":"o-faq-openid"},"goods_info":[{"external_sku_id":"goods-a","sku_name_chinese":"商品a","goods_amount":20,"payment_amount":36,"external_spu_id":"goods-a","spu_name_chinese":"商品a","goods_num":2},{"external_sku_id":"goods-b","sku_name_chinese":"商品b","goods_amount":30,"payment_amount":54,"external_spu_id":"goods-b","spu_name_chinese":"商品b","goods_num":2}],"promotion_info":[{"promotion_type":2,"promotion_name":"满100减10","promotion_amount":10}],"payment_info":[{"payment_type":"00009","trans_id":"4200000000000000001","trans_amount":100,"out_trade_number":"faq-trade-1"}]}]}"`,
    )
    // The same body parsed, for a reader: the bytes above are what is sent.
    expect(JSON.parse(sent[0]?.body ?? '')).toMatchInlineSnapshot(`
      {
        "dataSourceId": "101",
        "orders": [
          {
            "create_time": "1716170400000",
            "external_order_id": "youshu-faq-1",
            "freight_amount": 10,
            "goods_amount_total": 100,
            "goods_info": [
              {
                "external_sku_id": "goods-a",
                "external_spu_id": "goods-a",
                "goods_amount": 20,
                "goods_num": 2,
                "payment_amount": 36,
                "sku_name_chinese": "商品a",
                "spu_name_chinese": "商品a",
              },
              {
                "external_sku_id": "goods-b",
                "external_spu_id": "goods-b",
                "goods_amount": 30,
                "goods_num": 2,
                "payment_amount": 54,
                "sku_name_chinese": "商品b",
                "spu_name_chinese": "商品b",
              },
            ],
            "goods_num_total": 4,
            "order_amount": 110,
            "order_source": "wxapp",
            "order_status": "1150",
            "order_type": 1,
            "payable_amount": 100,
            "payment_amount": 100,
            "payment_info": [
              {
                "out_trade_number": "faq-trade-1",
                "payment_type": "00009",
                "trans_amount": 100,
                "trans_id": "4200000000000000001",
              },
            ],
            "promotion_info": [
              {
                "promotion_amount": 10,
                "promotion_name": "满100减10",
                "promotion_type": 2,
              },
            ],
            "status_change_time": "1716170490000",
            "user_info": {
              "open_id": "o-faq-openid",
            },
          },
        ],
      }
    `)
  })

  it('uses the production host only when told to', async () => {
    const { fetch, sent } = recordingFetch()
    const youshu = createYoushu({
      environment: 'production',
      appId: 'a',
      appSecret: 's',
      merchantId: 'm',
      dataSourceId: '1',
      fetch,
    })
    await syncOrders({ platform: youshu, orders: [faq] })
    expect(new URL(sent[0]?.url ?? '').origin).toBe('https://zhls.qq.com')
  })

  it('signs every attempt with a fresh nonce and timestamp', async () => {
    sandbox.control.injectFault({
      platform: 'youshu',
      endpoint: '/data-api/v1/order/add_order',
      action: { type: 'status', status: 502 },
      times: 1,
    })
    const report = await syncOrders({
      platform: client({ dataSourceId: await client().resolveDataSourceId() }),
      orders: [faq],
    })
    expect(report.succeeded).toBe(1)
    const nonces = sandbox.control
      .log('youshu')
      .filter((entry) => entry.endpoint === '/data-api/v1/order/add_order')
      .map((entry) => new URLSearchParams(entry.query).get('nonce'))
    expect(nonces).toHaveLength(2)
    expect(new Set(nonces).size).toBe(2)
  })

  it('creates the data source once, and finds the existing one on retcode 16', async () => {
    const first = client()
    const report = await syncOrders({
      platform: first,
      orders: [faq, { ...faq, id: 'second' }],
      concurrency: 1,
    })
    expect(report.succeeded).toBe(2)
    const id = await first.resolveDataSourceId()
    expect(id).toBe('101')
    const second = client()
    expect(await second.resolveDataSourceId()).toBe('101')
    expect(sandbox.control.log('youshu').map((entry) => entry.endpoint)).toEqual([
      '/data-api/v1/data_source/add',
      '/data-api/v1/order/add_order',
      '/data-api/v1/data_source/add',
      '/data-api/v1/data_source/get',
    ])
  })

  it('lets one sync give up while the data source is being looked up, without failing the others', async () => {
    sandbox.control.injectFault({
      platform: 'youshu',
      endpoint: '/data-api/v1/data_source/add',
      action: { type: 'delay', ms: 200 },
    })
    const youshu = client()
    const impatient = new AbortController()
    const first = syncOrders({ platform: youshu, orders: [faq], signal: impatient.signal })
    const second = syncOrders({ platform: youshu, orders: [{ ...faq, id: 'patient' }] })
    setTimeout(() => impatient.abort(), 50)
    const [aborted, completed] = await Promise.all([first, second])
    expect(aborted.succeeded).toBe(0)
    expect(completed.succeeded).toBe(1)
    expect(sandbox.control.counters('youshu').requests['/data-api/v1/data_source/add']).toBe(1)
  })

  it('stores what the sandbox validated, upserting by external_order_id', async () => {
    const youshu = client()
    await syncOrders({ platform: youshu, orders: [youshuDocumentOrder] })
    await syncOrders({
      platform: youshu,
      orders: [
        {
          ...youshuDocumentOrder,
          status: 'shipped',
          modifiedAt: 1_572_400_000_000,
          statusChangedAt: 1_572_400_000_000,
        },
      ],
    })
    const stored = sandbox.control.orders('youshu').get('34452222') as {
      order_status: string
      status_change_time: string
    }
    expect(sandbox.control.orders('youshu').size).toBe(1)
    expect(stored.order_status).toBe('1160')
    expect(stored.status_change_time).toBe('1572400000000')
  })

  it('accepts the document’s raw example through api.addOrder, with warnings for its broken sums', async () => {
    const { fetch, sent } = recordingFetch()
    const youshu = createYoushu({
      environment: 'test',
      appId: 'a',
      appSecret: 's',
      merchantId: 'm',
      fetch,
    })
    const { response, warnings } = await youshu.api.addOrder(youshuDocumentRequest)
    expect(response.retcode).toBe(0)
    expect(sent).toHaveLength(1)
    expect(warnings.map((warning) => `${warning.path.join('.')}: ${warning.message}`)).toEqual([
      'orders.0.goods_info: payment_amount of the goods add up to 195.00 but payment_amount − freight_amount = 550.00',
      'orders.0.payment_info.0.out_trade_number: is required when payment_type is 00009 (WeChat Pay), by the field table; the document’s own example omits it',
    ])
  })

  it('refuses a raw request that breaks the document’s types, enums and limits, naming each problem', async () => {
    const { fetch, sent } = recordingFetch()
    const youshu = createYoushu({
      environment: 'test',
      appId: 'a',
      appSecret: 's',
      merchantId: 'm',
      fetch,
    })
    const [example] = youshuDocumentRequest.orders
    const broken = {
      dataSourceId: '101',
      orders: [
        {
          ...example,
          order_status: '1170',
          order_source: 'miniapp',
          create_time: '1572395131',
          goods_amount_total: 562.001,
          express_info: { ...example.express_info, receiver_name: '名'.repeat(34) },
          payment_info: [
            {
              payment_type: '00009',
              trans_id: '1',
              trans_amount: 1,
              out_trade_number: 'has space',
            },
          ],
        },
      ],
    }
    const error = await youshu.api.addOrder(broken as never).catch((caught: unknown) => caught)
    expect(ValidationError.isInstance(error)).toBe(true)
    expect(new Set((error as ValidationError).issues.map((issue) => issue.path.join('.')))).toEqual(
      new Set([
        'orders.0.create_time',
        'orders.0.order_source',
        'orders.0.goods_amount_total',
        'orders.0.order_status',
        'orders.0.payment_info.0.out_trade_number',
        'orders.0.express_info.receiver_name',
      ]),
    )
    expect(sent).toHaveLength(0)
    const tooMany = { dataSourceId: '101', orders: Array.from({ length: 51 }, () => example) }
    await expect(youshu.api.addOrder(tooMany as never)).rejects.toThrow(
      'orders: at most 50 orders per call',
    )
  })

  it('splits a batch Youshu rejects as a whole and resends the halves, so every good order lands', async () => {
    const youshu = client()
    await youshu.resolveDataSourceId()
    // A non-retryable rejection of the first add_order call (the sandbox's strict reading of a
    // batch with one bad order); the halves go through.
    sandbox.control.injectFault({
      platform: 'youshu',
      endpoint: '/data-api/v1/order/add_order',
      action: { type: 'body', body: { retcode: 1004, errmsg: 'sandbox: orders[3]: invalid' } },
    })
    const orders = Array.from({ length: 8 }, (_, index) => ({ ...faq, id: `split-${index}` }))
    const report = await syncOrders({ platform: youshu, orders })
    expect(report.succeeded).toBe(8)
    const batches = sandbox.control
      .log('youshu')
      .filter((entry) => entry.endpoint === '/data-api/v1/order/add_order')
      .map((entry) =>
        entry.fault === undefined
          ? (JSON.parse(entry.body) as { orders: unknown[] }).orders.length
          : `rejected ${(JSON.parse(entry.body) as { orders: unknown[] }).orders.length}`,
      )
    expect(batches).toEqual(['rejected 8', 4, 4])
    expect(sandbox.control.orders('youshu').size).toBe(8)
  })

  it('reports status changes through order/update', async () => {
    const youshu = client()
    await syncOrders({ platform: youshu, orders: [faq] })
    const response = await youshu.api.updateOrderStatus({
      dataSourceId: await youshu.resolveDataSourceId(),
      orders: [
        {
          external_order_id: 'youshu-faq-1',
          order_status: '1160',
          status_change_time: '1716200000000',
        },
      ],
    })
    expect(response.retcode).toBe(0)
    expect(
      (sandbox.control.orders('youshu').get('youshu-faq-1') as { order_status: string })
        .order_status,
    ).toBe('1160')
  })

  it('reports cash on delivery as the FAQ says, for each setting', async () => {
    const cod: OrderInput = {
      ...faq,
      id: 'cod-1',
      status: 'awaiting_payment',
      cashOnDelivery: true,
      paidAmount: { amount: 0, currency: 'CNY' },
      payments: [],
    }
    const statusesSent = () =>
      sandbox.control
        .log('youshu')
        .filter((entry) => entry.endpoint === '/data-api/v1/order/add_order')
        .map((entry) =>
          (JSON.parse(entry.body) as { orders: { order_status: string }[] }).orders.map(
            (order) => order.order_status,
          ),
        )

    const unset = await syncOrders({ platform: client(), orders: [cod] })
    expect(unset.results[0]?.status === 'failed' && unset.results[0].error.message).toBe(
      "[ordersync] [youshu] cashOnDelivery: Youshu's FAQ reports cash on delivery in one of two ways: set cashOnDelivery to 'paid_when_ordered' or 'paid_when_shipped' in the client settings",
    )

    sandbox.control.reset()
    const ordered = client({ cashOnDelivery: 'paid_when_ordered' })
    expect((await syncOrders({ platform: ordered, orders: [cod] })).succeeded).toBe(1)
    expect(statusesSent()).toEqual([['1110'], ['1150']])

    sandbox.control.reset()
    const shipped = client({ cashOnDelivery: 'paid_when_shipped' })
    await syncOrders({ platform: shipped, orders: [cod] })
    await syncOrders({ platform: shipped, orders: [{ ...cod, status: 'shipped' }] })
    expect(statusesSent()).toEqual([['1110'], ['1150']])
    const stored = sandbox.control.orders('youshu').get('cod-1') as { payment_info: unknown }
    expect(stored.payment_info).toEqual([
      { payment_type: '00001', trans_id: 'cod-1', trans_amount: 100 },
    ])
  })

  it.each([
    [
      { environment: undefined },
      "[ordersync] [youshu] invalid environment: is required: 'test' or 'production' (their hosts and app credentials differ)",
    ],
    [
      { appSecret: '' },
      '[ordersync] [youshu] invalid appSecret: is required and must be a non-empty string (got a blank string)',
    ],
    [
      { merchantId: undefined },
      '[ordersync] [youshu] invalid merchantId: is required and must be a non-empty string (got nothing)',
    ],
    [{ baseURL: 'zhls.qq.com' }, /invalid baseURL/],
    [
      { retry: { maxAttempts: 0 } },
      '[ordersync] [youshu] invalid retry.maxAttempts: must be an integer of at least 1, got 0',
    ],
  ])('refuses settings that cannot work: %j', (overrides, message) => {
    expect(() =>
      createYoushu({
        environment: 'test',
        appId: 'a',
        appSecret: 's',
        merchantId: 'm',
        ...(overrides as object),
      } as YoushuSettings),
    ).toThrow(message)
  })
})

describe('Youshu errors that are not the order’s', () => {
  it('says on a signature mismatch to check appId and appSecret for the environment, and that it concerns the credentials', async () => {
    const report = await syncOrders({
      platform: client({ appSecret: 'wrong-secret', knownRetcodes: youshuSandboxKnownRetcodes }),
      orders: [faq],
    })
    const result = report.results[0]
    expect(result?.status === 'failed' && result.error.message).toBe(
      '[ordersync] [youshu] /data-api/v1/data_source/add: sandbox: signature mismatch — the signature does not match: check appId and appSecret for the test environment (Youshu gives each environment its own pair) (1001) — the order was not sent',
    )
    // The lookup failed before add_order was sent.
    expect(result?.status === 'failed' && result.delivery).toBe('not_sent')
    expect(
      classifyYoushuResponse(
        {
          status: 200,
          headers: new Headers(),
          text: '',
          json: { retcode: 1001, errmsg: 'sandbox: signature mismatch' },
        },
        [],
        { environment: 'production', knownRetcodes: youshuSandboxKnownRetcodes },
      ),
    ).toEqual({
      outcome: 'failure',
      code: 1001,
      concerns: 'credentials',
      message:
        'sandbox: signature mismatch — the signature does not match: check appId and appSecret for the production environment (Youshu gives each environment its own pair)',
    })
  })

  it('without knownRetcodes, an unknown code points at the credentials as well as at retryableRetcodes', () => {
    expect(
      classifyYoushuResponse(
        {
          status: 200,
          headers: new Headers(),
          text: '',
          json: { retcode: 4001, errmsg: 'sign err' },
        },
        [],
        { environment: 'test' },
      ),
    ).toEqual({
      outcome: 'failure',
      code: 4001,
      message:
        "sign err — Youshu's code list is not public: if errmsg is about the signature, check appId and appSecret for the test environment; otherwise check the request against the document; declare a code you learn in knownRetcodes (or retryableRetcodes if it is temporary)",
      concerns: 'unknown',
    })
  })

  it.each([
    [1002, 'configuration'],
    [1003, 'configuration'],
    [1005, 'configuration'],
  ])('classifies the sandbox’s retcode %i as concerning the %s', (retcode, concerns) => {
    expect(
      classifyYoushuResponse(
        { status: 200, headers: new Headers(), text: '', json: { retcode, errmsg: 'e' } },
        [],
        { knownRetcodes: youshuSandboxKnownRetcodes },
      ),
    ).toMatchObject({ outcome: 'failure', code: retcode, concerns })
  })

  it('after the sandbox is reset, says the data source is unknown and looks it up again on the next call', async () => {
    const youshu = client({ knownRetcodes: youshuSandboxKnownRetcodes })
    expect((await syncOrders({ platform: youshu, orders: [faq] })).succeeded).toBe(1)
    sandbox.control.reset()
    const after = await syncOrders({ platform: youshu, orders: [faq] })
    const result = after.results[0]
    expect(result?.status === 'failed' && result.error.message).toBe(
      '[ordersync] [youshu] /data-api/v1/order/add_order: sandbox: unknown dataSourceId: the sandbox has no data source by that id (was it reset since the client looked it up?); look the data source up again through data_source/add or data_source/get — the data source is unknown to Youshu (e.g. the sandbox was reset since the client looked it up): the client forgot it and looks it up again on its next call; sync the orders again (1005)',
    )
    // The next run looks the data source up again and succeeds.
    expect((await syncOrders({ platform: youshu, orders: [faq] })).succeeded).toBe(1)
    expect(sandbox.control.counters('youshu').requests).toEqual({
      '/data-api/v1/order/add_order': 2,
      '/data-api/v1/data_source/add': 1,
    })
  })

  it('keeps a dataSourceId setting, and says to check it, when Youshu does not know it', async () => {
    const youshu = client({ dataSourceId: '999', knownRetcodes: youshuSandboxKnownRetcodes })
    const report = await syncOrders({ platform: youshu, orders: [faq] })
    const result = report.results[0]
    expect(result?.status === 'failed' && result.error.message).toMatch(
      /check the dataSourceId setting \(the one shown in DataNexus, for this merchant and environment\) \(1005\)$/,
    )
    expect(await youshu.resolveDataSourceId()).toBe('999')
  })
})

describe('Youshu’s shared data-source lookup honours abort', () => {
  it('after syncOrders settles on an abort, no lookup is left running', async () => {
    const signals: AbortSignal[] = []
    // A platform that never answers: only an abort ends the request.
    const fetch: typeof globalThis.fetch = (input, init) => {
      const signal = (input instanceof Request ? input.signal : init?.signal) as AbortSignal
      signals.push(signal)
      return new Promise((_resolve, reject) => {
        signal.addEventListener('abort', () => reject(signal.reason), { once: true })
      })
    }
    const controller = new AbortController()
    const youshu = client({
      fetch,
      retry: { maxAttempts: 5, initialDelayMs: 60_000, maxDelayMs: 60_000, timeoutMs: 60_000 },
      hooks: { onRequest: () => controller.abort(new Error('the run was stopped')) },
    })
    await syncOrders({ platform: youshu, orders: [faq], signal: controller.signal }).catch(
      () => undefined,
    )
    // Aborted from the request hook, the call is not sent at all.
    expect(signals).toEqual([])
  })

  it('keeps the lookup going while another caller still waits', async () => {
    const first = new AbortController()
    const youshu = client()
    const abandoned = youshu.resolveDataSourceId(first.signal)
    const kept = youshu.resolveDataSourceId()
    first.abort(new Error('gave up'))
    await expect(abandoned).rejects.toThrow()
    expect(await kept).toBe('101')
  })
})

describe('Youshu cash on delivery: the second call', () => {
  it('reports a failed 1150 as partial: the 1110 was stored', async () => {
    let calls = 0
    const fetch: typeof globalThis.fetch = async (input, init) => {
      const url = String(input instanceof Request ? input.url : input)
      if (url.includes('/order/add_order')) {
        calls += 1
        if (calls === 2)
          return new Response('{"retcode":1004,"errmsg":"sandbox: invalid request"}', {
            status: 200,
          })
      }
      return globalThis.fetch(input, init)
    }
    const youshu = client({ fetch, cashOnDelivery: 'paid_when_ordered' })
    const order = {
      ...faq,
      cashOnDelivery: true,
      status: 'accepted',
      paidAmount: { amount: 0, currency: 'CNY' },
      payments: [],
    } as OrderInput
    const prepared = youshu.prepare(parseOrder(order))
    expect(prepared.payload.orders.map((entry) => entry.order_status)).toEqual(['1110', '1150'])
    const outcomes = await youshu.doSync([prepared], {})
    expect(outcomes[0]).toMatchObject({ status: 'failed', delivery: 'partial' })
    expect(calls).toBe(2)
  })
})

describe('Youshu against startSandbox() with no options', () => {
  it('takes the typed credentials spread as they are', async () => {
    const defaults = await startSandbox()
    try {
      const youshu = createYoushu({
        ...defaults.credentials.youshu,
        environment: 'test',
        baseURL: defaults.url,
      })
      expect((await syncOrders({ platform: youshu, orders: [faq] })).succeeded).toBe(1)
      expect([...defaults.control.orders('youshu').keys()]).toEqual(['youshu-faq-1'])
    } finally {
      await defaults.close()
    }
  })
})

describe('Youshu fails fast on a wrong appSecret with default settings', () => {
  const concurrency = 4
  const orders = Array.from({ length: 2000 }, (_, index) => ({
    ...faq,
    id: `fail-fast-${index}`,
  }))

  it.each([
    ['looked up', {}],
    ['set', { dataSourceId: '101' }],
  ] as const)(
    'with the data source %s: 2,000 orders cost at most 2 × concurrency + 2 requests, every order failed',
    async (_, dataSource) => {
      // No knownRetcodes: the sandbox's signature code is one the client cannot place.
      const youshu = client({ appSecret: 'not-the-registered-secret', ...dataSource })
      const report = await syncOrders({ platform: youshu, orders })
      expect(sandbox.control.log('youshu').length).toBeLessThanOrEqual(2 * concurrency + 2)
      expect(report.failed).toBe(2000)
      const first = report.results[0]
      expect(first?.status === 'failed' && ApiCallError.isInstance(first.error)).toBe(true)
      if (first?.status !== 'failed' || !ApiCallError.isInstance(first.error)) return
      expect(first.error.platformCode).toBe(1001)
      expect(first.error.endpoint).toBe(
        'dataSourceId' in dataSource
          ? '/data-api/v1/order/add_order'
          : '/data-api/v1/data_source/add',
      )
      const last = report.results.at(-1)
      expect(last?.status === 'failed' && last.delivery).toBe('not_sent')
      expect(last?.status === 'failed' && last.error.message).toContain(
        'the first 3 sends all failed with the same answer the client cannot place (code 1001, HTTP 200)',
      )
    },
  )
})

describe('Youshu labels what an answer leaves in doubt truthfully', () => {
  it.each([
    ['truncated JSON', '{"retcode":0,"errmsg":"","da'],
    ['an envelope without retcode', '{"errmsg":"ok","data":{}}'],
    ['a retcode that is not a number', '{"retcode":"0","errmsg":""}'],
  ])(
    'a 2xx add_order answer with %s leaves the orders uncertain, never rejected',
    async (_, body) => {
      const fetch: typeof globalThis.fetch = async (input, init) => {
        const url = String(input instanceof Request ? input.url : input)
        if (url.includes('/order/add_order')) return new Response(body, { status: 200 })
        return globalThis.fetch(input, init)
      }
      const report = await syncOrders({
        platform: client({ fetch, dataSourceId: '101' }),
        orders: [faq, { ...faq, id: 'second' }],
      })
      expect(report.results.map((result) => result.status === 'failed' && result.delivery)).toEqual(
        ['uncertain', 'uncertain'],
      )
    },
  )

  it('an abort while the data source is looked up leaves the orders not_sent: add_order was never sent', async () => {
    sandbox.control.injectFault({
      platform: 'youshu',
      endpoint: '/data-api/v1/data_source/add',
      action: { type: 'delay', ms: 300 },
    })
    const controller = new AbortController()
    setTimeout(() => controller.abort(new Error('shutting down')), 50)
    const report = await syncOrders({
      platform: client(),
      orders: [faq, { ...faq, id: 'second' }],
      signal: controller.signal,
    })
    const failed = report.results.filter((result) => result.status === 'failed')
    expect(failed.length).toBeGreaterThan(0)
    for (const result of failed) {
      expect(result.status === 'failed' && result.delivery).toBe('not_sent')
      expect(result.status === 'failed' && result.error.message).toBe(
        '[ordersync] [youshu] /data-api/v1/order/add_order: aborted while the data source was looked up: add_order was not sent — the order was not sent',
      )
    }
    expect(sandbox.control.counters('youshu').requests['/data-api/v1/order/add_order']).toBe(
      undefined,
    )
  })
})

const sha256Hex = (phone: string): string => createHash('sha256').update(phone).digest('hex')

describe('Youshu never lets a name or an address out', () => {
  it('redacts the receiver’s and the invoice’s names and addresses from an answer that echoes the request', async () => {
    const personal = [
      '收件人王芳',
      '深圳市南山区科技园路88号',
      '王芳个人',
      '北京市朝阳区建国路1号',
      '李雷',
    ]
    const order: OrderInput = {
      ...faq,
      delivery: {
        address: { name: '收件人王芳', line1: '深圳市南山区科技园路88号', phone: '13812345678' },
      },
      platformOptions: {
        youshu: {
          invoices: [
            {
              if_need_invoice: true,
              invoice_title: '王芳个人',
              registry_address: '北京市朝阳区建国路1号',
              invoice_delivery_name: '李雷',
              invoice_delivery_address: '深圳市南山区科技园路88号',
            },
          ],
        },
      },
    }
    const bodies: string[] = []
    const echo: typeof globalThis.fetch = async (input, init) => {
      const sent = await new Request(input as RequestInfo, init).text()
      bodies.push(sent)
      return new Response(
        JSON.stringify({
          retcode: 4004,
          errmsg: `invalid request: ${sent}`,
          data: JSON.parse(sent),
        }),
        { status: 200 },
      )
    }
    const events: unknown[] = []
    const report = await syncOrders({
      platform: client({
        fetch: echo,
        dataSourceId: '101',
        hooks: {
          onRequest: (event) => events.push(event),
          onResponse: (event) => events.push(event),
          onError: (event) => events.push(event),
        },
      }),
      orders: [order],
    })
    const result = report.results[0]
    expect(result?.status).toBe('failed')
    if (result?.status !== 'failed') return
    const seen = JSON.stringify({
      events,
      error: { ...result.error },
      message: result.error.message,
    })
    expect(personal.filter((value) => seen.includes(value))).toEqual([])
    // The receiver's phone is sent only hashed, and its hash is redacted by its key too.
    const hashed = sha256Hex('13812345678')
    expect(bodies[0]).toContain(hashed)
    expect(seen.includes(hashed)).toBe(false)
    expect(seen).toContain('[redacted]')
    // A product's name is not a person's.
    expect(seen).toContain('商品a')
    // Only to debug locally: names and addresses shown, the phone still redacted.
    const debugging: unknown[] = []
    await syncOrders({
      platform: client({
        fetch: echo,
        dataSourceId: '101',
        redactPersonalData: false,
        hooks: { onResponse: (event) => debugging.push(event) },
      }),
      orders: [order],
    })
    const shown = JSON.stringify(debugging)
    expect(personal.filter((value) => shown.includes(value))).toEqual(personal)
    expect(shown).not.toContain('13812345678')
  })
})

describe('Youshu refuses call options it cannot use, before anything is sent', () => {
  const request = { dataSourceId: '101', orders: youshuDocumentRequest.orders }
  const calls = (youshu: ReturnType<typeof client>, options: unknown) => [
    () => youshu.api.addOrder(request, options as never),
    () =>
      youshu.api.updateOrderStatus(
        {
          dataSourceId: '101',
          orders: [
            { external_order_id: 'o-1', order_status: '1160', status_change_time: '1716170400000' },
          ],
        },
        options as never,
      ),
    () => youshu.api.addDataSource(options as never),
    () => youshu.api.getDataSource(options as never),
  ]

  it.each([
    ['null options', 'options', null],
    ['options that are a string', 'options', 'signal'],
    ['a signal that is not an AbortSignal', 'options.signal', { signal: { aborted: false } }],
    ['a null signal', 'options.signal', { signal: null }],
  ])(
    'every api method refuses %s with an InvalidArgumentError naming %s',
    async (_, argument, options) => {
      const youshu = client()
      for (const call of calls(youshu, options)) {
        const error = await call().catch((caught: unknown) => caught)
        expect(InvalidArgumentError.isInstance(error)).toBe(true)
        expect((error as InvalidArgumentError).argument).toBe(argument)
      }
      expect(sandbox.control.log('youshu')).toEqual([])
    },
  )

  it('resolveDataSourceId refuses a signal that is not an AbortSignal, and starts no lookup', async () => {
    const youshu = client()
    for (const signal of [null, { aborted: false }, 'stop']) {
      const error = await youshu
        .resolveDataSourceId(signal as never)
        .catch((caught: unknown) => caught)
      expect(InvalidArgumentError.isInstance(error)).toBe(true)
      expect((error as InvalidArgumentError).argument).toBe('signal')
    }
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(sandbox.control.log('youshu')).toEqual([])
    expect(await youshu.resolveDataSourceId()).toBe('101')
  })
})
