import { ApiCallError, type DoSyncOutcome, type SyncWarning } from '@ordersync/core'
import type { WechatShippingPreparedOrder } from './convert-to-wechat-shipping-order.ts'
import {
  heldFromAnswer,
  planWechatShippingUpload,
  type WechatShippingHeld,
  type WechatShippingSentUpload,
  type WechatShippingSplitUploads,
} from './plan-wechat-shipping-upload.ts'
import { wechatShippingEndpoints } from './wechat-shipping-endpoints.ts'
import type { WechatShippingSentVersions } from './wechat-shipping-sent-versions.ts'
import type { WechatShippingSyncCalls } from './wechat-shipping-sync-calls.ts'
import type {
  WechatShippingOrderKey,
  WechatShippingUploadRequest,
} from './wechat-shipping-upload-schema.ts'

/** The ids of the payment, as a succeeded result carries them. */
function toPlatformIds(key: WechatShippingOrderKey): Readonly<Record<string, string>> {
  return key.order_number_type === 2
    ? { transaction_id: key.transaction_id ?? '' }
    : { mchid: key.mchid ?? '', out_trade_no: key.out_trade_no ?? '' }
}

/** The upload without its time: two versions that differ only there are the same shipping. */
function shippingOf(upload: WechatShippingUploadRequest): string {
  return JSON.stringify({ ...upload, upload_time: undefined })
}

function succeeded(
  upload: WechatShippingUploadRequest,
  warnings: readonly SyncWarning[],
): DoSyncOutcome {
  return {
    status: 'succeeded',
    platformIds: toPlatformIds(upload.order_key),
    ...(warnings.length === 0 ? {} : { warnings }),
  }
}

/** WeChat said "already recorded" and a read shows it holds another shipping: the upload was not taken. */
function notTaken(errcode: number): ApiCallError {
  const why =
    errcode === 10060002
      ? 'WeChat holds the payment completely shipped and takes no split upload that leaves it open'
      : 'WeChat took it for no change, or for an upload_time not later than its own — also after the time was moved one second further — and kept the shipping it has; see what it holds with api.getOrder, and give a changed parcel its new shippedAt'
  return new ApiCallError({
    platform: 'wechat-shipping',
    endpoint: wechatShippingEndpoints.uploadShippingInfo,
    reason: `WeChat answered ${errcode} and holds another shipping than this version's: ${why}`,
    platformCode: errcode,
    retryable: false,
  })
}

/** A plan that sends nothing, for a reason that syncing again will not change. */
function refused(reason: string): ApiCallError {
  return new ApiCallError({
    platform: 'wechat-shipping',
    endpoint: wechatShippingEndpoints.uploadShippingInfo,
    reason,
    retryable: false,
    delivery: 'not_sent',
  })
}

/** What WeChat holds of the payment now, read with get_order. */
async function readHeld(
  prepared: WechatShippingPreparedOrder,
  calls: WechatShippingSyncCalls,
  signal: AbortSignal | undefined,
): Promise<WechatShippingHeld | undefined> {
  const answer = await calls.readHeld(prepared.reference, signal)
  return answer === undefined ? undefined : heldFromAnswer(answer)
}

/** The key of a payment: its transaction id, or `<mchid>:<out_trade_no>`. */
function paymentKey(key: WechatShippingOrderKey): string {
  return key.order_number_type === 2
    ? (key.transaction_id ?? '')
    : `${key.mchid ?? ''}:${key.out_trade_no ?? ''}`
}

/** The warning of a version older than one this client synced for the payment: nothing sent. */
function olderThanSynced(modifiedAt: number, newer: number): SyncWarning {
  return {
    path: ['modifiedAt'],
    code: 'stale_version',
    message: `not sent: this version (modifiedAt ${new Date(modifiedAt).toISOString()}) is older than one this client synced for the same payment (${new Date(newer).toISOString()}), and WeChat lets a complete shipping change only once`,
  }
}

/** What a sync needs beside the order: the client's memory and settings, the run's signal. */
interface WechatShippingSyncContext {
  readonly signal: AbortSignal | undefined
  readonly versions: WechatShippingSentVersions
  readonly splitUploads: WechatShippingSplitUploads
}

/**
 * Reads, plans and uploads; after an "already recorded" answer, reads again and, once, plans and
 * uploads again — past the time just refused, for 10060023 may say that time was not later than
 * WeChat's. A 10060023 after that is definite: the same time is never tried again and again.
 */
