import {
  ApiCallError,
  type IncomingResponse,
  omitUndefined,
  postJson,
  type ResponseClassification,
  type Transport,
} from '@ordersync/core'
import * as t from 'io-ts'
import {
  envelopeAnswer,
  getOrderAnswer,
  type WechatShippingOrder,
} from './wechat-shipping-answers.ts'
import { wechatShippingEndpoints } from './wechat-shipping-endpoints.ts'
import { classifyWechatShippingResponse } from './wechat-shipping-errors.ts'
import type { WechatShippingPaymentReference } from './wechat-shipping-request-schema.ts'
import type { WechatShippingUploadRequest } from './wechat-shipping-upload-schema.ts'

const platform = 'wechat-shipping'

/**
 * How a sync treats `10060001` (payment not found): WeChat sees a payment only some time after it
 * is made (its staff say about a minute), so an upload for a payment younger than `windowMs` is
 * retried after `delayMs`; an older payment, or one whose time the order does not give, is not
 * found for good (wrong ids, a test or overseas payment).
 *
 * @example
 * ```ts
 * const visibility: WechatShippingPaymentVisibility = { delayMs: 20_000, windowMs: 300_000, now: Date.now }
 * ```
 */
export interface WechatShippingPaymentVisibility {
  readonly delayMs: number
  readonly windowMs: number
  readonly now: () => number
}

/**
 * The calls a sync makes: the read of what WeChat holds, and the upload.
 *
 * @example
 * ```ts
 * // type-checked only: createWechatShippingSyncCalls makes them
 * declare const calls: WechatShippingSyncCalls
 * const held = await calls.readHeld({ transaction_id: '4200009999202503011234567890' }, undefined)
 * ```
 */
export interface WechatShippingSyncCalls {
  /** The payment as get_order answers it; `undefined` when WeChat does not know it (yet): 10060001. */
  readHeld(
    reference: WechatShippingPaymentReference,
    signal: AbortSignal | undefined,
  ): Promise<WechatShippingOrder | undefined>
  /** The upload; "already recorded" (10060002, 10060023) is returned as its code, for a read to check. */
  upload(
    request: WechatShippingUploadRequest,
    paidAt: number | undefined,
    signal: AbortSignal | undefined,
  ): Promise<{ readonly errcode: number }>
}

const lookupAnswer = t.union([getOrderAnswer, t.type({ errcode: t.literal(10060001) })])

/** get_order for a sync: 10060001 says WeChat holds nothing of the payment (yet), not a failure. */
function classifyLookup(response: IncomingResponse): ResponseClassification {
  const classification = classifyWechatShippingResponse(response)
  if (classification.outcome !== 'success' && classification.code === 10060001)
    return { outcome: 'success' }
  return classification
}

/**
 * The upload's classification: "already recorded" (10060002, 10060023) is an answer to check, not
 * a failure; a recent payment not found yet waits.
 */
function classifyUpload(
  paidAt: number | undefined,
  visibility: WechatShippingPaymentVisibility,
): (response: IncomingResponse) => ResponseClassification {
  return (response) => {
    const classification = classifyWechatShippingResponse(response)
    if (classification.outcome === 'success') return classification
    const { code } = classification
    if (code === 10060002 || code === 10060023) return { outcome: 'success' }
    const recent = paidAt !== undefined && visibility.now() - paidAt < visibility.windowMs
    if (code === 10060001 && recent) {
      return {
        ...classification,
        outcome: 'retryable',
        retryAfterMs: visibility.delayMs,
        message: `${classification.message ?? 'payment not found'} (paid less than ${Math.round(visibility.windowMs / 1000)} s ago: WeChat may not see it yet; retried after ${visibility.delayMs} ms)`,
      }
    }
    return classification
  }
}

/**
 * The read's failure, said to be the read's: the order was not sent (the read carries none), and
 * the code, status and concerns stay for core's run stop.
 */
function readFailed(error: unknown): unknown {
  if (!ApiCallError.isInstance(error) || error.endpoint !== wechatShippingEndpoints.getOrder)
    return error
  if (error.attempts.length === 0) return error
  const failure =
    error.platformMessage ??
    (error.httpStatus === undefined
      ? error.attempts[error.attempts.length - 1]?.failure
      : `HTTP ${error.httpStatus}`)
  return new ApiCallError({
    platform,
    endpoint: error.endpoint,
    reason: `reading the payment's shipping before upload_shipping_info failed (${failure})`,
    retryable: error.retryable,
    attempts: error.attempts,
    concerns: error.concerns,
    delivery: error.delivery,
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

/**
 * The calls of a sync over the client's transport. The read carries no order: whatever becomes of
 * it, its failure leaves the order `not_sent`.
 *
 * @param transport - The client's transport.
 * @param visibility - How a payment not found yet is waited for.
 * @returns The calls.
 * @example
 * ```ts
 * // type-checked only: createWechatShipping makes them over its transport
 * declare const transport: Transport
 * const calls = createWechatShippingSyncCalls(transport, { delayMs: 20_000, windowMs: 300_000, now: Date.now })
 * ```
 */
export function createWechatShippingSyncCalls(
  transport: Transport,
  visibility: WechatShippingPaymentVisibility,
): WechatShippingSyncCalls {
  return {
    async readHeld(reference, signal) {
      try {
        const { data } = await postJson(transport, {
          endpoint: wechatShippingEndpoints.getOrder,
          json: reference,
          decode: lookupAnswer,
          classify: classifyLookup,
          carriesOrder: false,
          signal,
        })
        return 'order' in data ? data.order : undefined
      } catch (error) {
        throw readFailed(error)
      }
    },
    async upload(request, paidAt, signal) {
      const { data } = await postJson(transport, {
        endpoint: wechatShippingEndpoints.uploadShippingInfo,
        json: request,
        decode: envelopeAnswer,
        classify: classifyUpload(paidAt, visibility),
        signal,
      })
      return { errcode: data.errcode }
    },
  }
}
