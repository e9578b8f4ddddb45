import { ApiCallError, type OrderSyncError } from '@ordersync/core'
import type { WechatPreparedOrder } from './convert-to-wechat-order.ts'
import type { WechatSyncStep } from './convert-to-wechat-sync-steps.ts'
import type { WechatOrderReference } from './wechat-order-schema.ts'
import type { WechatSyncCalls } from './wechat-sync-calls.ts'

/**
 * Where a sync stands: the status WeChat holds (11 read as 10), and whether anything of this sync
 * was stored yet.
 *
 * @example
 * ```ts
 * const progress: WechatProgress = { current: 10, stored: true }
 * ```
 */
export interface WechatProgress {
  readonly current: number | undefined
  readonly stored: boolean
}

/**
 * How the steps ended: where WeChat stands, or the error that stopped them and whether anything
 * was stored before it.
 *
 * @example
 * ```ts
 * const ended: WechatStepsEnd = { current: 30, stored: true }
 * ```
 */
export type WechatStepsEnd =
  | WechatProgress
  | { readonly error: OrderSyncError; readonly stored: boolean }

// shop/order/pay answers 100000 from any status but 10 ("同步订单支付结果" page); the family's
// other steps answer it from any status but the one they move on from.
const wrongStatus = 100000

/** 11 (收银台支付完成) is "treated as 10" by merchants ("生成订单" page, status enumeration). */
function asStep(status: number | undefined): number | undefined {
  return status === 11 ? 10 : status
}

/** The error a step failed with, as an {@link OrderSyncError} (the transport throws only those). */
function asSyncError(error: unknown): OrderSyncError {
  return error as OrderSyncError
}

/** Whether a step's failure says that WeChat holds the order in another status than it needs. */
function isWrongStatus(error: unknown): boolean {
  return ApiCallError.isInstance(error) && error.platformCode === wrongStatus
}

/**
 * Sends one step; on errcode 100000 reads the status again, since the step may have reached
 * WeChat already (an answer lost to a timeout or a 5xx, its retry refused). The new status, or the
 * error that stands: the step's own when the read fails too, since the read carries no order and
 * only the step's error says whether WeChat may hold it.
 */
async function sendStep(
  step: WechatSyncStep,
  calls: WechatSyncCalls,
  reference: WechatOrderReference,
  signal: AbortSignal | undefined,
): Promise<{ readonly current: number | undefined } | { readonly error: OrderSyncError }> {
  try {
    await calls.sendStep(step.endpoint, step.request, signal)
    return { current: step.to }
  } catch (error) {
    if (!isWrongStatus(error) || signal?.aborted === true) return { error: asSyncError(error) }
    try {
      const held = await calls.readHeldOrder(reference, signal)
      const current = asStep(held?.status)
      // WeChat did not move: the 100000 stands.
      return current === undefined || current === step.from
        ? { error: asSyncError(error) }
        : { current }
    } catch {
      return { error: asSyncError(error) }
    }
  }
}

/**
 * Sends the status steps from where WeChat stands, each only from the status WeChat requires,
 * until none is left to send. A step that WeChat refuses with 100000 is followed by a read of the
 * status, and the steps go on from there. An error after something was stored — an abort too —
 * ends the steps with that error and `stored: true`, for a `partial` result.
 *
 * @param prepared - The order, prepared.
 * @param calls - The client's calls.
 * @param progress - Where WeChat stands before the first step.
 * @param signal - The run's signal.
 * @returns Where WeChat stands after the last step, or the error that stopped them.
 * @example
 * ```ts
 * // type-checked only: the client's calls
 * declare const calls: WechatSyncCalls
 * await sendWechatSteps(toWechatOrder(order), calls, { current: 10, stored: true }, undefined)
 * ```
 */
export async function sendWechatSteps(
  prepared: WechatPreparedOrder,
  calls: WechatSyncCalls,
  progress: WechatProgress,
  signal: AbortSignal | undefined,
): Promise<WechatStepsEnd> {
  const reference = { out_order_id: prepared.add.out_order_id, openid: prepared.add.openid }
  let { stored } = progress
  let current = asStep(progress.current)
  // Each pass moves WeChat on, so there are at most as many as steps.
  for (let pass = 0; pass <= prepared.steps.length; pass += 1) {
    const step = prepared.steps.find((candidate) => candidate.from === current)
    if (step === undefined) break
    const sent = await sendStep(step, calls, reference, signal)
    if ('error' in sent) {
      if (!stored && signal?.aborted === true) throw sent.error
      return { error: sent.error, stored }
    }
    current = asStep(sent.current)
    stored = true
  }
  return { current, stored }
}
