import {
  ApiCallError,
  checkBaseURL,
  createTokenManager,
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
  type TokenStore,
  type TransportHooks,
  toValidationIssues,
  UnsupportedMappingError,
  ValidationError,
} from '@ordersync/core'
import * as t from 'io-ts'
import type { z } from 'zod'
import { checkWechatOrderConsistency } from './check-wechat-order-consistency.ts'
import {
  toWechatOrder,
  type WechatConversionOptions,
  type WechatPreparedOrder,
} from './convert-to-wechat-order.ts'
import { readWechatOrderId } from './read-wechat-order-id.ts'
import {
  classifyWechatResponse,
  classifyWechatTokenResponse,
  readWechatEnvelope,
  wechatErrcodes,
} from './wechat-errors.ts'
import {
  type WechatAddOrderRequest,
  type WechatOrderReference,
  type WechatPayOrderRequest,
  type WechatSendDeliveryRequest,
  wechatAddOrderRequestSchema,
  wechatOrderReferenceSchema,
  wechatPayOrderRequestSchema,
  wechatSendDeliveryRequestSchema,
} from './wechat-order-schema.ts'

/**
 * The endpoints this client calls, as WeChat spells them (`recieve` is the real path).
 *
 * @example
 * ```ts
 * wechatEndpoints.receiveDelivery // '/shop/delivery/recieve'
 * ```
 */
export const wechatEndpoints = {
  addOrder: '/shop/order/add',
  payOrder: '/shop/order/pay',
  getOrder: '/shop/order/get',
  sendDelivery: '/shop/delivery/send',
  receiveDelivery: '/shop/delivery/recieve',
  stableToken: '/cgi-bin/stable_token',
  classicToken: '/cgi-bin/token',
} as const

/**
 * Settings of {@link createWechat}.
 *
 * @example
 * ```ts
 * const settings: WechatSettings = { appId: 'wx1234567890abcdef', appSecret: 'secret', defaultScene: 1001 }
 * ```
 */
export interface WechatSettings extends WechatConversionOptions {
  /** The mini program's AppID. */
  readonly appId: string
  /** The mini program's AppSecret. */
  readonly appSecret: string
  /**
   * Where the API lives.
   *
   * @default 'https://api.weixin.qq.com'
   */
  readonly baseURL?: string
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
  /** Retry settings. */
  readonly retry?: RetryOptions
  /** Observers of every attempt, redacted. */
  readonly hooks?: TransportHooks
  /** The `fetch` to use. */
  readonly fetch?: typeof globalThis.fetch
  /** @internal The clock, epoch milliseconds (the wait after a 45011 minute-quota answer). */
  readonly clock?: () => number
}

/**
 * WeChat's answer envelope.
 *
 * @example
 * ```ts
 * const response: WechatResponse = { errcode: 0, errmsg: 'ok' }
 * ```
 */
export interface WechatResponse {
  readonly errcode: number
  readonly errmsg: string
}

/**
 * What `shop/order/add` answers, with `order_id` read digit for digit from the raw text.
 *
 * @example
 * ```ts
 * const answer: WechatAddOrderResult = { orderId: '18446744073709551615', outOrderId: 'o-1', ticket: 't', ticketExpireTime: '2020-12-01 00:00:00', finalPrice: 1600 }
 * ```
 */
export interface WechatAddOrderResult {
  /** The platform's order id (a uint64), as a string of digits. */
  readonly orderId: string
  readonly outOrderId?: string
  /** The ticket that opens the cash register. */
  readonly ticket?: string
  /** When the ticket expires, `yyyy-MM-dd HH:mm:ss` as WeChat wrote it. */
  readonly ticketExpireTime?: string
  /** The final price, fen. */
  readonly finalPrice?: number
}

/**
 * The order that `shop/order/get` answers: its ids (order_id as a string of digits) and status,
 * and the rest of WeChat's fields as they came.
 *
 * @example
 * ```ts
 * const order: WechatOrderRecord = { orderId: '18446744073709551615', outOrderId: 'o-1', status: 20, fields: {} }
 * ```
 */
