import { ApiCallError, type DoSyncOutcome, omitUndefined, type SyncWarning } from '@ordersync/core'
import type { WechatPreparedOrder } from './convert-to-wechat-order.ts'
import {
  changedWechatAddSections,
  fingerprintWechatAdd,
  type WechatAddFingerprint,
} from './fingerprint-wechat-add.ts'
import {
  isPastWechatStatus,
  planWechatAdd,
  type WechatResendAfterPayment,
} from './plan-wechat-add.ts'
import { sendWechatSteps, type WechatProgress, type WechatStepsEnd } from './send-wechat-steps.ts'
import { wechatEndpoints } from './wechat-endpoints.ts'
import type { WechatOrderReference } from './wechat-order-schema.ts'
import type { WechatSentOrder, WechatSentOrders } from './wechat-sent-orders.ts'
import type { WechatLookup, WechatSyncCalls } from './wechat-sync-calls.ts'
import { resentAfterPayment, statusBehind, unreachableStatus } from './wechat-sync-warnings.ts'

/**
 * Reads what WeChat holds before anything is sent. The read carries no order (the transport
 * labels its failure `not_sent`, whatever became of the request): this version was not sent. A
 * failure of its attempts says which read failed, keeping the code, status and concerns that
 * core's run stop reads; an abort, an answer that could not be read or a token that could not be
 * had says so itself.
 */
