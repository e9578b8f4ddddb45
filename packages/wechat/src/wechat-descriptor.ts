import type {
  OrderInput,
  PlatformClientOverrides,
  PlatformDescriptor,
  PlatformSandbox,
} from '@ordersync/core'
import type { WechatPreparedOrder } from './convert-to-wechat-order.ts'
import { createWechat, type WechatClient } from './wechat-client.ts'
import { wechatDocumentOrder } from './wechat-document-order.ts'

function wechatAgainst(
  sandbox: PlatformSandbox,
  overrides: PlatformClientOverrides,
  appSecret?: string,
): WechatClient {
  const credentials = sandbox.credentials.wechat ?? {}
  return createWechat({
    baseURL: sandbox.url,
    appId: credentials.appId ?? '',
    appSecret: appSecret ?? credentials.appSecret ?? '',
    ...overrides,
  })
}

// What a WeChat Pay order carries besides the document's example: the scene the buyer came from
// and the prepay id WeChat Pay issued, as the document's request gives them.
const documentRequestOptions = { scene: 1177, prepayAt: '2020-03-25T14:04:25+08:00' } as const

function makeWechatOrder(index: number): OrderInput {
  return {
    ...wechatDocumentOrder,
    id: `wechat-order-${index}`,
    buyer: { id: `buyer-${index}`, platformUserId: `o-openid-${index}`, phone: '13912345678' },
    delivery: {
      address: {
        name: '张三',
        phone: `1371234${String(index % 10_000).padStart(4, '0')}`,
        line1: '详细收货地址信息',
      },
    },
    platformOptions: { wechat: { ...documentRequestOptions, prepayId: `prepay-${index}` } },
  }
}

/**
 * What the repository's checks, the demo and the benchmark know about WeChat's custom transaction
 * component: a client against a sandbox, orders it accepts (WeChat Pay orders with their scene and
 * prepay id), its faults, and the read every sync starts with (`shop/order/get`).
 *
 * @example
 * ```ts
 * import { platformDescriptor } from '@ordersync/wechat/testing'
 *
 * const wechat = platformDescriptor.createClient(sandbox)
 * const report = await syncOrders({ platform: wechat, orders: [platformDescriptor.makeOrder(1)] })
 * report.succeeded // 1
 * ```
 */
export const platformDescriptor: PlatformDescriptor<WechatPreparedOrder> = {
  id: 'wechat',
  label: 'WeChat',
  packageName: '@ordersync/wechat',
  auth: 'token',
  maxBatchSize: 1,
  syncEndpoint: '/shop/order/add',
  // Every sync starts by reading the order (shop/order/get); add is not re-sent once WeChat holds
  // the order paid, so a fault meant for a sync's first call acts on the read.
  faultEndpoint: '/shop/order/get',
  tokenEndpoint: '/cgi-bin/stable_token',
  samples: [
    {
      id: 'wechat-document',
      label: 'WeChat order example',
      description:
        'The WeChat custom transaction component’s example order, with the scene and prepay id of the document’s request.',
      order: {
        ...wechatDocumentOrder,
        platformOptions: { wechat: { ...documentRequestOptions, prepayId: '42526234625' } },
      },
    },
  ],
  makeOrder: makeWechatOrder,
  createClient: (sandbox, overrides = {}) => wechatAgainst(sandbox, overrides),
  createMisconfiguredClient: (sandbox, overrides = {}) =>
    wechatAgainst(sandbox, overrides, 'not-the-registered-secret'),
  faults: {
    retryable: { body: { errcode: -1, errmsg: 'system error' } },
    nonRetryable: { body: { errcode: 47001, errmsg: 'data format error' } },
    tokenInvalid: { body: { errcode: 40001, errmsg: 'invalid credential' } },
  },
  credentialOf: (request) => new URLSearchParams(request.query).get('access_token') ?? undefined,
  secrets: (sandbox) =>
    [sandbox.credentials.wechat?.appSecret ?? ''].filter((value) => value !== ''),
  keyFields: [
    'add.out_order_id',
    'add.scene',
    'add.order_detail.pay_info.prepay_id',
    'add.order_detail.price_info.order_price',
    'status',
  ],
}
