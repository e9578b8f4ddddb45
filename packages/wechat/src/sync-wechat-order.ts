import {
  ApiCallError,
  type DoSyncOutcome,
  type OrderSyncError,
  omitUndefined,
  type SyncWarning,
  UnsupportedMappingError,
} from '@ordersync/core'
import type { WechatAddOrderResult } from './check-wechat-add-answer.ts'
import type { WechatPreparedOrder } from './convert-to-wechat-order.ts'
import { isPastWechatStatus, planWechatAdd, type WechatHeldOrder } from './plan-wechat-add.ts'
import type { WechatAddOrderRequest, WechatOrderReference } from './wechat-order-schema.ts'

/**
 * What `shop/order/get` tells a sync: the status and content WeChat holds, the `order_id` when it
 * is a uint64, and a warning when it is not.
 *
 * @example
 * ```ts
 * const lookup: WechatLookup = { status: 20, fields: {}, orderId: '3705115058471208929', warnings: [] }
 * ```
 */
export interface WechatLookup extends WechatHeldOrder {
  readonly orderId?: string
  readonly warnings: readonly SyncWarning[]
}

/**
 * The calls a sync makes, given by the client (which owns the transport).
 *
 * @example
 * ```ts
 * // type-checked only: the client builds these over its transport
 * declare const calls: WechatSyncCalls
 * ```
 */
export interface WechatSyncCalls {
  /** `shop/order/get` as a lookup: `undefined` when WeChat does not know the order. */
  readHeldOrder(
    reference: WechatOrderReference,
    signal: AbortSignal | undefined,
  ): Promise<WechatLookup | undefined>
  /** `shop/order/add`, its answer checked against the request (warnings at canonical paths). */
  addOrder(
    request: WechatAddOrderRequest,
    sensitive: readonly string[],
    signal: AbortSignal | undefined,
  ): Promise<{ readonly result: WechatAddOrderResult; readonly warnings: readonly SyncWarning[] }>
  /** One status step (`shop/order/pay`, `shop/delivery/send`, `shop/delivery/recieve`). */
  sendStep(endpoint: string, request: unknown, signal: AbortSignal | undefined): Promise<unknown>
}

/**
 * Reads what WeChat holds before anything is sent. The read stores nothing: a read that may have
 * reached WeChat still leaves the order unstored, so its failure's delivery is `rejected` (WeChat
 * does not hold this version), not `uncertain`.
 */
