import {
  ApiCallError,
  checkBaseURL,
  checkCallOptions,
  createTransport,
  type DoSyncOutcome,
  type IncomingResponse,
  InvalidArgumentError,
  OrderSyncError,
  type OrderSyncPlatformV1,
  type OutgoingRequest,
  omitUndefined,
  type PlatformClientSettings,
  type PreparedOrder,
  parsePlatformRequest,
  postJson,
  prepareWith,
  type ResponseClassification,
  requireSetting,
  type SyncWarning,
  type Transport,
  type TransportResult,
} from '@ordersync/core'
import * as t from 'io-ts'
import { checkYoushuOrderConsistency } from './check-youshu-order-consistency.ts'
import {
  toYoushuOrder,
  type YoushuConversionOptions,
  type YoushuPreparedOrder,
} from './convert-to-youshu-order.ts'
import { createYoushuNonce, signYoushuQuery } from './sign-youshu-query.ts'
import { createYoushuDataSource, type YoushuDataSource } from './youshu-data-source.ts'
import { classifyYoushuResponse, type YoushuRetcodeMeaning } from './youshu-errors.ts'
import {
  type YoushuAddOrderRequest,
  type YoushuOrder,
  type YoushuUpdateOrderRequest,
  youshuAddOrderRequestSchema,
  youshuUpdateOrderRequestSchema,
} from './youshu-order-schema.ts'
import { youshuVersion } from './youshu-version.ts'

const platform = 'youshu'

/**
 * The hosts of Youshu's back-end data API (https://mp.zhls.qq.com/youshu-docs/develop/dev_account/dev_account_access.html). The app id and secret differ per
 * environment; the merchant id is the same.
 *
 * @example
 * ```ts
 * youshuHosts.test // 'https://test.zhls.qq.com'
 * ```
 */
export const youshuHosts: Readonly<Record<'test' | 'production', string>> = {
  test: 'https://test.zhls.qq.com',
  production: 'https://zhls.qq.com',
}

/**
 * The endpoints of the data API this client calls.
 *
 * @example
 * ```ts
 * youshuEndpoints.addOrder // '/data-api/v1/order/add_order'
 * ```
 */
export const youshuEndpoints = {
  addOrder: '/data-api/v1/order/add_order',
  updateOrder: '/data-api/v1/order/update',
  addDataSource: '/data-api/v1/data_source/add',
  getDataSource: '/data-api/v1/data_source/get',
} as const

/**
 * Settings of {@link createYoushu}: the environment, its credentials and the merchant, beside the
 * common `baseURL` (by default the environment's host, {@link youshuHosts}), `retry`, `hooks` and
 * `fetch`, and the conversion options.
 *
 * @example
 * ```ts
 * const settings: YoushuSettings = { environment: 'test', appId: 'bi123', appSecret: 'secret', merchantId: '40' }
 * ```
 */
export interface YoushuSettings extends PlatformClientSettings, YoushuConversionOptions {
  /**
   * `test` or `production`: required, since the hosts and the app id and secret differ
   * (Youshu's developer access page) — there is no silent default to production.
   */
  readonly environment: 'test' | 'production'
  /** The app id of that environment (usually starts with `bi`). */
  readonly appId: string
  /** The app secret of that environment; the signing key. */
  readonly appSecret: string
  /** The merchant id (the same in both environments). */
  readonly merchantId: string
  /**
   * The data source to report into. When absent, the client creates one through
   * `data_source/add` (or, on retcode 16, finds the existing one through `data_source/get`) and
   * caches it. In production Youshu asks you to reuse the one shown in DataNexus: pass it here.
   */
  readonly dataSourceId?: string
  /**
   * `retcode`s to retry: Youshu's code list is not public, so none is retried by default.
   *
   * @default []
   */
  readonly retryableRetcodes?: readonly number[]
  /**
   * What `retcode`s you learnt mean (Youshu's list is not public): `signature` (a wrong `appId` or
   * `appSecret` for the environment), `timestamp`, `nonce` and `unknown_data_source` stop the run's
   * sends to Youshu with advice on what to fix, and an `unknown_data_source` answer makes the
   * client forget a data source it looked up, so that its next call looks it up again;
   * `temporary` is retried. The sandbox's codes are `youshuSandboxKnownRetcodes` in
   * `@ordersync/sandbox`.
   *
   * @default {}
   */
  readonly knownRetcodes?: Readonly<Record<number, YoushuRetcodeMeaning>>
  /** @internal The clock, epoch milliseconds (the signature's timestamp is its seconds). */
  readonly clock?: () => number
  /** @internal The nonce source. */
  readonly createNonce?: () => string
}

