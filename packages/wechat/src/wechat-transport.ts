import {
  createTransport,
  omitUndefined,
  type RetryOptions,
  type TokenStore,
  type Transport,
  type TransportHooks,
  waitingOutWechatMinuteQuota,
  wechatTokenAuth,
  withWechatMinuteQuotaWait,
} from '@ordersync/core'
import { classifyWechatResponse } from './wechat-errors.ts'
import { wechatVersion } from './wechat-version.ts'

const platform = 'wechat'

/**
 * The client's settings, checked and with their defaults: what the transport is made from.
 *
 * @example
 * ```ts
 * const connection: WechatConnection = { appId: 'wx1', appSecret: 's', tokenEndpoint: 'stable', baseURL: 'https://api.weixin.qq.com', clock: Date.now }
 * ```
 */
export interface WechatConnection {
  readonly appId: string
  readonly appSecret: string
  readonly tokenEndpoint: 'stable' | 'classic'
  readonly baseURL: string
  /** Epoch milliseconds: the wait after a 45011 and the token manager's clock. */
  readonly clock: () => number
  readonly tokenStore?: TokenStore | undefined
  readonly retry?: RetryOptions | undefined
  readonly hooks?: TransportHooks | undefined
  readonly fetch?: typeof globalThis.fetch | undefined
  /** `false` only to debug locally: receivers' names and addresses then reach hooks and errors. */
  readonly redactPersonalData?: boolean | undefined
}

/**
 * The wire keys whose values are a person's name or address: `address_info.receiver_name` and
 * `address_info.detailed_address` of shop/order/add (the "生成订单" page). The receiver's
 * `tel_number` is a phone key, redacted whatever this list says; no other field of the family
 * carries a buyer's name or email (`openid` and `out_user_id` are ids).
 */
const wechatPersonalData = { keys: ['receiver_name', 'detailed_address'] } as const

/**
 * The client's transport: WeChat's answers classified; the secret, and the receiver's name,
 * address and phone, redacted (the name and address unless `redactPersonalData` is false); the
 * access token in the `access_token` query parameter — fetched, cached (in `tokenStore` when
 * given) and refreshed by core's token manager — and the wait after a 45011 computed (core's
 * `wechatTokenAuth` and `waitingOutWechatMinuteQuota`, shared with every WeChat package).
 *
 * @param connection - The checked settings.
 * @returns The transport.
 * @example
 * ```ts
 * // type-checked only: createWechat makes it from the checked settings
 * declare const connection: WechatConnection
 * const transport = createWechatTransport(connection)
 * ```
 */
export function createWechatTransport(connection: WechatConnection): Transport {
  const transport: Transport = createTransport({
    userAgent: `ordersync/wechat/${wechatVersion}`,
    platform,
    baseURL: connection.baseURL,
    secrets: [connection.appSecret],
    personalData: wechatPersonalData,
    classify: withWechatMinuteQuotaWait(classifyWechatResponse, connection.clock),
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
  return waitingOutWechatMinuteQuota(transport, classifyWechatResponse, connection.clock)
}
