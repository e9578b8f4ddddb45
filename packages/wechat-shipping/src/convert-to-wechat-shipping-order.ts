import {
  beijingTime,
  type Conversion,
  formatIsoInstant,
  type Instant,
  type Order,
  requireParsedOrder,
  type SyncWarning,
  startConversion,
  warnDroppedFields,
} from '@ordersync/core'
import {
  toWechatShippingPayer,
  toWechatShippingPayment,
  type WechatShippingMerchant,
} from './convert-to-wechat-shipping-key.ts'
import { toWechatShippingList } from './convert-to-wechat-shipping-list.ts'
import {
  mapWechatShippingStatus,
  type WechatShippingStatusMapping,
} from './map-wechat-shipping-status.ts'
import { WechatShippingNotReportableError } from './wechat-shipping-not-reportable-error.ts'
import {
  type WechatShippingOrderOptions,
  wechatShippingOrderOptionsSchema,
} from './wechat-shipping-order-options.ts'
import type { WechatShippingPaymentReference } from './wechat-shipping-request-schema.ts'
import {
  defaultWechatShippingContactCarriers,
  defaultWechatShippingItemDescLimit,
  defaultWechatShippingMaxParcels,
  type WechatShippingItemDescLimit,
  type WechatShippingUploadRequest,
} from './wechat-shipping-upload-schema.ts'

/**
 * The settings that shape an upload beyond the order itself: the client's `mchid`, `subMchid`,
 * `maxParcels`, `contactCarriers` and `itemDescLimit`.
 *
 * @example
 * ```ts
 * toWechatShippingOrder(order, { mchid: '1900000109', maxParcels: 10 })
 * toWechatShippingOrder(order, { itemDescLimit: { max: 120, unit: 'bytes' } })
 * ```
 */
export interface WechatShippingConversionOptions {
  /**
   * The merchant ID of payments named by their merchant trade number (`order_key.mchid`, get_order's
   * `merchant_id`), unless the order's option gives one; the service provider's when `subMchid` is
   * given too.
   */
  readonly mchid?: string
  /**
   * The sub-merchant ID of a service provider's payments (服务商模式), unless the order's option
   * gives one: the upload's `order_key.mchid`, and get_order's `sub_merchant_id` beside `mchid`.
   */
  readonly subMchid?: string
  /**
   * The most parcels one upload may list.
   *
   * @default 15 (WeChat's current page; older pages say 10)
   */
  readonly maxParcels?: number
  /**
   * The `express_company` ids whose parcels carry a masked contact.
   *
   * @default ['SF'] (SF Express, which WeChat's page names)
   */
  readonly contactCarriers?: readonly string[]
  /**
   * The limit of a parcel's `item_desc`, in characters (Unicode code points) or UTF-8 bytes:
   * WeChat's page says 120 without saying which it counts; a longer description is cut with `…`
   * and a `value_clipped` warning.
   *
   * @default { max: 120, unit: 'characters' }
   */
  readonly itemDescLimit?: WechatShippingItemDescLimit
}

/**
 * What {@link toWechatShippingOrder} makes of an order: the `upload_shipping_info` body, when the
 * payment was made (to tell a payment WeChat cannot see yet from one it will never see), and the
 * warnings.
 *
 * @example
 * ```ts
 * const { upload } = toWechatShippingOrder(order)
 * upload.upload_time // '2025-03-01T10:15:30.000+08:00'
 * ```
 */
export interface WechatShippingPreparedOrder {
  /** The body of `upload_shipping_info`. */
  readonly upload: WechatShippingUploadRequest
  /** The same payment as `get_order` names it (with `sub_merchant_id` for a sub-merchant's). */
  readonly reference: WechatShippingPaymentReference
  /** When the WeChat Pay payment was made, epoch milliseconds, when the order says. */
  readonly paidAt?: number | undefined
  /** The version's `modifiedAt`, epoch milliseconds. */
  readonly modifiedAt: number
  readonly warnings: readonly SyncWarning[]
}

