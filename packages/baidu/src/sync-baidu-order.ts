import { ApiCallError, type DoSyncOutcome, OrderSyncError, type SyncWarning } from '@ordersync/core'
import { afterSalesErasedWarning, overwriteResultOfFailure } from './baidu-after-sale-ledger.ts'
import { type BaiduApiContext, sendBaiduRequest, subOrderIdsOf } from './baidu-api.ts'
import { type BaiduResponse, type BaiduResponseRow, findBaiduRow } from './baidu-response.ts'
import type { BaiduPreparedOrder } from './convert-to-baidu-order.ts'
import { type BaiduUpdateCall, planBaiduSync } from './plan-baidu-sync.ts'

/**
 * The failure of an order-center call whose answer has no row for the order's `ResourceID`: whether
 * Baidu applied it is unknown. The error says how many rows came back, never their ids: they are
 * other orders'.
 */
function noRowError(
  endpoint: string,
  resourceId: string,
  rows: readonly BaiduResponseRow[],
): ApiCallError {
  return new ApiCallError({
    platform: 'baidu',
    endpoint,
    reason: `Baidu answered errno 0 with ${rows.length === 0 ? 'no rows' : `${rows.length} row(s)`}, none for this order's ResourceID ${JSON.stringify(resourceId)}: whether it stored the order is unknown — sync it again, and if this repeats, show Baidu the answer`,
    platformCode: 'no_row_for_resource_id',
    retryable: false,
    delivery: 'uncertain',
  })
}

/**
 * The outcome of one `add/main/info`, and what it tells the ledger. Only a row whose
 * `resource_id` is the order's `ResourceID` speaks for it ({@link findBaiduRow}); none leaves the
 * order's fate unknown.
 */
function addOutcome(
  context: BaiduApiContext,
  prepared: BaiduPreparedOrder,
  response: BaiduResponse,
): DoSyncOutcome {
  const [order] = prepared.body.Data
  const resourceId = order.ResourceID
  const subOrderIds = subOrderIdsOf(order)
  const rows = response.data ?? []
  const verdict = findBaiduRow(resourceId, rows)
  const endpoint = context.paths.addMainInfo
  if (verdict.kind === 'missing') {
    context.ledger.settle(resourceId, subOrderIds, prepared.body, 'uncertain')
    return { status: 'failed', error: noRowError(endpoint, resourceId, rows) }
  }
  if (verdict.kind === 'rejected') {
    context.ledger.settle(resourceId, subOrderIds, prepared.body, 'not_stored')
    return {
      status: 'failed',
      error: new ApiCallError({
        platform: 'baidu',
        endpoint,
        reason: `Baidu did not store ResourceID ${JSON.stringify(resourceId)} (rows_affected "0") although errno is 0 — check the order's BizAPPID, CateID and Status, and the open_id or swan_id`,
        platformCode: 'rows_affected_0',
        retryable: false,
      }),
    }
  }
  const erased = context.ledger.settle(resourceId, subOrderIds, prepared.body, 'stored')
  return succeeded(resourceId, afterSalesErasedWarning(resourceId, erased, ['afterSales']))
}

/** A stored version's outcome: the `ResourceID` as its id, and the warnings if any. */
function succeeded(resourceId: string, warnings: readonly SyncWarning[]): DoSyncOutcome {
  return {
    status: 'succeeded',
    platformIds: { resource_id: resourceId },
    ...(warnings.length === 0 ? {} : { warnings }),
  }
}

/**
 * Sends the version as one `add/main/info`; a failure that may have reached Baidu is remembered
 * as such. The ledger knows each version by its body, the object `prepare` announced.
 */
async function sendAdd(
  context: BaiduApiContext,
  prepared: BaiduPreparedOrder,
  signal: AbortSignal | undefined,
): Promise<DoSyncOutcome> {
  const [order] = prepared.body.Data
  let response: BaiduResponse
  try {
    response = await context.send(context.paths.addMainInfo, prepared.query, prepared.body, signal)
  } catch (error) {
    context.ledger.settle(
      order.ResourceID,
      subOrderIdsOf(order),
      prepared.body,
      overwriteResultOfFailure(error),
    )
    throw error
  }
  return addOutcome(context, prepared, response)
}

/** How the update calls ended. `stored`: an earlier call of this sync was applied. */
type UpdatesEnd =
  | { readonly kind: 'applied' }
  | { readonly kind: 'not_held'; readonly stored: boolean }
  | { readonly kind: 'unanswered'; readonly error: ApiCallError; readonly stored: boolean }
  | { readonly kind: 'thrown'; readonly error: unknown; readonly stored: boolean }

/**
 * Sends the update calls one after the other, each with the run's signal, until one fails: a row
 * `"0"` (Baidu did not apply it — it does not hold the order, or not as the version store says), no
 * row for the order, or a throw.
 */
