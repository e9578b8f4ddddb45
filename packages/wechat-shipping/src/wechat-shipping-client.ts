import {
  checkBaseURL,
  InvalidArgumentError,
  type OrderSyncPlatformV1,
  type PlatformClientSettings,
  prepareWith,
  requireSetting,
  resolveRetryPolicy,
  syncOneByOne,
  type TokenStore,
  type WechatTokenEndpoint,
} from '@ordersync/core'
import {
  toWechatShippingOrder,
  type WechatShippingConversionOptions,
  type WechatShippingPreparedOrder,
} from './convert-to-wechat-shipping-order.ts'
import type { WechatShippingSplitUploads } from './plan-wechat-shipping-upload.ts'
import { syncWechatShippingOrder } from './sync-wechat-shipping-order.ts'
import { createWechatShippingApi, type WechatShippingApi } from './wechat-shipping-api.ts'
import { createWechatShippingSentVersions } from './wechat-shipping-sent-versions.ts'
import { createWechatShippingSyncCalls } from './wechat-shipping-sync-calls.ts'
import { createWechatShippingTransport } from './wechat-shipping-transport.ts'
import {
  defaultWechatShippingContactCarriers,
  defaultWechatShippingItemDescLimit,
  defaultWechatShippingMaxParcels,
  type WechatShippingItemDescLimit,
  type WechatShippingUploadRules,
} from './wechat-shipping-upload-schema.ts'

const platform = 'wechat-shipping'

/**
 * Settings of {@link createWechatShipping}: the mini program's credentials, the token endpoint and
 * store (shared with `@ordersync/wechat`), the merchant IDs, the rules WeChat's sources leave open
 * (`maxParcels`, `contactCarriers`, `itemDescLimit`, `splitUploads`), and the wait for a payment
 * WeChat does not see yet — beside the common `baseURL` (default
 * `https://api.weixin.qq.com`), `retry`, `hooks`, `fetch` and `redactPersonalData` (default
 * `true`: the masked contacts of SF parcels never reach hooks, errors or results).
 *
 * @example
 * ```ts
 * const settings: WechatShippingSettings = { appId: 'wx1234567890abcdef', appSecret: 'secret', mchid: '1900000109' }
 * ```
 */
export interface WechatShippingSettings
  extends WechatShippingConversionOptions,
    PlatformClientSettings {
  /** The mini program's AppID. */
  readonly appId: string
  /** The mini program's AppSecret. Never logged. */
  readonly appSecret: string
  /**
   * Which token endpoint: `stable` (`POST /cgi-bin/stable_token`, which WeChat recommends: a new
   * token does not invalidate the one other systems hold) or `classic` (`GET /cgi-bin/token`). A
   * `@ordersync/wechat` client with the same `appId`, `tokenEndpoint` and `tokenStore` shares the
   * token: one fetch, one refresh.
   *
   * @default 'stable'
   */
  readonly tokenEndpoint?: WechatTokenEndpoint
  /** Where access tokens are kept; share one between clients and processes so that they refresh once. */
  readonly tokenStore?: TokenStore
  /**
   * How long a sync waits before retrying an upload that WeChat answered `10060001` (payment not
   * found) for a payment made less than `paymentVisibilityWindowMs` ago: WeChat sees a payment
   * only some time after it is made (about a minute, its staff say). At most
   * `retry.maxRetryAfterMs`, and the retries fit within `retry.maxElapsedMs`.
   *
   * @default 20000
   */
  readonly paymentVisibilityDelayMs?: number
  /**
   * How recent a payment (its `paidAt`) must be for `10060001` to be waited for; an older payment,
   * or one without `paidAt`, is not found for good (wrong ids, a test or overseas payment).
   *
   * @default 300000 (5 minutes)
   */
  readonly paymentVisibilityWindowMs?: number
  /**
   * What each upload of a split shipping lists after the first, which WeChat's pages do not say
   * (does a split upload add to the parcels WeChat holds, or replace them?): `'all-parcels'`, every
   * parcel so far — a whole statement of the shipping, right for a WeChat that replaces or merges
   * the list by waybill; or `'new-parcels'`, only the parcels WeChat does not hold yet — right for
   * a WeChat that appends them. Either way, what WeChat holds is compared parcel by parcel (a
   * parcel held twice counts once), and the first upload and a re-shipment list every parcel.
   *
   * @default 'all-parcels'
   */
  readonly splitUploads?: WechatShippingSplitUploads
  /** @internal The clock, epoch milliseconds. */
  readonly clock?: () => number
}

