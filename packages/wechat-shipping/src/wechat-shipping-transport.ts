import {
  createTransport,
  omitUndefined,
  type RetryOptions,
  type TokenStore,
  type Transport,
  type TransportHooks,
  type WechatTokenEndpoint,
  waitingOutWechatMinuteQuota,
  wechatTokenAuth,
  withWechatMinuteQuotaWait,
} from '@ordersync/core'
import { classifyWechatShippingResponse } from './wechat-shipping-errors.ts'
import { wechatShippingVersion } from './wechat-shipping-version.ts'

const platform = 'wechat-shipping'

/**
 * The client's settings that the transport is made from, checked and with their defaults.
 *
 * @example
 * ```ts
 * const connection: WechatShippingConnection = { appId: 'wx1', appSecret: 's', tokenEndpoint: 'stable', baseURL: 'https://api.weixin.qq.com', clock: Date.now }
 * ```
 */
export interface WechatShippingConnection {
  readonly appId: string
  readonly appSecret: string
  readonly tokenEndpoint: WechatTokenEndpoint
  readonly baseURL: string
  /** Epoch milliseconds: the token manager's clock and the wait after a 45011. */
  readonly clock: () => number
  readonly tokenStore?: TokenStore | undefined
  readonly retry?: RetryOptions | undefined
  readonly hooks?: TransportHooks | undefined
  readonly fetch?: typeof globalThis.fetch | undefined
  readonly redactPersonalData?: boolean | undefined
}

/**
 * The wire keys of the family that hold a person's contact: the masked phone numbers of an SF
 * Express parcel. They are masked already (the last four digits only), and still kept out of
 * hooks, errors and results unless `redactPersonalData` is false. No field of the family carries a
 * name, an address or an email (`openid` is an id).
 */
const wechatShippingPersonalData = { keys: ['receiver_contact', 'consignor_contact'] } as const

/**
 * The client's transport: the shipping service's answers classified, the secret and the contacts
 * redacted, and the access token in the `access_token` query parameter. The token is the one
 * `@ordersync/wechat` uses too — core's key (`wechatTokenKey`) and fetch
 * (`fetchWechatAccessToken`) — so that clients of both packages with the same app id, token
 * endpoint and token store share one token and one refresh.
 *
 * @param connection - The checked settings.
 * @returns The transport.
 * @example
 * ```ts
 * // type-checked only: createWechatShipping makes it from the checked settings
 * declare const connection: WechatShippingConnection
 * const transport = createWechatShippingTransport(connection)
 * ```
 */
export function createWechatShippingTransport(connection: WechatShippingConnection): Transport {
  const transport: Transport = createTransport({
    userAgent: `ordersync/wechat-shipping/${wechatShippingVersion}`,
    platform,
    baseURL: connection.baseURL,
    secrets: [connection.appSecret],
    personalData: wechatShippingPersonalData,
    classify: withWechatMinuteQuotaWait(classifyWechatShippingResponse, connection.clock),
    ...omitUndefined({
      fetch: connection.fetch,
      retry: connection.retry,
      hooks: connection.hooks,
      redactPersonalData: connection.redactPersonalData,
    }),
    // Core's token setting, shared with every WeChat package: one token per app and endpoint in
    // a shared store (the stable and the classic token are separate).
    tokens: wechatTokenAuth(
      {
        platform,
        appId: connection.appId,
        appSecret: connection.appSecret,
        endpoint: connection.tokenEndpoint,
        now: connection.clock,
        store: connection.tokenStore,
      },
      () => transport,
    ),
  })
  // Every WeChat API counts against the same minute quota: after a 45011, every call (each brings
  // its own classifier) waits for the next minute rather than retrying within it.
  return waitingOutWechatMinuteQuota(transport, classifyWechatShippingResponse, connection.clock)
}
