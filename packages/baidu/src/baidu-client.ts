import {
  checkBaseURL,
  InvalidArgumentError,
  type Order,
  type OrderSyncPlatformV1,
  omitUndefined,
  type PlatformClientSettings,
  prepareWith,
  requireSetting,
  syncOneByOne,
  type TokenStore,
} from '@ordersync/core'
import {
  afterSalesLeftOutWarning,
  type BaiduAfterSaleLedger,
  createBaiduAfterSaleLedger,
} from './baidu-after-sale-ledger.ts'
import { type BaiduApi, type BaiduApiContext, createBaiduApi, subOrderIdsOf } from './baidu-api.ts'
import { createBaiduSend } from './baidu-transport.ts'
import {
  type BaiduConversionOptions,
  type BaiduPreparedOrder,
  toBaiduOrder,
} from './convert-to-baidu-order.ts'
import { syncBaiduOrder } from './sync-baidu-order.ts'

/**
 * Baidu's OpenAPI host (the order-center paths and the token endpoint are both on it).
 *
 * @example
 * ```ts
 * baiduHost // 'https://openapi.baidu.com'
 * ```
 */
export const baiduHost = 'https://openapi.baidu.com'

/**
 * The endpoints this client calls by default. `updateSubStatus` is the default of the
 * `updateSubStatusPath` setting, `/rest/2.0/smartapp/ordercenter/app/update/sub/status`: Baidu's
 * page (订单中心 — 更新售后订单状态) writes `/rest/2.0/smartapp/app/update/sub/status`, without
 * `ordercenter`, but Baidu's official SDKs (Go: `openapi/updateOrderSubStatus.go`; PHP), the .NET
 * SKIT client and the mirrors of Baidu's page for that endpoint all call the `ordercenter` path,
 * like the six other endpoints. `updateMainLogistics` has no section in the document; its path is
 * the SKIT client's.
 *
 * @example
 * ```ts
 * baiduEndpoints.addMainInfo // '/rest/2.0/smartapp/ordercenter/app/add/main/info'
 * ```
 */
export const baiduEndpoints = {
  token: '/oauth/2.0/token',
  addMainInfo: '/rest/2.0/smartapp/ordercenter/app/add/main/info',
  updateMainInfo: '/rest/2.0/smartapp/ordercenter/app/update/main/info',
  updateMainStatus: '/rest/2.0/smartapp/ordercenter/app/update/main/status',
  updateMainLogistics: '/rest/2.0/smartapp/ordercenter/app/update/main/logistics',
  appendSubInfo: '/rest/2.0/smartapp/ordercenter/app/append/sub/info',
  updateSubInfo: '/rest/2.0/smartapp/ordercenter/app/update/sub/info',
  updateSubStatus: '/rest/2.0/smartapp/ordercenter/app/update/sub/status',
} as const

/**
 * Settings of {@link createBaidu}: the credentials, the choices between Baidu's page and its SDKs,
 * the conversion options, and the common `baseURL` (default `https://openapi.baidu.com`), `retry`,
 * `hooks` and `fetch`.
 *
 * @example
 * ```ts
 * const settings: BaiduSettings = { appKey: 'a392qX…', appSecret: 'secret', paymentAppKey: 'MMMabc' }
 * ```
 */
