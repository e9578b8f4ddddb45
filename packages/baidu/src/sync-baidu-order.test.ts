import {
  createMemoryVersionStore,
  type DoSyncOutcome,
  type OrderInput,
  type PreparedOrder,
  parseOrder,
  syncOrders,
} from '@ordersync/core'
import {
  baiduSandboxErrnos,
  createBaiduSandboxModule,
  type Sandbox,
  startSandbox,
} from '@ordersync/sandbox'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { type BaiduClient, type BaiduSettings, createBaidu } from './baidu-client.ts'
import { baiduDocumentOrder } from './baidu-document-order.ts'
import type { BaiduPreparedOrder } from './convert-to-baidu-order.ts'

const cny = (amount: number) => ({ amount, currency: 'CNY' }) as const
const prefix = '/rest/2.0/smartapp/ordercenter/app/'
const resourceId = '2221554346520'

// Baidu's document order with what the query needs: the buyer's open_id and the cashier's order id.
const order: OrderInput = {
  ...baiduDocumentOrder,
  status: 'shipped',
  buyer: { platformUserId: 'k5nF3wqL9' },
  payments: [
    {
      method: 'online',
      amount: cny(2390),
      paidAt: 1_233_212_343_000,
      transactionId: '15925907919',
    },
  ],
}
const [refund] = baiduDocumentOrder.afterSales ?? []
const secondRefund = {
  id: 'r2',
  type: 'return_and_refund',
  status: 'requested',
  createdAt: 1_571_100_000_000,
  modifiedAt: 1_571_100_000_000,
  refundAmount: cny(0),
} as const

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

function client(overrides: Partial<BaiduSettings> = {}): BaiduClient {
  const credentials = sandbox.credentials.baidu ?? {}
  return createBaidu({
    appKey: credentials.appKey ?? '',
    appSecret: credentials.appSecret ?? '',
    paymentAppKey: credentials.paymentAppKey ?? '',
    baseURL: sandbox.url,
    retry: { maxAttempts: 2, initialDelayMs: 1, maxDelayMs: 5 },
    ...overrides,
  })
}

/**
 * The order-center requests the sandbox received from `from` on, as sent: the endpoint, the query
 * and the body, the random credentials and token replaced by placeholders.
 */
function requestsSince(from: number): string[] {
  const { appKey = '', paymentAppKey = '' } = sandbox.credentials.baidu ?? {}
  return sandbox.control
    .log('baidu')
    .slice(from)
    .filter((entry) => entry.kind === 'api')
    .map((entry) => {
      const query = [...new URLSearchParams(entry.query)]
        .map(([name, value]) => {
          if (name === 'access_token') return `${name}=<token>`
          return `${name}=${value.replace(paymentAppKey, '<pm_app_key>')}`
        })
        .join('&')
      const body = entry.body.replaceAll(appKey, '<appKey>')
      return `${entry.endpoint.replace(prefix, '')}?${query}\n${body}`
    })
}

/** What the sandbox holds of the order. */
const storedRecord = () => sandbox.control.orders('baidu').get(resourceId)

/**
 * Stores `first` through add/main/info, then sends `next` with `first` as what Baidu holds (as
 * core's version store hands it); returns the outcome, the requests of the second sync, and the
 * record add/main/info of `next` would leave.
 */
async function sendAfter(first: OrderInput, next: OrderInput, baidu = client()) {
  const held = baidu.prepare(parseOrder(first))
  const [stored] = await baidu.doSync([held], {})
  expect(stored?.status).toBe('succeeded')
  const from = sandbox.control.log('baidu').length
  const prepared = baidu.prepare(parseOrder(next))
  const [outcome] = await baidu.doSync([prepared], { holds: [held] })
  return { outcome, requests: requestsSince(from), expected: prepared.payload.body.Data[0] }
}