/**
 * Youshu's answer envelope.
 *
 * @example
 * ```ts
 * const response: YoushuResponse = { retcode: 0, errmsg: '' }
 * ```
 */
export interface YoushuResponse {
  readonly retcode: number
  readonly errmsg: string
  readonly data?: unknown
}

/**
 * The options of each of the client's `api` calls.
 *
 * @example
 * ```ts
 * const callOptions: YoushuCallOptions = { signal: AbortSignal.timeout(10_000) }
 * ```
 */
export interface YoushuCallOptions {
  /** Aborts the call, including a retry that is waiting. */
  readonly signal?: AbortSignal
}

/**
 * The Youshu client: the `OrderSyncPlatformV1` contract for `syncOrders`, `prepare` for a look at
 * the payload, and `api` with one typed method per endpoint. Each `api` method, and
 * `resolveDataSourceId`, refuses options that are not an object (`null`) or a signal that is not
 * an `AbortSignal` with an `InvalidArgumentError` before anything is sent.
 *
 * @example
 * ```ts
 * const youshu = createYoushu({ environment: 'test', appId, appSecret, merchantId })
 * await syncOrders({ platform: youshu, orders })
 * ```
 */
export interface YoushuClient extends OrderSyncPlatformV1<YoushuPreparedOrder> {
  readonly api: {
    /** `POST /data-api/v1/order/add_order`: validated against the document; broken sums come back as warnings. */
    addOrder(
      request: YoushuAddOrderRequest,
      options?: YoushuCallOptions,
    ): Promise<{ readonly response: YoushuResponse; readonly warnings: readonly SyncWarning[] }>
    /** `POST /data-api/v1/order/update`: status changes. */
    updateOrderStatus(
      request: YoushuUpdateOrderRequest,
      options?: YoushuCallOptions,
    ): Promise<YoushuResponse>
    /** `POST /data-api/v1/data_source/add`: creates the merchant's data source (retcode 16 when it exists). */
    addDataSource(
      options?: YoushuCallOptions,
    ): Promise<{ readonly dataSourceId: string | undefined; readonly retcode: number }>
    /** `POST /data-api/v1/data_source/get`: the merchant's existing data source. */
    getDataSource(options?: YoushuCallOptions): Promise<{ readonly dataSourceId: string }>
  }
  /**
   * The data source in use: the setting, or found or created once and cached. The lookup is shared
   * by every caller; `signal` stops this caller's wait (and the lookup, once no caller waits).
   */
  resolveDataSourceId(signal?: AbortSignal): Promise<string>
}

// The keys of add_order whose values are the buyer's or the receiver's name or address (express_info
// and invoice_info of the add_order document; an invoice's title is the buyer's name on a personal
// invoice): the transport redacts their values wherever they come back. Phone numbers, plain or
// hashed (sha256_user_phone, md5_user_phone, sha256_receiver_phone, the invoice phones), are found
// by their keys in core, and redacted whatever this says.
const personalDataKeys = [
  'receiver_name',
  'receiver_address',
  'invoice_title',
  'invoice_delivery_name',
  'invoice_delivery_address',
  'registry_address',
]

