import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { type Sandbox, startSandbox } from '../start-sandbox.ts'
import {
  type BaiduSandboxCredentials,
  type BaiduSandboxOptions,
  baiduSandboxErrnos,
  createBaiduSandboxModule,
} from './baidu-sandbox-module.ts'

// The module against hand-built requests (not through @ordersync/baidu): it must catch what a
// wrong client would send.

const base = '/rest/2.0/smartapp/ordercenter/app'
// Made before the sandbox starts, so that the it.each tables can use its credentials.
const module = createBaiduSandboxModule()
const credentials: BaiduSandboxCredentials = module.credentials
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

type Answer = {
  errno?: number
  msg?: string
  data?: Array<Record<string, string>>
  error_code?: number
  error_msg?: string
}

function tokenQuery(overrides: Record<string, string | undefined> = {}): string {
  const values: Record<string, string | undefined> = {
    grant_type: 'client_credentials',
    client_id: credentials.appKey,
    client_secret: credentials.appSecret,
    scope: 'smartapp_snsapi_base',
    ...overrides,
  }
  return new URLSearchParams(
    Object.entries(values).filter((entry): entry is [string, string] => entry[1] !== undefined),
  ).toString()
}

async function fetchToken(url = sandbox.url): Promise<string> {
  const response = await fetch(`${url}/oauth/2.0/token?${tokenQuery()}`)
  return ((await response.json()) as { access_token: string }).access_token
}

