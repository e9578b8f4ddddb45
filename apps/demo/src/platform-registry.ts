import { createAlipayPlus } from '@ordersync/alipayplus'
import { createBaidu } from '@ordersync/baidu'
import type { OrderSyncPlatformV1, RetryOptions, TransportHooks } from '@ordersync/core'
import type { FaultAction, Sandbox } from '@ordersync/sandbox'
import { createWechat } from '@ordersync/wechat'
import { createWixtar, WixtarNotReportableError } from '@ordersync/wixtar'
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
  /** The path orders are synced through, shown on the card. */
  readonly syncEndpoint: string
  /**
   * The path the fault switches act on: the first call of every sync.
   *
   * @default syncEndpoint
   */
  readonly faultEndpoint?: string
  /**
   * The path of the access-token endpoint of a `token` platform, so that the exchange log marks
   * the token requests.
   */
  readonly tokenEndpoint?: string
  /** The platform's retryable "system busy" answer, for the busy switch. */
  readonly busy: FaultAction
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
  /**
   * Whether an error of the client says that the order cannot be reported *yet* (a platform that
   * takes only finished orders): the page shows it as "not reportable yet", not as a refusal.
   */
  readonly isNotReportableYet?: (error: unknown) => boolean
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
    busy: { type: 'body', body: { retcode: -1, errmsg: 'system busy' } },
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
    busy: {
      type: 'body',
      body: {
        result: {
          resultStatus: 'U',
          resultCode: 'UNKNOWN_EXCEPTION',
          resultMessage: 'system busy',
        },
      },
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
  {
    id: 'wechat',
    label: 'WeChat',
    auth: 'token',
    syncEndpoint: '/shop/order/add',
    // Every sync starts by reading the order (shop/order/get); add is not re-sent once WeChat
    // holds the order paid, so the switches act on the read.
    faultEndpoint: '/shop/order/get',
    tokenEndpoint: '/cgi-bin/stable_token',
    busy: { type: 'body', body: { errcode: -1, errmsg: 'system busy' } },
    keyFields: [
      'add.out_order_id',
      'add.scene',
      'add.order_detail.pay_info.prepay_id',
      'add.order_detail.price_info.order_price',
      'status',
    ],
    createClient: (sandbox, { retry, hooks }) => {
      const credentials = sandbox.credentials.wechat ?? {}
      return createWechat({
        baseURL: sandbox.url,
        appId: credentials.appId ?? '',
        appSecret: credentials.appSecret ?? '',
        retry,
        hooks,
      })
    },
  },
  {
    id: 'baidu',
    label: 'Baidu',
    auth: 'token',
    syncEndpoint: '/rest/2.0/smartapp/ordercenter/app/add/main/info',
    tokenEndpoint: '/oauth/2.0/token',
    busy: {
      type: 'body',
      body: { error_code: 2, error_msg: 'Service temporarily unavailable' },
    },
    keyFields: [
      'body.Data[0].ResourceID',
      'body.Data[0].Status',
      'body.Data[0].EXT.MainOrder.Payment.Amount',
      'query.open_id',
      'query.scene_id',
    ],
    createClient: (sandbox, { retry, hooks }) => {
      const credentials = sandbox.credentials.baidu ?? {}
      return createBaidu({
        baseURL: sandbox.url,
        appKey: credentials.appKey ?? '',
        appSecret: credentials.appSecret ?? '',
        paymentAppKey: credentials.paymentAppKey ?? '',
        retry,
        hooks,
      })
    },
  },
  {
    id: 'wixtar',
    label: 'Wixtar',
    auth: 'token',
    syncEndpoint: '/v1/data_center/order/upload',
    tokenEndpoint: '/oauth/v1/token',
    // Wixtar publishes no answer envelope: a temporary failure is an HTTP status.
    busy: { type: 'status', status: 503 },
    keyFields: [
      'order.order_id',
      'order.current_state',
      'order.store.id',
      'order.charges.total_fee.amount',
      'order.charges.total_fee.formatted_amount',
    ],
    isNotReportableYet: (error) => WixtarNotReportableError.isInstance(error),
    createClient: (sandbox, { retry, hooks }) => {
      const credentials = sandbox.credentials.wixtar ?? {}
      return createWixtar({
        baseURL: sandbox.url,
        tokenURL: `${sandbox.url}/oauth/v1/token`,
        clientId: credentials.clientId ?? '',
        clientSecret: credentials.clientSecret ?? '',
        // Cents everywhere, not the default (the example's whole dollars for charges and
        // payments): the demo's orders have cents. start-demo.ts starts the sandbox's Wixtar
        // module with the same scale.
        amountScale: { charges: 'minor', items: 'minor', payments: 'minor' },
        retry,
        hooks,
      })
    },
  },
]
