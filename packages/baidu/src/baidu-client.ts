import {
  ApiCallError,
  checkBaseURL,
  createTokenManager,
  createTransport,
  type DoSyncOutcome,
  InvalidArgumentError,
  type OrderSyncPlatformV1,
  omitUndefined,
  type PreparedOrder,
  type RetryOptions,
  requireSetting,
  type SyncWarning,
  type TokenStore,
  type TransportHooks,
  toValidationIssues,
  ValidationError,
} from '@ordersync/core'
import * as t from 'io-ts'
import type { z } from 'zod'
import { type BaiduAfterSaleLedger, createBaiduAfterSaleLedger } from './baidu-after-sale-ledger.ts'
import { classifyBaiduResponse, classifyBaiduTokenResponse } from './baidu-errors.ts'
import {
  type BaiduAddMainInfoRequest,
  type BaiduAppendSubInfoRequest,
  type BaiduMainOrder,
  type BaiduOrderQuery,
  type BaiduUpdateMainInfoRequest,
  type BaiduUpdateMainLogisticsRequest,
  type BaiduUpdateMainStatusRequest,
  type BaiduUpdateSubInfoRequest,
  type BaiduUpdateSubStatusRequest,
  baiduAddMainInfoRequestSchema,
  baiduAppendSubInfoRequestSchema,
  baiduUpdateMainInfoRequestSchema,
  baiduUpdateMainLogisticsRequestSchema,
  baiduUpdateMainStatusRequestSchema,
  baiduUpdateSubInfoRequestSchema,
  baiduUpdateSubStatusRequestSchema,
} from './baidu-order-schema.ts'
import { checkBaiduMainOrder, checkBaiduSubsOrder } from './check-baidu-order-consistency.ts'
import {
  type BaiduConversionOptions,
  type BaiduPreparedOrder,
  toBaiduOrder,
} from './convert-to-baidu-order.ts'

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
 * Settings of {@link createBaidu}.
 *
 * @example
 * ```ts
 * const settings: BaiduSettings = { appKey: 'a392qX…', appSecret: 'secret', paymentAppKey: 'MMMabc' }
 * ```
 */
export interface BaiduSettings extends Omit<BaiduConversionOptions, 'appKey'> {
  /** The mini program's App Key: the token's `client_id`, and `BizAPPID` of every order. */
  readonly appKey: string
  /** The mini program's App Secret: the token's `client_secret`. */
  readonly appSecret: string
  /** The App Key of the payment service (Baidu's cashier): the `pm_app_key` query parameter. */
  readonly paymentAppKey: string
  /**
   * Another base URL, e.g. the sandbox's.
   *
   * @default 'https://openapi.baidu.com'
   */
  readonly baseURL?: string
  /**
   * The token endpoint.
   *
   * @default `${baseURL}/oauth/2.0/token`
   */
  readonly tokenURL?: string
  /** Where access tokens are kept (in memory by default); share one between processes. */
  readonly tokenStore?: TokenStore
  /** Retry settings. */
  readonly retry?: RetryOptions
  /** Observers of every attempt, redacted. */
  readonly hooks?: TransportHooks
  /** The `fetch` to use. */
  readonly fetch?: typeof globalThis.fetch
  /**
   * Business `errno`s to retry: Baidu publishes no errno list for the order center, so none is
   * retried by default.
   *
   * @default []
   */
  readonly retryableErrnos?: readonly number[]
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
 * One row of Baidu's answer: the order and whether it was stored (`rows_affected` "0" means it
 * was not, even when `errno` is 0).
 *
 * @example
 * ```ts
 * const row: BaiduResponseRow = { biz_app_id: 'a392…', cate_id: '1', resource_id: '2221554346520', rows_affected: '1' }
 * ```
 */
export interface BaiduResponseRow {
  readonly biz_app_id?: string
  readonly cate_id?: string | number
  readonly resource_id?: string
  readonly rows_affected: string | number
}

/**
 * Baidu's business envelope.
 *
 * @example
 * ```ts
 * const response: BaiduResponse = {
 *   errno: 0,
 *   msg: 'success',
 *   data: [{ biz_app_id: 'a392…', cate_id: '1', resource_id: '2221554346520', rows_affected: '1' }],
 * }
 * ```
 */