export interface BaiduSettings
  extends PlatformClientSettings,
    Omit<BaiduConversionOptions, 'appKey'> {
  /** The mini program's App Key: the token's `client_id`, and `BizAPPID` of every order. */
  readonly appKey: string
  /** The mini program's App Secret: the token's `client_secret`. */
  readonly appSecret: string
  /** The App Key of the payment service (Baidu's cashier): the `pm_app_key` query parameter. */
  readonly paymentAppKey: string
  /**
   * The token endpoint.
   *
   * @default `${baseURL}/oauth/2.0/token`
   */
  readonly tokenURL?: string
  /** Where access tokens are kept (in memory by default); share one between processes. */
  readonly tokenStore?: TokenStore
  /**
   * Business `errno`s to retry: Baidu publishes no errno list for the order center, so none is
   * retried by default.
   *
   * @default []
   */
  readonly retryableErrnos?: readonly number[]
  /**
   * Business `errno`s you know to be about the order alone (a body Baidu refuses, say). Baidu
   * publishes no errno list, so by default an errno is a failure the client cannot place: when
   * the first sends of a run all fail with the same one (a wrong `paymentAppKey`, answered alike
   * on every call), `syncOrders` stops sending after `sameFailureLimit` of them, and the other
   * orders fail `not_sent`. A code listed here fails its order only, and never stops the run.
   *
   * @default []
   */
  readonly orderErrnos?: readonly number[]
  /**
   * The path of the after-sale status update (`api.updateSubStatus`). Baidu's page writes
   * `/rest/2.0/smartapp/app/update/sub/status`; Baidu's own SDKs and every other public client call
   * `/rest/2.0/smartapp/ordercenter/app/update/sub/status`, the default. A path from `/`, without
   * query or fragment.
   *
   * @default '/rest/2.0/smartapp/ordercenter/app/update/sub/status'
   */
  readonly updateSubStatusPath?: string
  /**
   * How `Data` is sent on the after-sale endpoints (`append/sub/info`, `update/sub/info`,
   * `update/sub/status`): `'list'`, as Baidu's Go SDK sends it (`[{…}]`, several orders per call),
   * or `'object'`, as the page's examples write it (`{…}`: one order per call, its after-sale
   * orders batched in `EXT.SubsOrder.Items`; a request with several orders is refused).
   *
   * @default 'list'
   */
  readonly afterSaleData?: 'list' | 'object'
}

/**
 * The Baidu client: the `OrderSyncPlatformV1` contract for `syncOrders`, `prepare` for a look at
 * the request, and `api` with one typed method per endpoint. The update endpoints need an order
 * Baidu already has (ResourceID, and SubOrderID for the after-sale ones).
 *
 * `syncOrders` sends an order as one `add/main/info` carrying its after-sale orders, unless core's
 * version store knows the version Baidu holds (`DoSyncOptions.holds`): a later version then goes
 * through the update endpoints (`update/main/status`, `update/main/info`, `append/sub/info`,
 * `update/sub/info`), or nowhere when nothing changed, and back through `add/main/info` when they
 * cannot make it (an after-sale order left out, another buyer) or Baidu answers that it does not
 * hold the order.
 *
 * `add/main/info` overwrites the whole record, after-sale orders included, so every version must
 * carry the order's whole after-sale history. The client remembers the `SubOrderID`s Baidu holds
 * or may hold for the last 10,000 orders it used that have after-sale orders (least recently used
 * forgotten first): those of each version stored, of a version whose delivery is uncertain (no
 * answer row, a timeout), and of successful `appendSubInfo`, `updateSubInfo` and
 * `updateSubStatus` calls. `prepare` (and `api.addMainInfo`, before it sends) warns
 * `after_sales_erased` (path `afterSales`) about a version that leaves some of them out. `prepare`
 * takes each version as the next one sent (core sends the versions of an order one after another,
 * in the order prepared) and compares it with the one prepared before it; a stored version that
 * erased after-sale orders `prepare` could not name (the version before it was not stored, or was
 * prepared and never sent) gets the same warning on its result. This memory is the client
 * object's, in this process: two clients or processes do not share it, and it is gone after a
 * restart.
 *
 * @example
 * ```ts
 * const baidu = createBaidu({ appKey, appSecret, paymentAppKey })
 * await syncOrders({ platform: baidu, orders })
 * ```
 */
export interface BaiduClient extends OrderSyncPlatformV1<BaiduPreparedOrder> {
  readonly api: BaiduApi
}

/** How many orders' after-sale ids a client remembers (see {@link BaiduClient}). */
const ledgerCapacity = 10_000

