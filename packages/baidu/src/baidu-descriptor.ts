import type {
  OrderInput,
  PlatformClientOverrides,
  PlatformDescriptor,
  PlatformSandbox,
} from '@ordersync/core'
import { type BaiduClient, createBaidu } from './baidu-client.ts'
import { baiduDocumentOrder } from './baidu-document-order.ts'
import type { BaiduPreparedOrder } from './convert-to-baidu-order.ts'

function baiduAgainst(
  sandbox: PlatformSandbox,
  overrides: PlatformClientOverrides,
  appSecret?: string,
): BaiduClient {
  const credentials = sandbox.credentials.baidu ?? {}
  return createBaidu({
    baseURL: sandbox.url,
    appKey: credentials.appKey ?? '',
    appSecret: appSecret ?? credentials.appSecret ?? '',
    paymentAppKey: credentials.paymentAppKey ?? '',
    // The order center's errno list is not public; the sandbox's "busy" answer (-1) is declared
    // retryable, as a merchant would after asking Baidu.
    retryableErrnos: [-1],
    ...overrides,
  })
}

// Baidu's document order lacks what its request's query carries: the buyer's open_id and the
// cashier's order id (scene_id), which is the payment's transaction id.
function makeBaiduOrder(index: number): OrderInput {
  return {
    ...baiduDocumentOrder,
    id: `baidu-order-${index}`,
    buyer: {
      platformUserId: `openid-${index}`,
      phone: `1371234${String(index % 10_000).padStart(4, '0')}`,
    },
    payments: [
      {
        method: 'online',
        amount: { amount: 2390, currency: 'CNY' },
        paidAt: 1_233_212_343_000,
        transactionId: `cashier-${index}`,
      },
    ],
  }
}

/**
 * What the repository's checks, the demo and the benchmark know about Baidu's order center: a
 * client against a sandbox (the sandbox's "busy" errno declared retryable), orders it accepts (with
 * the buyer's open_id and the cashier's order id), and its faults.
 *
 * @example
 * ```ts
 * import { platformDescriptor } from '@ordersync/baidu/testing'
 *
 * const baidu = platformDescriptor.createClient(sandbox)
 * const report = await syncOrders({ platform: baidu, orders: [platformDescriptor.makeOrder(1)] })
 * report.succeeded // 1
 * ```
 */
export const platformDescriptor: PlatformDescriptor<BaiduPreparedOrder> = {
  id: 'baidu',
  label: 'Baidu',
  packageName: '@ordersync/baidu',
  auth: 'token',
  maxBatchSize: 1,
  syncEndpoint: '/rest/2.0/smartapp/ordercenter/app/add/main/info',
  tokenEndpoint: '/oauth/2.0/token',
  samples: [
    {
      id: 'baidu-document',
      label: 'Baidu order example',
      description:
        'The Baidu order center’s example order, with what its request’s query carries and the example leaves out: the buyer’s openId and the cashier’s order id (scene_id), as the payment’s transaction id.',
      order: {
        ...baiduDocumentOrder,
        buyer: { platformUserId: 'demo-baidu-open-id' },
        payments: (baiduDocumentOrder.payments ?? []).map((payment) => ({
          ...payment,
          transactionId: '159259079195',
        })),
      },
    },
  ],
  makeOrder: makeBaiduOrder,
  createClient: (sandbox, overrides = {}) => baiduAgainst(sandbox, overrides),
  createMisconfiguredClient: (sandbox, overrides = {}) =>
    baiduAgainst(sandbox, overrides, 'not-the-registered-secret'),
  faults: {
    retryable: { body: { errno: -1, msg: 'system busy' } },
    nonRetryable: { body: { errno: 1002, msg: 'sandbox: invalid body' } },
    tokenInvalid: {
      body: { error_code: 110, error_msg: 'Access token invalid or no longer valid' },
    },
  },
  credentialOf: (request) => new URLSearchParams(request.query).get('access_token') ?? undefined,
  secrets: (sandbox) =>
    [sandbox.credentials.baidu?.appSecret ?? ''].filter((value) => value !== ''),
  keyFields: [
    'body.Data[0].ResourceID',
    'body.Data[0].Status',
    'body.Data[0].EXT.MainOrder.Payment.Amount',
    'query.open_id',
    'query.scene_id',
  ],
}
