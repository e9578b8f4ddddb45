import {
  ApiCallError,
  AuthenticationError,
  createMemoryVersionStore,
  type OrderInput,
  parseOrder,
  type SyncWarning,
  syncOrders,
  ValidationError,
} from '@ordersync/core'
import { createBaiduSandboxModule, type Sandbox, startSandbox } from '@ordersync/sandbox'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { type BaiduSettings, createBaidu } from './baidu-client.ts'
import { platformDescriptor } from './baidu-descriptor.ts'
import { baiduDocumentOrder } from './baidu-document-order.ts'
import {
  baiduDocumentAddRequest,
  baiduDocumentAppendSubInfoRequest,
  baiduDocumentUpdateMainInfoRequest,
  baiduDocumentUpdateMainStatusRequest,
  baiduDocumentUpdateSubInfoRequest,
  baiduDocumentUpdateSubStatusRequest,
} from './test/baidu-document-requests.ts'

const cny = (amount: number) => ({ amount, currency: 'CNY' }) as const
const order: OrderInput = {
  ...baiduDocumentOrder,
  buyer: { platformUserId: 'k5nF3wqL9', phone: '13800138000' },
  payments: [
    {
      method: 'online',
      amount: cny(2390),
      paidAt: 1_233_212_343_000,
      transactionId: '15925907919',
    },
  ],
}

let sandbox: Sandbox
beforeAll(async () => {
  sandbox = await startSandbox({ modules: [createBaiduSandboxModule()] })
})
afterAll(async () => {
  await sandbox.close()
})
beforeEach(() => {
  sandbox.control.reset()
})

function client(overrides: Partial<BaiduSettings> = {}) {
  const credentials = sandbox.credentials.baidu ?? {}
  return createBaidu({
    appKey: credentials.appKey ?? '',
    appSecret: credentials.appSecret ?? '',
    paymentAppKey: credentials.paymentAppKey ?? '',
    baseURL: sandbox.url,
    retry: { maxAttempts: 3, initialDelayMs: 1, maxDelayMs: 5 },
    ...overrides,
  })
}
const appKey = () => sandbox.credentials.baidu?.appKey ?? ''

/** A fetch that records what is sent and answers Baidu's token and success envelopes. */
function recordingFetch(answer: (body: string) => unknown = () => undefined) {
  const sent: { method: string; url: string; headers: Record<string, string>; body: string }[] = []
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const request = new Request(input as RequestInfo, init)
    const body = await request.text()
    sent.push({
      method: request.method,
      url: request.url,
      headers: Object.fromEntries(request.headers),
      body,
    })
    const json = new URL(request.url).pathname.startsWith('/oauth/')
      ? {
          access_token: '24.fixed-token.2592000',
          expires_in: 2592000,
          scope: 'smartapp_snsapi_base',
        }
      : (answer(body) ?? {
          errno: 0,
          msg: 'success',
          data: [
            { biz_app_id: 'k', cate_id: '1', resource_id: '2221554346520', rows_affected: '1' },
          ],
        })
    return new Response(JSON.stringify(json), {
      status: 200,
      headers: { 'content-type': 'application/json' },
    })
  }
  return { fetch, sent }
}

const fixed = {
  appKey: 'a392qXwK8L5GDUWhFoC01cKwoy7tmehg',
  appSecret: 'fixed-app-secret-3a7e',
  paymentAppKey: 'MMUfixedpaymentkey',
}