async function call(
  path: string,
  body: unknown,
  options: { token?: string; query?: Record<string, string | undefined>; url?: string } = {},
): Promise<Answer> {
  const token = options.token ?? (await fetchToken(options.url))
  const values: Record<string, string | undefined> = {
    access_token: token,
    open_id: 'open-id-1',
    scene_id: '159259079195',
    scene_type: '2',
    pm_app_key: credentials.paymentAppKey,
    ...options.query,
  }
  const query = new URLSearchParams(
    Object.entries(values).filter((entry): entry is [string, string] => entry[1] !== undefined),
  )
  const response = await fetch(`${options.url ?? sandbox.url}${base}${path}?${query}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })
  expect(response.status).toBe(200)
  return (await response.json()) as Answer
}

const subOrder = (id = 'after-sale-1', status = 401) => ({
  SubOrderID: id,
  SubStatus: status,
  CTime: 1571026201,
  MTime: 1571026201,
  OrderDetail: { Status: 2, Name: '', SwanSchema: 'baiduboxapp://swan/app/after-sale?id=1' },
  Refund: { Amount: 10, Product: [{ ID: '1014093064', Quantity: 1, Amount: 10 }] },
  OrderType: 1,
})

// The document's add/main/info example, with the after-sale SubStatus and Status it gives as ""
// and 0 replaced by values of its after-sale table.
function order(changes: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    CateID: 1,
    BizAPPID: credentials.appKey,
    Title: 'test',
    ResourceID: '2221554346520',
    Ctime: 1233212343,
    Mtime: 1233212343,
    Status: 200,
    EXT: {
      MainOrder: {
        Products: [
          {
            ID: '1014093064',
            Name: '四川大凉山丑苹果',
            Desc: '5斤小果25个左右偏小',
            Quantity: 1,
            Price: 2390,
            PayPrice: 2390,
            ImgList: ['https://imagelib.cdn.bcebos.com/apple.jpeg'],
            SkuAttr: [{ Name: '规格', Value: '5斤小果' }],
          },
        ],
        Payment: {
          Time: 0,
          Method: 1,
          Amount: 2390,
          IsPayment: false,
          PreferentialInfo: [{ Name: '优惠券使用', Value: 100, Quantity: 1 }],
          PaymentInfo: [{ Name: '运费', Value: 100, Quantity: 1 }],
        },
        Appraise: { Status: 0, Name: '', H5Schema: '', SwanSchema: '' },
        OrderDetail: { Status: 2, Name: '', SwanSchema: 'baiduboxapp://swan/app/order?id=1' },
      },
      SubsOrder: { Status: 401, Items: [subOrder()] },
    },
    ...changes,
  }
}

/** The example order paid online through Baidu's cashier (Method 1, IsPayment true). */
const paidOnline = () =>
  order({
    EXT: {
      MainOrder: mainOrder({ Payment: payment({ IsPayment: true, Time: 1233212343 }) }),
    },
  })

const mainOrder = (changes: Record<string, unknown>) => {
  const ext = order().EXT as { MainOrder: Record<string, unknown> }
  return { ...ext.MainOrder, ...changes }
}
const payment = (changes: Record<string, unknown>) => {
  const ext = order().EXT as { MainOrder: { Payment: Record<string, unknown> } }
  return { ...ext.MainOrder.Payment, ...changes }
}
const product = (changes: Record<string, unknown>) => {
  const ext = order().EXT as { MainOrder: { Products: Array<Record<string, unknown>> } }
  return { ...ext.MainOrder.Products[0], ...changes }
}
const withMain = (changes: Record<string, unknown>) =>
  order({ EXT: { MainOrder: mainOrder(changes) } })

const success = (rows: string[], resource = '2221554346520', cate = '1'): Answer => ({
  errno: 0,
  msg: 'success',
  data: rows.map((rows_affected) => ({
    biz_app_id: credentials.appKey,
    cate_id: cate,
    resource_id: resource,
    rows_affected,
  })),
})

const stored = (id = '2221554346520') => sandbox.control.orders('baidu').get(id)

const pagePath = '/rest/2.0/smartapp/app/update/sub/status'

/** A sandbox of its own with a module made with `options`, and helpers bound to its credentials. */
async function withModule(
  options: BaiduSandboxOptions,
  run: (other: {
    readonly sandbox: Sandbox
    readonly url: string
    readonly credentials: BaiduSandboxCredentials
    readonly query: (changes?: Record<string, string | undefined>) => URLSearchParams
    readonly call: (
      path: string,
      body: unknown,
      query?: Record<string, string | undefined>,
    ) => Promise<Answer>
    readonly order: () => Record<string, unknown>
    readonly subs: (Status: number, Items: unknown[]) => Record<string, unknown>
    readonly success: (rows: string[]) => Answer
    readonly stored: () => unknown
  }) => Promise<void>,
): Promise<void> {
  const otherModule = createBaiduSandboxModule(options)
  const other = await startSandbox({ modules: [otherModule] })
  try {
    const own = otherModule.credentials
    const response = await fetch(
      `${other.url}/oauth/2.0/token?${tokenQuery({ client_id: own.appKey, client_secret: own.appSecret })}`,
    )
    const { access_token } = (await response.json()) as { access_token: string }
    const query = (changes: Record<string, string | undefined> = {}) =>
      new URLSearchParams(
        Object.entries({
          access_token,
          open_id: 'open-id-1',
          scene_id: '159259079195',
          scene_type: '2',
          pm_app_key: own.paymentAppKey,
          ...changes,
        }).filter((entry): entry is [string, string] => entry[1] !== undefined),
      )
    await run({
      sandbox: other,
      url: other.url,
      credentials: own,
      query,
      call: (path, body, changes) =>
        call(path, body, {
          url: other.url,
          token: access_token,
          query: { pm_app_key: own.paymentAppKey, ...changes },
        }),
      order: () => order({ BizAPPID: own.appKey }),
      subs: (Status, Items) => ({
        CateID: 1,
        BizAPPID: own.appKey,
        ResourceID: '2221554346520',
        EXT: { SubsOrder: { Status, Items } },
      }),
      success: (rows) => ({
        errno: 0,
        msg: 'success',
        data: rows.map((rows_affected) => ({
          biz_app_id: own.appKey,
          cate_id: '1',
          resource_id: '2221554346520',
          rows_affected,
        })),
      }),
      stored: () => other.control.orders('baidu').get('2221554346520'),
    })
  } finally {
    await other.close()
  }
}

describe('baidu sandbox module: tokens', () => {
  it('issues a token by GET with the query, with Baidu’s fields', async () => {
    const response = await fetch(`${sandbox.url}/oauth/2.0/token?${tokenQuery()}`)
    expect(response.status).toBe(200)
    const body = (await response.json()) as Record<string, unknown>
    expect(Object.keys(body).sort()).toEqual([
      'access_token',
      'expires_in',
      'refresh_token',
      'scope',
      'session_key',
      'session_secret',
    ])
    expect(body).toMatchObject({ expires_in: 2592000, scope: 'smartapp_snsapi_base' })
    expect(body.access_token).toMatch(/^24\.[0-9a-f]{32}\.2592000\.\d{10}\.sandbox$/)
    expect(sandbox.control.counters('baidu').tokenRequests).toBe(1)
  })

  it('issues a token by POST with a form body, and the token works', async () => {
    const response = await fetch(`${sandbox.url}/oauth/2.0/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: tokenQuery(),
    })
    const { access_token } = (await response.json()) as { access_token: string }
    expect(await call('/add/main/info', { Data: [order()] }, { token: access_token })).toEqual(
      success(['1']),
    )
  })

  it.each([
    [
      'a wrong secret',
      { client_secret: 'not-the-secret' },
      401,
      { error: 'invalid_client', error_description: 'unknown client id' },
    ],
    [
      'an unknown client_id',
      { client_id: 'someone-else' },
      401,
      { error: 'invalid_client', error_description: 'unknown client id' },
    ],
    [
      'another grant_type',
      { grant_type: 'authorization_code' },
      400,
      {
        error: 'unsupported_grant_type',
        error_description: 'The authorization grant type is not supported',
      },
    ],
    [
      'no grant_type',
      { grant_type: undefined },
      400,
      { error: 'invalid_request', error_description: 'grant_type and client_id are required' },
    ],
    [
      'no scope',
      { scope: undefined },
      400,
      {
        error: 'invalid_scope',
        error_description: 'The requested scope is invalid, unknown, or malformed',
      },
    ],
  ])('refuses a token request with %s', async (_name, overrides, status, body) => {
    const response = await fetch(`${sandbox.url}/oauth/2.0/token?${tokenQuery(overrides)}`)
    expect(response.status).toBe(status)
    expect(await response.json()).toEqual(body)
  })

  it('answers error_code 110 for a missing, unknown or invalidated token', async () => {
    const invalid = { error_code: 110, error_msg: 'Access token invalid or no longer valid' }
    expect(await call('/add/main/info', { Data: [order()] }, { token: 'made-up' })).toEqual(invalid)
    expect(
      await call('/add/main/info', { Data: [order()] }, { query: { access_token: undefined } }),
    ).toEqual(invalid)
    const token = await fetchToken()
    expect(await call('/add/main/info', { Data: [order()] }, { token })).toEqual(success(['1']))
    sandbox.control.invalidateTokens('baidu')
    expect(await call('/add/main/info', { Data: [order()] }, { token })).toEqual(invalid)
    expect(await call('/add/main/info', { Data: [order()] })).toEqual(success(['1']))
  })

  it('answers error_code 111 once expires_in has passed', async () => {
    const short = await startSandbox({
      modules: [createBaiduSandboxModule({ tokenLifetimeSeconds: 60 })],
    })
    try {
      const shortCredentials = short.credentials.baidu as BaiduSandboxCredentials
      vi.useFakeTimers({ toFake: ['Date'] })
      vi.setSystemTime(Date.parse('2026-05-01T00:00:00Z'))
      const response = await fetch(
        `${short.url}/oauth/2.0/token?${tokenQuery({
          client_id: shortCredentials.appKey,
          client_secret: shortCredentials.appSecret,
        })}`,
      )
      const body = (await response.json()) as { access_token: string; expires_in: number }
      expect(body.expires_in).toBe(60)
      const query = { pm_app_key: shortCredentials.paymentAppKey }
      const item = order({ BizAPPID: shortCredentials.appKey })
      vi.setSystemTime(Date.parse('2026-05-01T00:00:59Z'))
      expect(
        (
          await call(
            '/add/main/info',
            { Data: [item] },
            { token: body.access_token, query, url: short.url },
          )
        ).errno,
      ).toBe(0)
      vi.setSystemTime(Date.parse('2026-05-01T00:01:00Z'))
      expect(
        await call(
          '/add/main/info',
          { Data: [item] },
          { token: body.access_token, query, url: short.url },
        ),
      ).toEqual({ error_code: 111, error_msg: 'Access token expired' })
    } finally {
      await short.close()
    }
  })

  it('forgets tokens and orders on reset', async () => {
    const token = await fetchToken()
    await call('/add/main/info', { Data: [order()] }, { token })
    sandbox.control.reset()
    expect(stored()).toBeUndefined()
    expect((await call('/add/main/info', { Data: [order()] }, { token })).error_code).toBe(110)
  })
})

