import type {
  OrderInput,
  PlatformClientOverrides,
  PlatformDescriptor,
  PlatformSandbox,
} from '@ordersync/core'
import type { YoushuPreparedOrder } from './convert-to-youshu-order.ts'
import { signYoushuQuery } from './sign-youshu-query.ts'
import { createYoushu, type YoushuClient } from './youshu-client.ts'
import { youshuDocumentOrder, youshuFaqOrder } from './youshu-document-order.ts'
import type { YoushuRetcodeMeaning } from './youshu-errors.ts'

// Youshu publishes no list of its retcodes. The sandbox answers a busy Youshu with -1 (declared
// retryable here, as a merchant would after asking Youshu) and has codes of its own for what it
// refuses; these are `youshuSandboxKnownRetcodes` of `@ordersync/sandbox`, which
// youshu-descriptor.test.ts holds equal (this entry may not import the Node-only sandbox).
/** @internal */
export const sandboxKnownRetcodes: Readonly<Record<number, YoushuRetcodeMeaning>> = {
  1001: 'signature',
  1002: 'timestamp',
  1003: 'nonce',
  1005: 'unknown_data_source',
}

function youshuAgainst(
  sandbox: PlatformSandbox,
  overrides: PlatformClientOverrides,
  appSecret?: string,
): YoushuClient {
  const credentials = sandbox.credentials.youshu ?? {}
  return createYoushu({
    environment: 'test',
    baseURL: sandbox.url,
    appId: credentials.appId ?? '',
    appSecret: appSecret ?? credentials.appSecret ?? '',
    merchantId: credentials.merchantId ?? '',
    retryableRetcodes: [-1],
    knownRetcodes: sandboxKnownRetcodes,
    ...overrides,
  })
}

function makeYoushuOrder(index: number): OrderInput {
  return {
    ...youshuFaqOrder,
    id: `youshu-order-${index}`,
    buyer: {
      platformUserId: `o-openid-${index}`,
      phone: `1371234${String(index % 10_000).padStart(4, '0')}`,
    },
  }
}

/**
 * What the repository's checks, the demo and the benchmark know about Tencent Youshu: a client
 * against a sandbox (Youshu's `-1` declared retryable, the sandbox's own codes known), orders it
 * accepts, its faults and its signature's worked example.
 *
 * @example
 * ```ts
 * import { platformDescriptor } from '@ordersync/youshu/testing'
 *
 * const youshu = platformDescriptor.createClient(sandbox)
 * const report = await syncOrders({ platform: youshu, orders: [platformDescriptor.makeOrder(1)] })
 * report.succeeded // 1
 * ```
 */
export const platformDescriptor: PlatformDescriptor<YoushuPreparedOrder> = {
  id: 'youshu',
  label: 'Tencent Youshu',
  packageName: '@ordersync/youshu',
  auth: 'signature',
  maxBatchSize: 50,
  syncEndpoint: '/data-api/v1/order/add_order',
  samples: [
    {
      id: 'youshu-faq',
      label: 'Youshu FAQ: 10 yuan off over 100',
      description:
        'The Youshu FAQ’s order as the FAQ gives it: no buyer, so every platform that needs the buyer’s platform id refuses it.',
      order: youshuFaqOrder,
    },
    {
      id: 'youshu-document',
      label: 'Youshu add_order example',
      description: 'The add_order request example, corrected so that its sums hold.',
      order: youshuDocumentOrder,
    },
  ],
  makeOrder: makeYoushuOrder,
  createClient: (sandbox, overrides = {}) => youshuAgainst(sandbox, overrides),
  createMisconfiguredClient: (sandbox, overrides = {}) =>
    youshuAgainst(sandbox, overrides, 'not-the-registered-secret'),
  faults: {
    retryable: { body: { retcode: -1, errmsg: 'system busy' } },
    nonRetryable: { body: { retcode: 1004, errmsg: 'sandbox: invalid request' } },
  },
  credentialOf: (request) => new URLSearchParams(request.query).get('signature') ?? undefined,
  secrets: (sandbox) =>
    [sandbox.credentials.youshu?.appSecret ?? ''].filter((value) => value !== ''),
  keyFields: [
    'orders[0].external_order_id',
    'orders[0].order_status',
    'orders[0].order_amount',
    'orders[0].payable_amount',
    'orders[0].payment_amount',
  ],
  selfChecks: async () => [
    {
      what: 'HMAC-SHA256 query signature (the worked example of Youshu’s developer access page)',
      actual: await signYoushuQuery({
        appId: 'abc',
        appSecret: '123',
        nonce: '407313d23c3f7',
        timestamp: 1542951251,
      }),
      expected: '25d5806d0aadc93129879874227c348c33f8e29d70cdcb3094c6909fadb3007b',
    },
  ],
}
