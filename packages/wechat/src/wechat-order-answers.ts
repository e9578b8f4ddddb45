import {
  type ApiCallDelivery,
  ApiCallError,
  type IncomingResponse,
  type ResponseClassification,
  readWechatEnvelope,
} from '@ordersync/core'
import {
  readWechatOrderId,
  type WechatOrderIdReading,
  wechatOrderIdPaths,
} from './read-wechat-order-id.ts'
import { classifyWechatResponse, wechatErrcodes } from './wechat-errors.ts'

// How the answers of the order family are classified beyond classifyWechatResponse: an order_id
// that makes an answer unreadable, and a shop/order/get that does not know the order.

/** Which answer an order_id is read from: add's (`data.order_id`) or get's (`order.order_id`). */
export type WechatOrderAnswer = keyof typeof wechatOrderIdPaths

/**
 * The order_id of an answer that says errcode 0 but is not JSON because of its order_id: a number
 * with a leading zero (JSON forbids one), the one way a uint64 problem can break the whole text.
 */
function findUnparsableOrderId(
  response: IncomingResponse,
  answer: WechatOrderAnswer,
): WechatOrderIdReading | undefined {
  if (response.status !== 200 || response.json !== undefined) return undefined
  if (!/"errcode"\s*:\s*0\s*[,}]/.test(response.text)) return undefined
  const reading = readWechatOrderId(response.text, wechatOrderIdPaths[answer])
  return reading !== undefined && 'invalid' in reading ? reading : undefined
}

/**
 * {@link classifyWechatResponse}, except that an errcode-0 answer made unparsable by its order_id
 * is a success (decoded as `undefined`), so that the client can say what is wrong with order_id
 * rather than "no envelope".
 *
 * @param response - The HTTP response.
 * @param answer - Whose answer it is: `addOrder` or `getOrder`.
 * @returns The classification.
 * @example
 * ```ts
 * const text = '{"errcode":0,"data":{"order_id":0123}}'
 * classifyWechatOrderAnswer({ status: 200, headers: new Headers(), text, json: undefined }, 'addOrder').outcome // 'success'
 * ```
 */
export function classifyWechatOrderAnswer(
  response: IncomingResponse,
  answer: WechatOrderAnswer,
): ResponseClassification {
  return findUnparsableOrderId(response, answer) === undefined
    ? classifyWechatResponse(response)
    : { outcome: 'success' }
}

/**
 * The classification of `shop/order/get` as a lookup. WeChat documents no "order not found" code:
 * a definite answer about the order (any code that is not retryable, a token rejection, or about
 * the credentials or configuration) is read as "not known" — a success, decoded as such — and add
 * follows, which, if the order is really wrong, fails with the same cause.
 *
 * @param response - The HTTP response.
 * @returns The classification.
 * @example
 * ```ts
 * const text = '{"errcode":9710001,"errmsg":"order not exist"}'
 * classifyWechatLookupAnswer({ status: 200, headers: new Headers(), text, json: JSON.parse(text) }).outcome // 'success'
 * ```
 */
export function classifyWechatLookupAnswer(response: IncomingResponse): ResponseClassification {
  const classification = classifyWechatOrderAnswer(response, 'getOrder')
  const { errcode } = readWechatEnvelope(response)
  const known = errcode === undefined ? undefined : wechatErrcodes[errcode]
  const aboutTheOrder =
    classification.outcome === 'failure' &&
    errcode !== undefined &&
    response.status === 200 &&
    (known === undefined || (known.outcome === 'failure' && known.concerns === undefined))
  return aboutTheOrder ? { outcome: 'success' } : classification
}

/**
 * The error for an answer that {@link classifyWechatOrderAnswer} let through: nothing of it can
 * be read.
 *
 * @param endpoint - The endpoint that answered.
 * @param answer - Whose answer it is.
 * @param response - The answer.
 * @param delivery - `uncertain` for add (WeChat said errcode 0: it may hold the order),
 *   `not_sent` for the read a sync makes before add, `rejected` for `api.getOrder`.
 * @returns The error.
 * @example
 * ```ts
 * const text = '{"errcode":0,"data":{"order_id":0123}}'
 * unparsableAnswerError('/shop/order/add', 'addOrder', { status: 200, headers: new Headers(), text, json: undefined }, 'uncertain').retryable // false
 * ```
 */
export function unparsableAnswerError(
  endpoint: string,
  answer: WechatOrderAnswer,
  response: IncomingResponse,
  delivery: ApiCallDelivery,
): ApiCallError {
  const reading = findUnparsableOrderId(response, answer)
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