const envelope = t.type({ retcode: t.number, errmsg: t.union([t.string, t.undefined]) })
const dataSourceAnswer = t.type({
  retcode: t.number,
  data: t.type({ dataSource: t.type({ id: t.union([t.string, t.number]) }) }),
})
const dataSourceAddAnswer = t.union([dataSourceAnswer, t.type({ retcode: t.literal(16) })])

type Classify = (response: IncomingResponse) => ResponseClassification

/**
 * Creates a Youshu client.
 *
 * @param settings - Environment, credentials, merchant, optional data source, and the conversion options.
 * @returns The client.
 * @throws `InvalidArgumentError` (`@ordersync/core`) for a missing or unknown environment, a missing credential,
 *   a malformed `baseURL` or a retry setting that cannot work, naming the setting.
 * @example
 * ```ts
 * import { syncOrders } from '@ordersync/core'
 * import { createYoushu } from '@ordersync/youshu'
 *
 * const youshu = createYoushu({
 *   environment: 'test',
 *   appId: process.env.YOUSHU_APP_ID!,
 *   appSecret: process.env.YOUSHU_APP_SECRET!,
 *   merchantId: process.env.YOUSHU_MERCHANT_ID!,
 *   cashOnDelivery: 'paid_when_shipped',
 * })
 * const report = await syncOrders({ platform: youshu, orders })
 * ```
 */
export function createYoushu(settings: YoushuSettings): YoushuClient {
  const environment = checkEnvironment(settings.environment)
  const appId = requireSetting(settings, 'appId', platform)
  const appSecret = requireSetting(settings, 'appSecret', platform)
  const merchantId = requireSetting(settings, 'merchantId', platform)
  const baseURL = checkBaseURL(settings.baseURL ?? youshuHosts[environment], platform)
  const knownRetcodes = settings.knownRetcodes ?? {}
  const classify: Classify = (response) =>
    classifyYoushuResponse(response, settings.retryableRetcodes ?? [], {
      environment,
      knownRetcodes,
      dataSourceIsSetting: settings.dataSourceId !== undefined,
    })
  const transport = createTransport({
    userAgent: `ordersync/youshu/${youshuVersion}`,
    platform,
    baseURL,
    secrets: [appSecret],
    classify,
    sign: signEveryAttempt({
      appId,
      appSecret,
      clock: settings.clock ?? Date.now,
      createNonce: settings.createNonce ?? createYoushuNonce,
    }),
    personalData: { keys: personalDataKeys },
    ...omitUndefined({
      retry: settings.retry,
      hooks: settings.hooks,
      fetch: settings.fetch,
      redactPersonalData: settings.redactPersonalData,
    }),
  })
  const api = createYoushuApi(transport, merchantId, classify)
  const dataSource = createYoushuDataSource(settings.dataSourceId, knownRetcodes, (signal) =>
    findOrCreateDataSource(api, signal),
  )
  const conversion = conversionOptionsOf(settings)
  return {
    specificationVersion: 'v1',
    platform,
    // "订单列表 数组最大长度 50" (add_order's 请求体参数).
    maxBatchSize: 50,
    api,
    resolveDataSourceId: async (signal) => dataSource.resolve(checkLookupSignal(signal)),
    prepare: prepareWith((order) => toYoushuOrder(order, conversion)),
    doSync: (batch, { signal }) => syncBatch(batch, { transport, dataSource, signal }),
  }
}

/**
 * `resolveDataSourceId`'s signal, checked before the shared lookup starts: anything but an
 * `AbortSignal` (or nothing) is refused, so that no lookup is left running for a caller that
 * cannot stop it.
 */
function checkLookupSignal(signal: unknown): AbortSignal | undefined {
  if (signal === undefined || signal instanceof AbortSignal) return signal
  throw new InvalidArgumentError({
    platform,
    argument: 'signal',
    reason: `must be an AbortSignal (from an AbortController or AbortSignal.timeout), or left out; got ${signal === null ? 'null' : typeof signal}`,
  })
}

