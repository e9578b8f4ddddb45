import { createAlipayPlus } from '@ordersync/alipayplus'
import type { OrderSyncPlatformV1, RetryOptions, TransportHooks } from '@ordersync/core'
import type { Sandbox } from '@ordersync/sandbox'
import { createYoushu } from '@ordersync/youshu'

/**
 * One platform on the demo page. Adding a platform package to the demo is one entry in
 * {@link platformRegistry} (and the package as a dependency of the demo): the page, the fault
 * switches, the batch and the browser test read everything from here.
 */
export interface DemoPlatform {
  /** The platform id: the client's `platform` and the sandbox module's. */
  readonly id: string
  /** The name shown on the page. */
  readonly label: string
  /**
   * How the platform authenticates: `token` platforms get the "token expired" switch (the
   * sandbox forgets the tokens it issued, the client is rejected, refreshes and replays once);
   * `signature` platforms sign each request and have no token to expire.
   */
  readonly auth: 'token' | 'signature'
  /** The path orders are synced through, where the fault switches act. */
  readonly syncEndpoint: string
  /** The platform's retryable "system busy" answer inside an HTTP 200, for the busy switch. */
  readonly busyBody: unknown
  /**
   * The payload fields the page lists above the whole payload, as paths into it
   * (`orders[0].payment_amount`).
   */
  readonly keyFields: readonly string[]
  /**
   * The key the platform's sandbox module stores an order under, for "Stored in the sandbox".
   *
   * @default the canonical order id
   */
  readonly storeKey?: (orderId: string) => string
  /** Creates the client against the sandbox with the demo's retry settings and hooks. */
  readonly createClient: (
    sandbox: Sandbox,
    overrides: { readonly retry: RetryOptions; readonly hooks: TransportHooks },
  ) => OrderSyncPlatformV1
}

/**
 * The platforms of the demo, in the order the page shows them. Credentials come from
 * `sandbox.credentials.<id>`, as the platform packages' own tests create their clients.
 */
export const platformRegistry: readonly DemoPlatform[] = [
  {
    id: 'youshu',
    label: 'Tencent Youshu',
    auth: 'signature',
    syncEndpoint: '/data-api/v1/order/add_order',
    busyBody: { retcode: -1, errmsg: 'system busy' },
    keyFields: [
      'orders[0].external_order_id',
      'orders[0].order_status',
      'orders[0].order_amount',
      'orders[0].payable_amount',
      'orders[0].payment_amount',
    ],
    createClient: (sandbox, { retry, hooks }) => {
      const credentials = sandbox.credentials.youshu ?? {}
      return createYoushu({
        environment: 'test',
        baseURL: sandbox.url,
        appId: credentials.appId ?? '',
        appSecret: credentials.appSecret ?? '',
        merchantId: credentials.merchantId ?? '',
        // Youshu publishes no list of retryable retcodes; the demo declares the sandbox's "busy"
        // answer (-1) retryable, as a merchant would after asking Youshu.
        retryableRetcodes: [-1],
        retry,
        hooks,
      })
    },
  },
  {
    id: 'alipayplus',
    label: 'Alipay+',
    auth: 'signature',
    syncEndpoint: '/api/open/v2/miniprogram/order/sync',
    busyBody: {
      result: { resultStatus: 'U', resultCode: 'UNKNOWN_EXCEPTION', resultMessage: 'system busy' },
    },
    keyFields: [
      'referenceOrderId',
      'orderType',
      'customerBelongsTo',
      'orderAmount.value',
      'paymentAmount.value',
    ],
    createClient: (sandbox, { retry, hooks }) => {
      const credentials = sandbox.credentials.alipayplus ?? {}
      return createAlipayPlus({
        baseURL: sandbox.url,
        clientId: credentials.clientId ?? '',
        privateKey: credentials.privateKey ?? '',
        keyVersion: credentials.keyVersion ?? '1',
        appId: credentials.appId ?? '',
        platformPublicKey: credentials.platformPublicKey ?? '',
        // The wallet of the demo's buyers, unless an order names its own.
        customerBelongsTo: 'ALIPAY_HK',
        retry,
        hooks,
      })
    },
  },
]