describe('baidu sandbox module: add/main/info', () => {
  it('stores the order as sent and answers rows_affected "1"', async () => {
    expect(await call('/add/main/info', { Data: [order()] })).toEqual(success(['1']))
    expect(stored()).toEqual(order())
    expect(sandbox.control.counters('baidu').requests).toEqual({
      [`${base}/add/main/info`]: 1,
    })
  })

  it('overwrites the whole record on a second add, after-sale orders included', async () => {
    await call('/add/main/info', { Data: [order()] })
    const again = withMain({})
    expect(await call('/add/main/info', { Data: [{ ...again, Status: 5 }] })).toEqual(
      success(['1']),
    )
    expect(stored()).toEqual({ ...again, Status: 5 })
    expect((stored() as { EXT: Record<string, unknown> }).EXT.SubsOrder).toBeUndefined()
  })

  it('takes swan_id instead of open_id, both together, and no scene query when told so', async () => {
    expect(
      await call(
        '/add/main/info',
        { Data: [order()] },
        { query: { open_id: undefined, swan_id: 'swan-1' } },
      ),
    ).toEqual(success(['1']))
    // open_id is required (是) on every endpoint of the page; a swan_id beside it is taken.
    expect(
      await call('/add/main/info', { Data: [order()] }, { query: { swan_id: 'swan-1' } }),
    ).toEqual(success(['1']))
    const relaxed = await startSandbox({
      modules: [createBaiduSandboxModule({ requireSceneQuery: false })],
    })
    try {
      const relaxedCredentials = relaxed.credentials.baidu as BaiduSandboxCredentials
      const response = await fetch(
        `${relaxed.url}/oauth/2.0/token?${tokenQuery({
          client_id: relaxedCredentials.appKey,
          client_secret: relaxedCredentials.appSecret,
        })}`,
      )
      const { access_token } = (await response.json()) as { access_token: string }
      expect(
        (
          await call(
            '/add/main/info',
            { Data: [order({ BizAPPID: relaxedCredentials.appKey })] },
            {
              url: relaxed.url,
              token: access_token,
              query: { scene_id: undefined, scene_type: undefined, pm_app_key: undefined },
            },
          )
        ).errno,
      ).toBe(0)
    } finally {
      await relaxed.close()
    }
  })

  it.each([
    [
      'neither open_id nor swan_id',
      { open_id: undefined },
      'query.open_id: required (or swan_id for a user not logged in)',
    ],
    [
      'no scene_id for an order paid through the cashier',
      { scene_id: undefined },
      "query.scene_id: required, the cashier orderId (Data[0] is paid through Baidu's cashier: Payment.Method 1, IsPayment true)",
    ],
    ['an empty scene_id', { scene_id: '' }, 'query.scene_id: must not be empty'],
    [
      'a scene_type that is not an integer',
      { scene_type: 'two' },
      'query.scene_type: required integer (2 by default)',
    ],
    ['no pm_app_key', { pm_app_key: undefined }, 'query.pm_app_key: required'],
  ])('refuses %s with invalidQuery', async (_name, query, message) => {
    expect(await call('/add/main/info', { Data: [paidOnline()] }, { query })).toEqual({
      errno: baiduSandboxErrnos.invalidQuery,
      msg: `sandbox: ${message}`,
      data: [],
    })
    expect(stored()).toBeUndefined()
  })

  it('takes an order with no cashier payment without scene_id: cash on delivery, shipped or paid in cash, and unpaid', async () => {
    const noScene = { query: { scene_id: undefined } }
    const shippedCashOnDelivery = withMain({
      Payment: payment({ Method: 2, IsPayment: false, Time: undefined }),
    })
    expect(
      await call('/add/main/info', { Data: [{ ...shippedCashOnDelivery, Status: 6 }] }, noScene),
    ).toEqual(success(['1']))
    const paidInCash = withMain({
      Payment: payment({ Method: 2, IsPayment: true, Time: 1233299999 }),
    })
    expect(await call('/add/main/info', { Data: [paidInCash] }, noScene)).toEqual(success(['1']))
    // The document's own example: Method 1, not paid (IsPayment false).
    expect(await call('/add/main/info', { Data: [order()] }, noScene)).toEqual(success(['1']))
  })

  it('requires scene_id of an update about an order stored as paid through the cashier', async () => {
    await call('/add/main/info', { Data: [paidOnline()] })
    const change = {
      CateID: 1,
      BizAPPID: credentials.appKey,
      ResourceID: '2221554346520',
      Status: 6,
    }
    expect(
      await call('/update/main/status', { Data: [change] }, { query: { scene_id: undefined } }),
    ).toEqual({
      errno: baiduSandboxErrnos.invalidQuery,
      msg: "sandbox: query.scene_id: required, the cashier orderId (Data[0] is paid through Baidu's cashier: Payment.Method 1, IsPayment true)",
      data: [],
    })
    expect(await call('/update/main/status', { Data: [change] })).toEqual(success(['1']))
  })

  it('refuses another app’s BizAPPID or payment key with unknownApp', async () => {
    expect(await call('/add/main/info', { Data: [order({ BizAPPID: 'other-app' })] })).toEqual({
      errno: baiduSandboxErrnos.unknownApp,
      msg: 'sandbox: Data[0].BizAPPID: not the AppKey of this app',
      data: [],
    })
    expect(
      await call('/add/main/info', { Data: [order()] }, { query: { pm_app_key: 'MMUother' } }),
    ).toEqual({
      errno: baiduSandboxErrnos.unknownApp,
      msg: 'sandbox: query.pm_app_key: not the payment service of this app',
      data: [],
    })
    expect(stored()).toBeUndefined()
  })

  it('takes a SwanSchema whose path and query are percent-encoded, as a URI carries them', async () => {
    const encoded = 'baiduboxapp://swan/app/pages/detail?name=%E5%BC%A0%20%E4%B8%89&id=1'
    const item = withMain({ OrderDetail: { Status: 2, SwanSchema: encoded } })
    expect(await call('/add/main/info', { Data: [item] })).toEqual(success(['1']))
    expect(stored()).toEqual(item)
  })

  it.each([
    ['a body that is not JSON', 'Data=1', 'body: must be a JSON object {"Data": [...]}'],
    ['Data as an object', { Data: {} }, 'body: must be a JSON object {"Data": [...]}'],
    ['two orders', { Data: [{}, {}] }, 'Data: exactly one order (no batch import)'],
    ['no order', { Data: [] }, 'Data: exactly one order (no batch import)'],
  ])('refuses %s', async (_name, body, message) => {
    expect(await call('/add/main/info', body)).toEqual({
      errno: baiduSandboxErrnos.invalidBody,
      msg: `sandbox: ${message}`,
      data: [],
    })
  })

  const sub = (changes: Record<string, unknown>) =>
    order({
      EXT: {
        MainOrder: mainOrder({}),
        SubsOrder: { Status: 401, Items: [{ ...subOrder(), ...changes }] },
      },
    })

  it.each([
    ['no ResourceID', order({ ResourceID: undefined }), 'Data[0].ResourceID: required string'],
    [
      'a numeric ResourceID',
      order({ ResourceID: 2221554346520 }),
      'Data[0].ResourceID: must be a string',
    ],
    ['no Title', order({ Title: undefined }), 'Data[0].Title: required string'],
    ['CateID 5', order({ CateID: 5 }), 'Data[0].CateID: must be one of 1, 2'],
    ['CateID as a string', order({ CateID: '1' }), 'Data[0].CateID: must be an integer'],
    [
      'a virtual-goods Status on a physical order',
      order({ Status: 2 }),
      'Data[0].Status: must be one of 1, 5, 6, 100, 200, 300',
    ],
    [
      'a physical-goods Status on a virtual order',
      order({ CateID: 2, Status: 5 }),
      'Data[0].Status: must be one of 1, 2, 3, 4, 100, 200, 300',
    ],
    [
      'Ctime in milliseconds',
      order({ Ctime: 1233212343000 }),
      'Data[0].Ctime: must be at most 9999999999 (Unix seconds)',
    ],
    ['no Mtime', order({ Mtime: undefined }), 'Data[0].Mtime: required integer'],
    [
      'Mtime as an ISO string',
      order({ Mtime: '2009-01-29T06:59:03Z' }),
      'Data[0].Mtime: must be an integer (Unix seconds)',
    ],
    [
      'Ext instead of EXT',
      order({ EXT: undefined, Ext: order().EXT }),
      "Data[0].EXT: required object (spelled EXT as in the examples and Baidu's SDK, not Ext)",
    ],
    ['no MainOrder', order({ EXT: {} }), 'Data[0].EXT.MainOrder: required object'],
    ['no Products', withMain({ Products: [] }), 'Data[0].EXT.MainOrder.Products: at least 1 entry'],
    [
      'a product without Name',
      withMain({ Products: [product({ Name: undefined })] }),
      'Data[0].EXT.MainOrder.Products[0].Name: required string',
    ],
    [
      'a product Quantity of 0',
      withMain({ Products: [product({ Quantity: 0 })] }),
      'Data[0].EXT.MainOrder.Products[0].Quantity: must be at least 1',
    ],
    [
      'a Price in yuan',
      withMain({ Products: [product({ Price: 23.9 })] }),
      'Data[0].EXT.MainOrder.Products[0].Price: must be an integer (fen)',
    ],
    [
      'a negative PayPrice',
      withMain({ Products: [product({ PayPrice: -1 })] }),
      'Data[0].EXT.MainOrder.Products[0].PayPrice: must be at least 0 (fen)',
    ],
    [
      'six images',
      withMain({ Products: [product({ ImgList: Array(6).fill('https://a/b.jpeg') })] }),
      'Data[0].EXT.MainOrder.Products[0].ImgList: at most 5 entries',
    ],
    [
      'an empty image URL',
      withMain({ Products: [product({ ImgList: [''] })] }),
      'Data[0].EXT.MainOrder.Products[0].ImgList[0]: must be a non-empty URL',
    ],
    [
      'five SKU attributes',
      withMain({ Products: [product({ SkuAttr: Array(5).fill({ Name: 'a', Value: 'b' }) })] }),
      'Data[0].EXT.MainOrder.Products[0].SkuAttr: at most 4 entries',
    ],
    [
      'a SKU attribute without Value',
      withMain({ Products: [product({ SkuAttr: [{ Name: '颜色' }] })] }),
      'Data[0].EXT.MainOrder.Products[0].SkuAttr[0].Value: required string',
    ],
    [
      'a DetailPage Status of 3',
      withMain({ Products: [product({ DetailPage: { Status: 3 } })] }),
      'Data[0].EXT.MainOrder.Products[0].DetailPage.Status: must be one of 0, 1, 2',
    ],
    [
      'an OrderDetail SwanSchema that is a page path, not the launch scheme',
      withMain({ OrderDetail: { Status: 2, SwanSchema: 'pages/order/detail?id=1' } }),
      'Data[0].EXT.MainOrder.OrderDetail.SwanSchema: must be the launch scheme baiduboxapp://swan/<App Key>/<page path>, not a page path',
    ],
    [
      'a SwanSchema without App Key',
      withMain({ OrderDetail: { Status: 2, SwanSchema: 'baiduboxapp://swan/' } }),
      'Data[0].EXT.MainOrder.OrderDetail.SwanSchema: must name an App Key and a page: baiduboxapp://swan/<App Key>/<page path>',
    ],
    [
      'a SwanSchema with an App Key and no page',
      withMain({ Appraise: { Status: 2, SwanSchema: 'baiduboxapp://swan/app/?id=1' } }),
      'Data[0].EXT.MainOrder.Appraise.SwanSchema: must name an App Key and a page: baiduboxapp://swan/<App Key>/<page path>',
    ],
    [
      'a SwanSchema with a raw space and non-ASCII text',
      withMain({
        Products: [
          product({ DetailPage: { SwanSchema: 'baiduboxapp://swan/app/pages/detail?name=张 三' } }),
        ],
      }),
      'Data[0].EXT.MainOrder.Products[0].DetailPage.SwanSchema: must be a URI: spaces and non-ASCII text percent-encoded, no fragment',
    ],
    [
      'a SwanSchema with a fragment',
      withMain({ OrderDetail: { SwanSchema: 'baiduboxapp://swan/app/pages/detail?id=1#top' } }),
      'Data[0].EXT.MainOrder.OrderDetail.SwanSchema: must be a URI: spaces and non-ASCII text percent-encoded, no fragment',
    ],
    [
      'an OrderDetail Status as a string',
      withMain({ OrderDetail: { Status: '2' } }),
      'Data[0].EXT.MainOrder.OrderDetail.Status: must be an integer',
    ],
    [
      'no Payment',
      withMain({ Payment: undefined }),
      'Data[0].EXT.MainOrder.Payment: required object',
    ],
    [
      'payment Method 3',
      withMain({ Payment: payment({ Method: 3 }) }),
      'Data[0].EXT.MainOrder.Payment.Method: must be one of 1, 2',
    ],
    [
      'IsPayment as 0',
      withMain({ Payment: payment({ IsPayment: 0 }) }),
      'Data[0].EXT.MainOrder.Payment.IsPayment: must be a boolean',
    ],
    [
      'a payment Time in milliseconds',
      withMain({ Payment: payment({ Time: 1571026201000 }) }),
      'Data[0].EXT.MainOrder.Payment.Time: must be at most 9999999999 (Unix seconds)',
    ],
    [
      'a PaymentInfo without Quantity',
      withMain({ Payment: payment({ PaymentInfo: [{ Name: '运费', Value: 100 }] }) }),
      'Data[0].EXT.MainOrder.Payment.PaymentInfo[0].Quantity: required integer',
    ],
    [
      'a broken Amount identity',
      withMain({ Payment: payment({ Amount: 2490 }) }),
      'Data[0].EXT.MainOrder.Payment.Amount: must equal Σ(PayPrice × Quantity) + Σ(PaymentInfo.Value × Quantity) − Σ(PreferentialInfo.Value × Quantity) = 2390, got 2490',
    ],
    [
      'an Amount that ignores quantities',
      withMain({
        Products: [product({ Quantity: 2 })],
        Payment: payment({ PreferentialInfo: [{ Name: '券', Value: 100, Quantity: 2 }] }),
      }),
      'Data[0].EXT.MainOrder.Payment.Amount: must equal Σ(PayPrice × Quantity) + Σ(PaymentInfo.Value × Quantity) − Σ(PreferentialInfo.Value × Quantity) = 4680, got 2390',
    ],
    [
      'an after-sale Status of 0 (as in the document’s example)',
      order({ EXT: { MainOrder: mainOrder({}), SubsOrder: { Status: 0, Items: [subOrder()] } } }),
      'Data[0].EXT.SubsOrder.Status: must be one of 400, 401, 402, 403, 404, 407',
    ],
    [
      'an empty SubStatus (as in the document’s example)',
      sub({ SubStatus: '' }),
      'Data[0].EXT.SubsOrder.Items[0].SubStatus: must be an integer',
    ],
    [
      'SubStatus 405',
      sub({ SubStatus: 405 }),
      'Data[0].EXT.SubsOrder.Items[0].SubStatus: must be one of 400, 401, 402, 403, 404, 407',
    ],
    [
      'OrderType 4',
      sub({ OrderType: 4 }),
      'Data[0].EXT.SubsOrder.Items[0].OrderType: must be one of 1, 2, 3',
    ],
    [
      'no CTime',
      sub({ CTime: undefined }),
      'Data[0].EXT.SubsOrder.Items[0].CTime: required integer',
    ],
    [
      'a refund without Product',
      sub({ Refund: { Amount: 10 } }),
      'Data[0].EXT.SubsOrder.Items[0].Refund.Product: required array',
    ],
    [
      'a refund amount in yuan',
      sub({ Refund: { Amount: 0.1, Product: [{ ID: '1', Quantity: 1, Amount: 10 }] } }),
      'Data[0].EXT.SubsOrder.Items[0].Refund.Amount: must be an integer (fen)',
    ],
  ])('refuses %s with invalidBody', async (_name, item, message) => {
    expect(await call('/add/main/info', { Data: [item] })).toEqual({
      errno: baiduSandboxErrnos.invalidBody,
      msg: `sandbox: ${message}`,
      data: [],
    })
    expect(stored()).toBeUndefined()
  })
})