async function readAndUpload(
  prepared: WechatShippingPreparedOrder,
  calls: WechatShippingSyncCalls,
  context: WechatShippingSyncContext,
): Promise<DoSyncOutcome> {
  const { upload } = prepared
  const { signal, versions, splitUploads } = context
  const key = paymentKey(upload.order_key)
  let held = await readHeld(prepared, calls, signal)
  let sent = versions.sent(key)
  let warnings: readonly SyncWarning[] = []
  for (let round = 1; ; round += 1) {
    const plan = planWechatShippingUpload(upload, held, { splitUploads, sent })
    if (plan.action === 'leave') return succeeded(upload, warnings)
    if (plan.action === 'refuse') throw refused(plan.reason)
    if (round === 3) throw notTaken(10060023)
    warnings = plan.warnings
    const { errcode } = await calls.upload(plan.upload, prepared.paidAt, signal)
    const attempt: WechatShippingSentUpload = {
      uploadAt: Date.parse(plan.upload.upload_time),
      shipmentAt: Date.parse(upload.upload_time),
    }
    if (errcode === 0) {
      versions.remember(key, attempt)
      return succeeded(upload, warnings)
    }
    held = await readHeld(prepared, calls, signal)
    if (errcode !== 10060023) {
      if (
        held !== undefined &&
        planWechatShippingUpload(upload, held, { splitUploads, sent }).action === 'leave'
      )
        return succeeded(upload, warnings)
      throw notTaken(errcode)
    }
    sent = attempt
  }
}

/**
 * Syncs one prepared order, after every earlier sync of its payment by this client object has
 * ended ({@link WechatShippingSentVersions}): a version older than one already synced is not
 * sent (a `stale_version` warning); nothing is sent when core's version store knows WeChat holds
 * this shipping (`holds`, the upload time aside); else it reads what WeChat holds (`get_order`,
 * with `sub_merchant_id` for a sub-merchant's payment), sends nothing when that is this shipping —
 * an unchanged re-sync must not spend the payment's one re-shipment — and otherwise uploads as
 * {@link planWechatShippingUpload} says: split kept split, a correction of the same shipment one
 * second past WeChat's latest upload (or the last one this client sent, which get_order may not
 * show), a shipment older than WeChat's refused unsent. WeChat's "already recorded" answers
 * (10060023, 10060002) are checked with a second read, since WeChat answers 10060023 to an upload
 * whose time is not later than its own too: a shipping WeChat holds succeeds; after 10060023 the
 * upload is planned against the fresh read and sent once more, past the time refused; else the
 * version fails, definitely. A read or upload that fails throws (core classifies it).
 *
 * @param prepared - The order, prepared.
 * @param calls - The client's calls.
 * @param options - The run's signal, what core's version store says WeChat holds, the client's
 *   memory of the versions and uploads it synced, and what a split upload lists.
 * @returns The outcome: the payment's ids, and the warnings of the plan.
 * @throws the read's or the upload's error, or an `ApiCallError` when WeChat keeps another
 *   shipping or the plan sends nothing (a shipment older than WeChat's).
 * @example
 * ```ts
 * // type-checked only: the client calls it from doSync
 * declare const calls: WechatShippingSyncCalls
 * const versions = createWechatShippingSentVersions(10_000)
 * const context = { signal: undefined, versions, splitUploads: 'all-parcels' } as const
 * await syncWechatShippingOrder(toWechatShippingOrder(order), calls, context)
 * ```
 */
export function syncWechatShippingOrder(
  prepared: WechatShippingPreparedOrder,
  calls: WechatShippingSyncCalls,
  options: WechatShippingSyncContext & {
    readonly holds?: WechatShippingPreparedOrder | undefined
  },
): Promise<DoSyncOutcome> {
  const { upload } = prepared
  const { signal, versions } = options
  const key = paymentKey(upload.order_key)
  return versions.serialize(key, signal, async () => {
    const newer = versions.claim(key, prepared.modifiedAt)
    if (newer !== undefined) return succeeded(upload, [olderThanSynced(prepared.modifiedAt, newer)])
    if (options.holds !== undefined && shippingOf(options.holds.upload) === shippingOf(upload)) {
      return succeeded(upload, [])
    }
    return readAndUpload(prepared, calls, options)
  })
}