describe('createBaidu', () => {
  it('sends exactly these bytes: the token request, then add/main/info with its query, headers and body', async () => {
    const { fetch, sent } = recordingFetch()
    const report = await syncOrders({ platform: createBaidu({ ...fixed, fetch }), orders: [order] })
    expect(report.results[0]).toMatchObject({
      status: 'succeeded',
      platformIds: { resource_id: '2221554346520' },
    })
    expect(sent.map((request) => `${request.method} ${request.url}`)).toMatchInlineSnapshot(`
      [
        "POST https://openapi.baidu.com/oauth/2.0/token?grant_type=client_credentials&client_id=a392qXwK8L5GDUWhFoC01cKwoy7tmehg&client_secret=fixed-app-secret-3a7e&scope=smartapp_snsapi_base",
        "POST https://openapi.baidu.com/rest/2.0/smartapp/ordercenter/app/add/main/info?access_token=24.fixed-token.2592000&open_id=k5nF3wqL9&scene_id=15925907919&scene_type=2&pm_app_key=MMUfixedpaymentkey",
      ]
    `)
    expect(sent[0]?.body).toBe('')
    expect(sent[1]?.headers).toMatchInlineSnapshot(`
      {
        "content-type": "application/json",
        "user-agent": "ordersync/baidu/0.0.0-test",
      }
    `)
    expect(sent[1]?.body).toMatchInlineSnapshot(
      `"{"Data":[{"CateID":1,"BizAPPID":"a392qXwK8L5GDUWhFoC01cKwoy7tmehg","Title":"test","ResourceID":"2221554346520","Ctime":1233212343,"Mtime":1571026201,"Status":200,"EXT":{"MainOrder":{"Products":[{"ID":"1014093064","Name":"四川大凉山丑苹果脆甜红将军盐源丑苹果","Desc":"四川大凉山丑苹果脆甜:5斤小果25个左右偏小;","Quantity":1,"Price":2390,"PayPrice":2390,"ImgList":["https://imagelib.cdn.bcebos.com/cip_ml_picbc34db9a-7e10-4a96-bf8e-1c690640c6a4.jpeg"],"SkuAttr":[{"Name":"四川大凉山丑苹果脆甜","Value":"5斤小果25个左右偏小"}]}],"Payment":{"Time":1233212343,"Method":1,"Amount":2390,"IsPayment":true,"PreferentialInfo":[{"Name":"优惠券使用","Value":100,"Quantity":1}],"PaymentInfo":[{"Name":"运费","Value":100,"Quantity":1}]},"OrderDetail":{"Status":2,"SwanSchema":"baiduboxapp://swan/B3GF3AWvCSr59myIs61uqaoYz7pPCSY1/wjz/bdxd/order-detail/order-detail?orderId=159259079195"}},"SubsOrder":{"Status":402,"Items":[{"SubOrderID":"onlyOne","SubStatus":402,"CTime":1571026201,"MTime":1571026201,"OrderDetail":{"Status":2,"SwanSchema":"baiduboxapp://swan/B3GF3AWvCSr59myIs61uqaoYz7pPCSY1/wjz/bdxd/order-detail/order-detail?orderId=159259079195"},"Refund":{"Amount":10,"Product":[{"ID":"1014093064","Quantity":1,"Amount":10}]},"OrderType":1}]}}}]}"`,
    )
    // The same body parsed, for a reader (keys sorted; the bytes above keep the order sent).
    expect(JSON.parse(sent[1]?.body ?? '')).toMatchInlineSnapshot(`
      {
        "Data": [
          {
            "BizAPPID": "a392qXwK8L5GDUWhFoC01cKwoy7tmehg",
            "CateID": 1,
            "Ctime": 1233212343,
            "EXT": {
              "MainOrder": {
                "OrderDetail": {
                  "Status": 2,
                  "SwanSchema": "baiduboxapp://swan/B3GF3AWvCSr59myIs61uqaoYz7pPCSY1/wjz/bdxd/order-detail/order-detail?orderId=159259079195",
                },
                "Payment": {
                  "Amount": 2390,
                  "IsPayment": true,
                  "Method": 1,
                  "PaymentInfo": [
                    {
                      "Name": "运费",
                      "Quantity": 1,
                      "Value": 100,
                    },
                  ],
                  "PreferentialInfo": [
                    {
                      "Name": "优惠券使用",
                      "Quantity": 1,
                      "Value": 100,
                    },
                  ],
                  "Time": 1233212343,
                },
                "Products": [
                  {
                    "Desc": "四川大凉山丑苹果脆甜:5斤小果25个左右偏小;",
                    "ID": "1014093064",
                    "ImgList": [
                      "https://imagelib.cdn.bcebos.com/cip_ml_picbc34db9a-7e10-4a96-bf8e-1c690640c6a4.jpeg",
                    ],
                    "Name": "四川大凉山丑苹果脆甜红将军盐源丑苹果",
                    "PayPrice": 2390,
                    "Price": 2390,
                    "Quantity": 1,
                    "SkuAttr": [
                      {
                        "Name": "四川大凉山丑苹果脆甜",
                        "Value": "5斤小果25个左右偏小",
                      },
                    ],
                  },
                ],
              },
              "SubsOrder": {
                "Items": [
                  {
                    "CTime": 1571026201,
                    "MTime": 1571026201,
                    "OrderDetail": {
                      "Status": 2,
                      "SwanSchema": "baiduboxapp://swan/B3GF3AWvCSr59myIs61uqaoYz7pPCSY1/wjz/bdxd/order-detail/order-detail?orderId=159259079195",
                    },
                    "OrderType": 1,
                    "Refund": {
                      "Amount": 10,
                      "Product": [
                        {
                          "Amount": 10,
                          "ID": "1014093064",
                          "Quantity": 1,
                        },
                      ],
                    },
                    "SubOrderID": "onlyOne",
                    "SubStatus": 402,
                  },
                ],
                "Status": 402,
              },
            },
            "Mtime": 1571026201,
            "ResourceID": "2221554346520",
            "Status": 200,
            "Title": "test",
          },
        ],
      }
    `)
  })

  it('sends an update with the given query (swan_id, no scene_id) and Data as a list', async () => {
    const { fetch, sent } = recordingFetch()
    await createBaidu({ ...fixed, fetch }).api.updateSubStatus({
      query: { swan_id: 'swan-4f1c' },
      body: {
        Data: {
          CateID: 2,
          BizAPPID: fixed.appKey,
          ResourceID: '2221554346520',
          EXT: { SubsOrder: { Status: 401, Items: [{ SubOrderID: 'onlyOne', SubStatus: 401 }] } },
        },
      },
    })
    expect(sent[1]?.url).toMatchInlineSnapshot(
      `"https://openapi.baidu.com/rest/2.0/smartapp/ordercenter/app/update/sub/status?access_token=24.fixed-token.2592000&swan_id=swan-4f1c&scene_type=2&pm_app_key=MMUfixedpaymentkey"`,
    )
    expect(sent[1]?.body).toMatchInlineSnapshot(
      `"{"Data":[{"CateID":2,"BizAPPID":"a392qXwK8L5GDUWhFoC01cKwoy7tmehg","ResourceID":"2221554346520","EXT":{"SubsOrder":{"Status":401,"Items":[{"SubOrderID":"onlyOne","SubStatus":401}]}}}]}"`,
    )
    // The same body parsed, for a reader (keys sorted; the bytes above keep the order sent).
    expect(JSON.parse(sent[1]?.body ?? '')).toMatchInlineSnapshot(`
      {
        "Data": [
          {
            "BizAPPID": "a392qXwK8L5GDUWhFoC01cKwoy7tmehg",
            "CateID": 2,
            "EXT": {
              "SubsOrder": {
                "Items": [
                  {
                    "SubOrderID": "onlyOne",
                    "SubStatus": 401,
                  },
                ],
                "Status": 401,
              },
            },
            "ResourceID": "2221554346520",
          },
        ],
      }
    `)
  })

  it('uses tokenURL for the token and keeps it for expires_in, across calls', async () => {
    const { fetch, sent } = recordingFetch()
    const baidu = createBaidu({ ...fixed, fetch, tokenURL: 'https://auth.example/oauth/2.0/token' })
    await syncOrders({ platform: baidu, orders: [order, { ...order, id: 'second' }] })
    expect(
      sent.map((request) => new URL(request.url).origin + new URL(request.url).pathname),
    ).toEqual([
      'https://auth.example/oauth/2.0/token',
      'https://openapi.baidu.com/rest/2.0/smartapp/ordercenter/app/add/main/info',
      'https://openapi.baidu.com/rest/2.0/smartapp/ordercenter/app/add/main/info',
    ])
  })

  it('stores the order in the sandbox, and a second add overwrites it whole, after-sale orders included', async () => {
    const baidu = client()
    expect((await syncOrders({ platform: baidu, orders: [order] })).succeeded).toBe(1)
    const stored = () =>
      sandbox.control.orders('baidu').get('2221554346520') as {
        Status: number
        EXT: { SubsOrder?: { Items: unknown[] } }
      }
    expect(stored().EXT.SubsOrder?.Items).toHaveLength(1)
    await syncOrders({
      platform: baidu,
      orders: [
        { ...order, status: 'shipped', afterSales: undefined, modifiedAt: 1_600_000_000_000 },
      ],
    })
    expect(stored().Status).toBe(6)
    expect(stored().EXT.SubsOrder).toBeUndefined()
  })

  it('reports an order Baidu did not apply (rows_affected "0" with errno 0) as failed, the others as succeeded', async () => {
    const { fetch } = recordingFetch((body) =>
      body.includes('"ResourceID":"bad"')
        ? { errno: 0, msg: 'success', data: [{ resource_id: 'bad', rows_affected: '0' }] }
        : undefined,
    )
    const report = await syncOrders({
      platform: createBaidu({ ...fixed, fetch }),
      orders: [order, { ...order, id: 'bad' }],
    })
    expect(report.results.map((result) => result.status)).toEqual(['succeeded', 'failed'])
    const failed = report.results[1]
    expect(failed?.status === 'failed' && failed.error.message).toBe(
      '[ordersync] [baidu] /rest/2.0/smartapp/ordercenter/app/add/main/info: Baidu did not store ResourceID "bad" (rows_affected "0") although errno is 0 — check the order\'s BizAPPID, CateID and Status, and the open_id or swan_id (rows_affected_0)',
    )
    expect(
      failed?.status === 'failed' &&
        ApiCallError.isInstance(failed.error) &&
        failed.error.retryable,
    ).toBe(false)
  })

  it('refreshes the token once on error_code 110 and replays; twice rejected is an AuthenticationError', async () => {
    const baidu = client()
    await syncOrders({ platform: baidu, orders: [order] })
    sandbox.control.invalidateTokens('baidu')
    expect(
      (await syncOrders({ platform: baidu, orders: [{ ...order, id: 'again' }] })).succeeded,
    ).toBe(1)
    expect(sandbox.control.counters('baidu').tokenRequests).toBe(2)
    sandbox.control.injectFault({
      platform: 'baidu',
      endpoint: '/rest/2.0/smartapp/ordercenter/app/add/main/info',
      action: { type: 'body', body: { error_code: 111, error_msg: 'Access token expired' } },
      times: 2,
    })
    const report = await syncOrders({ platform: client(), orders: [order] })
    const result = report.results[0]
    expect(result?.status === 'failed' && AuthenticationError.isInstance(result.error)).toBe(true)
  })

  it('fails fast on a configuration error of the gateway (error_code 5: this IP is not allowed)', async () => {
    sandbox.control.injectFault({
      platform: 'baidu',
      endpoint: '/rest/2.0/smartapp/ordercenter/app/add/main/info',
      action: {
        type: 'body',
        body: { error_code: 5, error_msg: 'Unauthorized client IP address' },
      },
    })
    const orders = [0, 1, 2, 3].map((index) => ({ ...order, id: `ip-${index}` }))
    const report = await syncOrders({ platform: client(), orders, concurrency: 1 })
    const error = report.results[0]?.status === 'failed' ? report.results[0].error : undefined
    expect(ApiCallError.isInstance(error) && error.concerns).toBe('configuration')
    // Every further call would fail the same way: the others are not sent.
    expect(report.results.map((result) => result.status)).toEqual([
      'failed',
      'failed',
      'failed',
      'failed',
    ])
    expect(
      sandbox.control.counters('baidu').requests[
        '/rest/2.0/smartapp/ordercenter/app/add/main/info'
      ],
    ).toBe(1)
    expect(error?.message).toContain(
      "Unauthorized client IP address — add this server's IP address to the mini program's IP allow list",
    )
  })

  it('stops a run whose every call fails with the same unknown errno (a wrong paymentAppKey) within 2 × concurrency + 2 requests, the token request included', async () => {
    const orders = Array.from({ length: 100 }, (_, index) => platformDescriptor.makeOrder(index))
    const report = await syncOrders({
      platform: client({ paymentAppKey: 'MMUnot-the-payment-service' }),
      orders,
    })
    // The default concurrency is 4: at most 2 × 4 + 2 requests, where one per order were 101.
    const requests = sandbox.control.log('baidu')
    expect(requests.length).toBeLessThanOrEqual(10)
    expect(requests.filter((entry) => entry.kind === 'token')).toHaveLength(1)
    expect(report.failed).toBe(100)
    const sent = report.results.filter(
      (result) => result.status === 'failed' && result.delivery === 'rejected',
    )
    expect(sent).toHaveLength(requests.length - 1)
    for (const result of sent) {
      const error = result.status === 'failed' ? result.error : undefined
      expect(ApiCallError.isInstance(error) && [error.platformCode, error.concerns]).toEqual([
        1003,
        'unknown',
      ])
    }
    const notSent = report.results.filter(
      (result) => result.status === 'failed' && result.delivery === 'not_sent',
    )
    expect(notSent).toHaveLength(100 - sent.length)
    const stop = notSent[0]?.status === 'failed' ? notSent[0].error : undefined
    expect(stop?.message).toContain(
      'the first 3 sends all failed with the same answer the client cannot place (code 1003, HTTP 200)',
    )
  })

  it('keeps sending through an errno declared in orderErrnos: each order fails alone, about the order', async () => {
    const orders = Array.from({ length: 10 }, (_, index) => platformDescriptor.makeOrder(index))
    const report = await syncOrders({
      platform: client({ paymentAppKey: 'MMUnot-the-payment-service', orderErrnos: [1003] }),
      orders,
    })
    expect(sandbox.control.log('baidu')).toHaveLength(11)
    expect(
      report.results.map(
        (result) =>
          result.status === 'failed' &&
          ApiCallError.isInstance(result.error) &&
          `${result.delivery} ${result.error.platformCode} ${result.error.concerns}`,
      ),
    ).toEqual(Array.from({ length: 10 }, () => 'rejected 1003 order'))
  })

  it('keeps sending through a gateway code the table places about the order (error_code 100)', async () => {
    const { fetch, sent } = recordingFetch(() => ({
      error_code: 100,
      error_msg: 'Invalid parameter',
    }))
    const orders = Array.from({ length: 6 }, (_, index) => ({ ...order, id: `order-${index}` }))
    const report = await syncOrders({ platform: createBaidu({ ...fixed, fetch }), orders })
    expect(sent).toHaveLength(7)
    expect(
      report.results.map(
        (result) =>
          result.status === 'failed' &&
          ApiCallError.isInstance(result.error) &&
          `${result.delivery} ${result.error.concerns}`,
      ),
    ).toEqual(Array.from({ length: 6 }, () => 'rejected order'))
  })

  it('reports a wrong secret at the token endpoint as an AuthenticationError, the order not sent', async () => {
    const report = await syncOrders({
      platform: client({ appSecret: 'wrong-secret' }),
      orders: [order],
    })
    const result = report.results[0]
    const error = result?.status === 'failed' ? result.error : undefined
    expect(error?.message).toContain('token request refused (invalid_client: unknown client id)')
    expect(AuthenticationError.isInstance(error) && error.concerns).toBe('credentials')
    expect(result?.status === 'failed' && result.delivery).toBe('not_sent')
    expect(JSON.stringify({ message: error?.message, error })).not.toContain('wrong-secret')
  })

  it('accepts the document’s raw add example through api.addMainInfo, with warnings where its own values break its rules', async () => {
    const { fetch, sent } = recordingFetch()
    const baidu = createBaidu({ ...fixed, fetch })
    const { response, rejected, warnings } = await baidu.api.addMainInfo(
      baiduDocumentAddRequest as never,
    )
    expect(response.errno).toBe(0)
    expect(rejected).toEqual([])
    expect(sent).toHaveLength(2)
    expect(JSON.parse(sent[1]?.body ?? '')).toEqual(baiduDocumentAddRequest.body)
    expect(warnings.map((warning) => `${warning.path.join('.')}: ${warning.message}`)).toEqual([
      'body.Data.0.EXT.SubsOrder.Status: is 0 as in the document’s examples, but the table requires the summary status (400, 401, 402, 403, 404, 407): Baidu may refuse it',
      'body.Data.0.EXT.SubsOrder.Items.0.SubStatus: is "" as in the document’s examples, but the table wants one of 400, 401, 402, 403, 404, 407: Baidu may refuse it',
      'body.Data.0.EXT.SubsOrder.Items.0.Refund.Amount: is 10 fen but the products’ Amount add up to 0 fen',
    ])
  })

  it('accepts the other raw examples, sending Data as a list as Baidu’s SDK does', async () => {
    const { fetch, sent } = recordingFetch()
    const baidu = createBaidu({ ...fixed, fetch })
    const codes = async (
      call: Promise<{ warnings: readonly { path: readonly (string | number)[]; code: string }[] }>,
    ) => (await call).warnings.map((warning) => `${warning.path.join('.')}: ${warning.code}`)
    expect(
      await codes(baidu.api.updateMainInfo(baiduDocumentUpdateMainInfoRequest as never)),
    ).toEqual([])
    expect(
      await codes(baidu.api.updateMainStatus(baiduDocumentUpdateMainStatusRequest as never)),
    ).toEqual([])
    expect(
      await codes(baidu.api.appendSubInfo(baiduDocumentAppendSubInfoRequest as never)),
    ).toEqual([
      'body.Data.EXT.SubsOrder.Status: document_placeholder',
      'body.Data.EXT.SubsOrder.Items.0.SubStatus: document_placeholder',
      'body.Data.EXT.SubsOrder.Items.0.Refund.Amount: sum_mismatch',
    ])
    expect(
      await codes(baidu.api.updateSubInfo(baiduDocumentUpdateSubInfoRequest as never)),
    ).toEqual([
      'body.Data.EXT.SubsOrder.Status: document_placeholder',
      'body.Data.EXT.SubsOrder.Items.0.SubStatus: document_placeholder',
      'body.Data.EXT.SubsOrder.Items.0.Refund.Amount: sum_mismatch',
    ])
    expect(
      await codes(baidu.api.updateSubStatus(baiduDocumentUpdateSubStatusRequest as never)),
    ).toEqual([
      'body.Data.EXT.SubsOrder.Status: document_placeholder',
      'body.Data.EXT.SubsOrder.Items.0.SubStatus: document_placeholder',
      'body.Data.EXT.SubsOrder.Items.1.SubStatus: document_placeholder',
      'body.Data.EXT.SubsOrder.Items.1.SubOrderID: duplicate_id',
    ])
    const paths = sent
      .slice(1)
      .map((request) =>
        new URL(request.url).pathname.replace('/rest/2.0/smartapp/ordercenter/app', ''),
      )
    expect(paths).toEqual([
      '/update/main/info',
      '/update/main/status',
      '/append/sub/info',
      '/update/sub/info',
      '/update/sub/status',
    ])
    const sub = JSON.parse(sent[5]?.body ?? '{}') as { Data: unknown }
    expect(sub.Data).toEqual([baiduDocumentUpdateSubStatusRequest.body.Data])
  })

  it('warns on a raw request whose Payment.Amount breaks the formula, and sends it as given', async () => {
    const { fetch, sent } = recordingFetch()
    const [example] = baiduDocumentAddRequest.body.Data
    const broken = {
      ...baiduDocumentAddRequest,
      body: {
        Data: [
          {
            ...example,
            EXT: {
              MainOrder: {
                ...example.EXT.MainOrder,
                Payment: { ...example.EXT.MainOrder.Payment, Amount: 2490 },
              },
            },
          },
        ],
      },
    }
    const { warnings } = await createBaidu({ ...fixed, fetch }).api.addMainInfo(broken as never)
    expect(warnings).toEqual([
      {
        path: ['body', 'Data', 0, 'EXT', 'MainOrder', 'Payment', 'Amount'],
        code: 'sum_mismatch',
        message:
          'is 2490 fen but Σ(PayPrice × Quantity) 2390 fen + Σ(PaymentInfo) 100 fen − Σ(PreferentialInfo) 100 fen = 2390 fen',
      },
    ])
    expect(sent).toHaveLength(2)
  })

  it('refuses a raw request that breaks the document’s types, enums and limits, sending nothing', async () => {
    const { fetch, sent } = recordingFetch()
    const [example] = baiduDocumentAddRequest.body.Data
    const broken = {
      // The document marks open_id required on every endpoint: a query without it (or a swan_id).
      query: { scene_id: '15925907919' },
      body: {
        Data: [
          {
            ...example,
            CateID: 3,
            Ctime: 1_233_212_343_000,
            EXT: {
              MainOrder: {
                ...example.EXT.MainOrder,
                Products: [{ ...example.EXT.MainOrder.Products[0], Price: 23.9 }],
              },
            },
          },
        ],
      },
    }
    const error = await createBaidu({ ...fixed, fetch })
      .api.addMainInfo(broken as never)
      .catch((caught: unknown) => caught)
    expect(ValidationError.isInstance(error)).toBe(true)
    expect((error as ValidationError).issues.map((issue) => issue.path.join('.'))).toEqual([
      'query.open_id',
      'body.Data.0.CateID',
      'body.Data.0.Ctime',
      'body.Data.0.EXT.MainOrder.Products.0.Price',
    ])
    expect(sent).toHaveLength(0)
  })

  it('updates an order the sandbox holds through the update endpoints; an unknown one comes back in rejected', async () => {
    const baidu = client()
    await syncOrders({ platform: baidu, orders: [order] })
    const query = { open_id: 'k5nF3wqL9', scene_id: '15925907919' }
    const key = { CateID: 1, BizAPPID: appKey(), ResourceID: '2221554346520' } as const
    const status = await baidu.api.updateMainStatus({
      query,
      body: {
        Data: [
          { ...key, Status: 6 },
          { ...key, ResourceID: 'unknown', Status: 6 },
        ],
      },
    })
    expect(status.rejected.map((row) => row.resource_id)).toEqual(['unknown'])
    const logistics = await baidu.api.updateMainLogistics({
      query,
      body: {
        Data: [
          {
            ...key,
            EXT: {
              MainOrder: {
                Express: { ID: 'SF1234567890', Type: 1, Code: 'shunfeng', Name: '顺丰', Status: 0 },
              },
            },
          },
        ],
      },
    })
    expect(logistics.rejected).toEqual([])
    const appended = await baidu.api.appendSubInfo({
      query,
      body: {
        Data: {
          ...key,
          EXT: {
            SubsOrder: {
              Status: 400,
              Items: [
                {
                  SubOrderID: 'r2',
                  SubStatus: 400,
                  CTime: 1600000000,
                  MTime: 1600000000,
                  OrderType: 3,
                },
              ],
            },
          },
        },
      },
    })
    expect(appended.rejected).toEqual([])
    const subStatus = await baidu.api.updateSubStatus({
      query,
      body: {
        Data: {
          ...key,
          EXT: { SubsOrder: { Status: 402, Items: [{ SubOrderID: 'r2', SubStatus: 402 }] } },
        },
      },
    })
    expect(subStatus.rejected).toEqual([])
    const stored = sandbox.control.orders('baidu').get('2221554346520') as {
      Status: number
      EXT: { SubsOrder: { Status: number; Items: { SubOrderID: string; SubStatus: number }[] } }
    }
    expect(stored.Status).toBe(6)
    expect(stored.EXT.SubsOrder.Status).toBe(402)
    expect(
      stored.EXT.SubsOrder.Items.map((item) => `${item.SubOrderID} ${item.SubStatus}`),
    ).toEqual(['onlyOne 402', 'r2 402'])
  })

  it('sends the buyer’s open_id beside a swan_id, as the document requires open_id on every endpoint', async () => {
    const { fetch, sent } = recordingFetch()
    await syncOrders({
      platform: createBaidu({ ...fixed, fetch }),
      orders: [{ ...order, platformOptions: { baidu: { swanId: 'swan-4f1c' } } }],
    })
    expect(sent[1]?.url).toMatchInlineSnapshot(
      `"https://openapi.baidu.com/rest/2.0/smartapp/ordercenter/app/add/main/info?access_token=24.fixed-token.2592000&open_id=k5nF3wqL9&swan_id=swan-4f1c&scene_id=15925907919&scene_type=2&pm_app_key=MMUfixedpaymentkey"`,
    )
    await syncOrders({
      platform: createBaidu({ ...fixed, fetch, sendOpenIdWithSwanId: false }),
      orders: [{ ...order, platformOptions: { baidu: { swanId: 'swan-4f1c' } } }],
    })
    expect(sent.at(-1)?.url).toMatchInlineSnapshot(
      `"https://openapi.baidu.com/rest/2.0/smartapp/ordercenter/app/add/main/info?access_token=24.fixed-token.2592000&swan_id=swan-4f1c&scene_id=15925907919&scene_type=2&pm_app_key=MMUfixedpaymentkey"`,
    )
  })

  it('counts a row only for the order’s own ResourceID: a row for another id, or none, fails and says how many rows came back, never their ids', async () => {
    const { fetch } = recordingFetch((body) =>
      body.includes('"ResourceID":"2221554346520"')
        ? {
            errno: 0,
            msg: 'success',
            data: [
              { biz_app_id: 'k', cate_id: '1', resource_id: 'someone-else', rows_affected: '1' },
            ],
          }
        : { errno: 0, msg: 'success', data: [] },
    )
    const report = await syncOrders({
      platform: createBaidu({ ...fixed, fetch }),
      orders: [order, { ...order, id: 'no-row' }],
    })
    const errors = report.results.map((result) =>
      result.status === 'failed' ? [result.delivery, result.error.message] : result.status,
    )
    expect(errors).toEqual([
      [
        'uncertain',
        '[ordersync] [baidu] /rest/2.0/smartapp/ordercenter/app/add/main/info: Baidu answered errno 0 with 1 row(s), none for this order\'s ResourceID "2221554346520": whether it stored the order is unknown — sync it again, and if this repeats, show Baidu the answer (no_row_for_resource_id) — the platform may have stored the order; re-syncing it is safe, because every sync endpoint is an upsert',
      ],
      [
        'uncertain',
        '[ordersync] [baidu] /rest/2.0/smartapp/ordercenter/app/add/main/info: Baidu answered errno 0 with no rows, none for this order\'s ResourceID "no-row": whether it stored the order is unknown — sync it again, and if this repeats, show Baidu the answer (no_row_for_resource_id) — the platform may have stored the order; re-syncing it is safe, because every sync endpoint is an upsert',
      ],
    ])
    // Another order's ResourceID never shows in this order's error.
    expect(JSON.stringify(errors)).not.toContain('someone-else')
  })

  it('syncs cash on delivery with the default settings: shipped and unpaid, then completed and paid in cash', async () => {
    const baidu = client()
    const shipped: OrderInput = {
      ...order,
      status: 'shipped',
      cashOnDelivery: true,
      paidAmount: { amount: 0, currency: 'CNY' },
      payments: undefined,
      afterSales: undefined,
      modifiedAt: 1_600_000_000_000,
    }
    const completed: OrderInput = {
      ...shipped,
      status: 'completed',
      paidAmount: { amount: 2390, currency: 'CNY' },
      payments: [
        { method: 'cash', amount: { amount: 2390, currency: 'CNY' }, paidAt: 1_600_000_100_000 },
      ],
      modifiedAt: 1_600_000_100_000,
    }
    const report = await syncOrders({
      platform: baidu,
      orders: [shipped, completed],
      versionStore: createMemoryVersionStore(),
    })
    expect(report.results.map((result) => [result.status, result.warnings])).toEqual([
      [
        'succeeded',
        [
          {
            path: ['buyer', 'phone'],
            code: 'field_dropped',
            message: 'Baidu has no field for buyer.phone: it is not reported',
          },
        ],
      ],
      [
        'succeeded',
        [
          {
            path: ['buyer', 'phone'],
            code: 'field_dropped',
            message: 'Baidu has no field for buyer.phone: it is not reported',
          },
        ],
      ],
    ])
    const stored = sandbox.control.orders('baidu').get('2221554346520') as {
      Status: number
      EXT: { MainOrder: { Payment: unknown } }
    }
    expect(stored.Status).toBe(200)
    expect(stored.EXT.MainOrder.Payment).toEqual({
      Time: 1600000100,
      Method: 2,
      Amount: 2390,
      IsPayment: true,
      PreferentialInfo: [{ Name: '优惠券使用', Value: 100, Quantity: 1 }],
      PaymentInfo: [{ Name: '运费', Value: 100, Quantity: 1 }],
    })
    // The second version goes through update/main/info (the version store knows the first is
    // stored); neither call carries a scene_id.
    const sent = sandbox.control
      .log('baidu')
      .filter((entry) => entry.kind === 'api')
      .map((entry) => [
        entry.endpoint.replace('/rest/2.0/smartapp/ordercenter/app/', ''),
        new URLSearchParams(entry.query).has('scene_id'),
      ])
    expect(sent).toEqual([
      ['add/main/info', false],
      ['update/main/info', false],
    ])
  })

  it('warns when a version stored after another leaves out its after-sale orders, which add/main/info erases', async () => {
    const baidu = client()
    const later = (modifiedAt: number, afterSales: OrderInput['afterSales']): OrderInput => ({
      ...order,
      buyer: { platformUserId: 'k5nF3wqL9' },
      modifiedAt,
      afterSales,
    })
    const second = {
      id: 'r2',
      type: 'return_and_refund',
      status: 'requested',
      createdAt: 1_600_000_000_000,
      modifiedAt: 1_600_000_000_000,
      refundAmount: { amount: 0, currency: 'CNY' },
    } as const
    const report = await syncOrders({
      platform: baidu,
      orders: [
        later(1_600_000_000_000, [...(order.afterSales ?? []), second]),
        later(1_600_000_100_000, order.afterSales),
        later(1_600_000_200_000, order.afterSales),
      ],
    })
    expect(report.results.map((result) => [result.status, result.warnings])).toEqual([
      ['succeeded', []],
      [
        'succeeded',
        [
          {
            path: ['afterSales'],
            code: 'after_sales_erased',
            message:
              'lists 1 after-sale order(s) and leaves out "r2", which Baidu holds or will hold for order "2221554346520" from an earlier version this client sent: add/main/info overwrites the whole record (全量覆盖), so storing this version erases them — send every version of an order with its whole after-sale history',
          },
        ],
      ],
      ['succeeded', []],
    ])
    const stored = sandbox.control.orders('baidu').get('2221554346520') as {
      EXT: { SubsOrder: { Items: { SubOrderID: string }[] } }
    }
    expect(stored.EXT.SubsOrder.Items.map((item) => item.SubOrderID)).toEqual(['onlyOne'])
  })

  it('sends update/sub/status to the path updateSubStatusPath names: the SDKs’ by default, the document’s when set', async () => {
    const { fetch, sent } = recordingFetch()
    const request = {
      query: { open_id: 'k5nF3wqL9', scene_id: '15925907919' },
      body: {
        Data: {
          CateID: 1 as const,
          BizAPPID: fixed.appKey,
          ResourceID: '2221554346520',
          EXT: {
            SubsOrder: {
              Status: 402 as const,
              Items: [{ SubOrderID: 'onlyOne', SubStatus: 402 as const }],
            },
          },
        },
      },
    }
    await createBaidu({ ...fixed, fetch }).api.updateSubStatus(request)
    await createBaidu({
      ...fixed,
      fetch,
      updateSubStatusPath: '/rest/2.0/smartapp/app/update/sub/status',
    }).api.updateSubStatus(request)
    expect(
      sent.filter((entry) => entry.body !== '').map((entry) => new URL(entry.url).pathname),
    ).toEqual([
      '/rest/2.0/smartapp/ordercenter/app/update/sub/status',
      '/rest/2.0/smartapp/app/update/sub/status',
    ])
    // A sandbox told to serve the page's own path takes the call there.
    const pageModule = createBaiduSandboxModule({ servePageSubStatusPath: true })
    const pageSandbox = await startSandbox({ modules: [pageModule] })
    try {
      const baidu = createBaidu({
        ...pageModule.credentials,
        baseURL: pageSandbox.url,
        updateSubStatusPath: '/rest/2.0/smartapp/app/update/sub/status',
      })
      await syncOrders({ platform: baidu, orders: [order] })
      const answer = await baidu.api.updateSubStatus({
        ...request,
        body: { Data: { ...request.body.Data, BizAPPID: pageModule.credentials.appKey } },
      })
      expect(answer.rejected).toEqual([])
      expect(answer.missing).toEqual([])
      expect(
        pageSandbox.control.counters('baidu').requests['/rest/2.0/smartapp/app/update/sub/status'],
      ).toBe(1)
    } finally {
      await pageSandbox.close()
    }
    // The default sandbox, like Baidu's SDKs, serves only the ordercenter path.
    const error = await client({ updateSubStatusPath: '/rest/2.0/smartapp/app/update/sub/status' })
      .api.updateSubStatus({
        ...request,
        body: { Data: { ...request.body.Data, BizAPPID: appKey() } },
      })
      .catch((caught: unknown) => caught)
    expect(ApiCallError.isInstance(error) && error.httpStatus).toBe(404)
  })

  it('sends the after-sale Data as one object with afterSaleData: "object", the document’s shape, and refuses several orders then', async () => {
    const { fetch, sent } = recordingFetch()
    const baidu = createBaidu({ ...fixed, fetch, afterSaleData: 'object' })
    const entry = {
      CateID: 1 as const,
      BizAPPID: fixed.appKey,
      ResourceID: '2221554346520',
      EXT: {
        SubsOrder: {
          Status: 401 as const,
          Items: [
            { SubOrderID: 'onlyOne', SubStatus: 401 as const },
            { SubOrderID: 'r2', SubStatus: 400 as const },
          ],
        },
      },
    }
    await baidu.api.updateSubStatus({ query: { open_id: 'k5nF3wqL9' }, body: { Data: [entry] } })
    expect(sent[1]?.body).toMatchInlineSnapshot(
      `"{"Data":{"CateID":1,"BizAPPID":"a392qXwK8L5GDUWhFoC01cKwoy7tmehg","ResourceID":"2221554346520","EXT":{"SubsOrder":{"Status":401,"Items":[{"SubOrderID":"onlyOne","SubStatus":401},{"SubOrderID":"r2","SubStatus":400}]}}}}"`,
    )
    // The same body parsed, for a reader (keys sorted; the bytes above keep the order sent).
    expect(JSON.parse(sent[1]?.body ?? '')).toMatchInlineSnapshot(`
      {
        "Data": {
          "BizAPPID": "a392qXwK8L5GDUWhFoC01cKwoy7tmehg",
          "CateID": 1,
          "EXT": {
            "SubsOrder": {
              "Items": [
                {
                  "SubOrderID": "onlyOne",
                  "SubStatus": 401,
                },
                {
                  "SubOrderID": "r2",
                  "SubStatus": 400,
                },
              ],
              "Status": 401,
            },
          },
          "ResourceID": "2221554346520",
        },
      }
    `)
    const error = await baidu.api
      .updateSubStatus({
        query: { open_id: 'k5nF3wqL9' },
        body: { Data: [entry, { ...entry, ResourceID: '3221554346520' }] },
      })
      .catch((caught: unknown) => caught)
    expect(ValidationError.isInstance(error) && error.issues).toEqual([
      {
        path: ['body', 'Data'],
        code: 'baidu_rule',
        message:
          "holds 2 orders, but afterSaleData is 'object' (Baidu's page: one order per call, its after-sale orders in EXT.SubsOrder.Items): send one call per order, or set afterSaleData: 'list'",
      },
    ])
    expect(sent).toHaveLength(2)
    // The sandbox takes the document's shape on the after-sale endpoints.
    const sandboxed = client({ afterSaleData: 'object' })
    await syncOrders({ platform: sandboxed, orders: [order] })
    const appended = await sandboxed.api.appendSubInfo({
      query: { open_id: 'k5nF3wqL9', scene_id: '15925907919' },
      body: {
        Data: [
          {
            CateID: 1,
            BizAPPID: appKey(),
            ResourceID: '2221554346520',
            EXT: {
              SubsOrder: {
                Status: 400,
                Items: [
                  {
                    SubOrderID: 'r2',
                    SubStatus: 400,
                    CTime: 1600000000,
                    MTime: 1600000000,
                    OrderType: 3,
                  },
                ],
              },
            },
          },
        ],
      },
    })
    expect(appended.response.errno).toBe(0)
    expect(appended.rejected).toEqual([])
  })

  it.each([
    [
      { updateSubStatusPath: 'smartapp/app/update/sub/status' },
      '[ordersync] [baidu] invalid updateSubStatusPath: must be a path from "/" without query, fragment or spaces, e.g. "/rest/2.0/smartapp/ordercenter/app/update/sub/status"',
    ],
    [
      { afterSaleData: 'single' },
      "[ordersync] [baidu] invalid afterSaleData: must be 'list' or 'object', got \"single\"",
    ],
  ])('refuses a document choice that cannot work: %j', (overrides, message) => {
    expect(() => createBaidu({ ...fixed, ...(overrides as object) } as BaiduSettings)).toThrow(
      message,
    )
  })

  it.each([
    [
      { appKey: undefined },
      '[ordersync] [baidu] invalid appKey: is required and must be a non-empty string (got nothing)',
    ],
    [
      { appSecret: ' ' },
      '[ordersync] [baidu] invalid appSecret: is required and must be a non-empty string (got a blank string)',
    ],
    [
      { paymentAppKey: undefined },
      '[ordersync] [baidu] invalid paymentAppKey: is required and must be a non-empty string (got nothing)',
    ],
    [{ baseURL: 'openapi.baidu.com' }, /invalid baseURL/],
    [{ tokenURL: 'https://openapi.baidu.com/oauth/2.0/token?x=1' }, /invalid tokenURL/],
    [
      { retry: { maxAttempts: 0 } },
      '[ordersync] [baidu] invalid retry.maxAttempts: must be an integer of at least 1, got 0',
    ],
  ])('refuses settings that cannot work: %j', (overrides, message) => {
    expect(() => createBaidu({ ...fixed, ...(overrides as object) } as BaiduSettings)).toThrow(
      message,
    )
  })
})