export interface BaiduResponse {
  readonly errno: number
  readonly msg?: string
  readonly data?: readonly BaiduResponseRow[] | null
}

/**
 * What an `api` call returns: Baidu's answer, the rows Baidu did not apply (`rows_affected` "0"),
 * and warnings about the request (the document's identities it breaks).
 *
 * @example
 * ```ts
 * await syncOrders({ platform: baidu, orders: [rest] }) // Baidu now has order 2221554346520
 * const { rejected } = await baidu.api.updateMainStatus({
 *   query: { open_id: 'openid-2221554346520', scene_id: '15925907919' },
 *   body: {
 *     Data: [
 *       { CateID: 1, BizAPPID: appKey, ResourceID: '2221554346520', Status: 6 },
 *       { CateID: 1, BizAPPID: appKey, ResourceID: 'not-sent-yet', Status: 6 },
 *     ],
 *   },
 * })
 * rejected.map((row) => row.resource_id) // ['not-sent-yet'] — the orders Baidu did not update
 * ```
 */
export interface BaiduCallResult {
  readonly response: BaiduResponse
  readonly rejected: readonly BaiduResponseRow[]
  readonly warnings: readonly SyncWarning[]
}

/**
 * The Baidu client: the `OrderSyncPlatformV1` contract for `syncOrders` (each order an
 * `add/main/info` carrying its after-sale orders), `prepare` for a look at the request, and `api`
 * with one typed method per endpoint. The update endpoints need an order Baidu already has
 * (ResourceID, and SubOrderID for the after-sale ones).
 *
 * `add/main/info` overwrites the whole record, after-sale orders included, so every version must
 * carry the order's whole after-sale history. The client remembers the `SubOrderID`s of the last
 * 10,000 orders it had Baidu store with after-sale orders; a later version stored without some of
 * them succeeds with an `after_sales_erased` warning (path `afterSales`) naming what Baidu no
 * longer holds.
 *
 * @example
 * ```ts
 * const baidu = createBaidu({ appKey, appSecret, paymentAppKey })
 * await syncOrders({ platform: baidu, orders })
 * ```
 */
export interface BaiduClient extends OrderSyncPlatformV1<BaiduPreparedOrder> {
  readonly api: {
    /** `add/main/info`: imports one order, or overwrites it with its after-sale data (全量覆盖). */
    addMainInfo(
      request: BaiduAddMainInfoRequest,
      options?: { readonly signal?: AbortSignal },
    ): Promise<BaiduCallResult>
    /** `update/main/info`: updates existing orders' main information. */
    updateMainInfo(
      request: BaiduUpdateMainInfoRequest,
      options?: { readonly signal?: AbortSignal },
    ): Promise<BaiduCallResult>
    /** `update/main/status`: updates existing orders' status. */
    updateMainStatus(
      request: BaiduUpdateMainStatusRequest,
      options?: { readonly signal?: AbortSignal },
    ): Promise<BaiduCallResult>
    /** `update/main/logistics`: reports parcels of existing orders. */
    updateMainLogistics(
      request: BaiduUpdateMainLogisticsRequest,
      options?: { readonly signal?: AbortSignal },
    ): Promise<BaiduCallResult>
    /** `append/sub/info`: adds after-sale orders to an existing order. */
    appendSubInfo(
      request: BaiduAppendSubInfoRequest,
      options?: { readonly signal?: AbortSignal },
    ): Promise<BaiduCallResult>
    /** `update/sub/info`: replaces existing after-sale orders (全量覆盖). */
    updateSubInfo(
      request: BaiduUpdateSubInfoRequest,
      options?: { readonly signal?: AbortSignal },
    ): Promise<BaiduCallResult>
    /** `update/sub/status`: updates existing after-sale orders' status. */
    updateSubStatus(
      request: BaiduUpdateSubStatusRequest,
      options?: { readonly signal?: AbortSignal },
    ): Promise<BaiduCallResult>
  }
}