describe('baidu sandbox module: updates', () => {
  beforeEach(async () => {
    expect((await call('/add/main/info', { Data: [order()] })).errno).toBe(0)
  })

  it('update/main/info replaces the main order and keeps the after-sale orders', async () => {
    const ext = order().EXT as Record<string, unknown>
    const main = mainOrder({
      Products: [product({ Quantity: 2 })],
      Payment: payment({ Amount: 4780, IsPayment: true, Time: 1571026300 }),
    })
    const update = {
      CateID: 1,
      BizAPPID: credentials.appKey,
      ResourceID: '2221554346520',
      Status: 5,
      Mtime: 1571026300,
      EXT: { MainOrder: main },
    }
    expect(await call('/update/main/info', { Data: [update] })).toEqual(success(['1']))
    expect(stored()).toEqual({
      ...order(),
      Status: 5,
      Mtime: 1571026300,
      EXT: { MainOrder: main, SubsOrder: ext.SubsOrder },
    })
  })

  it('update/main/info answers rows_affected "0" for an unknown ResourceID or another CateID', async () => {
    const update = {
      CateID: 1,
      BizAPPID: credentials.appKey,
      ResourceID: 'unknown',
      Status: 5,
      EXT: { MainOrder: mainOrder({}) },
    }
    expect(await call('/update/main/info', { Data: [update] })).toEqual(success(['0'], 'unknown'))
    expect(
      await call('/update/main/info', {
        Data: [{ ...update, ResourceID: '2221554346520', CateID: 2, Status: 4 }],
      }),
    ).toEqual(success(['0'], '2221554346520', '2'))
    expect(stored()).toEqual(order())
  })

  it('update/main/info checks the main order as add does and takes no after-sale orders', async () => {
    const update = {
      CateID: 1,
      BizAPPID: credentials.appKey,
      ResourceID: '2221554346520',
      Status: 5,
      EXT: { MainOrder: mainOrder({ Payment: payment({ Amount: 1 }) }) },
    }
    expect((await call('/update/main/info', { Data: [update] })).msg).toBe(
      'sandbox: Data[0].EXT.MainOrder.Payment.Amount: must equal Σ(PayPrice × Quantity) + Σ(PaymentInfo.Value × Quantity) − Σ(PreferentialInfo.Value × Quantity) = 2390, got 1',
    )
    expect(
      await call('/update/main/info', {
        Data: [
          { ...update, EXT: { MainOrder: mainOrder({}), SubsOrder: { Status: 401, Items: [] } } },
        ],
      }),
    ).toEqual({
      errno: baiduSandboxErrnos.invalidBody,
      msg: 'sandbox: Data[0].EXT.SubsOrder: not taken by update/main/info (use append/sub/info or update/sub/info)',
      data: [],
    })
    expect(stored()).toEqual(order())
  })

  it('update/main/status changes the status of each known order, "0" for the others', async () => {
    const change = (ResourceID: string, Status: number) => ({
      CateID: 1,
      BizAPPID: credentials.appKey,
      ResourceID,
      Status,
    })
    const answer = await call('/update/main/status', {
      Data: [change('2221554346520', 6), change('3221554346520', 6)],
    })
    expect(answer).toEqual({
      errno: 0,
      msg: 'success',
      data: [success(['1']).data?.[0], success(['0'], '3221554346520').data?.[0]],
    })
    expect(stored()).toEqual({ ...order(), Status: 6 })
    expect(await call('/update/main/status', { Data: [change('2221554346520', 4)] })).toEqual({
      errno: baiduSandboxErrnos.invalidBody,
      msg: 'sandbox: Data[0].Status: must be one of 1, 5, 6, 100, 200, 300',
      data: [],
    })
    expect(await call('/update/main/status', { Data: [] })).toEqual({
      errno: baiduSandboxErrnos.invalidBody,
      msg: 'sandbox: Data: at least one item',
      data: [],
    })
  })

  it.each(['/update/main/logistics', '/add/main/logistics'])(
    '%s stores the Express of a known order',
    async (path) => {
      const express = { Code: 'SF', ID: 'SF1234567890', Name: '顺丰速运', Type: 1, Status: 0 }
      const item = {
        CateID: 1,
        BizAPPID: credentials.appKey,
        ResourceID: '2221554346520',
        EXT: { MainOrder: { Express: express } },
      }
      expect(await call(path, { Data: [item] })).toEqual(success(['1']))
      const ext = order().EXT as { MainOrder: Record<string, unknown>; SubsOrder: unknown }
      expect(stored()).toEqual({
        ...order(),
        EXT: { MainOrder: { ...ext.MainOrder, Express: express }, SubsOrder: ext.SubsOrder },
      })
      expect(await call(path, { Data: [{ ...item, ResourceID: 'unknown' }] })).toEqual(
        success(['0'], 'unknown'),
      )
      expect(
        await call(path, {
          Data: [{ ...item, EXT: { MainOrder: { Express: { ...express, Type: 3 } } } }],
        }),
      ).toEqual({
        errno: baiduSandboxErrnos.invalidBody,
        msg: 'sandbox: Data[0].EXT.MainOrder.Express.Type: must be one of 1, 2',
        data: [],
      })
    },
  )

  const subs = (Status: number, Items: unknown[], ResourceID = '2221554346520') => ({
    CateID: 1,
    BizAPPID: credentials.appKey,
    ResourceID,
    EXT: { SubsOrder: { Status, Items } },
  })
  const storedSubs = () => (stored() as { EXT: { SubsOrder: unknown } }).EXT.SubsOrder

  it('append/sub/info adds after-sale orders and replaces one of the same SubOrderID', async () => {
    const replaced = { ...subOrder(), MTime: 1571030000, SubStatus: 402 }
    expect(
      await call('/append/sub/info', {
        Data: [subs(402, [subOrder('after-sale-2', 400), replaced])],
      }),
    ).toEqual(success(['1']))
    expect(storedSubs()).toEqual({ Status: 402, Items: [replaced, subOrder('after-sale-2', 400)] })
    expect(await call('/append/sub/info', { Data: [subs(400, [subOrder()], 'unknown')] })).toEqual(
      success(['0'], 'unknown'),
    )
    expect(await call('/append/sub/info', { Data: [subs(400, [])] })).toEqual({
      errno: baiduSandboxErrnos.invalidBody,
      msg: 'sandbox: Data[0].EXT.SubsOrder.Items: at least 1 entry',
      data: [],
    })
    expect(
      await call('/append/sub/info', {
        Data: [{ ...subs(400, [subOrder()]), EXT: { SubsOrder: { Items: [subOrder()] } } }],
      }),
    ).toEqual({
      errno: baiduSandboxErrnos.invalidBody,
      msg: 'sandbox: Data[0].EXT.SubsOrder.Status: required integer',
      data: [],
    })
  })

  it('takes the after-sale Data as one object, the form of the document’s examples for those endpoints', async () => {
    expect(
      await call('/append/sub/info', { Data: subs(400, [subOrder('after-sale-2', 400)]) }),
    ).toEqual(success(['1']))
    const updated = { ...subOrder('after-sale-2', 401), MTime: 1571030000 }
    expect(await call('/update/sub/info', { Data: subs(401, [updated]) })).toEqual(success(['1']))
    expect(
      await call('/update/sub/status', {
        Data: subs(402, [{ SubOrderID: 'after-sale-2', SubStatus: 402 }]),
      }),
    ).toEqual(success(['1']))
    expect(storedSubs()).toEqual({
      Status: 402,
      Items: [subOrder(), { ...updated, SubStatus: 402 }],
    })
    expect(await call('/append/sub/info', { Data: 'one' })).toEqual({
      errno: baiduSandboxErrnos.invalidBody,
      msg: 'sandbox: body: must be a JSON object {"Data": {...} or [...]}',
      data: [],
    })
  })

  it('update/sub/info replaces known after-sale orders, and changes nothing for an unknown one', async () => {
    const replaced = { ...subOrder(), SubStatus: 402, OrderType: 3, MTime: 1571030000 }
    expect(await call('/update/sub/info', { Data: [subs(402, [replaced])] })).toEqual(
      success(['1']),
    )
    expect(storedSubs()).toEqual({ Status: 402, Items: [replaced] })
    expect(
      await call('/update/sub/info', {
        Data: [subs(404, [{ ...replaced, SubStatus: 404 }, subOrder('nope')])],
      }),
    ).toEqual(success(['0']))
    expect(storedSubs()).toEqual({ Status: 402, Items: [replaced] })
  })

  it('update/sub/status changes SubStatus and the summary Status', async () => {
    expect(
      await call('/update/sub/status', {
        Data: [subs(402, [{ SubOrderID: 'after-sale-1', SubStatus: 402 }])],
      }),
    ).toEqual(success(['1']))
    expect(storedSubs()).toEqual({ Status: 402, Items: [{ ...subOrder(), SubStatus: 402 }] })
    expect(
      await call('/update/sub/status', {
        Data: [subs(402, [{ SubOrderID: 'nope', SubStatus: 402 }])],
      }),
    ).toEqual(success(['0']))
    expect(
      await call('/update/sub/status', {
        Data: [subs(402, [{ SubOrderID: 'after-sale-1', SubStatus: 408 }])],
      }),
    ).toEqual({
      errno: baiduSandboxErrnos.invalidBody,
      msg: 'sandbox: Data[0].EXT.SubsOrder.Items[0].SubStatus: must be one of 400, 401, 402, 403, 404, 407',
      data: [],
    })
  })

  it('serves update/sub/status only at the ordercenter path by default: the page’s own path is a 404', async () => {
    const response = await fetch(
      `${sandbox.url}${pagePath}?${new URLSearchParams({ access_token: await fetchToken(), open_id: 'open-id-1' })}`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          Data: subs(404, [{ SubOrderID: 'after-sale-1', SubStatus: 404 }]),
        }),
      },
    )
    expect(response.status).toBe(404)
    expect(await response.json()).toEqual({
      error: `no sandbox platform serves POST ${pagePath}`,
    })
    expect(storedSubs()).toEqual((order().EXT as { SubsOrder: unknown }).SubsOrder)
  })
})