describe('syncBaiduOrder: a later version through the update endpoints', () => {
  it('sends only the status through update/main/status when nothing else changed', async () => {
    const { outcome, requests, expected } = await sendAfter(order, {
      ...order,
      status: 'completed',
    })
    expect(outcome).toEqual({ status: 'succeeded', platformIds: { resource_id: resourceId } })
    expect(requests).toMatchInlineSnapshot(`
      [
        "update/main/status?access_token=<token>&open_id=k5nF3wqL9&scene_id=15925907919&scene_type=2&pm_app_key=<pm_app_key>
      {"Data":[{"CateID":1,"BizAPPID":"<appKey>","ResourceID":"2221554346520","Status":200}]}",
      ]
    `)
    expect(storedRecord()).toEqual(expected)
  })

  it('sends the main order through update/main/info, with its status, when more than the status changed', async () => {
    const { outcome, requests, expected } = await sendAfter(order, {
      ...order,
      status: 'completed',
      modifiedAt: 1_571_200_000_000,
    })
    expect(outcome).toEqual({ status: 'succeeded', platformIds: { resource_id: resourceId } })
    expect(requests).toMatchInlineSnapshot(`
      [
        "update/main/info?access_token=<token>&open_id=k5nF3wqL9&scene_id=15925907919&scene_type=2&pm_app_key=<pm_app_key>
      {"Data":[{"CateID":1,"BizAPPID":"<appKey>","Title":"test","ResourceID":"2221554346520","Ctime":1233212343,"Mtime":1571200000,"Status":200,"EXT":{"MainOrder":{"Products":[{"ID":"1014093064","Name":"四川大凉山丑苹果脆甜红将军盐源丑苹果","Desc":"四川大凉山丑苹果脆甜:5斤小果25个左右偏小;","Quantity":1,"Price":2390,"PayPrice":2390,"ImgList":["https://imagelib.cdn.bcebos.com/cip_ml_picbc34db9a-7e10-4a96-bf8e-1c690640c6a4.jpeg"],"SkuAttr":[{"Name":"四川大凉山丑苹果脆甜","Value":"5斤小果25个左右偏小"}]}],"Payment":{"Time":1233212343,"Method":1,"Amount":2390,"IsPayment":true,"PreferentialInfo":[{"Name":"优惠券使用","Value":100,"Quantity":1}],"PaymentInfo":[{"Name":"运费","Value":100,"Quantity":1}]},"OrderDetail":{"Status":2,"SwanSchema":"baiduboxapp://swan/B3GF3AWvCSr59myIs61uqaoYz7pPCSY1/wjz/bdxd/order-detail/order-detail?orderId=159259079195"}}}}]}",
      ]
    `)
    expect(storedRecord()).toEqual(expected)
  })

  it('sends an after-sale order added after those held through append/sub/info', async () => {
    const { outcome, requests, expected } = await sendAfter(order, {
      ...order,
      afterSales: [refund, secondRefund],
    } as OrderInput)
    expect(outcome).toEqual({ status: 'succeeded', platformIds: { resource_id: resourceId } })
    expect(requests).toMatchInlineSnapshot(`
      [
        "append/sub/info?access_token=<token>&open_id=k5nF3wqL9&scene_id=15925907919&scene_type=2&pm_app_key=<pm_app_key>
      {"Data":[{"CateID":1,"BizAPPID":"<appKey>","ResourceID":"2221554346520","EXT":{"SubsOrder":{"Status":400,"Items":[{"SubOrderID":"r2","SubStatus":400,"CTime":1571100000,"MTime":1571100000,"OrderType":3}]}}}]}",
      ]
    `)
    expect(storedRecord()).toEqual(expected)
  })

  it('sends a changed after-sale order through update/sub/info, with the summary status', async () => {
    const processing = { ...refund, status: 'processing' } as NonNullable<
      OrderInput['afterSales']
    >[number]
    const { outcome, requests, expected } = await sendAfter(
      { ...order, afterSales: [processing] },
      {
        ...order,
        afterSales: [{ ...processing, status: 'succeeded', modifiedAt: 1_571_100_000_000 }],
      },
    )
    expect(outcome).toEqual({ status: 'succeeded', platformIds: { resource_id: resourceId } })
    expect(requests).toMatchInlineSnapshot(`
      [
        "update/sub/info?access_token=<token>&open_id=k5nF3wqL9&scene_id=15925907919&scene_type=2&pm_app_key=<pm_app_key>
      {"Data":[{"CateID":1,"BizAPPID":"<appKey>","ResourceID":"2221554346520","EXT":{"SubsOrder":{"Status":402,"Items":[{"SubOrderID":"onlyOne","SubStatus":402,"CTime":1571026201,"MTime":1571100000,"OrderDetail":{"Status":2,"SwanSchema":"baiduboxapp://swan/B3GF3AWvCSr59myIs61uqaoYz7pPCSY1/wjz/bdxd/order-detail/order-detail?orderId=159259079195"},"Refund":{"Amount":10,"Product":[{"ID":"1014093064","Quantity":1,"Amount":10}]},"OrderType":1}]}}}]}",
      ]
    `)
    expect(storedRecord()).toEqual(expected)
  })
})

