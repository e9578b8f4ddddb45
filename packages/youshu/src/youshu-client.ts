import {
  ApiCallError,
  checkBaseURL,
  createTransport,
  type DoSyncOutcome,
  InvalidArgumentError,
  type OrderSyncError,
  type OrderSyncPlatformV1,
  omitUndefined,
  type PreparedOrder,
  type RetryOptions,
  requireSetting,
  type SyncWarning,
  type TransportHooks,
  toValidationIssues,
  ValidationError,
  waitUnlessAborted,
} from '@ordersync/core'
import * as t from 'io-ts'
import type { z } from 'zod'
import { checkYoushuOrderConsistency } from './check-youshu-order-consistency.ts'
import {
  toYoushuOrder,
  type YoushuConversionOptions,
  type YoushuPreparedOrder,
} from './convert-to-youshu-order.ts'
import { createYoushuNonce, signYoushuQuery } from './sign-youshu-query.ts'
import { classifyYoushuResponse, type YoushuRetcodeMeaning } from './youshu-errors.ts'
import {
  type YoushuAddOrderRequest,
  type YoushuOrder,
  type YoushuUpdateOrderRequest,
  youshuAddOrderRequestSchema,
  youshuUpdateOrderRequestSchema,
} from './youshu-order-schema.ts'

/**
 * The hosts of Youshu's back-end data API (PLATFORMS.md §5.1). The app id and secret differ per
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
 * Settings of {@link createYoushu}.
 *
 * @example
 * ```ts
 * const settings: YoushuSettings = { environment: 'test', appId: 'bi123', appSecret: 'secret', merchantId: '40' }
 * ```
 */
export interface YoushuSettings extends YoushuConversionOptions {
  /**
   * `test` or `production`: required, since the hosts and the app id and secret differ
   * (PLATFORMS.md §5.1) — there is no silent default to production.
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
  /** Another base URL than the environment's host, e.g. the sandbox's. */
  readonly baseURL?: string
  /** Retry settings. */
  readonly retry?: RetryOptions
  /** Observers of every attempt, redacted. */
  readonly hooks?: TransportHooks
  /** The `fetch` to use. */
  readonly fetch?: typeof globalThis.fetch
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
 * The Youshu client: the `OrderSyncPlatformV1` contract for `syncOrders`, `prepare` for a look at
 * the payload, and `api` with one typed method per endpoint.
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
      options?: { readonly signal?: AbortSignal },
    ): Promise<{ readonly response: YoushuResponse; readonly warnings: readonly SyncWarning[] }>
    /** `POST /data-api/v1/order/update`: status changes. */
    updateOrderStatus(
      request: YoushuUpdateOrderRequest,
      options?: { readonly signal?: AbortSignal },
    ): Promise<YoushuResponse>
    /** `POST /data-api/v1/data_source/add`: creates the merchant's data source (retcode 16 when it exists). */
    addDataSource(options?: {
      readonly signal?: AbortSignal
    }): Promise<{ readonly dataSourceId: string | undefined; readonly retcode: number }>
    /** `POST /data-api/v1/data_source/get`: the merchant's existing data source. */
    getDataSource(options?: {
      readonly signal?: AbortSignal
    }): Promise<{ readonly dataSourceId: string }>
  }
  /** The data source in use: the setting, or found or created once and cached. */
  resolveDataSourceId(signal?: AbortSignal): Promise<string>
}

/**
 * The phone numbers an add_order request carries, in the forms it carries them (Youshu takes only
 * hashes), for the transport to redact wherever they appear.
 */
function personalValues(orders: readonly YoushuOrder[]): string[] {
  const values = new Set<string>()
  const add = (value: unknown): void => {
    if (typeof value === 'string' && value !== '') values.add(value)
  }
  for (const order of orders) {
    add(order.user_info?.sha256_user_phone)
    add(order.user_info?.md5_user_phone)
    add(order.express_info?.sha256_receiver_phone)
    for (const invoice of (order.invoice_info as readonly Record<string, unknown>[] | undefined) ??
      []) {
      add(invoice.sha256_registry_phone)
      add(invoice.sha256_invoice_delivery_phone)
    }
  }
  return [...values]
}

