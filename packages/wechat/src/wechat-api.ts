import {
  type CallOptions,
  checkCallOptions,
  omitUndefined,
  parsePlatformRequest,
  postJson,
  type SyncWarning,
  type Transport,
} from '@ordersync/core'
import * as t from 'io-ts'
import {
  checkWechatAddAnswer,
  type WechatAddAnswerPaths,
  type WechatAddOrderResult,
} from './check-wechat-add-answer.ts'
import { checkWechatOrderConsistency } from './check-wechat-order-consistency.ts'
import { readWechatOrderIdOrWarn, wechatOrderIdPaths } from './read-wechat-order-id.ts'
import { wechatEndpoints } from './wechat-endpoints.ts'
import {
  classifyWechatLookupAnswer,
  classifyWechatOrderAnswer,
  unparsableAnswerError,
} from './wechat-order-answers.ts'
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
import type { WechatLookup, WechatSyncCalls } from './wechat-sync-calls.ts'

const platform = 'wechat'

/** The envelope every step answers (`shop/order/pay`, `shop/delivery/send`, `…/recieve`). */
const wechatEnvelope = t.type({
  errcode: t.number,
  errmsg: t.union([t.string, t.undefined]),
})

/** The answer of `shop/order/add`; order_id is read from the text, so it may be missing here. */
const wechatAddAnswer = t.type({
  data: t.intersection([
    t.type({}),
    t.partial({
      order_id: t.union([t.number, t.string]),
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

/** The answer of `shop/order/get` (the order; order_id is read from the text). */
const wechatGetAnswer = t.type({ order: orderRecord })

/** The answer of `shop/order/get` as a lookup: the order, or a code saying WeChat does not know it. */
const wechatLookupAnswer = t.union([
  t.type({ errcode: t.literal(0), order: orderRecord }),
  t.type({ errcode: t.number }),
])

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
  /**
   * A `value_invalid` warning naming an order_id that is not a uint64, or a `value_missing` one
   * when there is none (at `order.order_id`).
   */
  readonly warnings: readonly SyncWarning[]
}

/**
 * The client's `api`: one typed method per endpoint, each request checked against its schema
 * before it is sent. Options come first: `null`, or a `signal` that is not an `AbortSignal`, throws
 * `InvalidArgumentError` (`@ordersync/core`) naming `options` or `options.signal` before any
 * request or token refresh starts.
 *
 * @example
 * ```ts
 * const api: WechatApi = wechat.api
 * ```
 */
export interface WechatApi {
  /**
   * `POST /shop/order/add`: validated; broken price rules, and an answer that does not match
   * the request (an order_id that is not a uint64, a final_price other than order_price), come
   * back as warnings; an answer about another out_order_id is an `ApiCallError`.
   */
  addOrder(
    request: WechatAddOrderRequest,
    options?: CallOptions,
  ): Promise<{ readonly result: WechatAddOrderResult; readonly warnings: readonly SyncWarning[] }>
  /** `POST /shop/order/pay`: 10 → 20 (action_type 1) or 250; errcode 100000 from any other status. */
  payOrder(request: WechatPayOrderRequest, options?: CallOptions): Promise<WechatResponse>
  /** `POST /shop/delivery/send`: 20 → 30. */
  sendDelivery(request: WechatSendDeliveryRequest, options?: CallOptions): Promise<WechatResponse>
  /** `POST /shop/delivery/recieve` (WeChat's spelling): 30 → 100, the receipt confirmed. */
  receiveDelivery(request: WechatOrderReference, options?: CallOptions): Promise<WechatResponse>
  /** `POST /shop/order/get`: the order and its status. */
  getOrder(request: WechatOrderReference, options?: CallOptions): Promise<WechatOrderRecord>
}

// Where the warnings about an add answer point: canonical fields in a sync, wire fields for a raw
// api.addOrder.
const canonicalPaths: WechatAddAnswerPaths = { orderId: ['id'], orderPrice: ['payableAmount'] }
const wirePaths: WechatAddAnswerPaths = {
  orderId: ['data', 'order_id'],
  orderPrice: ['order_detail', 'price_info', 'order_price'],
}

/**
 * `shop/order/add`, its answer checked against the request. An answer that says errcode 0 but
 * cannot be read is an `uncertain` error: WeChat may well hold the order.
 */
async function sendAdd(
  transport: Transport,
  request: WechatAddOrderRequest,
  paths: WechatAddAnswerPaths,
  options: { readonly sensitive: readonly string[]; readonly signal: AbortSignal | undefined },
): Promise<{ readonly result: WechatAddOrderResult; readonly warnings: readonly SyncWarning[] }> {
  const { data, response } = await postJson(transport, {
    endpoint: wechatEndpoints.addOrder,
    json: request,
    decode: t.union([wechatAddAnswer, t.undefined]),
    classify: (answer) => classifyWechatOrderAnswer(answer, 'addOrder'),
    sensitive: options.sensitive,
    signal: options.signal,
  })
  if (data === undefined)
    throw unparsableAnswerError(wechatEndpoints.addOrder, 'addOrder', response, 'uncertain')
  return checkWechatAddAnswer(request, response.text, data.data, paths)
}

/** One status step (`shop/order/pay`, `shop/delivery/send`, `shop/delivery/recieve`). */
async function sendStep(
  transport: Transport,
  endpoint: string,
  request: unknown,
  signal: AbortSignal | undefined,
): Promise<WechatResponse> {
  const { data } = await postJson(transport, {
    endpoint,
    json: request,
    decode: wechatEnvelope,
    signal,
  })
  return { errcode: data.errcode, errmsg: data.errmsg ?? '' }
}

/** `shop/order/get`: the order WeChat holds, its order_id read from the text. */
async function getOrder(
  transport: Transport,
  request: WechatOrderReference,
  signal: AbortSignal | undefined,
): Promise<WechatOrderRecord> {
  const { data, response } = await postJson(transport, {
    endpoint: wechatEndpoints.getOrder,
    json: request,
    decode: t.union([wechatGetAnswer, t.undefined]),
    classify: (answer) => classifyWechatOrderAnswer(answer, 'getOrder'),
    signal,
  })
  if (data === undefined)
    throw unparsableAnswerError(wechatEndpoints.getOrder, 'getOrder', response, 'rejected')
  const { orderId, warnings } = readWechatOrderIdOrWarn(
    response.text,
    wechatOrderIdPaths.getOrder,
    wechatOrderIdPaths.getOrder,
  )
  return {
    orderId,
    outOrderId: data.order.out_order_id,
    status: data.order.status,
    fields: data.order as Record<string, unknown>,
    warnings,
  }
}

/**
 * What WeChat holds of the order (status, content, order_id), or `undefined` when it does not
 * know the order ({@link classifyWechatLookupAnswer}). The read carries no order: whatever becomes
 * of it, its failure is `not_sent` (`carriesOrder: false`), and a read in doubt leaves no order in
 * doubt.
 */
async function readHeldOrder(
  transport: Transport,
  reference: WechatOrderReference,
  signal: AbortSignal | undefined,
): Promise<WechatLookup | undefined> {
  const { data, response } = await postJson(transport, {
    endpoint: wechatEndpoints.getOrder,
    json: reference,
    decode: t.union([wechatLookupAnswer, t.undefined]),
    classify: classifyWechatLookupAnswer,
    carriesOrder: false,
    signal,
  })
  if (data === undefined)
    throw unparsableAnswerError(wechatEndpoints.getOrder, 'getOrder', response, 'not_sent')
  if (!('order' in data) || data.errcode !== 0) return undefined
  const { orderId, warnings } = readWechatOrderIdOrWarn(
    response.text,
    wechatOrderIdPaths.getOrder,
    ['id'],
  )
  return {
    status: data.order.status,
    fields: data.order as Record<string, unknown>,
    warnings,
    ...omitUndefined({ orderId }),
  }
}

/**
 * The client's `api` over its transport: the options checked first (`checkCallOptions`: nothing,
 * not even a token refresh, starts on options it refuses), then each request validated with its
 * schema (`parsePlatformRequest`) and sent as it was given.
 *
 * @param transport - The client's transport.
 * @returns The api.
 * @example
 * ```ts
 * // type-checked only: createWechat makes it over its transport
 * declare const transport: Transport
 * await createWechatApi(transport).getOrder({ out_order_id: 'o-1', openid: 'o' })
 * ```
 */
export function createWechatApi(transport: Transport): WechatApi {
  // Each request is checked, then sent as the caller wrote it (the parsed copy would reorder keys).
  const subject = (endpoint: string) => ({ platform, subject: `WeChat ${endpoint} request` })
  return {
    async addOrder(request, options) {
      const { signal } = checkCallOptions(options, platform)
      parsePlatformRequest(wechatAddOrderRequestSchema, request, subject('shop/order/add'))
      const warnings = checkWechatOrderConsistency(request)
      const phone = request.address_info?.tel_number
      const answer = await sendAdd(transport, request, wirePaths, {
        sensitive: phone === undefined ? [] : [phone],
        signal,
      })
      return { result: answer.result, warnings: [...warnings, ...answer.warnings] }
    },
    async payOrder(request, options) {
      const { signal } = checkCallOptions(options, platform)
      parsePlatformRequest(wechatPayOrderRequestSchema, request, subject('shop/order/pay'))
      return sendStep(transport, wechatEndpoints.payOrder, request, signal)
    },
    async sendDelivery(request, options) {
      const { signal } = checkCallOptions(options, platform)
      parsePlatformRequest(wechatSendDeliveryRequestSchema, request, subject('shop/delivery/send'))
      return sendStep(transport, wechatEndpoints.sendDelivery, request, signal)
    },
    async receiveDelivery(request, options) {
      const { signal } = checkCallOptions(options, platform)
      parsePlatformRequest(wechatOrderReferenceSchema, request, subject('shop/delivery/recieve'))
      return sendStep(transport, wechatEndpoints.receiveDelivery, request, signal)
    },
    async getOrder(request, options) {
      const { signal } = checkCallOptions(options, platform)
      parsePlatformRequest(wechatOrderReferenceSchema, request, subject('shop/order/get'))
      return getOrder(transport, request, signal)
    },
  }
}

/**
 * The calls a sync makes over the client's transport: the lookup, add (warnings at canonical
 * paths) and the steps. The sync's bodies come from the conversion, which checked them already.
 *
 * @param transport - The client's transport.
 * @returns The calls.
 * @example
 * ```ts
 * // type-checked only: createWechat makes them over its transport
 * declare const transport: Transport
 * const calls: WechatSyncCalls = createWechatSyncCalls(transport)
 * ```
 */
export function createWechatSyncCalls(transport: Transport): WechatSyncCalls {
  return {
    readHeldOrder: (reference, signal) => readHeldOrder(transport, reference, signal),
    addOrder: (request, sensitive, signal) =>
      sendAdd(transport, request, canonicalPaths, { sensitive, signal }),
    sendStep: (endpoint, request, signal) => sendStep(transport, endpoint, request, signal),
  }
}