/** A second after-sale request of the document order. */
const secondAfterSale = {
  id: 'r2',
  type: 'return_and_refund',
  status: 'requested',
  createdAt: 1_600_000_000_000,
  modifiedAt: 1_600_000_000_000,
  refundAmount: { amount: 0, currency: 'CNY' },
} as const
/** A version of the document order, modified at `modifiedAt`, with these after-sale requests. */
const version = (modifiedAt: number, afterSales: OrderInput['afterSales']): OrderInput => ({
  ...order,
  buyer: { platformUserId: 'k5nF3wqL9' },
  modifiedAt,
  afterSales,
})
const withBoth = version(1_600_000_000_000, [...(order.afterSales ?? []), secondAfterSale])
const erasures = (warnings: readonly SyncWarning[]) =>
  warnings.filter((warning) => warning.code === 'after_sales_erased')
const leftOut = (named: string, path: (string | number)[] = ['afterSales'], listed = 1) => ({
  path,
  code: 'after_sales_erased',
  message: `lists ${listed} after-sale order(s) and leaves out ${named}, which Baidu holds or will hold for order "2221554346520" from an earlier version this client sent: add/main/info overwrites the whole record (全量覆盖), so storing this version erases them — send every version of an order with its whole after-sale history`,
})

describe('createBaidu: every order sent accounted for', () => {
  it('puts each ResourceID of an api call without its own row in missing, with how many rows came back', async () => {
    const { fetch } = recordingFetch(() => ({
      errno: 0,
      msg: 'success',
      data: [
        { biz_app_id: 'k', cate_id: '1', resource_id: '2221554346520', rows_affected: '1' },
        { biz_app_id: 'k', cate_id: '1', resource_id: 'refused', rows_affected: '0' },
      ],
    }))
    const key = (ResourceID: string) =>
      ({ CateID: 1, BizAPPID: fixed.appKey, ResourceID, Status: 6 }) as const
    const result = await createBaidu({ ...fixed, fetch }).api.updateMainStatus({
      query: { open_id: 'k5nF3wqL9' },
      body: { Data: [key('2221554346520'), key('refused'), key('lost'), key('lost')] },
    })
    expect(result.rejected.map((row) => row.resource_id)).toEqual(['refused'])
    expect(result.missing).toEqual([{ ResourceID: 'lost', answerRows: 2 }])
  })

  it('counts no other order’s row for an after-sale call: missing, and nothing rejected', async () => {
    const { fetch } = recordingFetch(() => ({
      errno: 0,
      msg: 'success',
      data: [{ biz_app_id: 'k', cate_id: '1', resource_id: 'someone-else', rows_affected: '0' }],
    }))
    const result = await createBaidu({ ...fixed, fetch }).api.updateSubStatus({
      query: { open_id: 'k5nF3wqL9' },
      body: {
        Data: {
          CateID: 1,
          BizAPPID: fixed.appKey,
          ResourceID: '2221554346520',
          EXT: { SubsOrder: { Status: 402, Items: [{ SubOrderID: 'onlyOne', SubStatus: 402 }] } },
        },
      },
    })
    expect(result.missing).toEqual([{ ResourceID: '2221554346520', answerRows: 1 }])
    // The "0" row is another order's: it is in rejected as Baidu sent it, and does not count as
    // this order's answer.
    expect(result.rejected.map((row) => row.resource_id)).toEqual(['someone-else'])
  })

  it('warns about swan_id where Baidu documents only open_id, and sends it as given', async () => {
    const { fetch, sent } = recordingFetch()
    const baidu = createBaidu({ ...fixed, fetch })
    const result = await baidu.api.updateMainStatus({
      query: { open_id: 'k5nF3wqL9', swan_id: 'swan-4f1c' },
      body: {
        Data: [{ CateID: 1, BizAPPID: fixed.appKey, ResourceID: '2221554346520', Status: 6 }],
      },
    })
    expect(result.warnings).toEqual([
      {
        path: ['query', 'swan_id'],
        code: 'undocumented_parameter',
        message:
          "is sent as given, but for update/main/status Baidu's page lists only open_id, and Baidu's Go SDK sends swan_id on add/main/info alone (openapi/addOrderInfo.go): Baidu may not take it here — give the buyer's open_id",
      },
    ])
    expect(new URL(sent.at(-1)?.url ?? '').searchParams.get('swan_id')).toBe('swan-4f1c')
    const add = await baidu.api.addMainInfo({
      ...baiduDocumentAddRequest,
      query: { swan_id: 'swan-4f1c' },
    } as never)
    expect(add.warnings.map((warning) => warning.code)).not.toContain('undocumented_parameter')
  })
})