async function readBeforeAdd(
  calls: WechatSyncCalls,
  reference: WechatOrderReference,
  signal: AbortSignal | undefined,
): Promise<WechatLookup | undefined> {
  try {
    return await calls.readHeldOrder(reference, signal)
  } catch (error) {
    if (
      !ApiCallError.isInstance(error) ||
      error.endpoint !== wechatEndpoints.getOrder ||
      error.attempts.length === 0
    )
      throw error
    const failure =
      error.platformMessage ??
      (error.httpStatus === undefined
        ? error.attempts[error.attempts.length - 1]?.failure
        : `HTTP ${error.httpStatus}`)
    throw new ApiCallError({
      platform: 'wechat',
      endpoint: error.endpoint,
      reason: `reading the order's status before shop/order/add failed (${failure})`,
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
}

/**
 * What WeChat holds, as core's version store knows it (the version last confirmed, with nothing in
 * doubt since): the status that version reached and the body of its add, in place of a read of
 * `shop/order/get`. WeChat's `order_id` comes from this client's memory, when an answer named it.
 */
function heldAsStored(
  stored: WechatPreparedOrder,
  sent: WechatSentOrder | undefined,
): WechatLookup {
  return {
    status: stored.status,
    fields: { ...stored.add, status: stored.status },
    warnings: [],
    ...(sent?.orderId === undefined ? {} : { orderId: sent.orderId }),
  }
}

/** Where the sync stands once add was sent, or not. */
interface Opening {
  readonly progress: WechatProgress
  readonly platformIds: Readonly<Record<string, string>>
  readonly ticket: Readonly<Record<string, string>> | undefined
  readonly warnings: readonly SyncWarning[]
}

/** The ids of an order WeChat holds and no add was sent to. */
function heldIds(
  prepared: WechatPreparedOrder,
  held: WechatLookup | undefined,
): Record<string, string> {
  return {
    out_order_id: prepared.add.out_order_id,
    ...(held?.orderId === undefined ? {} : { order_id: held.orderId }),
  }
}

/** What the client remembers of the order, and the fingerprint of this version's body. */
interface SyncMemory {
  readonly sentOrders: WechatSentOrders
  readonly sent: WechatSentOrder | undefined
  readonly fingerprint: WechatAddFingerprint
}

/**
 * Where a sync stands when add is not sent: at WeChat's status, nothing stored, the ids WeChat
 * holds. When WeChat holds the body this client sent last, which is this version's, the version
 * is as good as sent: remembered as such (the newer `modifiedAt` kept).
 */
function openWithoutAdd(
  prepared: WechatPreparedOrder,
  held: WechatLookup | undefined,
  warnings: readonly SyncWarning[],
  memory: SyncMemory,
): Opening {
  const { sent, fingerprint } = memory
  if (sent !== undefined && changedWechatAddSections(sent.fingerprint, fingerprint).length === 0) {
    const orderId = held?.orderId ?? sent.orderId
    memory.sentOrders.remember(prepared.add.out_order_id, {
      fingerprint,
      modifiedAt: Math.max(sent.modifiedAt, prepared.modifiedAt),
      ...(orderId === undefined ? {} : { orderId }),
    })
  }
  return {
    progress: { current: held?.status, stored: false },
    platformIds: heldIds(prepared, held),
    ticket: undefined,
    warnings: [...warnings, ...(held?.warnings ?? [])],
  }
}

/**
 * Sends `shop/order/add` and remembers the body sent; a failure forgets the order, since WeChat
 * may now hold either body. The page says a successful add leaves the order in status 10: the
 * steps go on from there (a step WeChat refuses with 100000 makes the sync read the status).
 */
async function sendAdd(
  prepared: WechatPreparedOrder,
  calls: WechatSyncCalls,
  memory: SyncMemory,
  signal: AbortSignal | undefined,
): Promise<Opening> {
  const id = prepared.add.out_order_id
  const answer = await calls
    .addOrder(prepared.add, prepared.sensitive, signal)
    .catch((error: unknown) => {
      memory.sentOrders.forget(id)
      throw error
    })
  const { result } = answer
  memory.sentOrders.remember(id, {
    fingerprint: memory.fingerprint,
    modifiedAt: prepared.modifiedAt,
    ...(result.orderId === undefined ? {} : { orderId: result.orderId }),
  })
  return {
    progress: { current: 10, stored: true },
    platformIds: omitUndefined({ out_order_id: id, order_id: result.orderId }),
    ticket: omitUndefined({ ticket: result.ticket, ticket_expire_time: result.ticketExpireTime }),
    warnings: answer.warnings,
  }
}

/**
 * What the sync holds at its end: every warning, and the ticket only while WeChat holds the
 * order unpaid — a ticket opens the cash register, and an order already paid (a replay after a
 * re-add, or one paid by this sync's shop/order/pay) must not be offered for payment again.
 */
function succeeded(
  opening: Opening,
  current: number | undefined,
  warnings: readonly SyncWarning[],
): DoSyncOutcome {
  const ticket =
    opening.ticket !== undefined && Object.keys(opening.ticket).length > 0 && current === 10
      ? opening.ticket
      : undefined
  return omitUndefined({
    status: 'succeeded' as const,
    platformIds: opening.platformIds,
    platformData: ticket,
    warnings: warnings.length === 0 ? undefined : warnings,
  })
}

/** The outcome once the steps ended: WeChat at the version's status, past it (warned), or not. */
function finish(
  prepared: WechatPreparedOrder,
  opening: Opening,
  ended: WechatStepsEnd,
): DoSyncOutcome {
  if ('error' in ended) {
    return ended.stored
      ? { status: 'failed', error: ended.error, delivery: 'partial' }
      : { status: 'failed', error: ended.error }
  }
  const { current } = ended
  if (current === prepared.status) return succeeded(opening, current, opening.warnings)
  if (current === undefined || !isPastWechatStatus(current, prepared.status)) {
    const error = unreachableStatus(current, prepared.status)
    return ended.stored
      ? { status: 'failed', error, delivery: 'partial' }
      : { status: 'failed', error }
  }
  return succeeded(opening, current, [...opening.warnings, statusBehind(current, prepared)])
}

/**
 * Syncs one prepared order: reads what WeChat holds (`shop/order/get`, unless core's version store
 * knows it: `options.holds`), sends `shop/order/add`
 * as {@link planWechatAdd} decides — from what WeChat holds and what this client sent last —
 * then each status step still missing. A first call that fails fails the order as a whole
 * (thrown: core classifies it); a failure after something was stored, an abort too, is
 * `delivery: 'partial'`. A succeeded outcome carries `out_order_id` and `order_id` as ids, and,
 * while WeChat holds the order unpaid after an add, its `ticket` and `ticket_expire_time` as
 * platform data.
 *
 * @param prepared - The order, prepared.
 * @param calls - The client's calls.
 * @param options - The client's `resendAfterPayment` and memory of sent orders, the run's signal,
 *   and what WeChat holds as core's version store knows it.
 * @returns The outcome.
 * @throws the error of the read or of the add when either fails.
 * @example
 * ```ts
 * // type-checked only: the client calls it from doSync
 * declare const calls: WechatSyncCalls
 * const sentOrders = createWechatSentOrders(10)
 * await syncWechatOrder(toWechatOrder(order), calls, { resendAfterPayment: 'when_changed', sentOrders, signal: undefined })
 * ```
 */
export async function syncWechatOrder(
  prepared: WechatPreparedOrder,
  calls: WechatSyncCalls,
  options: {
    readonly resendAfterPayment: WechatResendAfterPayment
    readonly sentOrders: WechatSentOrders
    readonly signal: AbortSignal | undefined
    readonly holds?: WechatPreparedOrder | undefined
  },
): Promise<DoSyncOutcome> {
  const { signal, sentOrders } = options
  const id = prepared.add.out_order_id
  const sent = sentOrders.recall(id)
  const held =
    options.holds === undefined
      ? await readBeforeAdd(calls, { out_order_id: id, openid: prepared.add.openid }, signal)
      : heldAsStored(options.holds, sent)
  const fingerprint = fingerprintWechatAdd(prepared.add)
  const plan = planWechatAdd({
    prepared,
    held,
    sent,
    fingerprint,
    resendAfterPayment: options.resendAfterPayment,
  })
  const memory: SyncMemory = { sentOrders, sent, fingerprint }
  if (plan.action === 'leave' || plan.action === 'keep') {
    const opening = openWithoutAdd(prepared, held, plan.warnings, memory)
    if (plan.action === 'leave') return succeeded(opening, held?.status, opening.warnings)
    return finish(
      prepared,
      opening,
      await sendWechatSteps(prepared, calls, opening.progress, signal),
    )
  }
  const added = await sendAdd(prepared, calls, memory, signal)
  const opening: Opening =
    plan.action === 'resend'
      ? {
          ...added,
          ticket: undefined,
          warnings: [
            ...added.warnings,
            resentAfterPayment(held?.status ?? 10, plan.changes, options.resendAfterPayment),
          ],
        }
      : added
  return finish(prepared, opening, await sendWechatSteps(prepared, calls, opening.progress, signal))
}
