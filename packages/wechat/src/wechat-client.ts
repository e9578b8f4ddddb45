import {
  checkBaseURL,
  InvalidArgumentError,
  type OrderSyncPlatformV1,
  omitUndefined,
  type PlatformClientSettings,
  prepareWith,
  requireSetting,
  syncOneByOne,
  type TokenStore,
} from '@ordersync/core'
import {
  toWechatOrder,
  type WechatConversionOptions,
  type WechatPreparedOrder,
} from './convert-to-wechat-order.ts'
import type { WechatResendAfterPayment } from './plan-wechat-add.ts'
import { syncWechatOrder } from './sync-wechat-order.ts'
import { createWechatApi, createWechatSyncCalls, type WechatApi } from './wechat-api.ts'
import { createWechatSentOrders } from './wechat-sent-orders.ts'
import { createWechatTransport, type WechatConnection } from './wechat-transport.ts'

const platform = 'wechat'

/**
 * Settings of {@link createWechat}: the mini program's credentials, the token endpoint and store,
 * the default scene, what a re-sync of a paid order does, beside the common `baseURL` (default
 * `https://api.weixin.qq.com`), `retry`, `hooks`, `fetch` and `redactPersonalData` (default
 * `true`: the receiver's name and address never reach hooks, errors or results).
 *
 * @example
 * ```ts
 * const settings: WechatSettings = { appId: 'wx1234567890abcdef', appSecret: 'secret', defaultScene: 1001 }
 * ```
 */
export interface WechatSettings extends WechatConversionOptions, PlatformClientSettings {
  /** The mini program's AppID. */
  readonly appId: string
  /** The mini program's AppSecret. */
  readonly appSecret: string
  /**
   * Which token endpoint: `stable` (`POST /cgi-bin/stable_token`, recommended by WeChat: a new
   * token does not invalidate the one other systems hold) or `classic` (`GET /cgi-bin/token`:
   * each fetch invalidates the previous token, so only one system may fetch it).
   *
   * @default 'stable'
   */
  readonly tokenEndpoint?: 'stable' | 'classic'
  /** Where access tokens are kept; share one between processes (e.g. Redis) so they refresh once. */
  readonly tokenStore?: TokenStore
  /**
   * What a sync does when WeChat holds the order paid (20) or further (30, 100) and this version
   * may have other content (a new address, a line refunded, a price changed):
   * - `'when_changed'` — `shop/order/add` again when the content changed ("可重入": it replaces the
   *   whole order, in status 10), then the status steps replayed up to the order's status, with a
   *   `resent_after_payment` warning. "Changed" means: the body differs from the last one this
   *   client object sent for the order (it remembers a fingerprint of the last 10,000 orders'
   *   bodies, in memory); with no such memory (another process sent it), a field that WeChat's
   *   `shop/order/get` answer carries differs. A change only in fields the answer leaves out
   *   (create_time, scene, pay_method_type, address_info) cannot be seen then: add is not sent, and
   *   a `resend_unverifiable` warning names those fields;
   * - `'always'` — add again, and the steps replayed, on every sync of such an order, changed or
   *   not (4–6 calls instead of 1–2): the way to be sure a change in a field WeChat does not echo
   *   reaches it;
   * - `'never'` — add is not sent again; WeChat keeps the content it has, and an `add_not_resent`
   *   warning names the fields seen to differ.
   *
   * Whatever the setting, a version older (by `modifiedAt`) than the one this client object sent
   * last is not sent, and nothing is sent to an order WeChat holds cancelled (250, 200).
   *
   * @default 'when_changed'
   */
  readonly resendAfterPayment?: WechatResendAfterPayment
  /** @internal The clock, epoch milliseconds (the wait after a 45011 minute-quota answer). */
  readonly clock?: () => number
}

/**
 * The WeChat client: the `OrderSyncPlatformV1` contract for `syncOrders`, `prepare` for a look at
 * the calls, and `api` with one typed method per endpoint.
 *
 * @example
 * ```ts
 * const wechat = createWechat({ appId, appSecret, defaultScene: 1001 })
 * await syncOrders({ platform: wechat, orders })
 * ```
 */