describe('createBaidu: after-sale orders a version erases', () => {
  it('warns in prepare, before anything is sent', async () => {
    const { fetch, sent } = recordingFetch()
    const baidu = createBaidu({ ...fixed, fetch })
    expect((await syncOrders({ platform: baidu, orders: [withBoth] })).succeeded).toBe(1)
    const before = sent.length
    const prepared = baidu.prepare(parseOrder(version(1_600_000_100_000, order.afterSales)))
    expect(erasures(prepared.warnings)).toEqual([leftOut('"r2"')])
    // Each prepared version is taken as the next one sent (core sends them in that order): the
    // next is compared with it, and r2 was named already.
    const empty = baidu.prepare(parseOrder(version(1_600_000_200_000, undefined)))
    expect(erasures(empty.warnings)).toEqual([leftOut('"onlyOne"', ['afterSales'], 0)])
    expect(sent).toHaveLength(before)
  })

  it('warns on a stored version about what it erased that prepare could not name: the version before it was not stored', async () => {
    // Mtime 1600000100 is the version Baidu refuses (rows_affected "0").
    const { fetch } = recordingFetch((body) =>
      body.includes('"Mtime":1600000100')
        ? { errno: 0, msg: 'success', data: [{ resource_id: '2221554346520', rows_affected: '0' }] }
        : undefined,
    )
    const report = await syncOrders({
      platform: createBaidu({ ...fixed, fetch }),
      orders: [
        withBoth,
        version(1_600_000_100_000, order.afterSales),
        version(1_600_000_200_000, order.afterSales),
      ],
    })
    expect(report.results.map((result) => [result.status, erasures(result.warnings)])).toEqual([
      ['succeeded', []],
      ['failed', [leftOut('"r2"')]],
      [
        'succeeded',
        [
          {
            path: ['afterSales'],
            code: 'after_sales_erased',
            message:
              'was stored, and add/main/info overwrites the whole record (全量覆盖): Baidu no longer holds "r2" for order "2221554346520", after-sale orders an earlier call of this client had it store, known only once this version was prepared — send every version of an order with its whole after-sale history',
          },
        ],
      ],
    ])
  })

  it('counts the after-sale orders of a version whose delivery is uncertain as possibly held', async () => {
    const { fetch } = recordingFetch((body) =>
      body.includes('"SubOrderID":"r2"') ? { errno: 0, msg: 'success', data: [] } : undefined,
    )
    const baidu = createBaidu({ ...fixed, fetch })
    const first = await syncOrders({ platform: baidu, orders: [withBoth] })
    expect(first.results[0]?.status === 'failed' && first.results[0].delivery).toBe('uncertain')
    const second = await syncOrders({
      platform: baidu,
      orders: [version(1_600_000_100_000, order.afterSales)],
    })
    expect(erasures(second.results[0]?.warnings ?? [])).toEqual([leftOut('"r2"')])
  })

  it('counts the after-sale orders of a request that failed after it may have arrived', async () => {
    let calls = 0
    const { fetch: answering } = recordingFetch()
    const fetch: typeof globalThis.fetch = async (input, init) => {
      const url = new Request(input as RequestInfo, init).url
      if (url.includes('/add/main/info')) {
        calls += 1
        if (calls === 1) throw new TypeError('socket hang up')
      }
      return answering(input, init)
    }
    const baidu = createBaidu({ ...fixed, fetch, retry: { maxAttempts: 1 } })
    const first = await syncOrders({ platform: baidu, orders: [withBoth] })
    expect(first.results[0]?.status === 'failed' && first.results[0].delivery).toBe('uncertain')
    const second = await syncOrders({
      platform: baidu,
      orders: [version(1_600_000_100_000, order.afterSales)],
    })
    expect(erasures(second.results[0]?.warnings ?? [])).toEqual([leftOut('"r2"')])
  })

  it('counts after-sale orders appended or updated through api, and warns in api.addMainInfo too', async () => {
    const baidu = client()
    await syncOrders({ platform: baidu, orders: [order] })
    const query = { open_id: 'k5nF3wqL9', scene_id: '15925907919' }
    const appended = await baidu.api.appendSubInfo({
      query,
      body: {
        Data: {
          CateID: 1,
          BizAPPID: appKey(),
          ResourceID: '2221554346520',
          EXT: {
            SubsOrder: {
              Status: 400,
              Items: [
                {
                  SubOrderID: 'r2',
                  SubStatus: 400,
                  CTime: 1600000000,
                  MTime: 1600000000,
                  OrderType: 3,
                },
              ],
            },
          },
        },
      },
    })
    expect([appended.rejected, appended.missing]).toEqual([[], []])
    const report = await syncOrders({
      platform: baidu,
      orders: [version(1_600_000_100_000, order.afterSales)],
    })
    expect(erasures(report.results[0]?.warnings ?? [])).toEqual([leftOut('"r2"')])
    // A client that never stored the order learns of its after-sale orders from an update.
    const other = client()
    await other.api.updateSubStatus({
      query,
      body: {
        Data: {
          CateID: 1,
          BizAPPID: appKey(),
          ResourceID: '2221554346520',
          EXT: { SubsOrder: { Status: 402, Items: [{ SubOrderID: 'onlyOne', SubStatus: 402 }] } },
        },
      },
    })
    const [example] = baiduDocumentAddRequest.body.Data
    const { warnings } = await other.api.addMainInfo({
      query,
      body: {
        Data: [{ ...example, BizAPPID: appKey(), EXT: { MainOrder: example.EXT.MainOrder } }],
      },
    } as never)
    expect(erasures(warnings)).toEqual([
      leftOut('"onlyOne"', ['body', 'Data', 0, 'EXT', 'SubsOrder'], 0),
    ])
  })
})