function checkEnvironment(environment: unknown): YoushuSettings['environment'] {
  if (environment !== 'test' && environment !== 'production') {
    throw new InvalidArgumentError({
      platform,
      argument: 'environment',
      reason: "is required: 'test' or 'production' (their hosts and app credentials differ)",
    })
  }
  return environment
}

/**
 * The transport's `sign`: a fresh nonce and timestamp on every attempt, in the query beside the
 * app id (Youshu's developer access page); the body is not signed.
 */
function signEveryAttempt(signer: {
  readonly appId: string
  readonly appSecret: string
  readonly clock: () => number
  readonly createNonce: () => string
}): (request: OutgoingRequest) => Promise<OutgoingRequest> {
  return async (request) => {
    const nonce = signer.createNonce()
    const timestamp = Math.floor(signer.clock() / 1000)
    const { appId, appSecret } = signer
    const signature = await signYoushuQuery({ appId, appSecret, nonce, timestamp })
    return {
      ...request,
      query: {
        app_id: appId,
        nonce,
        sign: 'sha256',
        timestamp: String(timestamp),
        signature,
        ...request.query,
      },
    }
  }
}

function conversionOptionsOf(settings: YoushuSettings): YoushuConversionOptions {
  return omitUndefined({
    defaultOrderSource: settings.defaultOrderSource,
    cashOnDelivery: settings.cashOnDelivery,
    miniProgram: settings.miniProgram,
    includeMd5Phone: settings.includeMd5Phone,
    partlyPaid: settings.partlyPaid,
  })
}

function createYoushuApi(
  transport: Transport,
  merchantId: string,
  classify: Classify,
): YoushuClient['api'] {
  return {
    async addOrder(request, options) {
      const { signal } = checkCallOptions(options, platform)
      parsePlatformRequest(youshuAddOrderRequestSchema, request, {
        platform,
        subject: 'Youshu add_order request',
      })
      const warnings = request.orders.flatMap((order, index) =>
        checkYoushuOrderConsistency(order, index),
      )
      const { data } = await postAddOrder(transport, request, signal)
      return { response: data as YoushuResponse, warnings }
    },
    async updateOrderStatus(request, options) {
      const { signal } = checkCallOptions(options, platform)
      parsePlatformRequest(youshuUpdateOrderRequestSchema, request, {
        platform,
        subject: 'Youshu order update request',
      })
      const { data } = await postJson(transport, {
        endpoint: youshuEndpoints.updateOrder,
        json: request,
        decode: envelope,
        signal,
      })
      return data as YoushuResponse
    },
    async addDataSource(options) {
      const { signal } = checkCallOptions(options, platform)
      const { data } = await postJson(transport, {
        endpoint: youshuEndpoints.addDataSource,
        json: { merchantId },
        decode: dataSourceAddAnswer,
        // retcode 16 (data_source_already_exist) is an answer here, not a failure (FAQ).
        classify: (response) =>
          (response.json as { retcode?: unknown } | undefined)?.retcode === 16 &&
          response.status === 200
            ? { outcome: 'success' }
            : classify(response),
        // A lookup made before the orders: whatever happens to it, they were not sent.
        carriesOrder: false,
        signal,
      })
      return data.retcode === 16 || !('data' in data)
        ? { dataSourceId: undefined, retcode: data.retcode }
        : { dataSourceId: String(data.data.dataSource.id), retcode: data.retcode }
    },
    async getDataSource(options) {
      const { signal } = checkCallOptions(options, platform)
      // The community SDK puts merchantId (and the legacy dataSourceType) in the query; the answer's
      // shape is taken to be data_source/add's (https://mp.zhls.qq.com/youshu-docs/develop/interface/datawarehouse/data_source_add.html; an inference).
      const { data } = await postJson(transport, {
        endpoint: youshuEndpoints.getDataSource,
        query: { merchantId },
        json: { merchantId },
        decode: dataSourceAnswer,
        carriesOrder: false,
        signal,
      })
      return { dataSourceId: String(data.data.dataSource.id) }
    },
  }
}