export interface WechatOrderRecord {
  readonly orderId: string | undefined
  readonly outOrderId: string | undefined
  readonly status: number
  /** Every field of `order` as decoded (order_id there may have lost digits: use `orderId`). */
  readonly fields: Readonly<Record<string, unknown>>
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
  readonly api: {
    /** `POST /shop/order/add`: validated; broken price rules come back as warnings. */
    addOrder(
      request: WechatAddOrderRequest,
      options?: { readonly signal?: AbortSignal },
    ): Promise<{ readonly result: WechatAddOrderResult; readonly warnings: readonly SyncWarning[] }>
    /** `POST /shop/order/pay`: 10 → 20 (action_type 1) or 250; errcode 100000 from any other status. */
    payOrder(
      request: WechatPayOrderRequest,
      options?: { readonly signal?: AbortSignal },
    ): Promise<WechatResponse>
    /** `POST /shop/delivery/send`: 20 → 30. */
    sendDelivery(
      request: WechatSendDeliveryRequest,
      options?: { readonly signal?: AbortSignal },
    ): Promise<WechatResponse>
    /** `POST /shop/delivery/recieve` (WeChat's spelling): 30 → 100, the receipt confirmed. */
    receiveDelivery(
      request: WechatOrderReference,
      options?: { readonly signal?: AbortSignal },
    ): Promise<WechatResponse>
    /** `POST /shop/order/get`: the order and its status. */
    getOrder(
      request: WechatOrderReference,
      options?: { readonly signal?: AbortSignal },
    ): Promise<WechatOrderRecord>
  }
}

const envelope = t.type({ errcode: t.number, errmsg: t.union([t.string, t.undefined]) })
const addAnswer = t.type({
  data: t.intersection([
    t.type({ order_id: t.union([t.number, t.string]) }),
    t.partial({
      out_order_id: t.string,
      ticket: t.string,
      ticket_expire_time: t.string,
      final_price: t.number,
    }),
  ]),
})
const orderRecord = t.intersection([
  t.type({ status: t.number }),
  t.partial({ order_id: t.union([t.number, t.string]), out_order_id: t.string }),
])
const getAnswer = t.type({ order: orderRecord })
const lookupAnswer = t.union([
  t.type({ errcode: t.literal(0), order: orderRecord }),
  t.type({ errcode: t.number }),
])

const pathRank: Readonly<Record<number, number>> = { 10: 0, 11: 0, 20: 1, 30: 2, 100: 3 }