// What the upload carries, or leaves out on purpose. It names a payment and describes its
// parcels: the amounts, items, buyer and receiver are the payment's, which WeChat holds already
// (the upload page has no field for them), so they are not "dropped" by this platform. Within the
// delivery, what the upload has no field for gets a field_dropped warning: the delivery window,
// the pick-up code, a tracking page.
const carriedFields = [
  'id',
  'title',
  'type',
  'status',
  'statusChangedAt',
  'createdAt',
  'modifiedAt',
  'hidden',
  'channel',
  'buyer',
  'merchant',
  'lines',
  'charges',
  'payableAmount',
  'paidAmount',
  'payments',
  'cashOnDelivery',
  'afterSales',
  'detailPageUrl',
  'delivery.address',
  'delivery.courier.name',
  'delivery.packages.*.carrierCode',
  'delivery.packages.*.carrierName',
  'delivery.packages.*.trackingNumber',
  'delivery.packages.*.shippedAt',
  'delivery.packages.*.lines',
]

/**
 * `logistics_type` from the order type: shipping → 1 express, delivery → 2 same-city, virtual → 3,
 * pickup → 4 user pick-up; dine-in, which WeChat has no type for, → 4 (the buyer collects at the
 * store) with a warning. The order's option overrides it.
 */
function toLogisticsType(
  order: Order,
  options: WechatShippingOrderOptions,
  conversion: Conversion,
): 1 | 2 | 3 | 4 {
  if (options.logisticsType !== undefined) return options.logisticsType
  switch (order.type) {
    case 'shipping':
      return 1
    case 'delivery':
      return 2
    case 'virtual':
      return 3
    case 'pickup':
      return 4
    case 'dine_in':
      conversion.warn({
        path: ['type'],
        code: 'value_folded',
        message:
          'WeChat has no dine-in logistics type: reported as user pick-up (logistics_type 4), the buyer collecting at the store',
      })
      return 4
  }
}

/** Whether the order's parcels hold every unit of every line (parcels without lines say nothing). */
function parcelsHoldEveryLine(order: Order): boolean {
  const shipped = new Map<string, number>()
  for (const parcel of order.delivery?.packages ?? []) {
    for (const entry of parcel.lines ?? []) {
      shipped.set(entry.lineId, (shipped.get(entry.lineId) ?? 0) + entry.quantity)
    }
  }
  return order.lines.every((line) => (shipped.get(line.id) ?? 0) >= line.quantity)
}

/**
 * Whether this upload completes the shipping: the option's, else what the status says, else
 * whether the parcels hold every line. An open order (paid, preparing…) is reportable only when
 * parcels of express goods have left: a split shipment not yet complete.
 */
function toAllDelivered(
  order: Order,
  mapping: WechatShippingStatusMapping,
  logisticsType: 1 | 2 | 3 | 4,
  options: WechatShippingOrderOptions,
): boolean {
  const parcels = order.delivery?.packages ?? []
  if (mapping.whenShipped && (parcels.length === 0 || logisticsType !== 1)) {
    throw new WechatShippingNotReportableError(
      order.status,
      parcels.length === 0
        ? 'no parcel has left yet'
        : 'only express goods are reported before the order has shipped (as a split shipment)',
    )
  }
  return options.allDelivered ?? (mapping.allShipped || parcelsHoldEveryLine(order))
}

/**
 * `upload_time`: the shipment's own time — the latest `shippedAt` of the parcels, else when the
 * order entered its status, else its `modifiedAt` — never the clock when sending, in RFC 3339
 * with WeChat's example format (milliseconds, `+08:00`), whatever the host's time zone.
 */
function toUploadTime(order: Order): string {
  const shippedAt = (order.delivery?.packages ?? [])
    .map((parcel) => parcel.shippedAt)
    .filter((time): time is Instant => time !== undefined)
  const time =
    shippedAt.length > 0
      ? (Math.max(...shippedAt) as Instant)
      : (order.statusChangedAt ?? order.modifiedAt)
  return formatIsoInstant(time, beijingTime, { fraction: 'always' })
}