/** Sends an add_order request. */
function postAddOrder(
  transport: Transport,
  request: YoushuAddOrderRequest,
  signal: AbortSignal | undefined,
): Promise<TransportResult<t.TypeOf<typeof envelope>>> {
  return postJson(transport, {
    endpoint: youshuEndpoints.addOrder,
    json: request,
    decode: envelope,
    signal,
  })
}

/** The merchant's data source: created through data_source/add, or, on retcode 16, the existing one. */
async function findOrCreateDataSource(
  api: YoushuClient['api'],
  signal: AbortSignal,
): Promise<string> {
  const added = await api.addDataSource({ signal })
  if (added.dataSourceId !== undefined) return added.dataSourceId
  return (await api.getDataSource({ signal })).dataSourceId
}

/** What `doSync` sends through. */
interface SyncContext {
  readonly transport: Transport
  readonly dataSource: YoushuDataSource
  readonly signal: AbortSignal | undefined
}

/**
 * `doSync`: the batch's orders in one add_order call; then, for the cash-on-delivery orders
 * counted as paid at ordering (1110 first, then 1150: FAQ), their 1150 reports in a second call,
 * whose failure leaves those orders partly delivered (the 1110 report was stored).
 */
async function syncBatch(
  batch: readonly PreparedOrder<YoushuPreparedOrder>[],
  context: SyncContext,
): Promise<readonly DoSyncOutcome[]> {
  const dataSourceId = await dataSourceFor(context)
  await sendOrders(
    context,
    dataSourceId,
    batch.map((entry) => entry.payload.orders[0] as YoushuOrder),
  )
  const followUps = batch.filter((entry) => entry.payload.orders.length > 1)
  const failed = await sendFollowUps(context, dataSourceId, followUps)
  return batch.map((entry): DoSyncOutcome => {
    const error = failed.get(entry.orderId)
    return error === undefined
      ? { status: 'succeeded' }
      : { status: 'failed', error, delivery: 'partial' }
  })
}

/**
 * The batch's data source. The shared lookup runs on a signal of its own, so an abort while it
 * runs reaches this batch as its signal's reason, before add_order was sent: the orders are
 * `not_sent`, never in doubt.
 */
async function dataSourceFor(context: SyncContext): Promise<string> {
  try {
    return await context.dataSource.resolve(context.signal)
  } catch (error) {
    if (context.signal?.aborted !== true || OrderSyncError.isInstance(error)) throw error
    throw new ApiCallError({
      platform,
      endpoint: youshuEndpoints.addOrder,
      reason: 'aborted while the data source was looked up: add_order was not sent',
      retryable: true,
      delivery: 'not_sent',
      cause: error,
    })
  }
}

/** Sends the follow-up (1150) reports in one call; what failed, by order id. */
async function sendFollowUps(
  context: SyncContext,
  dataSourceId: string,
  followUps: readonly PreparedOrder<YoushuPreparedOrder>[],
): Promise<ReadonlyMap<string, OrderSyncError>> {
  const failed = new Map<string, OrderSyncError>()
  if (followUps.length === 0) return failed
  try {
    await sendOrders(
      context,
      dataSourceId,
      followUps.map((entry) => entry.payload.orders[1] as YoushuOrder),
    )
  } catch (error) {
    for (const entry of followUps) failed.set(entry.orderId, error as OrderSyncError)
  }
  return failed
}

/** One add_order call; an answer saying the data source is unknown makes the client forget it. */
async function sendOrders(
  context: SyncContext,
  dataSourceId: string,
  orders: readonly YoushuOrder[],
): Promise<void> {
  try {
    await postAddOrder(context.transport, { dataSourceId, orders }, context.signal)
  } catch (error) {
    context.dataSource.forgetIfUnknown(error, dataSourceId)
    throw error
  }
}