/** Whether WeChat's status is already past the target, so that nothing can or need move it. */
function isPast(current: number, target: number): boolean {
  if (current === 200) return target !== 250
  if (current === 250) return target === 10
  const from = pathRank[current]
  const to = pathRank[target]
  return from !== undefined && to !== undefined && from > to
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
  const platform = 'wechat'
  const appId = requireSetting(settings, 'appId', platform)
  const appSecret = requireSetting(settings, 'appSecret', platform)
  const tokenEndpoint = settings.tokenEndpoint ?? 'stable'
  if (tokenEndpoint !== 'stable' && tokenEndpoint !== 'classic') {
    throw new InvalidArgumentError({
      platform,
      argument: 'tokenEndpoint',
      reason: "must be 'stable' (cgi-bin/stable_token) or 'classic' (cgi-bin/token)",
    })
  }
  const baseURL = checkBaseURL(settings.baseURL ?? 'https://api.weixin.qq.com', platform)
  const clock = settings.clock ?? Date.now
  const baseFetch = settings.fetch ?? globalThis.fetch
  // 45011 (minute quota) comes inside an HTTP 200 without a Retry-After: one is added here, the
  // seconds to the next minute, so the transport waits that long (within retry.maxRetryAfterMs).
  const quotaAwareFetch: typeof globalThis.fetch = async (input, init) => {
    const response = await baseFetch(input, init)
    if (response.status !== 200 || response.headers.has('retry-after')) return response
    const text = await response.clone().text()
    if (!/"errcode"\s*:\s*45011(?!\d)/.test(text)) return response
    const headers = new Headers(response.headers)
    headers.set('retry-after', String(Math.max(1, Math.ceil((60_000 - (clock() % 60_000)) / 1000))))
    return new Response(text, { status: response.status, statusText: response.statusText, headers })
  }

  const json = { 'content-type': 'application/json' }
  const tokenAnswer = t.type({ access_token: t.string, expires_in: t.number })
  const transport = createTransport({
    platform,
    baseURL,
    secrets: [appSecret],
    classify: classifyWechatResponse,
    fetch: quotaAwareFetch,
    ...omitUndefined({ retry: settings.retry, hooks: settings.hooks }),
    tokens: {
      manager: createTokenManager({
        platform,
        // The stable and the classic token are separate (WeChat: "与 getAccessToken 获取的调用凭证完全隔离").
        key: `wechat:${appId}:${tokenEndpoint}`,
        ...omitUndefined({ store: settings.tokenStore, now: settings.clock }),
        // The signal ends the shared refresh once every caller waiting for it has aborted.
        fetchToken: async (signal) => {
          const { data } =
            tokenEndpoint === 'stable'
              ? await transport.send({
                  endpoint: wechatEndpoints.stableToken,
                  authenticate: false,
                  signal,
                  // force_refresh stays false: WeChat allows 20 forced refreshes a day, 30 s apart.
                  body: JSON.stringify({
                    grant_type: 'client_credential',
                    appid: appId,
                    secret: appSecret,
                    force_refresh: false,
                  }),
                  headers: json,
                  decode: tokenAnswer,
                  classify: classifyWechatTokenResponse,
                })
              : await transport.send({
                  endpoint: wechatEndpoints.classicToken,
                  method: 'GET',
                  authenticate: false,
                  signal,
                  query: { grant_type: 'client_credential', appid: appId, secret: appSecret },
                  decode: tokenAnswer,
                  classify: classifyWechatTokenResponse,
                })
          return { value: data.access_token, expiresInMs: data.expires_in * 1000 }
        },
      }),
      apply: (request, token) => ({ ...request, query: { ...request.query, access_token: token } }),
    },
  })
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

  const sendAdd = async (
    request: WechatAddOrderRequest,
    sensitive: readonly string[],
    signal: AbortSignal | undefined,
  ): Promise<WechatAddOrderResult> => {
    const { data, response } = await transport.send({
      endpoint: wechatEndpoints.addOrder,
      body: JSON.stringify(request),
      headers: json,
      decode: addAnswer,
      sensitive,
      ...withSignal(signal),
    })
    return omitUndefined({
      orderId: readWechatOrderId(response.text) ?? String(data.data.order_id),
      outOrderId: data.data.out_order_id,
      ticket: data.data.ticket,
      ticketExpireTime: data.data.ticket_expire_time,
      finalPrice: data.data.final_price,
    })
  }
  const sendStep = async (
    endpoint: string,
    request: unknown,
    signal: AbortSignal | undefined,
  ): Promise<WechatResponse> => {
    const { data } = await transport.send({
      endpoint,
      body: JSON.stringify(request),
      headers: json,
      decode: envelope,
      ...withSignal(signal),
    })
    return { errcode: data.errcode, errmsg: data.errmsg ?? '' }
  }

  const api: WechatClient['api'] = {
    async addOrder(request, options = {}) {
      validate(wechatAddOrderRequestSchema, request, 'WeChat shop/order/add request')
      const warnings = checkWechatOrderConsistency(request)
      const phone = request.address_info?.tel_number
      const result = await sendAdd(request, phone === undefined ? [] : [phone], options.signal)
      return { result, warnings }
    },
    async payOrder(request, options = {}) {
      validate(wechatPayOrderRequestSchema, request, 'WeChat shop/order/pay request')
      return sendStep(wechatEndpoints.payOrder, request, options.signal)
    },
    async sendDelivery(request, options = {}) {
      validate(wechatSendDeliveryRequestSchema, request, 'WeChat shop/delivery/send request')
      return sendStep(wechatEndpoints.sendDelivery, request, options.signal)
    },
    async receiveDelivery(request, options = {}) {
      validate(wechatOrderReferenceSchema, request, 'WeChat shop/delivery/recieve request')
      return sendStep(wechatEndpoints.receiveDelivery, request, options.signal)
    },
    async getOrder(request, options = {}) {
      validate(wechatOrderReferenceSchema, request, 'WeChat shop/order/get request')
      const { data, response } = await transport.send({
        endpoint: wechatEndpoints.getOrder,
        body: JSON.stringify(request),
        headers: json,
        decode: getAnswer,
        ...withSignal(options.signal),
      })
      return {
        orderId:
          readWechatOrderId(response.text) ??
          (data.order.order_id === undefined ? undefined : String(data.order.order_id)),
        outOrderId: data.order.out_order_id,
        status: data.order.status,
        fields: data.order as Record<string, unknown>,
      }
    },
  }

  /**
   * The status WeChat holds the order in, or `undefined` when it does not know the order. WeChat
   * documents no "order not found" code: a definite answer about the order (any code that is not
   * retryable, a token rejection, or about the credentials or configuration) is read as "not
   * known", and add follows — which, if the order is really wrong, fails with the same cause.
   */
  const readStatus = async (
    reference: WechatOrderReference,
    signal: AbortSignal | undefined,
  ): Promise<{ readonly status: number; readonly orderId: string | undefined } | undefined> => {
    const { data, response } = await transport.send({
      endpoint: wechatEndpoints.getOrder,
      body: JSON.stringify(reference),
      headers: json,
      decode: lookupAnswer,
      classify: (response) => {
        const classification = classifyWechatResponse(response)
        const { errcode } = readWechatEnvelope(response)
        const known = errcode === undefined ? undefined : wechatErrcodes[errcode]
        const aboutTheOrder =
          classification.outcome === 'failure' &&
          errcode !== undefined &&
          response.status === 200 &&
          (known === undefined || (known.outcome === 'failure' && known.concerns === undefined))
        return aboutTheOrder ? { outcome: 'success' } : classification
      },
      ...withSignal(signal),
    })
    return 'order' in data && data.errcode === 0
      ? { status: data.order.status, orderId: readWechatOrderId(response.text) }
      : undefined
  }

  const syncOne = async (
    entry: PreparedOrder<WechatPreparedOrder>,
    signal: AbortSignal | undefined,
  ): Promise<DoSyncOutcome> => {
    const prepared = entry.payload
    const reference = { out_order_id: prepared.add.out_order_id, openid: prepared.add.openid }
    const warnings: SyncWarning[] = []
    const platformIds: Record<string, string> = { out_order_id: prepared.add.out_order_id }
    // A first call that fails fails the order as a whole (thrown: core classifies it). The read
    // stores nothing: a read that may have reached WeChat still leaves the order unstored, so its
    // delivery is 'rejected' (WeChat does not hold this version), not 'uncertain'.
    let found: Awaited<ReturnType<typeof readStatus>>
    try {
      found = await readStatus(reference, signal)
    } catch (error) {
      if (!ApiCallError.isInstance(error) || error.delivery !== 'uncertain') throw error
      throw new ApiCallError({
        platform,
        endpoint: error.endpoint,
        reason: `reading the order's status before shop/order/add failed (${error.platformMessage ?? (error.httpStatus === undefined ? 'no answer' : `HTTP ${error.httpStatus}`)}), so the order was not sent`,
        retryable: error.retryable,
        attempts: error.attempts,
        concerns: error.concerns,
        delivery: 'rejected',
        cause: error,
        ...omitUndefined({
          httpStatus: error.httpStatus,
          platformCode: error.platformCode,
          platformMessage: error.platformMessage,
          requestId: error.requestId,
          responseBody: error.responseBody,
        }),
      })
    }
    let current = found?.status
    if (found?.orderId !== undefined) platformIds.order_id = found.orderId
    let stored = false
    if (current === undefined || current === 10 || current === 11) {
      const result = await sendAdd(prepared.add, prepared.sensitive, signal)
      platformIds.order_id = result.orderId
      current = 10
      stored = true
    } else {
      warnings.push({
        path: ['status'],
        code: 'add_not_resent',
        message: `WeChat holds this order in status ${current}: shop/order/add was not sent again, since it replaces the whole order and resets it to 10 (待付款); only the status steps still missing are sent`,
      })
    }
    const failed = (error: OrderSyncError): DoSyncOutcome =>
      stored ? { status: 'failed', error, delivery: 'partial' } : { status: 'failed', error }
    for (const step of prepared.steps) {
      if (current !== step.from) continue
      try {
        await sendStep(step.endpoint, step.request, signal)
      } catch (error) {
        if (signal?.aborted) throw error
        return failed(error as OrderSyncError)
      }
      current = step.to
      stored = true
    }
    if (current !== prepared.status) {
      if (!isPast(current, prepared.status)) {
        return failed(
          new UnsupportedMappingError({
            platform,
            path: ['status'],
            reason: `WeChat holds this order in status ${current}, and no call of the custom transaction component moves it to ${prepared.status} (pay only from 10, delivery/send only from 20, delivery/recieve only from 30)`,
          }),
        )
      }
      warnings.push({
        path: ['status'],
        code: 'status_behind',
        message: `WeChat holds this order in status ${current}, past ${prepared.status}: nothing moves an order back, so the status was left as it is (an older version of the order sent later?)`,
      })
    }
    return omitUndefined({
      status: 'succeeded' as const,
      platformIds,
      warnings: warnings.length === 0 ? undefined : warnings,
    })
  }

  const conversion: WechatConversionOptions = omitUndefined({
    defaultScene: settings.defaultScene,
  })

  return {
    specificationVersion: 'v1',
    platform,
    // One order per shop/order/add call.
    maxBatchSize: 1,
    api,
    prepare(order): PreparedOrder<WechatPreparedOrder> {
      const prepared = toWechatOrder(order, conversion)
      return { orderId: order.id, payload: prepared, warnings: prepared.warnings }
    },
    async doSync(batch, { signal }): Promise<readonly DoSyncOutcome[]> {
      const outcomes: DoSyncOutcome[] = []
      for (const entry of batch) outcomes.push(await syncOne(entry, signal))
      return outcomes
    },
  }
}