async function readBeforeAdd(
  calls: WechatSyncCalls,
  reference: WechatOrderReference,
  signal: AbortSignal | undefined,
): Promise<WechatLookup | undefined> {
  try {
    return await calls.readHeldOrder(reference, signal)
  } catch (error) {
    if (!ApiCallError.isInstance(error) || error.delivery !== 'uncertain') throw error
    throw new ApiCallError({
      platform: 'wechat',
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
}

function resentWarning(held: number, changes: readonly string[]): SyncWarning {
  const fields = changes.slice(0, 8).join(', ') + (changes.length > 8 ? ', …' : '')
  return {
    path: ['status'],
    code: 'resent_after_payment',
    message: `WeChat held this order in status ${held} with other content (${fields}): shop/order/add replaced the whole order, which leaves it in 10 (待付款), and the status steps were sent again to bring it back — WeChat has received this order's payment and shipment calls a second time`,
  }
}

/** Where a sync stands: the status WeChat holds, and whether anything was stored yet. */
interface Progress {
  readonly current: number | undefined
  readonly stored: boolean
}

/** The status steps from `current` on, each only from the status WeChat requires. */
async function sendSteps(
  prepared: WechatPreparedOrder,
  calls: WechatSyncCalls,
  progress: Progress,
  signal: AbortSignal | undefined,
): Promise<Progress | { readonly error: OrderSyncError; readonly stored: boolean }> {
  let { current, stored } = progress
  for (const step of prepared.steps) {
    if (current !== step.from) continue
    try {
      await calls.sendStep(step.endpoint, step.request, signal)
    } catch (error) {
      if (signal?.aborted) throw error
      return { error: error as OrderSyncError, stored }
    }
    current = step.to
    stored = true
  }
  return { current, stored }
}

/**
 * Syncs one prepared order: reads what WeChat holds (`shop/order/get`), sends `shop/order/add`
 * as {@link planWechatAdd} decides — after payment, when the content changed, reading the status
 * again after the add rather than assuming it — then each status step still missing. A first
 * call that fails fails the order as a whole (thrown: core classifies it); a failure after
 * something was stored is `delivery: 'partial'`. A succeeded outcome carries `out_order_id` and
 * `order_id` as ids, and the last add's `ticket` and `ticket_expire_time` as platform data.
 *
 * @param prepared - The order, prepared.
 * @param calls - The client's calls.
 * @param options - The client's `resendAfterPayment` and the run's signal.
 * @returns The outcome.
 * @throws the error of the read or of the add when either fails.
 * @example
 * ```ts
 * // type-checked only: the client calls it from doSync
 * declare const calls: WechatSyncCalls
 * await syncWechatOrder(toWechatOrder(order), calls, { resendAfterPayment: 'when_changed', signal: undefined })
 * ```
 */
export async function syncWechatOrder(
  prepared: WechatPreparedOrder,
  calls: WechatSyncCalls,
  options: {
    readonly resendAfterPayment: 'when_changed' | 'never'
    readonly signal: AbortSignal | undefined
  },
): Promise<DoSyncOutcome> {
  const { signal } = options
  const reference = { out_order_id: prepared.add.out_order_id, openid: prepared.add.openid }
  const held = await readBeforeAdd(calls, reference, signal)
  const plan = planWechatAdd(prepared, held, options.resendAfterPayment)
  const warnings: SyncWarning[] = []
  const platformIds: Record<string, string> = { out_order_id: prepared.add.out_order_id }
  let platformData: Record<string, string> | undefined
  let progress: Progress = { current: held?.status, stored: false }
  if (plan.action === 'keep') {
    warnings.push(...plan.warnings, ...(held?.warnings ?? []))
    if (held?.orderId !== undefined) platformIds.order_id = held.orderId
  } else {
    const { result, warnings: answerWarnings } = await calls.addOrder(
      prepared.add,
      prepared.sensitive,
      signal,
    )
    warnings.push(...answerWarnings)
    if (result.orderId !== undefined) platformIds.order_id = result.orderId
    platformData = omitUndefined({
      ticket: result.ticket,
      ticket_expire_time: result.ticketExpireTime,
    })
    progress = { current: 10, stored: true }
    if (plan.action === 'resend') {
      warnings.push(resentWarning(held?.status ?? 10, plan.changes))
      try {
        // The page says a successful add leaves status 10; read it rather than assume it for an
        // order WeChat held paid, so that no step is sent from a status WeChat is not in.
        const after = await calls.readHeldOrder(reference, signal)
        progress = { current: after?.status ?? 10, stored: true }
      } catch (error) {
        if (signal?.aborted) throw error
        return { status: 'failed', error: error as OrderSyncError, delivery: 'partial' }
      }
    }
  }
  const stepped = await sendSteps(prepared, calls, progress, signal)
  if ('error' in stepped) {
    return stepped.stored
      ? { status: 'failed', error: stepped.error, delivery: 'partial' }
      : { status: 'failed', error: stepped.error }
  }
  const current = stepped.current
  if (current !== prepared.status) {
    if (current === undefined || !isPastWechatStatus(current, prepared.status)) {
      const error = new UnsupportedMappingError({
        platform: 'wechat',
        path: ['status'],
        reason: `WeChat holds this order in status ${current}, and no call of the custom transaction component moves it to ${prepared.status} (pay only from 10, delivery/send only from 20, delivery/recieve only from 30)`,
      })
      return stepped.stored
        ? { status: 'failed', error, delivery: 'partial' }
        : { status: 'failed', error }
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
    platformData:
      platformData === undefined || Object.keys(platformData).length === 0
        ? undefined
        : platformData,
    warnings: warnings.length === 0 ? undefined : warnings,
  })
}