async function sendUpdates(
  context: BaiduApiContext,
  calls: readonly BaiduUpdateCall[],
  resourceId: string,
  signal: AbortSignal | undefined,
): Promise<UpdatesEnd> {
  let stored = false
  for (const call of calls) {
    let response: BaiduResponse
    try {
      response = (await sendBaiduRequest(context, call.name, call.request, signal)).response
    } catch (error) {
      return { kind: 'thrown', error, stored }
    }
    const rows = response.data ?? []
    const verdict = findBaiduRow(resourceId, rows)
    if (verdict.kind === 'rejected') return { kind: 'not_held', stored }
    if (verdict.kind === 'missing') {
      const error = noRowError(context.paths[call.name], resourceId, rows)
      return { kind: 'unanswered', error, stored }
    }
    stored = true
  }
  return { kind: 'applied' }
}

/** What a call threw, as an {@link OrderSyncError} for a failed outcome (the transport throws only those). */
function asSyncError(error: unknown): OrderSyncError {
  return OrderSyncError.isInstance(error)
    ? error
    : new OrderSyncError(
        'a Baidu update call failed after an earlier call of the same order was stored — sync the order again',
        { platform: 'baidu', cause: error },
      )
}

/** A failure after an earlier call of the order was stored: `partial`, as core reads it. */
function partial(error: unknown): DoSyncOutcome {
  return { status: 'failed', error: asSyncError(error), delivery: 'partial' }
}

/**
 * `add/main/info` after an update call answered `"0"`: Baidu does not hold the order as the
 * version store said (it lost it, or the store was wrong), and the overwrite makes its record this
 * version whatever it holds. Sent once; after an update call that was stored, a failure is
 * `partial`.
 */
async function addInstead(
  context: BaiduApiContext,
  prepared: BaiduPreparedOrder,
  signal: AbortSignal | undefined,
  stored: boolean,
): Promise<DoSyncOutcome> {
  if (!stored) return sendAdd(context, prepared, signal)
  try {
    const outcome = await sendAdd(context, prepared, signal)
    return outcome.status === 'failed' ? partial(outcome.error) : outcome
  } catch (error) {
    return partial(error)
  }
}

/**
 * Syncs one prepared order: through the update endpoints when core's version store knows the
 * version Baidu holds (`holds`), as {@link planBaiduSync} decides, else through `add/main/info`
 * (the full overwrite). Every call is made with the run's signal, so that core hears of a request
 * in doubt.
 *
 * - Nothing changed: nothing is sent; the outcome is the one an add would give.
 * - An update call answered `"0"` (Baidu does not hold the order after all): `add/main/info` once.
 * - A first call that throws fails the order as a whole (thrown: core classifies it); a failure
 *   after a call was stored is `delivery: 'partial'`.
 *
 * The ledger of after-sale orders: an add settles the version `prepare` announced; updates erase
 * nothing, so the announcement is dropped (settled "not stored") and, once every call is applied,
 * the version's after-sale orders are counted as held (`append/sub/info` and `update/sub/info`
 * count theirs as they are answered).
 *
 * @param context - The client's transport, ledger, paths and after-sale `Data` shape.
 * @param prepared - The version to send.
 * @param held - The version Baidu holds, as the version store knows it, or `undefined`.
 * @param signal - The run's signal.
 * @returns The outcome.
 * @throws the error of the first call when it throws.
 * @example
 * ```ts
 * // type-checked only: the client calls it from doSync, for each order of the batch
 * declare const context: BaiduApiContext
 * const v1 = toBaiduOrder(parseOrder(order), { appKey })
 * const v2 = toBaiduOrder(parseOrder({ ...order, status: 'completed' }), { appKey })
 * await syncBaiduOrder(context, v2, v1, undefined) // update/main/status only
 * ```
 */
export async function syncBaiduOrder(
  context: BaiduApiContext,
  prepared: BaiduPreparedOrder,
  held: BaiduPreparedOrder | undefined,
  signal: AbortSignal | undefined,
): Promise<DoSyncOutcome> {
  const plan = planBaiduSync(held, prepared)
  if (plan.kind === 'add') return sendAdd(context, prepared, signal)
  const [order] = prepared.body.Data
  const resourceId = order.ResourceID
  const end = await sendUpdates(context, plan.calls, resourceId, signal)
  if (end.kind === 'not_held') return addInstead(context, prepared, signal, end.stored)
  context.ledger.settle(resourceId, subOrderIdsOf(order), prepared.body, 'not_stored')
  if (end.kind === 'applied') {
    context.ledger.append(resourceId, subOrderIdsOf(order))
    return succeeded(resourceId, [])
  }
  if (end.stored) return partial(end.error)
  if (end.kind === 'thrown') throw end.error
  return { status: 'failed', error: end.error }
}
