import { beijingTime, formatIsoInstant, type SyncWarning, toInstant } from '@ordersync/core'
import type { WechatShippingOrder, WechatShippingRecord } from './wechat-shipping-answers.ts'
import type { WechatShippingUploadRequest } from './wechat-shipping-upload-schema.ts'

// WeChat keeps one shipping per payment and takes an upload only with a later upload_time than
// the one before ("更新时需比上一次的上传时间晚", upload page); it lets the shipping change once after
// it is complete — and counts a change of delivery_mode or logistics_type as that change too
// (重新发货, 10060003 the second time). So a sync reads what WeChat holds, sends nothing when that
// is this version's shipping, keeps a split shipping split, moves a correction of the same
// shipment past WeChat's time, and sends nothing older than what WeChat holds.
// https://developers.weixin.qq.com/miniprogram/dev/server/API/order_shipping/api_uploadshippinginfo.html

/**
 * What WeChat holds of a payment's shipping, as far as a read (get_order) says: every field may
 * be unknown (absent), and an unknown field never counts as a difference.
 */
export interface WechatShippingHeld {
  readonly logisticsType?: number | undefined
  readonly deliveryMode?: number | undefined
  /** Whether WeChat holds the shipping complete. */
  readonly finished?: boolean | undefined
  /** 1 complete once, 2 complete again after the one re-shipment. */
  readonly finishCount?: number | undefined
  readonly parcels: readonly WechatShippingHeldParcel[]
  /** The latest parcel upload_time WeChat shows, epoch milliseconds. */
  readonly latestUploadAt?: number | undefined
}

/** One parcel WeChat holds. */
interface WechatShippingHeldParcel {
  readonly tracking_no?: string | undefined
  readonly express_company?: string | undefined
  /** The parcel's description: `goods_desc` in get_order, `item_desc` in an upload. */
  readonly description?: string | undefined
}

/**
 * An upload of a payment that WeChat took, as the client that sent it remembers: the
 * `upload_time` sent and the shipment time it stood for (the same, unless it was moved past
 * WeChat's), epoch milliseconds. get_order may not show the time sent: nothing in WeChat's pages
 * says that a parcel an upload leaves unchanged takes the upload's time.
 */
export interface WechatShippingSentUpload {
  readonly uploadAt: number
  readonly shipmentAt: number
}

/**
 * What a split shipping's next upload lists: `all-parcels`, every parcel so far (a whole
 * statement, right for a WeChat that replaces or merges the list), or `new-parcels`, only those
 * WeChat does not hold yet (right for a WeChat that appends them). WeChat's pages do not say.
 *
 * @example
 * ```ts
 * const shipping = createWechatShipping({ appId, appSecret, splitUploads: 'new-parcels' satisfies WechatShippingSplitUploads })
 * ```
 */
export type WechatShippingSplitUploads = 'all-parcels' | 'new-parcels'

/** What the plan knows besides the upload and WeChat's copy. */
export interface WechatShippingPlanContext {
  readonly splitUploads: WechatShippingSplitUploads
  /** The last upload of the payment this client knows WeChat has (or refused as not later). */
  readonly sent?: WechatShippingSentUpload | undefined
}

/**
 * What a sync does: nothing (`leave`: WeChat holds this shipping); the upload — kept split when
 * WeChat holds the payment split, its time moved one second past WeChat's latest upload when it
 * is a correction of that same shipment, with a warning when it spends the payment's one
 * re-shipment; or nothing, as a definite failure (`refuse`: the version's shipment is older than
 * what WeChat holds, or its parcels cannot be stated as the setting says).
 */
export type WechatShippingUploadPlan =
  | { readonly action: 'leave' }
  | {
      readonly action: 'upload'
      readonly upload: WechatShippingUploadRequest
      readonly warnings: readonly SyncWarning[]
    }
  | { readonly action: 'refuse'; readonly reason: string }

const packagesPath = ['delivery', 'packages']
const second = 1000
const toSecond = (time: number): number => Math.floor(time / second) * second
const beijing = (time: number): string => formatIsoInstant(toInstant(time), beijingTime)

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
    latestUploadAt: times.length === 0 ? undefined : Math.max(...times) * second,
  }
}

/** Whether two known values differ (an unknown value never does). */
const differs = (held: unknown, sent: unknown): boolean => held !== undefined && held !== sent

