import {
  ApiCallError,
  checkBaseURL,
  createTokenManager,
  createTransport,
  type DoSyncOutcome,
  type IncomingResponse,
  InvalidArgumentError,
  type OrderSyncPlatformV1,
  omitUndefined,
  type PreparedOrder,
  type ResponseClassification,
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
import {
  checkWechatAddAnswer,
  type WechatAddAnswerPaths,
  type WechatAddOrderResult,
} from './check-wechat-add-answer.ts'
import { checkWechatOrderConsistency } from './check-wechat-order-consistency.ts'
import {
  toWechatOrder,
  type WechatConversionOptions,
  type WechatPreparedOrder,
} from './convert-to-wechat-order.ts'
import {
  readWechatOrderId,
  readWechatOrderIdOrWarn,
  type WechatOrderIdReading,
} from './read-wechat-order-id.ts'
import { syncWechatOrder, type WechatLookup } from './sync-wechat-order.ts'
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
  /**
   * What a sync does when WeChat holds the order paid (or further) with other content than the
   * version being synced (a new address, a line refunded, a price changed):
   * - `'when_changed'` — `shop/order/add` again ("可重入": it replaces the whole order, in status
   *   10), then the status steps replayed up to the order's status, with a
   *   `resent_after_payment` warning. WeChat must echo the content in `shop/order/get` for
   *   ordersync to see that it is unchanged; what it does not echo counts as changed;
   * - `'never'` — add is not sent again; WeChat keeps the content it has, and an `add_not_resent`
   *   warning names the fields that differ.
   *
   * @default 'when_changed'
   */
  readonly resendAfterPayment?: 'when_changed' | 'never'
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
 * The order that `shop/order/get` answers: its ids (order_id as a string of digits) and status,
 * the rest of WeChat's fields as they came, and a warning for an order_id that is not a uint64.
 *
 * @example
 * ```ts
 * const order: WechatOrderRecord = { orderId: '18446744073709551615', outOrderId: 'o-1', status: 20, fields: {}, warnings: [] }
 * ```
 */
export interface WechatOrderRecord {
  /** The uint64 order_id as a string of digits; `undefined` when absent or not a uint64. */
  readonly orderId: string | undefined
  readonly outOrderId: string | undefined
  readonly status: number
  /** Every field of `order` as decoded (order_id there may have lost digits: use `orderId`). */
  readonly fields: Readonly<Record<string, unknown>>
  /** A `value_invalid` warning naming an order_id that is not a uint64 (at `order.order_id`). */
  readonly warnings: readonly SyncWarning[]
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
    /**
     * `POST /shop/order/add`: validated; broken price rules, and an answer that does not match
     * the request (an order_id that is not a uint64, a final_price other than order_price), come
     * back as warnings; an answer about another out_order_id is an `ApiCallError`.
     */
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

// Where the warnings about an add answer point: canonical fields in a sync, wire fields for a raw
// api.addOrder.
const canonicalPaths: WechatAddAnswerPaths = { orderId: ['id'], orderPrice: ['payableAmount'] }
const wirePaths: WechatAddAnswerPaths = {
  orderId: ['data', 'order_id'],
  orderPrice: ['order_detail', 'price_info', 'order_price'],
}

/**
 * The order_id of an answer that says errcode 0 but is not JSON because of its order_id: a number
 * with a leading zero (JSON forbids one), the one way a uint64 problem can break the whole text.
 */
function findUnparsableOrderId(response: IncomingResponse): WechatOrderIdReading | undefined {
  if (response.status !== 200 || response.json !== undefined) return undefined
  if (!/"errcode"\s*:\s*0\s*[,}]/.test(response.text)) return undefined
  const reading = readWechatOrderId(response.text)
  return reading !== undefined && 'invalid' in reading ? reading : undefined
}

/**
 * {@link classifyWechatResponse}, except that an errcode-0 answer made unparsable by its order_id
 * is a success (decoded as `undefined`), so that the client can say what is wrong with order_id
 * rather than "no envelope".
 */
function classifyOrderAnswer(response: IncomingResponse): ResponseClassification {
  return findUnparsableOrderId(response) === undefined
    ? classifyWechatResponse(response)
    : { outcome: 'success' }
}

/** The error for an answer that {@link classifyOrderAnswer} let through: nothing of it can be read. */
function unparsableAnswerError(
  endpoint: string,
  response: IncomingResponse,
  delivery: 'uncertain' | 'rejected',
): ApiCallError {
  const reading = findUnparsableOrderId(response)
  const what =
    reading !== undefined && 'invalid' in reading
      ? `order_id ${reading.invalid}, which ${reading.reason}`
      : 'an order_id that is not a uint64'
  return new ApiCallError({
    platform: 'wechat',
    endpoint,
    reason: `WeChat answered errcode 0 with ${what}: order_id is a uint64, and the answer is not JSON, so nothing of it can be read`,
    httpStatus: response.status,
    retryable: false,
    delivery,
  })
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
  const resendAfterPayment = settings.resendAfterPayment ?? 'when_changed'
  if (resendAfterPayment !== 'when_changed' && resendAfterPayment !== 'never') {
    throw new InvalidArgumentError({
      platform,
      argument: 'resendAfterPayment',
      reason: "must be 'when_changed' or 'never'",
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
    paths: WechatAddAnswerPaths,
    signal: AbortSignal | undefined,
  ): Promise<{
    readonly result: WechatAddOrderResult
    readonly warnings: readonly SyncWarning[]
  }> => {
    const { data, response } = await transport.send({
      endpoint: wechatEndpoints.addOrder,
      body: JSON.stringify(request),
      headers: json,
      decode: t.union([addAnswer, t.undefined]),
      classify: classifyOrderAnswer,
      sensitive,
      ...withSignal(signal),
    })
    // WeChat said errcode 0: it may well hold the order.
    if (data === undefined)
      throw unparsableAnswerError(wechatEndpoints.addOrder, response, 'uncertain')
    return checkWechatAddAnswer(request, response.text, data.data, paths)
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
      const sensitive = phone === undefined ? [] : [phone]
      const answer = await sendAdd(request, sensitive, wirePaths, options.signal)
      return { result: answer.result, warnings: [...warnings, ...answer.warnings] }
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
        decode: t.union([getAnswer, t.undefined]),
        classify: classifyOrderAnswer,
        ...withSignal(options.signal),
      })
      if (data === undefined)
        throw unparsableAnswerError(wechatEndpoints.getOrder, response, 'rejected')
      const { orderId, warnings } = readWechatOrderIdOrWarn(response.text, ['order', 'order_id'])
      return {
        orderId,
        outOrderId: data.order.out_order_id,
        status: data.order.status,
        fields: data.order as Record<string, unknown>,
        warnings,
      }
    },
  }

  /**
   * What WeChat holds of the order (status, content, order_id), or `undefined` when it does not
   * know the order. WeChat documents no "order not found" code: a definite answer about the order
   * (any code that is not retryable, a token rejection, or about the credentials or
   * configuration) is read as "not known", and add follows — which, if the order is really wrong,
   * fails with the same cause.
   */
  const readHeldOrder = async (
    reference: WechatOrderReference,
    signal: AbortSignal | undefined,
  ): Promise<WechatLookup | undefined> => {
    const { data, response } = await transport.send({
      endpoint: wechatEndpoints.getOrder,
      body: JSON.stringify(reference),
      headers: json,
      decode: t.union([lookupAnswer, t.undefined]),
      classify: (response) => {
        const classification = classifyOrderAnswer(response)
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
    if (data === undefined)
      throw unparsableAnswerError(wechatEndpoints.getOrder, response, 'rejected')
    if (!('order' in data) || data.errcode !== 0) return undefined
    const { orderId, warnings } = readWechatOrderIdOrWarn(response.text, ['id'])
    return {
      status: data.order.status,
      fields: data.order as Record<string, unknown>,
      warnings,
      ...omitUndefined({ orderId }),
    }
  }

  const syncCalls = {
    readHeldOrder,
    addOrder: (
      request: WechatAddOrderRequest,
      sensitive: readonly string[],
      signal: AbortSignal | undefined,
    ) => sendAdd(request, sensitive, canonicalPaths, signal),
    sendStep,
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
      for (const entry of batch) {
        outcomes.push(
          await syncWechatOrder(entry.payload, syncCalls, { resendAfterPayment, signal }),
        )
      }
      return outcomes
    },
  }
}