/** The settings that choose between Baidu's page and its SDKs, checked. */
function checkDocumentChoices(settings: BaiduSettings): {
  readonly updateSubStatusPath: string
  readonly afterSaleData: 'list' | 'object'
} {
  const updateSubStatusPath = settings.updateSubStatusPath ?? baiduEndpoints.updateSubStatus
  if (typeof updateSubStatusPath !== 'string' || !/^\/[^?#\s]*$/.test(updateSubStatusPath)) {
    throw new InvalidArgumentError({
      platform: 'baidu',
      argument: 'updateSubStatusPath',
      reason: `must be a path from "/" without query, fragment or spaces, e.g. ${JSON.stringify(baiduEndpoints.updateSubStatus)}`,
    })
  }
  const afterSaleData = settings.afterSaleData ?? 'list'
  if (afterSaleData !== 'list' && afterSaleData !== 'object') {
    throw new InvalidArgumentError({
      platform: 'baidu',
      argument: 'afterSaleData',
      reason: `must be 'list' or 'object', got ${JSON.stringify(afterSaleData)}`,
    })
  }
  return { updateSubStatusPath, afterSaleData }
}

/**
 * The conversion of `prepare`: the request, and an `after_sales_erased` warning when the version
 * leaves out after-sale orders Baidu holds or will hold from an earlier version (the ledger's
 * announcement, which takes this version as the order's next one).
 */
function convertAndAnnounce(
  order: Order,
  conversion: BaiduConversionOptions,
  ledger: BaiduAfterSaleLedger,
): BaiduPreparedOrder {
  const prepared = toBaiduOrder(order, conversion)
  const [item] = prepared.body.Data
  const subOrderIds = subOrderIdsOf(item)
  const erased = ledger.announce(item.ResourceID, subOrderIds, prepared.body)
  const leftOut = afterSalesLeftOutWarning(item.ResourceID, subOrderIds.length, erased, [
    'afterSales',
  ])
  return leftOut.length === 0
    ? prepared
    : { ...prepared, warnings: [...prepared.warnings, ...leftOut] }
}

/**
 * Creates a Baidu order-center client.
 *
 * @param settings - Credentials, the payment service's App Key, and the conversion options.
 * @returns The client.
 * @throws `InvalidArgumentError` (`@ordersync/core`) for a missing credential, a malformed
 *   `baseURL` or `tokenURL`, or a retry setting that cannot work, naming the setting.
 * @example
 * ```ts
 * import { syncOrders } from '@ordersync/core'
 * import { createBaidu } from '@ordersync/baidu'
 *
 * const baidu = createBaidu({
 *   appKey: process.env.BAIDU_APP_KEY!,
 *   appSecret: process.env.BAIDU_APP_SECRET!,
 *   paymentAppKey: process.env.BAIDU_PAYMENT_APP_KEY!,
 * })
 * const report = await syncOrders({ platform: baidu, orders })
 * ```
 */
export function createBaidu(settings: BaiduSettings): BaiduClient {
  const platform = 'baidu'
  const appKey = requireSetting(settings, 'appKey', platform)
  const baseURL = checkBaseURL(settings.baseURL ?? baiduHost, platform)
  const send = createBaiduSend({
    appKey,
    appSecret: requireSetting(settings, 'appSecret', platform),
    paymentAppKey: requireSetting(settings, 'paymentAppKey', platform),
    baseURL,
    tokenURL: new URL(
      checkBaseURL(settings.tokenURL ?? `${baseURL}${baiduEndpoints.token}`, platform, 'tokenURL'),
    ),
    retryableErrnos: settings.retryableErrnos ?? [],
    orderErrnos: settings.orderErrnos ?? [],
    tokenStore: settings.tokenStore,
    retry: settings.retry,
    hooks: settings.hooks,
    fetch: settings.fetch,
    redactPersonalData: settings.redactPersonalData,
  })
  const { updateSubStatusPath, afterSaleData } = checkDocumentChoices(settings)
  const ledger = createBaiduAfterSaleLedger(ledgerCapacity)
  const { token: _token, ...paths } = baiduEndpoints
  const context: BaiduApiContext = {
    send,
    ledger,
    paths: { ...paths, updateSubStatus: updateSubStatusPath },
    afterSaleData,
  }
  const conversion: BaiduConversionOptions = omitUndefined({
    appKey,
    categoryByOrderType: settings.categoryByOrderType,
    requireSceneId: settings.requireSceneId,
    sendOpenIdWithSwanId: settings.sendOpenIdWithSwanId,
  })

  return {
    specificationVersion: 'v1',
    platform,
    // "POST请求中Data参数不可填写多个,暂不支持批量导入" (document, 导入主订单信息).
    maxBatchSize: 1,
    api: createBaiduApi(context),
    prepare: prepareWith((order) => convertAndAnnounce(order, conversion, ledger)),
    doSync: (batch, { signal, holds }) =>
      syncOneByOne(batch, (entry, index) =>
        syncBaiduOrder(context, entry.payload, holds?.[index]?.payload, signal),
      ),
  }
}