/**
 * The WeChat shipping client: the `OrderSyncPlatformV1` contract for `syncOrders` (one payment's
 * shipping per order), `prepare` for a look at the upload, and `api` with one typed method per
 * call of the service.
 *
 * @example
 * ```ts
 * const shipping = createWechatShipping({ appId, appSecret })
 * await syncOrders({ platform: shipping, orders })
 * ```
 */
export interface WechatShippingClient extends OrderSyncPlatformV1<WechatShippingPreparedOrder> {
  /** One typed method per call of the service. */
  readonly api: WechatShippingApi
}

/** A positive (or non-negative) integer setting, or an error naming it. */
function checkInteger(value: number, name: string, minimum: number): number {
  if (Number.isSafeInteger(value) && value >= minimum) return value
  throw new InvalidArgumentError({
    platform,
    argument: name,
    reason: `must be an integer of at least ${minimum}, got ${String(value)}`,
  })
}

function checkTokenEndpoint(tokenEndpoint: string): WechatTokenEndpoint {
  if (tokenEndpoint === 'stable' || tokenEndpoint === 'classic') return tokenEndpoint
  throw new InvalidArgumentError({
    platform,
    argument: 'tokenEndpoint',
    reason: "must be 'stable' (cgi-bin/stable_token) or 'classic' (cgi-bin/token)",
  })
}

/** The `item_desc` limit, checked: a whole number of characters or bytes, at least 3 (`…` is 3 bytes). */
function readItemDescLimit(settings: WechatShippingSettings): WechatShippingItemDescLimit {
  const limit = settings.itemDescLimit ?? defaultWechatShippingItemDescLimit
  if (
    typeof limit !== 'object' ||
    limit === null ||
    !(limit.unit === 'characters' || limit.unit === 'bytes') ||
    !Number.isSafeInteger(limit.max) ||
    limit.max < 3
  )
    throw new InvalidArgumentError({
      platform,
      argument: 'itemDescLimit',
      reason: `must be { max, unit } with max a whole number of at least 3 and unit 'characters' or 'bytes', such as { max: 120, unit: 'characters' }`,
    })
  return { max: limit.max, unit: limit.unit }
}

/** The rules of an upload, checked: a parcel limit of at least 1, carriers as non-empty strings. */
function readRules(
  settings: WechatShippingSettings,
): WechatShippingUploadRules & { readonly itemDescLimit: WechatShippingItemDescLimit } {
  const maxParcels = checkInteger(
    settings.maxParcels ?? defaultWechatShippingMaxParcels,
    'maxParcels',
    1,
  )
  const contactCarriers = settings.contactCarriers ?? defaultWechatShippingContactCarriers
  if (
    !Array.isArray(contactCarriers) ||
    !contactCarriers.every((carrier) => typeof carrier === 'string' && carrier !== '')
  ) {
    throw new InvalidArgumentError({
      platform,
      argument: 'contactCarriers',
      reason: 'must be a list of delivery ids, such as ["SF"]',
    })
  }
  return { maxParcels, contactCarriers, itemDescLimit: readItemDescLimit(settings) }
}

/** What a split upload lists, checked. */
function readSplitUploads(settings: WechatShippingSettings): WechatShippingSplitUploads {
  const splitUploads = settings.splitUploads ?? 'all-parcels'
  if (splitUploads === 'all-parcels' || splitUploads === 'new-parcels') return splitUploads
  throw new InvalidArgumentError({
    platform,
    argument: 'splitUploads',
    reason:
      "must be 'all-parcels' (every parcel so far) or 'new-parcels' (the parcels WeChat does not hold yet)",
  })
}