/**
 * Turns a valid canonical order into the body of WeChat's `upload_shipping_info` (发货信息录入):
 * the WeChat Pay payment it names (`order_key`), how it ships (`logistics_type` from the order
 * type), its parcels (`shipping_list`: one element per parcel for express, else one) in unified
 * or split mode,
 * `upload_time` from the parcels' `shippedAt` and `payer.openid` from `buyer.platformUserId`.
 * Pure and synchronous: a later sync of the same shipment makes the same body.
 *
 * @param parsed - A valid canonical order, as `parseOrder` returns it.
 * @param options - The client's `mchid`, `subMchid`, `maxParcels`, `contactCarriers` and
 *   `itemDescLimit`.
 * @returns The upload body, the payment as get_order names it, the payment's time and the
 *   warnings.
 * @throws {@link WechatShippingNotReportableError} for an order not paid, or not shipped, yet;
 *   `UnsupportedMappingError` (`@ordersync/core`) for an order cancelled, refused or refunded
 *   (nothing to ship), paid other than by WeChat Pay, or by several WeChat Pay payments;
 *   `ValidationError` naming each canonical path that breaks a WeChat rule (no payment id, no
 *   openid, an express parcel without carrier or waybill, too many parcels, no phone for an SF
 *   parcel, a text over its byte limit); `InvalidArgumentError` for an order that did not go
 *   through `parseOrder`.
 * @example
 * ```ts
 * import { parseOrder } from '@ordersync/core'
 * import { toWechatShippingOrder } from '@ordersync/wechat-shipping'
 * import { wechatShippingDocumentOrder } from '@ordersync/wechat-shipping/fixtures'
 *
 * const { upload } = toWechatShippingOrder(parseOrder(wechatShippingDocumentOrder))
 * upload.shipping_list[0]?.contact // { receiver_contact: '138****5678' }
 * ```
 */
export function toWechatShippingOrder(
  parsed: Order,
  options: WechatShippingConversionOptions = {},
): WechatShippingPreparedOrder {
  const order = requireParsedOrder(parsed, 'wechat-shipping')
  const conversion = startConversion(order, {
    platform: 'wechat-shipping',
    platformName: 'WeChat shipping',
    ruleCode: 'wechat_shipping_rule',
    optionSchemas: { order: wechatShippingOrderOptionsSchema },
  })
  const own: WechatShippingOrderOptions = order.platformOptions?.['wechat-shipping'] ?? {}
  const mapping = mapWechatShippingStatus(order.status, order.type)
  const logisticsType = toLogisticsType(order, own, conversion)
  const allDelivered = toAllDelivered(order, mapping, logisticsType, own)
  const merchant: WechatShippingMerchant = {
    mchid: own.mchid ?? options.mchid,
    subMchid: own.subMchid ?? options.subMchid,
  }
  const payment = toWechatShippingPayment(order, merchant, conversion)
  const openid = toWechatShippingPayer(order, conversion)
  if (!allDelivered && logisticsType !== 1)
    conversion.problem(
      ['platformOptions', 'wechat-shipping', 'allDelivered'],
      'may be false only for express goods: WeChat splits a shipment (delivery_mode 2) only for logistics_type 1',
    )
  const list = toWechatShippingList(
    order,
    {
      logisticsType,
      allDelivered,
      rules: {
        maxParcels: options.maxParcels ?? defaultWechatShippingMaxParcels,
        contactCarriers: options.contactCarriers ?? defaultWechatShippingContactCarriers,
        itemDescLimit: options.itemDescLimit ?? defaultWechatShippingItemDescLimit,
      },
    },
    conversion,
  )
  conversion.warn(...warnDroppedFields(order, carriedFields, 'WeChat shipping'))
  const upload: WechatShippingUploadRequest = {
    order_key: payment?.key ?? { order_number_type: 2 },
    logistics_type: logisticsType,
    ...list,
    upload_time: toUploadTime(order),
    payer: { openid },
  }
  // Not validated again: every rule is checked above at its canonical path; the property test
  // proves that any valid order either prepares into a body the schema accepts or is refused so.
  const { payload, warnings } = conversion.finish({
    upload,
    reference: payment?.reference ?? {},
    ...(payment?.paidAt === undefined ? {} : { paidAt: payment.paidAt }),
    modifiedAt: order.modifiedAt,
  })
  return { ...payload, warnings }
}