/** Whether a held parcel is the upload's parcel, as far as both are known. */
const isParcel = (
  held: WechatShippingHeldParcel,
  parcel: WechatShippingUploadRequest['shipping_list'][number],
): boolean =>
  !differs(held.tracking_no, parcel.tracking_no ?? '') &&
  !differs(held.express_company, parcel.express_company ?? '') &&
  !differs(held.description, parcel.item_desc)

/**
 * The held parcels, each once: a WeChat that appends the parcels of split uploads may hold one
 * twice (the parcel a completing upload repeats), which is still that one parcel.
 */
function distinctParcels(held: WechatShippingHeld): WechatShippingHeldParcel[] {
  const seen = new Set<string>()
  return held.parcels.filter((parcel) => {
    const key = JSON.stringify([parcel.tracking_no, parcel.express_company, parcel.description])
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}

/**
 * The upload's parcels WeChat does not hold, and the held parcels the upload does not list, in
 * any order, as far as both are known.
 */
function compareParcels(
  upload: WechatShippingUploadRequest,
  held: WechatShippingHeld,
): {
  readonly added: WechatShippingUploadRequest['shipping_list']
  readonly missing: readonly WechatShippingHeldParcel[]
} {
  const missing = distinctParcels(held)
  const added = upload.shipping_list.filter((parcel) => {
    const match = missing.findIndex((candidate) => isParcel(candidate, parcel))
    if (match >= 0) missing.splice(match, 1)
    return match < 0
  })
  return { added, missing }
}

/**
 * Whether WeChat holds this upload's shipping already: the same logistics type, mode,
 * completeness and parcels (waybill, carrier, description; a parcel held twice counts once),
 * whatever the upload time.
 *
 * @param upload - The upload this version makes, as {@link keepSplit} shapes it.
 * @param held - What WeChat holds.
 * @returns `true` when sending it would change nothing.
 */
export function holdsSameShipping(
  upload: WechatShippingUploadRequest,
  held: WechatShippingHeld,
): boolean {
  const { added, missing } = compareParcels(upload, held)
  return (
    !differs(held.logisticsType, upload.logistics_type) &&
    !differs(held.deliveryMode, upload.delivery_mode) &&
    !differs(held.finished, completes(upload)) &&
    added.length === 0 &&
    missing.length === 0
  )
}

/**
 * The upload, kept split when WeChat holds the payment split: one express parcel that completes
 * the shipping is a unified upload (delivery_mode 1), but changing the mode of a payment WeChat
 * holds split would spend its one re-shipment, so it completes as split (is_all_delivered true).
 *
 * @param upload - The version's upload, as prepared.
 * @param held - What WeChat holds, if anything.
 * @returns The upload to compare and send.
 */
function keepSplit(
  upload: WechatShippingUploadRequest,
  held: WechatShippingHeld | undefined,
): WechatShippingUploadRequest {
  if (held?.deliveryMode !== 2 || upload.delivery_mode !== 1 || upload.logistics_type !== 1)
    return upload
  const { order_key, logistics_type, shipping_list, upload_time, payer } = upload
  return {
    order_key,
    logistics_type,
    delivery_mode: 2,
    is_all_delivered: true,
    shipping_list,
    upload_time,
    payer,
  }
}

/** The warning of an upload that spends the payment's one re-shipment, if it does. */
function reshipmentWarning(
  upload: WechatShippingUploadRequest,
  held: WechatShippingHeld,
): SyncWarning | undefined {
  // Once complete again after the re-shipment (count 2), WeChat refuses the change (10060003).
  if ((held.finishCount ?? 0) >= 2) return undefined
  const changes = [
    differs(held.deliveryMode, upload.delivery_mode)
      ? `delivery_mode ${held.deliveryMode} → ${upload.delivery_mode}`
      : undefined,
    differs(held.logisticsType, upload.logistics_type)
      ? `logistics_type ${held.logisticsType} → ${upload.logistics_type}`
      : undefined,
  ].filter((change) => change !== undefined)
  if (held.finished !== true && changes.length === 0) return undefined
  const why =
    changes.length > 0
      ? `this upload changes ${changes.join(' and ')}`
      : 'WeChat holds this payment’s shipping complete'
  return {
    path: packagesPath,
    code: 'reshipment_used',
    message: `${why}: this change is the payment’s one re-shipment (重新发货), and WeChat will refuse any later change (10060003)`,
  }
}

/**
 * The parcels to send. `new-parcels` lists only those WeChat does not hold while a split shipping
 * stays split and open (at least one: a completing upload with nothing new repeats the last);
 * every other upload — the first, a re-shipment — lists every parcel.
 */
function parcelsToSend(
  upload: WechatShippingUploadRequest,
  held: WechatShippingHeld,
  splitUploads: WechatShippingSplitUploads,
): WechatShippingUploadRequest | string {
  const continuesSplit =
    held.finished === false && held.deliveryMode === 2 && upload.delivery_mode === 2
  if (splitUploads === 'all-parcels' || !continuesSplit) return upload
  const { added, missing } = compareParcels(upload, held)
  if (missing.length > 0)
    return `WeChat holds parcel ${missing[0]?.tracking_no ?? '(no waybill)'} of this open split shipping, which this version does not list; with splitUploads 'new-parcels' an upload only adds parcels: change or remove that parcel in the mini program's admin console (发货信息管理)`
  const last = upload.shipping_list.at(-1)
  const shipping_list = added.length > 0 || last === undefined ? added : [last]
  return { ...upload, shipping_list }
}

/**
 * The upload's time against WeChat's latest upload (what get_order shows, or the last upload this
 * client sent, whichever is later): a later shipment is sent at its own time; a correction of the
 * shipment WeChat's latest upload stands for (the same second, or later but not past WeChat's
 * time) one second past it, the smallest step WeChat can see (get_order gives whole seconds),
 * with a warning; an earlier shipment is refused — sending it past WeChat's time would put an
 * older shipping over a newer one.
 */
function timeUpload(
  upload: WechatShippingUploadRequest,
  latestShown: number | undefined,
  sent: WechatShippingSentUpload | undefined,
): { readonly upload: WechatShippingUploadRequest; readonly warning?: SyncWarning } | string {
  const ownAt = toSecond(Date.parse(upload.upload_time))
  const latest = Math.max(
    latestShown ?? -Infinity,
    sent === undefined ? -Infinity : toSecond(sent.uploadAt),
  )
  if (!Number.isFinite(latest) || ownAt > latest) return { upload }
  // The shipment WeChat's latest upload stands for: this client's, when it sent that upload.
  const latestShipment =
    sent !== undefined && toSecond(sent.uploadAt) === latest ? toSecond(sent.shipmentAt) : latest
  if (ownAt < latestShipment) {
    const shipment =
      latestShipment === latest ? '' : ` (for a shipment at ${beijing(latestShipment)})`
    return `WeChat holds an upload of this payment at ${beijing(latest)}${shipment}, later than this version’s shipment time (${upload.upload_time}): a newer version was sent, perhaps by another client or process. WeChat takes an update only with a later upload_time, and moving this one past it would put an older shipping over a newer one. If this version is the newest, give its changed parcels their new shippedAt`
  }
  const advanced = formatIsoInstant(toInstant(latest + second), beijingTime, { fraction: 'always' })
  return {
    upload: { ...upload, upload_time: advanced },
    warning: {
      path: packagesPath,
      code: 'upload_time_advanced',
      message: `WeChat holds an upload of this payment at ${beijing(latest)}, ${
        ownAt === latest ? 'the same second as' : 'later than'
      } this version's shipment time (${upload.upload_time}); WeChat takes an update only with a later upload_time, so it is sent at ${advanced}`,
    },
  }
}

/**
 * Plans the upload of a version against what WeChat holds.
 *
 * @param upload - The version's upload, as prepared.
 * @param held - What WeChat holds, or `undefined` when it holds no shipping.
 * @param context - What a split upload lists, and the last upload this client sent.
 * @returns The plan.
 * @example
 * ```ts
 * planWechatShippingUpload(upload, undefined, { splitUploads: 'all-parcels' }) // { action: 'upload', upload, warnings: [] }
 * ```
 */
export function planWechatShippingUpload(
  upload: WechatShippingUploadRequest,
  held: WechatShippingHeld | undefined,
  context: WechatShippingPlanContext,
): WechatShippingUploadPlan {
  const shaped = keepSplit(upload, held)
  if (held !== undefined && holdsSameShipping(shaped, held)) return { action: 'leave' }
  const listed = held === undefined ? shaped : parcelsToSend(shaped, held, context.splitUploads)
  if (typeof listed === 'string') return { action: 'refuse', reason: listed }
  const timed = timeUpload(listed, held?.latestUploadAt, context.sent)
  if (typeof timed === 'string') return { action: 'refuse', reason: timed }
  const warnings = [
    held === undefined ? undefined : reshipmentWarning(shaped, held),
    timed.warning,
  ].filter((warning) => warning !== undefined)
  return { action: 'upload', upload: timed.upload, warnings }
}