const envelope = t.type({ retcode: t.number, errmsg: t.union([t.string, t.undefined]) })
const dataSourceAnswer = t.type({
  retcode: t.number,
  data: t.type({ dataSource: t.type({ id: t.union([t.string, t.number]) }) }),
})
const dataSourceAddAnswer = t.union([dataSourceAnswer, t.type({ retcode: t.literal(16) })])

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
  const platform = 'youshu'
  if (settings.environment !== 'test' && settings.environment !== 'production') {
    throw new InvalidArgumentError({
      platform,
      argument: 'environment',
      reason: "is required: 'test' or 'production' (their hosts and app credentials differ)",
    })
  }
  const appId = requireSetting(settings, 'appId', platform)
  const appSecret = requireSetting(settings, 'appSecret', platform)
  const merchantId = requireSetting(settings, 'merchantId', platform)
  const baseURL = checkBaseURL(settings.baseURL ?? youshuHosts[settings.environment], platform)
  const retryable = settings.retryableRetcodes ?? []
  const knownRetcodes = settings.knownRetcodes ?? {}
  const classification = {
    environment: settings.environment,
    knownRetcodes,
    dataSourceIsSetting: settings.dataSourceId !== undefined,
  }
  const classify = (response: Parameters<typeof classifyYoushuResponse>[0]) =>
    classifyYoushuResponse(response, retryable, classification)
  const clock = settings.clock ?? Date.now
  const createNonce = settings.createNonce ?? createYoushuNonce
  const transport = createTransport({
    platform,
    baseURL,
    secrets: [appSecret],
    classify,
    // A fresh nonce and timestamp on every attempt (PLATFORMS.md §5.2); the body is not signed.
    sign: async (request) => {
      const nonce = createNonce()
      const timestamp = Math.floor(clock() / 1000)
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
    },
    ...omitUndefined({ retry: settings.retry, hooks: settings.hooks, fetch: settings.fetch }),
  })
  const json = { 'content-type': 'application/json' }
  const withSignal = (signal: AbortSignal | undefined) => (signal === undefined ? {} : { signal })

  const validate = <T>(schema: z.ZodType<T>, value: unknown, subject: string): T => {
    const result = schema.safeParse(value)
    if (!result.success)
      throw new ValidationError({
        platform,
        subject,
        issues: toValidationIssues(result.error.issues),
      })
    return result.data
  }

  const api: YoushuClient['api'] = {
    async addOrder(request, options = {}) {
      validate(youshuAddOrderRequestSchema, request, 'Youshu add_order request')
      const warnings = request.orders.flatMap((order, index) =>
        checkYoushuOrderConsistency(order, index),
      )
      const sensitive = personalValues(request.orders)
      const { data } = await transport.send({
        endpoint: youshuEndpoints.addOrder,
        body: JSON.stringify(request),
        headers: json,
        decode: envelope,
        ...(sensitive.length === 0 ? {} : { sensitive }),
        ...withSignal(options.signal),
      })
      return { response: data as YoushuResponse, warnings }
    },
    async updateOrderStatus(request, options = {}) {
      validate(youshuUpdateOrderRequestSchema, request, 'Youshu order update request')
      const { data } = await transport.send({
        endpoint: youshuEndpoints.updateOrder,
        body: JSON.stringify(request),
        headers: json,
        decode: envelope,
        ...withSignal(options.signal),
      })
      return data as YoushuResponse
    },
    async addDataSource(options = {}) {
      const { data } = await transport.send({
        endpoint: youshuEndpoints.addDataSource,
        body: JSON.stringify({ merchantId }),
        headers: json,
        decode: dataSourceAddAnswer,
        // retcode 16 (data_source_already_exist) is an answer here, not a failure (FAQ).
        classify: (response) =>
          (response.json as { retcode?: unknown } | undefined)?.retcode === 16 &&
          response.status === 200
            ? { outcome: 'success' }
            : classify(response),
        ...withSignal(options.signal),
      })
      return data.retcode === 16 || !('data' in data)
        ? { dataSourceId: undefined, retcode: data.retcode }
        : { dataSourceId: String(data.data.dataSource.id), retcode: data.retcode }
    },
    async getDataSource(options = {}) {
      // The community SDK puts merchantId (and the legacy dataSourceType) in the query; the answer's
      // shape is taken to be data_source/add's (PLATFORMS.md §5.3, an inference).
      const { data } = await transport.send({
        endpoint: youshuEndpoints.getDataSource,
        query: { merchantId },
        body: JSON.stringify({ merchantId }),
        headers: json,
        decode: dataSourceAnswer,
        ...withSignal(options.signal),
      })
      return { dataSourceId: String(data.data.dataSource.id) }
    },
  }

  // The data source: the setting, or found or created once and cached. One lookup serves every
  // caller and runs on its own signal, aborted once no caller waits any more (so that nothing is
  // sent, and no retry timer waits, after the runs that asked have settled); each caller stops
  // waiting on its own signal. A failed or aborted lookup is not cached.
  let dataSource: string | undefined = settings.dataSourceId
  let lookup:
    | { readonly promise: Promise<string>; waiting: number; readonly stop: () => void }
    | undefined
  const resolveDataSourceId = (signal?: AbortSignal): Promise<string> => {
    if (dataSource !== undefined) return Promise.resolve(dataSource)
    if (lookup === undefined) {
      const controller = new AbortController()
      const promise = (async () => {
        const added = await api.addDataSource({ signal: controller.signal })
        if (added.dataSourceId !== undefined) return added.dataSourceId
        return (await api.getDataSource({ signal: controller.signal })).dataSourceId
      })()
      const current = {
        promise,
        waiting: 0,
        stop: () => controller.abort(new Error('no caller waits for the data source any more')),
      }
      lookup = current
      promise.then(
        (id) => {
          if (lookup === current) dataSource = id
        },
        () => undefined,
      )
      void promise
        .finally(() => {
          if (lookup === current) lookup = undefined
        })
        .catch(() => undefined)
    }
    const current = lookup
    current.waiting += 1
    let released = false
    const release = (): void => {
      if (released) return
      released = true
      current.waiting -= 1
      if (current.waiting === 0 && lookup === current) {
        lookup = undefined
        current.stop()
      }
    }
    const waited = waitUnlessAborted(current.promise, signal)
    // A caller that stops waiting (its signal) releases the lookup at once; one that got the
    // answer releases it after.
    signal?.addEventListener('abort', release, { once: true })
    return waited.finally(() => {
      signal?.removeEventListener('abort', release)
      release()
    })
  }
  // Forgets a looked-up data source Youshu no longer knows (e.g. the sandbox was reset).
  const forgetDataSource = (error: unknown, used: string): void => {
    if (
      settings.dataSourceId === undefined &&
      dataSource === used &&
      ApiCallError.isInstance(error) &&
      typeof error.platformCode === 'number' &&
      Object.hasOwn(knownRetcodes, error.platformCode) &&
      knownRetcodes[error.platformCode] === 'unknown_data_source'
    )
      dataSource = undefined
  }

  const conversion: YoushuConversionOptions = omitUndefined({
    defaultOrderSource: settings.defaultOrderSource,
    cashOnDelivery: settings.cashOnDelivery,
    miniProgram: settings.miniProgram,
    includeMd5Phone: settings.includeMd5Phone,
    partlyPaid: settings.partlyPaid,
  })

  return {
    specificationVersion: 'v1',
    platform,
    // "订单列表 数组最大长度 50" (specs/youshu-add-order.txt).
    maxBatchSize: 50,
    api,
    resolveDataSourceId,
    prepare(order): PreparedOrder<YoushuPreparedOrder> {
      const prepared = toYoushuOrder(order, conversion)
      return { orderId: order.id, payload: prepared, warnings: prepared.warnings }
    },
    async doSync(batch, { signal }): Promise<readonly DoSyncOutcome[]> {
      const dataSourceId = await resolveDataSourceId(signal)
      const send = async (orders: YoushuOrder[]) => {
        const sensitive = personalValues(orders)
        try {
          return await transport.send({
            endpoint: youshuEndpoints.addOrder,
            body: JSON.stringify({ dataSourceId, orders }),
            headers: json,
            decode: envelope,
            ...(sensitive.length === 0 ? {} : { sensitive }),
            ...withSignal(signal),
          })
        } catch (error) {
          forgetDataSource(error, dataSourceId)
          throw error
        }
      }
      await send(batch.map((entry) => entry.payload.orders[0] as YoushuOrder))
      // Cash on delivery counted as paid at ordering: 1110 first, then 1150 (FAQ), in a second call.
      const followUps = batch.filter((entry) => entry.payload.orders.length > 1)
      const failed = new Map<string, OrderSyncError>()
      if (followUps.length > 0) {
        try {
          await send(followUps.map((entry) => entry.payload.orders[1] as YoushuOrder))
        } catch (error) {
          for (const entry of followUps) failed.set(entry.orderId, error as OrderSyncError)
        }
      }
      return batch.map((entry): DoSyncOutcome => {
        const error = failed.get(entry.orderId)
        // The 1110 report was stored; only the 1150 one failed.
        return error === undefined
          ? { status: 'succeeded' }
          : { status: 'failed', error, delivery: 'partial' }
      })
    },
  }
}