/** The wait for a payment not seen yet, checked against the retry policy that must allow it. */
function readVisibility(settings: WechatShippingSettings): {
  readonly delayMs: number
  readonly windowMs: number
} {
  const delayMs = checkInteger(
    settings.paymentVisibilityDelayMs ?? 20_000,
    'paymentVisibilityDelayMs',
    1,
  )
  const windowMs = checkInteger(
    settings.paymentVisibilityWindowMs ?? 300_000,
    'paymentVisibilityWindowMs',
    0,
  )
  const policy = resolveRetryPolicy(settings.retry, platform)
  if (delayMs > policy.maxRetryAfterMs)
    throw new InvalidArgumentError({
      platform,
      argument: 'paymentVisibilityDelayMs',
      reason: `is ${delayMs} ms, more than retry.maxRetryAfterMs (${policy.maxRetryAfterMs} ms): the transport would give up instead of waiting`,
    })
  return { delayMs, windowMs }
}

/**
 * Creates a client for WeChat's mini program order shipping management service
 * (小程序发货信息管理服务): every mini program that takes WeChat Pay and is under the service must
 * record each payment's shipping with it, or the payment's funds stay frozen.
 *
 * @param settings - Credentials, token endpoint and store, merchant ID, upload rules, transport settings.
 * @returns The client.
 * @throws `InvalidArgumentError` (`@ordersync/core`) for a missing credential, an unknown
 *   `tokenEndpoint` or `splitUploads`, a malformed `baseURL` or `itemDescLimit`, a `maxParcels`
 *   below 1, a wait longer than the retry policy allows or a retry setting that cannot work,
 *   naming the setting.
 * @example
 * ```ts
 * import { syncOrders } from '@ordersync/core'
 * import { createWechatShipping } from '@ordersync/wechat-shipping'
 *
 * const shipping = createWechatShipping({
 *   appId: process.env.WECHAT_SHIPPING_APP_ID!,
 *   appSecret: process.env.WECHAT_SHIPPING_APP_SECRET!,
 *   mchid: '1900000109', // for payments named by their merchant trade number
 * })
 * const report = await syncOrders({ platform: shipping, orders })
 * ```
 */
export function createWechatShipping(settings: WechatShippingSettings): WechatShippingClient {
  const appId = requireSetting(settings, 'appId', platform)
  const appSecret = requireSetting(settings, 'appSecret', platform)
  const tokenEndpoint = checkTokenEndpoint(settings.tokenEndpoint ?? 'stable')
  const rules = readRules(settings)
  const splitUploads = readSplitUploads(settings)
  const visibility = readVisibility(settings)
  const clock = settings.clock ?? Date.now
  const transport = createWechatShippingTransport({
    appId,
    appSecret,
    tokenEndpoint,
    baseURL: checkBaseURL(settings.baseURL ?? 'https://api.weixin.qq.com', platform),
    clock,
    tokenStore: settings.tokenStore,
    retry: settings.retry,
    hooks: settings.hooks,
    fetch: settings.fetch,
    redactPersonalData: settings.redactPersonalData,
  })
  const calls = createWechatShippingSyncCalls(transport, { ...visibility, now: clock })
  // The versions this client object synced and the uploads WeChat took from it, per payment
  // (the last 10,000 payments).
  const versions = createWechatShippingSentVersions(10_000)
  const conversion: WechatShippingConversionOptions = {
    ...rules,
    ...(settings.mchid === undefined ? {} : { mchid: settings.mchid }),
    ...(settings.subMchid === undefined ? {} : { subMchid: settings.subMchid }),
  }
  return {
    specificationVersion: 'v1',
    platform,
    // One payment per upload_shipping_info call.
    maxBatchSize: 1,
    api: createWechatShippingApi(transport, appId, rules),
    prepare: prepareWith((order) => toWechatShippingOrder(order, conversion)),
    // One payment's syncs one after the other; get_order before an upload unless core's version
    // store knows WeChat holds this shipping.
    doSync: (batch, { signal, holds }) =>
      syncOneByOne(batch, (entry, index) =>
        syncWechatShippingOrder(entry.payload, calls, {
          signal,
          versions,
          splitUploads,
          holds: holds?.[index]?.payload,
        }),
      ),
  }
}