export interface WechatClient extends OrderSyncPlatformV1<WechatPreparedOrder> {
  /** One typed method per endpoint. */
  readonly api: WechatApi
}

/**
 * Creates a WeChat client for the mini program custom transaction component (legacy: WeChat
 * replaced it with the Channels transaction component in 2022; see the guide).
 *
 * @param settings - Credentials, token endpoint, default scene, transport settings.
 * @returns The client.
 * @throws `InvalidArgumentError` (`@ordersync/core`) for a missing credential, an unknown
 *   `tokenEndpoint`, a malformed `baseURL` or a retry setting that cannot work, naming the setting.
 * @example
 * ```ts
 * import { syncOrders } from '@ordersync/core'
 * import { createWechat } from '@ordersync/wechat'
 *
 * const wechat = createWechat({
 *   appId: process.env.WECHAT_APP_ID!,
 *   appSecret: process.env.WECHAT_APP_SECRET!,
 *   defaultScene: 1001,
 * })
 * const report = await syncOrders({ platform: wechat, orders })
 * ```
 */
export function createWechat(settings: WechatSettings): WechatClient {
  const { connection, resendAfterPayment } = readWechatSettings(settings)
  const transport = createWechatTransport(connection)
  const calls = createWechatSyncCalls(transport)
  // What this client sent last, per order: in memory, for this client object alone.
  const sentOrders = createWechatSentOrders(10_000)
  const conversion: WechatConversionOptions = omitUndefined({
    defaultScene: settings.defaultScene,
  })
  return {
    specificationVersion: 'v1',
    platform,
    // One order per shop/order/add call.
    maxBatchSize: 1,
    api: createWechatApi(transport),
    prepare: prepareWith((order) => toWechatOrder(order, conversion)),
    // Reads shop/order/get before add unless core's version store knows what WeChat holds.
    doSync: (batch, { signal, holds }) =>
      syncOneByOne(batch, (entry, index) =>
        syncWechatOrder(entry.payload, calls, {
          resendAfterPayment,
          sentOrders,
          signal,
          holds: holds?.[index]?.payload,
        }),
      ),
  }
}

/**
 * Checks every setting, in the order a user reads them, with their defaults: a setting that
 * cannot work fails at creation, naming itself, rather than on the first call.
 */
function readWechatSettings(settings: WechatSettings): {
  readonly connection: WechatConnection
  readonly resendAfterPayment: WechatResendAfterPayment
} {
  const appId = requireSetting(settings, 'appId', platform)
  const appSecret = requireSetting(settings, 'appSecret', platform)
  const tokenEndpoint = checkTokenEndpoint(settings.tokenEndpoint ?? 'stable')
  const resendAfterPayment = checkResendAfterPayment(settings.resendAfterPayment ?? 'when_changed')
  const baseURL = checkBaseURL(settings.baseURL ?? 'https://api.weixin.qq.com', platform)
  return {
    connection: {
      appId,
      appSecret,
      tokenEndpoint,
      baseURL,
      clock: settings.clock ?? Date.now,
      tokenStore: settings.tokenStore,
      retry: settings.retry,
      hooks: settings.hooks,
      fetch: settings.fetch,
      redactPersonalData: settings.redactPersonalData,
    },
    resendAfterPayment,
  }
}

function checkTokenEndpoint(tokenEndpoint: string): 'stable' | 'classic' {
  if (tokenEndpoint === 'stable' || tokenEndpoint === 'classic') return tokenEndpoint
  throw new InvalidArgumentError({
    platform,
    argument: 'tokenEndpoint',
    reason: "must be 'stable' (cgi-bin/stable_token) or 'classic' (cgi-bin/token)",
  })
}

function checkResendAfterPayment(resendAfterPayment: string): WechatResendAfterPayment {
  if (
    resendAfterPayment === 'when_changed' ||
    resendAfterPayment === 'always' ||
    resendAfterPayment === 'never'
  )
    return resendAfterPayment
  throw new InvalidArgumentError({
    platform,
    argument: 'resendAfterPayment',
    reason: "must be 'when_changed', 'always' or 'never'",
  })
}
