import type {
  OrderInput,
  PlatformClientOverrides,
  PlatformDescriptor,
  PlatformSandbox,
} from '@ordersync/core'
import type { WechatShippingPreparedOrder } from './convert-to-wechat-shipping-order.ts'
import { createWechatShipping, type WechatShippingClient } from './wechat-shipping-client.ts'
import {
  wechatShippingDocumentOrder,
  wechatShippingSplitDocumentOrder,
} from './wechat-shipping-document-order.ts'
import { WechatShippingNotReportableError } from './wechat-shipping-not-reportable-error.ts'

function shippingAgainst(
  sandbox: PlatformSandbox,
  overrides: PlatformClientOverrides,
  appSecret?: string,
): WechatShippingClient {
  const credentials = sandbox.credentials['wechat-shipping'] ?? {}
  return createWechatShipping({
    baseURL: sandbox.url,
    appId: credentials.appId ?? '',
    appSecret: appSecret ?? credentials.appSecret ?? '',
    ...overrides,
  })
}

/** The 28-digit transaction id of the `index`th order (WeChat Pay's ids are strings of digits). */
const transactionIdOf = (index: number): string =>
  `420000999920250301${String(index % 10_000_000_000).padStart(10, '0')}`

const orderIdPrefix = 'wechat-shipping-order-'

function makeShippingOrder(index: number): OrderInput {
  const document = wechatShippingDocumentOrder
  const payment = document.payments?.[0]
  return {
    ...document,
    id: `${orderIdPrefix}${index}`,
    buyer: {
      id: `buyer-${index}`,
      platformUserId: `oExamplePayer${String(index).padStart(15, '0')}`,
    },
    payments:
      payment === undefined
        ? []
        : [
            {
              ...payment,
              transactionId: transactionIdOf(index),
              merchantTradeNumber: `SO-${index}`,
            },
          ],
    delivery: {
      ...document.delivery,
      address: {
        name: '王芳',
        phone: `1381234${String(index % 10_000).padStart(4, '0')}`,
        line1: '浦东新区世纪大道 100 号',
      },
    },
  }
}

// The sandbox keeps each payment's last upload under the key the upload named it by.
const sampleKeys: Readonly<Record<string, string>> = {
  [wechatShippingDocumentOrder.id]: '4200009999202503011234567890',
  [wechatShippingSplitDocumentOrder.id]: '1900000109:SO20250301-0042',
}

/**
 * What the repository's checks, the demo and the benchmark know about WeChat's order shipping
 * management service: a client against a sandbox, orders it takes (shipped orders paid by WeChat
 * Pay, SF Express parcels with the receiver's phone), its faults, the read every sync starts with
 * (`get_order`), and the key the sandbox keeps a payment's upload under (its transaction id, or
 * `<mchid>:<out_trade_no>`).
 *
 * @example
 * ```ts
 * import { platformDescriptor } from '@ordersync/wechat-shipping/testing'
 *
 * const shipping = platformDescriptor.createClient(sandbox)
 * const report = await syncOrders({ platform: shipping, orders: [platformDescriptor.makeOrder(1)] })
 * report.succeeded // 1
 * ```
 */
export const platformDescriptor: PlatformDescriptor<WechatShippingPreparedOrder> = {
  id: 'wechat-shipping',
  label: 'WeChat shipping',
  packageName: '@ordersync/wechat-shipping',
  auth: 'token',
  maxBatchSize: 1,
  syncEndpoint: '/wxa/sec/order/upload_shipping_info',
  // Every sync reads what WeChat holds first (get_order) unless the version store knows it.
  faultEndpoint: '/wxa/sec/order/get_order',
  tokenEndpoint: '/cgi-bin/stable_token',
  samples: [
    {
      id: 'wechat-shipping-document',
      label: 'WeChat shipping: SF Express, one parcel',
      description:
        'A WeChat Pay order shipped in one SF Express parcel: a unified upload by transaction id, with the receiver’s phone masked.',
      order: wechatShippingDocumentOrder,
    },
    {
      id: 'wechat-shipping-split',
      label: 'WeChat shipping: split, first parcel',
      description:
        'A WeChat Pay order named by its merchant trade number, its first parcel shipped: a split upload, not yet complete.',
      order: wechatShippingSplitDocumentOrder,
    },
  ],
  makeOrder: makeShippingOrder,
  createClient: (sandbox, overrides = {}) => shippingAgainst(sandbox, overrides),
  createMisconfiguredClient: (sandbox, overrides = {}) =>
    shippingAgainst(sandbox, overrides, 'not-the-registered-secret'),
  faults: {
    retryable: { body: { errcode: -1, errmsg: 'system error' } },
    nonRetryable: { body: { errcode: 47001, errmsg: 'data format error' } },
    tokenInvalid: { body: { errcode: 40001, errmsg: 'invalid credential' } },
  },
  credentialOf: (request) => new URLSearchParams(request.query).get('access_token') ?? undefined,
  secrets: (sandbox) =>
    [sandbox.credentials['wechat-shipping']?.appSecret ?? ''].filter((value) => value !== ''),
  keyFields: [
    'upload.order_key.transaction_id',
    'upload.logistics_type',
    'upload.delivery_mode',
    'upload.shipping_list[0].tracking_no',
    'upload.upload_time',
  ],
  storeKey: (orderId) => {
    const index = orderId.startsWith(orderIdPrefix)
      ? Number(orderId.slice(orderIdPrefix.length))
      : Number.NaN
    return Number.isSafeInteger(index) ? transactionIdOf(index) : (sampleKeys[orderId] ?? orderId)
  },
  isNotReportableYet: (error) => WechatShippingNotReportableError.isInstance(error),
}