describe('baidu sandbox module: options', () => {
  it('serves update/sub/status at the page’s own path too, without ordercenter, with servePageSubStatusPath', async () => {
    await withModule({ servePageSubStatusPath: true }, async (other) => {
      expect(await other.call('/add/main/info', { Data: [other.order()] })).toEqual(
        other.success(['1']),
      )
      const response = await fetch(`${other.url}${pagePath}?${other.query()}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          Data: other.subs(404, [{ SubOrderID: 'after-sale-1', SubStatus: 404 }]),
        }),
      })
      expect(await response.json()).toEqual(other.success(['1']))
      expect(other.stored()).toEqual({
        ...other.order(),
        EXT: {
          ...(other.order().EXT as Record<string, unknown>),
          SubsOrder: { Status: 404, Items: [{ ...subOrder(), SubStatus: 404 }] },
        },
      })
      expect(other.sandbox.control.counters('baidu').requests[pagePath]).toBe(1)
    })
  })

  it('requires scene_id of every call with sceneId: "always", and only of a cashier payment by default', async () => {
    const unpaid = { Data: [order()] } // Method 1, IsPayment false: no cashier payment
    const noScene = { query: { scene_id: undefined } }
    expect(await call('/add/main/info', unpaid, noScene)).toEqual(success(['1']))
    await withModule({ sceneId: 'always' }, async (other) => {
      expect(
        await other.call('/add/main/info', { Data: [other.order()] }, { scene_id: undefined }),
      ).toEqual({
        errno: baiduSandboxErrnos.invalidQuery,
        msg: 'sandbox: query.scene_id: required (the cashier orderId)',
        data: [],
      })
      expect(other.stored()).toBeUndefined()
      expect(await other.call('/add/main/info', { Data: [other.order()] })).toEqual(
        other.success(['1']),
      )
      // A cash-on-delivery order needs it too under 'always'.
      const change = {
        CateID: 1,
        BizAPPID: other.credentials.appKey,
        ResourceID: '2221554346520',
        Status: 6,
      }
      expect(
        (await other.call('/update/main/status', { Data: [change] }, { scene_id: undefined })).msg,
      ).toBe('sandbox: query.scene_id: required (the cashier orderId)')
    })
  })
})

describe('baidu sandbox module: faults', () => {
  it('injects a gateway error and a 503 through the control API, then answers normally', async () => {
    const token = await fetchToken()
    sandbox.control.injectFault({
      platform: 'baidu',
      endpoint: `${base}/add/main/info`,
      action: { type: 'body', body: { error_code: 111, error_msg: 'Access token expired' } },
    })
    expect(await call('/add/main/info', { Data: [order()] }, { token })).toEqual({
      error_code: 111,
      error_msg: 'Access token expired',
    })
    expect(stored()).toBeUndefined()

    const response = await fetch(`${sandbox.url}/_sandbox/faults`, {
      method: 'POST',
      body: JSON.stringify({
        platform: 'baidu',
        endpoint: `${base}/add/main/info`,
        action: { type: 'status', status: 503 },
      }),
    })
    expect(response.status).toBe(201)
    const failed = await fetch(`${sandbox.url}${base}/add/main/info?access_token=${token}`, {
      method: 'POST',
      body: '{}',
    })
    expect(failed.status).toBe(503)
    expect(await call('/add/main/info', { Data: [order()] }, { token })).toEqual(success(['1']))
    expect(sandbox.control.log('baidu').map((entry) => [entry.status, entry.fault])).toEqual([
      [200, undefined],
      [200, 'body'],
      [503, 'status'],
      [200, undefined],
    ])
  })
})
