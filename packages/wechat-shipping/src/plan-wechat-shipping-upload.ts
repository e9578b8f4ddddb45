import { beijingTime, formatIsoInstant, type SyncWarning, toInstant } from '@ordersync/core'
import type { WechatShippingOrder, WechatShippingRecord } from './wechat-shipping-answers.ts'
import type { WechatShippingUploadRequest } from './wechat-shipping-upload-schema.ts'

// WeChat keeps one shipping per payment and takes an upload only with a later upload_time than
// the one before ("更新时需比上一次的上传时间晚", upload page); it lets the shipping change once after
// it is complete (重新发货, 10060003 the second time). So a sync reads what WeChat holds, sends
// nothing when that is this version's shipping, and moves a correction's time past WeChat's.

/**
 * What WeChat holds of a payment's shipping, as far as a read (get_order) or core's version store
 * says: every field may be unknown (absent), and an unknown field never counts as a difference.
 */
export interface WechatShippingHeld {
  readonly logisticsType?: number | undefined
  readonly deliveryMode?: number | undefined
  /** Whether WeChat holds the shipping complete. */
  readonly finished?: boolean | undefined
  /** 1 complete once, 2 complete again after the one re-shipment. */
  readonly finishCount?: number | undefined
  readonly parcels: readonly {
    readonly tracking_no?: string | undefined
    readonly express_company?: string | undefined
    /** The parcel's description: `goods_desc` in get_order, `item_desc` in an upload. */
    readonly description?: string | undefined
  }[]
  /** The latest upload_time WeChat holds, epoch milliseconds. */
  readonly latestUploadAt?: number | undefined
}

/** Whether an upload completes the shipping: unified mode, or split with is_all_delivered. */
const completes = (upload: WechatShippingUploadRequest): boolean =>
  upload.delivery_mode === 1 || upload.is_all_delivered === true

/**
 * What `get_order` says WeChat holds, or `undefined` when it holds no shipping yet (`shipping`
 * is `{}` then, or has no parcel).
 *
 * @param order - The payment as get_order answered it.
 * @returns What WeChat holds.
 */
export function heldFromAnswer(order: WechatShippingOrder): WechatShippingHeld | undefined {
  const shipping: WechatShippingRecord = order.shipping ?? {}
  const list = shipping.shipping_list ?? []
  if (list.length === 0) return undefined
  const times = list
    .map((parcel) => parcel.upload_time)
    .filter((time): time is number => time !== undefined)
  return {
    logisticsType: shipping.logistics_type,
    deliveryMode: shipping.delivery_mode,
    finished: shipping.finish_shipping,
    finishCount: shipping.finish_shipping_count,
    parcels: list.map((parcel) => ({
      tracking_no: parcel.tracking_no,
      express_company: parcel.express_company,
      description: parcel.goods_desc,
    })),
    latestUploadAt: times.length === 0 ? undefined : Math.max(...times) * 1000,
  }
}

/** Whether two known values differ (an unknown value never does). */
const differs = (held: unknown, sent: unknown): boolean => held !== undefined && held !== sent

/** Whether the upload's parcels are the held ones, in any order, as far as both are known. */
function sameParcels(upload: WechatShippingUploadRequest, held: WechatShippingHeld): boolean {
  if (upload.shipping_list.length !== held.parcels.length) return false
  const unused = [...held.parcels]
  return upload.shipping_list.every((parcel) => {
    const match = unused.findIndex(
      (candidate) =>
        !differs(candidate.tracking_no, parcel.tracking_no ?? '') &&
        !differs(candidate.express_company, parcel.express_company ?? '') &&
        !differs(candidate.description, parcel.item_desc),
    )
    if (match < 0) return false
    unused.splice(match, 1)
    return true
  })
}

/**
 * Whether WeChat holds this upload's shipping already: the same logistics type, mode,
 * completeness and parcels (waybill, carrier, description), whatever the upload time.
 *
 * @param upload - The upload this version makes.
 * @param held - What WeChat holds.
 * @returns `true` when sending it would change nothing.
 */
export function holdsSameShipping(
  upload: WechatShippingUploadRequest,
  held: WechatShippingHeld,
): boolean {
  return (
    !differs(held.logisticsType, upload.logistics_type) &&
    !differs(held.deliveryMode, upload.delivery_mode) &&
    !differs(held.finished, completes(upload)) &&
    sameParcels(upload, held)
  )
}

/**
 * What a sync sends: nothing (`leave`: WeChat holds this shipping), or the upload — with its time
 * moved one second past WeChat's latest upload when it is not later (a correction of a shipment
 * whose time did not change), and a warning when the change spends the payment's one re-shipment.
 * One second is the smallest step WeChat can see: get_order gives upload times in whole seconds.
 */
export type WechatShippingUploadPlan =
  | { readonly action: 'leave' }
  | {
      readonly action: 'upload'
      readonly upload: WechatShippingUploadRequest
      readonly warnings: readonly SyncWarning[]
    }

/**
 * Plans the upload of a version against what WeChat holds.
 *
 * @param upload - The version's upload, as prepared.
 * @param held - What WeChat holds, or `undefined` when it holds no shipping.
 * @returns The plan.
 * @example
 * ```ts
 * planWechatShippingUpload(upload, undefined) // { action: 'upload', upload, warnings: [] }
 * ```
 */
export function planWechatShippingUpload(
  upload: WechatShippingUploadRequest,
  held: WechatShippingHeld | undefined,
): WechatShippingUploadPlan {
  if (held === undefined) return { action: 'upload', upload, warnings: [] }
  if (holdsSameShipping(upload, held)) return { action: 'leave' }
  const warnings: SyncWarning[] = []
  if (held.finished === true && (held.finishCount ?? 1) === 1) {
    warnings.push({
      path: ['delivery', 'packages'],
      code: 'reshipment_used',
      message:
        'WeChat holds this payment’s shipping complete: this change is its one re-shipment (重新发货), and WeChat will refuse any later change (10060003)',
    })
  }
  const ownAt = Date.parse(upload.upload_time)
  const latest = held.latestUploadAt
  if (latest === undefined || Math.floor(ownAt / 1000) * 1000 > latest) {
    return { action: 'upload', upload, warnings }
  }
  const advanced = formatIsoInstant(toInstant(latest + 1000), beijingTime, { fraction: 'always' })
  warnings.push({
    path: ['delivery', 'packages'],
    code: 'upload_time_advanced',
    message: `WeChat holds an upload of this payment at ${formatIsoInstant(toInstant(latest), beijingTime)}, ${
      Math.floor(ownAt / 1000) * 1000 === latest ? 'the same second as' : 'later than'
    } this version's shipment time (${upload.upload_time}); WeChat takes an update only with a later upload_time, so it is sent at ${advanced}`,
  })
  return { action: 'upload', upload: { ...upload, upload_time: advanced }, warnings }
}