const row = t.intersection([
  t.type({ rows_affected: t.union([t.string, t.number]) }),
  t.partial({
    biz_app_id: t.string,
    cate_id: t.union([t.string, t.number]),
    resource_id: t.string,
  }),
])
const envelope = t.intersection([
  t.type({ errno: t.number }),
  t.partial({ msg: t.string, data: t.union([t.array(row), t.null]) }),
])
const tokenAnswer = t.type({ access_token: t.string, expires_in: t.number })

const asList = <T>(value: T | readonly T[]): readonly T[] =>
  Array.isArray(value) ? (value as readonly T[]) : [value as T]

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
 * `Data` of an after-sale request in the chosen shape: a list, or the one order as an object (the
 * page's shape), refusing several orders, which that shape cannot carry.
 */
function shapeAfterSaleData(data: unknown, shape: 'list' | 'object', subject: string): unknown {
  const list = asList(data)
  if (shape === 'list') return list
  if (list.length === 1) return list[0]
  throw new ValidationError({
    platform: 'baidu',
    subject,
    issues: [
      {
        path: ['body', 'Data'],
        code: 'baidu_rule',
        message: `holds ${list.length} orders, but afterSaleData is 'object' (Baidu's page: one order per call, its after-sale orders in EXT.SubsOrder.Items): send one call per order, or set afterSaleData: 'list'`,
      },
    ],
  })
}

/** Shows a few rows of Baidu's answer in an error: what came back, briefly. */
function describeRows(rows: readonly BaiduResponseRow[]): string {
  if (rows.length === 0) return 'no rows'
  const shown = rows
    .slice(0, 3)
    .map((row) =>
      JSON.stringify({ resource_id: row.resource_id ?? null, rows_affected: row.rows_affected }),
    )
  return `${rows.length} row(s): ${shown.join(', ')}${rows.length > 3 ? ', …' : ''}`
}

/**
 * The outcome of one `add/main/info`. Only a row whose `resource_id` is the order's `ResourceID`
 * speaks for it (返回值参数说明: `resource_id` is the ResourceID of the request); a row for another
 * id, or none, leaves the order's fate unknown: a failure that shows what came back.
 */
function addOutcome(
  request: BaiduPreparedOrder,
  response: BaiduResponse,
  ledger: BaiduAfterSaleLedger,
): DoSyncOutcome {
  const [order] = request.body.Data
  const resourceId = order.ResourceID
  const rows = response.data ?? []
  const own = rows.find((candidate) => candidate.resource_id === resourceId)
  const endpoint = baiduEndpoints.addMainInfo
  if (own === undefined) {
    return {
      status: 'failed',
      error: new ApiCallError({
        platform: 'baidu',
        endpoint,
        reason: `Baidu answered errno 0 without a row for ResourceID ${JSON.stringify(resourceId)} (data held ${describeRows(rows)}): whether it stored the order is unknown — sync it again, and if this repeats, show Baidu the answer`,
        platformCode: 'no_row_for_resource_id',
        retryable: false,
        delivery: 'uncertain',
      }),
    }
  }
  if (String(own.rows_affected) === '0') {
    return {
      status: 'failed',
      error: new ApiCallError({
        platform: 'baidu',
        endpoint,
        reason: `Baidu did not store ResourceID ${JSON.stringify(resourceId)} (rows_affected "0") although errno is 0 — check the order's BizAPPID, CateID and Status, and the open_id or swan_id`,
        platformCode: 'rows_affected_0',
        retryable: false,
      }),
    }
  }
  const subOrderIds = order.EXT.SubsOrder?.Items.map((item) => item.SubOrderID) ?? []
  const erased = ledger.store(resourceId, subOrderIds)
  return {
    status: 'succeeded',
    platformIds: { resource_id: resourceId },
    ...(erased === undefined ? {} : { warnings: [erased] }),
  }
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
  const appSecret = requireSetting(settings, 'appSecret', platform)
  const paymentAppKey = requireSetting(settings, 'paymentAppKey', platform)
  const baseURL = checkBaseURL(settings.baseURL ?? baiduHost, platform)
  const tokenURL = new URL(
    checkBaseURL(settings.tokenURL ?? `${baseURL}${baiduEndpoints.token}`, platform, 'tokenURL'),
  )
  const retryableErrnos = settings.retryableErrnos ?? []
  const { updateSubStatusPath, afterSaleData } = checkDocumentChoices(settings)
  const ledger = createBaiduAfterSaleLedger(ledgerCapacity)
  const common = {
    platform,
    secrets: [appSecret],
    ...omitUndefined({ retry: settings.retry, hooks: settings.hooks, fetch: settings.fetch }),
  }
  const tokenTransport = createTransport({
    ...common,
    baseURL: tokenURL.origin,
    classify: classifyBaiduTokenResponse,
  })
  const transport = createTransport({
    ...common,
    baseURL,
    classify: (response) => classifyBaiduResponse(response, retryableErrnos),
    tokens: {
      manager: createTokenManager({
        platform,
        key: `baidu:${appKey}`,
        ...(settings.tokenStore === undefined ? {} : { store: settings.tokenStore }),
        // Client credentials (开发者服务权限说明): a new token whenever needed, for expires_in
        // seconds (a month by default, but honoured as given); the refresh_token is not needed.
        // The signal aborts the shared request once every caller waiting for it has given up.
        fetchToken: async (signal) => {
          const { data } = await tokenTransport.send({
            endpoint: tokenURL.pathname,
            authenticate: false,
            signal,
            query: {
              grant_type: 'client_credentials',
              client_id: appKey,
              client_secret: appSecret,
              scope: 'smartapp_snsapi_base',
            },
            decode: tokenAnswer,
          })
          return { value: data.access_token, expiresInMs: data.expires_in * 1000 }
        },
      }),
      // access_token first, as Baidu's SDKs send it; the per-order parameters follow.
      apply: (request, token) => ({ ...request, query: { access_token: token, ...request.query } }),
    },
  })

  const validate = <T>(schema: z.ZodType<T>, value: unknown, subject: string): T => {
    const result = schema.safeParse(value)
    if (!result.success) {
      throw new ValidationError({
        platform,
        subject,
        issues: toValidationIssues(result.error.issues),
      })
    }
    return result.data
  }

  const send = async (
    endpoint: string,
    query: BaiduOrderQuery,
    body: unknown,
    signal: AbortSignal | undefined,
  ): Promise<BaiduResponse> => {
    const { data } = await transport.send({
      endpoint,
      query: omitUndefined({
        open_id: query.open_id,
        swan_id: query.swan_id,
        scene_id: query.scene_id,
        scene_type: String(query.scene_type ?? 2),
        pm_app_key: paymentAppKey,
      }),
      body: JSON.stringify(body),
      headers: { 'content-type': 'application/json' },
      decode: envelope,
      ...(signal === undefined ? {} : { signal }),
    })
    return data as BaiduResponse
  }
  const rejectedRows = (response: BaiduResponse): BaiduResponseRow[] =>
    (response.data ?? []).filter((entry) => String(entry.rows_affected) === '0')

  /** One `api` method: validates the request, sends it, and reads the rows and warnings. */
  const call = async (
    endpoint: {
      readonly path: string
      readonly schema: z.ZodType
      readonly subject: string
      readonly warnings: (request: never) => SyncWarning[]
      /** `Data` as a list, or in the shape of the afterSaleData setting. */
      readonly data: 'list' | 'afterSale'
    },
    request: { readonly query: BaiduOrderQuery; readonly body: unknown },
    options: { readonly signal?: AbortSignal },
  ): Promise<BaiduCallResult> => {
    validate(endpoint.schema, request, endpoint.subject)
    const data = (request.body as { readonly Data: unknown }).Data
    const body = {
      ...(request.body as object),
      Data:
        endpoint.data === 'list'
          ? asList(data)
          : shapeAfterSaleData(data, afterSaleData, endpoint.subject),
    }
    const response = await send(endpoint.path, request.query, body, options.signal)
    return {
      response,
      rejected: rejectedRows(response),
      warnings: endpoint.warnings(request as never),
    }
  }

  const mainOrderWarnings = (request: {
    readonly body: {
      readonly Data: readonly {
        readonly EXT: { readonly MainOrder: BaiduMainOrder; readonly SubsOrder?: unknown }
      }[]
    }
  }): SyncWarning[] =>
    request.body.Data.flatMap((entry, index) => [
      ...checkBaiduMainOrder(entry.EXT.MainOrder, ['body', 'Data', index, 'EXT', 'MainOrder']),
      ...(entry.EXT.SubsOrder === undefined
        ? []
        : checkBaiduSubsOrder(entry.EXT.SubsOrder as never, [
            'body',
            'Data',
            index,
            'EXT',
            'SubsOrder',
          ])),
    ])
  const subsOrderWarnings = (request: {
    readonly body: { readonly Data: unknown }
  }): SyncWarning[] => {
    const single = !Array.isArray(request.body.Data)
    return asList(
      request.body.Data as { readonly EXT: { readonly SubsOrder: never } } | readonly never[],
    ).flatMap((entry, index) =>
      checkBaiduSubsOrder((entry as { EXT: { SubsOrder: never } }).EXT.SubsOrder, [
        'body',
        'Data',
        ...(single ? [] : [index]),
        'EXT',
        'SubsOrder',
      ]),
    )
  }
  const none = (): SyncWarning[] => []

  // The main-order endpoints take Data as a list, as every example of the page and Baidu's SDKs
  // write it; the after-sale ones in the shape of the afterSaleData setting.
  const api: BaiduClient['api'] = {
    addMainInfo: (request, options = {}) =>
      call(
        {
          path: baiduEndpoints.addMainInfo,
          schema: baiduAddMainInfoRequestSchema,
          subject: 'Baidu add/main/info request',
          warnings: mainOrderWarnings,
          data: 'list',
        },
        request,
        options,
      ),
    updateMainInfo: (request, options = {}) =>
      call(
        {
          path: baiduEndpoints.updateMainInfo,
          schema: baiduUpdateMainInfoRequestSchema,
          subject: 'Baidu update/main/info request',
          warnings: mainOrderWarnings,
          data: 'list',
        },
        request,
        options,
      ),
    updateMainStatus: (request, options = {}) =>
      call(
        {
          path: baiduEndpoints.updateMainStatus,
          schema: baiduUpdateMainStatusRequestSchema,
          subject: 'Baidu update/main/status request',
          warnings: none,
          data: 'list',
        },
        request,
        options,
      ),
    updateMainLogistics: (request, options = {}) =>
      call(
        {
          path: baiduEndpoints.updateMainLogistics,
          schema: baiduUpdateMainLogisticsRequestSchema,
          subject: 'Baidu update/main/logistics request',
          warnings: none,
          data: 'list',
        },
        request,
        options,
      ),
    appendSubInfo: (request, options = {}) =>
      call(
        {
          path: baiduEndpoints.appendSubInfo,
          schema: baiduAppendSubInfoRequestSchema,
          subject: 'Baidu append/sub/info request',
          warnings: subsOrderWarnings,
          data: 'afterSale',
        },
        request,
        options,
      ),
    updateSubInfo: (request, options = {}) =>
      call(
        {
          path: baiduEndpoints.updateSubInfo,
          schema: baiduUpdateSubInfoRequestSchema,
          subject: 'Baidu update/sub/info request',
          warnings: subsOrderWarnings,
          data: 'afterSale',
        },
        request,
        options,
      ),
    updateSubStatus: (request, options = {}) =>
      call(
        {
          path: updateSubStatusPath,
          schema: baiduUpdateSubStatusRequestSchema,
          subject: 'Baidu update/sub/status request',
          warnings: subsOrderWarnings,
          data: 'afterSale',
        },
        request,
        options,
      ),
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
    api,
    prepare(order): PreparedOrder<BaiduPreparedOrder> {
      const prepared = toBaiduOrder(order, conversion)
      return { orderId: order.id, payload: prepared, warnings: prepared.warnings }
    },
    async doSync(batch, { signal }): Promise<readonly DoSyncOutcome[]> {
      const outcomes: DoSyncOutcome[] = []
      for (const entry of batch) {
        const { query, body } = entry.payload
        const response = await send(baiduEndpoints.addMainInfo, query, body, signal)
        outcomes.push(addOutcome(entry.payload, response, ledger))
      }
      return outcomes
    },
  }
}