describe('syncBaiduOrder: the after-sale Data shape', () => {
  it('sends the after-sale calls in the afterSaleData shape: one object with "object"', async () => {
    const baidu = client({ afterSaleData: 'object' })
    const { requests, expected } = await sendAfter(
      { ...order, afterSales: undefined },
      order,
      baidu,
    )
    expect(requests.map((request) => request.split('\n')[1])).toEqual([
      expect.stringMatching(
        /^\{"Data":\{"CateID":1,"BizAPPID":"<appKey>","ResourceID":"2221554346520","EXT":\{"SubsOrder":\{"Status":402,"Items":\[\{"SubOrderID":"onlyOne"/,
      ),
    ])
    // Equal as data; the sandbox keeps appended SubsOrder keys in the order it builds them.
    expect(storedRecord()).toEqual(expected)
  })
})

describe('syncBaiduOrder: back to add/main/info', () => {
  it('sends add/main/info when an after-sale order held is left out, and warns that it erases it', async () => {
    const baidu = client()
    const held = baidu.prepare(
      parseOrder({ ...order, afterSales: [refund, secondRefund] } as OrderInput),
    )
    await baidu.doSync([held], {})
    const from = sandbox.control.log('baidu').length
    const prepared = baidu.prepare(parseOrder({ ...order, modifiedAt: 1_571_200_000_000 }))
    const [outcome] = await baidu.doSync([prepared], { holds: [held] })
    expect(prepared.warnings.map((warning) => [warning.path, warning.code])).toEqual([
      [['afterSales'], 'after_sales_erased'],
    ])
    expect(outcome).toEqual({ status: 'succeeded', platformIds: { resource_id: resourceId } })
    expect(requestsSince(from)).toMatchInlineSnapshot(`
      [
        "add/main/info?access_token=<token>&open_id=k5nF3wqL9&scene_id=15925907919&scene_type=2&pm_app_key=<pm_app_key>
      {"Data":[{"CateID":1,"BizAPPID":"<appKey>","Title":"test","ResourceID":"2221554346520","Ctime":1233212343,"Mtime":1571200000,"Status":6,"EXT":{"MainOrder":{"Products":[{"ID":"1014093064","Name":"四川大凉山丑苹果脆甜红将军盐源丑苹果","Desc":"四川大凉山丑苹果脆甜:5斤小果25个左右偏小;","Quantity":1,"Price":2390,"PayPrice":2390,"ImgList":["https://imagelib.cdn.bcebos.com/cip_ml_picbc34db9a-7e10-4a96-bf8e-1c690640c6a4.jpeg"],"SkuAttr":[{"Name":"四川大凉山丑苹果脆甜","Value":"5斤小果25个左右偏小"}]}],"Payment":{"Time":1233212343,"Method":1,"Amount":2390,"IsPayment":true,"PreferentialInfo":[{"Name":"优惠券使用","Value":100,"Quantity":1}],"PaymentInfo":[{"Name":"运费","Value":100,"Quantity":1}]},"OrderDetail":{"Status":2,"SwanSchema":"baiduboxapp://swan/B3GF3AWvCSr59myIs61uqaoYz7pPCSY1/wjz/bdxd/order-detail/order-detail?orderId=159259079195"}},"SubsOrder":{"Status":402,"Items":[{"SubOrderID":"onlyOne","SubStatus":402,"CTime":1571026201,"MTime":1571026201,"OrderDetail":{"Status":2,"SwanSchema":"baiduboxapp://swan/B3GF3AWvCSr59myIs61uqaoYz7pPCSY1/wjz/bdxd/order-detail/order-detail?orderId=159259079195"},"Refund":{"Amount":10,"Product":[{"ID":"1014093064","Quantity":1,"Amount":10}]},"OrderType":1}]}}}]}",
      ]
    `)
    expect(storedRecord()).toEqual(prepared.payload.body.Data[0])
  })

  it('falls back to add/main/info, once, when an update answers that Baidu does not hold the order', async () => {
    const baidu = client()
    // The version store says Baidu holds this version; Baidu lost it (it was never stored here).
    const held = baidu.prepare(parseOrder(order))
    const prepared = baidu.prepare(parseOrder({ ...order, modifiedAt: 1_571_200_000_000 }))
    const [outcome] = await baidu.doSync([prepared], { holds: [held] })
    expect(outcome).toEqual({ status: 'succeeded', platformIds: { resource_id: resourceId } })
    expect(requestsSince(0)).toMatchInlineSnapshot(`
      [
        "update/main/info?access_token=<token>&open_id=k5nF3wqL9&scene_id=15925907919&scene_type=2&pm_app_key=<pm_app_key>
      {"Data":[{"CateID":1,"BizAPPID":"<appKey>","Title":"test","ResourceID":"2221554346520","Ctime":1233212343,"Mtime":1571200000,"Status":6,"EXT":{"MainOrder":{"Products":[{"ID":"1014093064","Name":"四川大凉山丑苹果脆甜红将军盐源丑苹果","Desc":"四川大凉山丑苹果脆甜:5斤小果25个左右偏小;","Quantity":1,"Price":2390,"PayPrice":2390,"ImgList":["https://imagelib.cdn.bcebos.com/cip_ml_picbc34db9a-7e10-4a96-bf8e-1c690640c6a4.jpeg"],"SkuAttr":[{"Name":"四川大凉山丑苹果脆甜","Value":"5斤小果25个左右偏小"}]}],"Payment":{"Time":1233212343,"Method":1,"Amount":2390,"IsPayment":true,"PreferentialInfo":[{"Name":"优惠券使用","Value":100,"Quantity":1}],"PaymentInfo":[{"Name":"运费","Value":100,"Quantity":1}]},"OrderDetail":{"Status":2,"SwanSchema":"baiduboxapp://swan/B3GF3AWvCSr59myIs61uqaoYz7pPCSY1/wjz/bdxd/order-detail/order-detail?orderId=159259079195"}}}}]}",
        "add/main/info?access_token=<token>&open_id=k5nF3wqL9&scene_id=15925907919&scene_type=2&pm_app_key=<pm_app_key>
      {"Data":[{"CateID":1,"BizAPPID":"<appKey>","Title":"test","ResourceID":"2221554346520","Ctime":1233212343,"Mtime":1571200000,"Status":6,"EXT":{"MainOrder":{"Products":[{"ID":"1014093064","Name":"四川大凉山丑苹果脆甜红将军盐源丑苹果","Desc":"四川大凉山丑苹果脆甜:5斤小果25个左右偏小;","Quantity":1,"Price":2390,"PayPrice":2390,"ImgList":["https://imagelib.cdn.bcebos.com/cip_ml_picbc34db9a-7e10-4a96-bf8e-1c690640c6a4.jpeg"],"SkuAttr":[{"Name":"四川大凉山丑苹果脆甜","Value":"5斤小果25个左右偏小"}]}],"Payment":{"Time":1233212343,"Method":1,"Amount":2390,"IsPayment":true,"PreferentialInfo":[{"Name":"优惠券使用","Value":100,"Quantity":1}],"PaymentInfo":[{"Name":"运费","Value":100,"Quantity":1}]},"OrderDetail":{"Status":2,"SwanSchema":"baiduboxapp://swan/B3GF3AWvCSr59myIs61uqaoYz7pPCSY1/wjz/bdxd/order-detail/order-detail?orderId=159259079195"}},"SubsOrder":{"Status":402,"Items":[{"SubOrderID":"onlyOne","SubStatus":402,"CTime":1571026201,"MTime":1571026201,"OrderDetail":{"Status":2,"SwanSchema":"baiduboxapp://swan/B3GF3AWvCSr59myIs61uqaoYz7pPCSY1/wjz/bdxd/order-detail/order-detail?orderId=159259079195"},"Refund":{"Amount":10,"Product":[{"ID":"1014093064","Quantity":1,"Amount":10}]},"OrderType":1}]}}}]}",
      ]
    `)
    expect(storedRecord()).toEqual(prepared.payload.body.Data[0])
  })

  it('sends add/main/info without a held version, and when the buyer changed', async () => {
    const baidu = client()
    const held = baidu.prepare(parseOrder(order))
    await baidu.doSync([held], {})
    const moved = baidu.prepare(
      parseOrder({ ...order, buyer: { platformUserId: 'another-buyer' } }),
    )
    await baidu.doSync([moved], { holds: [held] })
    await baidu.doSync([moved], {})
    // A buyer known by swan_id alone: the update endpoints are documented with open_id only.
    const swanOnly = baidu.prepare(
      parseOrder({
        ...order,
        buyer: undefined,
        platformOptions: { baidu: { swanId: 'swan-4f1c' } },
      }),
    )
    await baidu.doSync([swanOnly], {})
    await baidu.doSync([swanOnly], { holds: [swanOnly] })
    expect(requestsSince(0).map((request) => request.split('\n')[0])).toEqual([
      'add/main/info?access_token=<token>&open_id=k5nF3wqL9&scene_id=15925907919&scene_type=2&pm_app_key=<pm_app_key>',
      'add/main/info?access_token=<token>&open_id=another-buyer&scene_id=15925907919&scene_type=2&pm_app_key=<pm_app_key>',
      'add/main/info?access_token=<token>&open_id=another-buyer&scene_id=15925907919&scene_type=2&pm_app_key=<pm_app_key>',
      'add/main/info?access_token=<token>&swan_id=swan-4f1c&scene_id=15925907919&scene_type=2&pm_app_key=<pm_app_key>',
      'add/main/info?access_token=<token>&swan_id=swan-4f1c&scene_id=15925907919&scene_type=2&pm_app_key=<pm_app_key>',
    ])
  })
})

describe('syncBaiduOrder: nothing changed, several calls, the run’s signal', () => {
  it('sends nothing when the version is the one Baidu holds, and succeeds as an add would', async () => {
    const baidu = client()
    const held = baidu.prepare(parseOrder(order))
    await baidu.doSync([held], {})
    const from = sandbox.control.log('baidu').length
    // As a version store that keeps JSON hands it back: a copy, its keys in another order.
    const copy = JSON.parse(JSON.stringify(held), (_key, value: unknown) =>
      typeof value === 'object' && value !== null && !Array.isArray(value)
        ? Object.fromEntries(Object.entries(value).reverse())
        : value,
    ) as typeof held
    const [outcome] = await baidu.doSync([baidu.prepare(parseOrder(order))], { holds: [copy] })
    expect(outcome).toEqual({ status: 'succeeded', platformIds: { resource_id: resourceId } })
    expect(requestsSince(from)).toEqual([])
  })

  it('sends each call of a multi-call update with the signal doSync received', async () => {
    const baidu = client()
    const held = baidu.prepare(parseOrder(order))
    await baidu.doSync([held], {})
    const from = sandbox.control.log('baidu').length
    // What syncOrders does: it ties a listener to the signal it hands doSync, and the transport
    // tells it of every attempt made with that signal.
    const signal = new AbortController().signal
    const attempts: object[] = []
    Object.assign(signal, {
      [Symbol.for('@ordersync/core.doubtListener')]: {
        sending: (call: object) => attempts.push(call),
        inDoubt: () => {},
      },
    })
    const prepared = baidu.prepare(
      parseOrder({
        ...order,
        status: 'completed',
        modifiedAt: 1_571_200_000_000,
        afterSales: [{ ...refund, status: 'closed' }, secondRefund],
      } as OrderInput),
    )
    const [outcome] = await baidu.doSync([prepared], { signal, holds: [held] })
    expect(outcome?.status).toBe('succeeded')
    expect(requestsSince(from).map((request) => request.split('?')[0])).toEqual([
      'update/main/info',
      'append/sub/info',
      'update/sub/info',
    ])
    expect(attempts).toHaveLength(3)
    expect(storedRecord()).toEqual(prepared.payload.body.Data[0])
  })

  it('reports a multi-call update that fails after a first call was stored as partial', async () => {
    const baidu = client()
    const held = baidu.prepare(parseOrder(order))
    await baidu.doSync([held], {})
    sandbox.control.injectFault({
      platform: 'baidu',
      endpoint: `${prefix}append/sub/info`,
      action: {
        type: 'body',
        body: { errno: baiduSandboxErrnos.invalidBody, msg: 'sandbox: refused', data: [] },
      },
    })
    const prepared = baidu.prepare(
      parseOrder({
        ...order,
        modifiedAt: 1_571_200_000_000,
        afterSales: [refund, secondRefund],
      } as OrderInput),
    )
    const [outcome] = (await baidu.doSync([prepared], { holds: [held] })) as [DoSyncOutcome]
    expect(outcome.status === 'failed' && [outcome.delivery, outcome.error.message]).toEqual([
      'partial',
      expect.stringContaining('append/sub/info'),
    ])
  })

  it('throws the error of a first update call that fails, as an add would', async () => {
    const baidu = client()
    const held = baidu.prepare(parseOrder(order))
    await baidu.doSync([held], {})
    sandbox.control.injectFault({
      platform: 'baidu',
      endpoint: `${prefix}update/main/info`,
      action: {
        type: 'body',
        body: { errno: baiduSandboxErrnos.invalidBody, msg: 'sandbox: refused', data: [] },
      },
    })
    const prepared = baidu.prepare(parseOrder({ ...order, modifiedAt: 1_571_200_000_000 }))
    await expect(baidu.doSync([prepared], { holds: [held] })).rejects.toThrow(
      /update\/main\/info: .*sandbox: refused/,
    )
  })
})

describe('syncOrders with a shared version store', () => {
  it('sends the second run’s later version through the update endpoints', async () => {
    const baidu = client()
    const versionStore = createMemoryVersionStore()
    const first = await syncOrders({ platform: baidu, orders: [order], versionStore })
    expect(first.succeeded).toBe(1)
    const later: OrderInput = {
      ...order,
      status: 'completed',
      modifiedAt: 1_571_200_000_000,
      afterSales: [refund, secondRefund],
    } as OrderInput
    const second = await syncOrders({ platform: baidu, orders: [later], versionStore })
    expect(second.results.map((result) => result.status)).toEqual(['succeeded'])
    expect(
      sandbox.control
        .log('baidu')
        .filter((entry) => entry.kind === 'api')
        .map((entry) => entry.endpoint.replace(prefix, '')),
    ).toEqual(['add/main/info', 'update/main/info', 'append/sub/info'])
    const prepared = baidu.prepare(parseOrder(later)) as PreparedOrder<BaiduPreparedOrder>
    expect(storedRecord()).toEqual(prepared.payload.body.Data[0])
  })
})
