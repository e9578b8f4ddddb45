import { type Conversion, type DeliveryPackage, type Order, omitUndefined } from '@ordersync/core'
import { maskWechatShippingPhone } from './mask-wechat-shipping-phone.ts'
import { clipText, measureText, utf8ByteLength } from './wechat-shipping-text.ts'
import {
  defaultWechatShippingItemDescLimit,
  type WechatShippingContact,
  type WechatShippingItemDescLimit,
  type WechatShippingParcel,
  type WechatShippingUploadRules,
} from './wechat-shipping-upload-schema.ts'

// shipping_list and its mode, from the order's parcels (upload page, "shipping_list" and
// "delivery_mode"): one element per parcel, not per item; unified mode holds exactly one parcel,
// split mode 1–maxParcels and only for express, with is_all_delivered saying whether the upload
// completes the shipping.

/**
 * What the shipping list is built from beside the order.
 *
 * @example
 * ```ts
 * const setup: WechatShippingListSetup = { logisticsType: 1, allDelivered: true, rules: { maxParcels: 15, contactCarriers: ['SF'] } }
 * ```
 */
export interface WechatShippingListSetup {
  readonly logisticsType: 1 | 2 | 3 | 4
  /** Whether this upload completes the shipping (`is_all_delivered`). */
  readonly allDelivered: boolean
  readonly rules: WechatShippingUploadRules
}

/** The upload's mode and parcels. */
interface WechatShippingListParts {
  readonly delivery_mode: 1 | 2
  readonly is_all_delivered?: boolean | undefined
  readonly shipping_list: readonly WechatShippingParcel[]
}

/**
 * `item_desc`: each line of the parcel as `name*quantity` (and its unit), joined by `；` as in
 * WeChat's example (`白瓷马克杯*2；杯垫*1`), cut at the limit (120 characters by default) with `…`
 * and a warning.
 */
function describeItems(
  order: Order,
  entries: readonly { readonly lineId: string; readonly quantity: number }[],
  where: {
    readonly path: readonly (string | number)[]
    readonly limit: WechatShippingItemDescLimit
  },
  conversion: Conversion,
): string {
  const text = entries
    .map(({ lineId, quantity }) => {
      const line = order.lines.find((candidate) => candidate.id === lineId)
      return `${line?.name ?? lineId}*${quantity}${line?.unit ?? ''}`
    })
    .join('；')
  const { max, unit } = where.limit
  if (measureText(text, unit) <= max) return text
  conversion.warn({
    path: where.path,
    code: 'value_clipped',
    message: `item_desc is at most ${max} ${unit}: the parcel's items (${measureText(text, unit)} ${unit}) are cut with "…"`,
  })
  return clipText(text, max, unit)
}

/** The `item_desc` limit of the rules. */
const itemDescLimitOf = (rules: WechatShippingUploadRules): WechatShippingItemDescLimit =>
  rules.itemDescLimit ?? defaultWechatShippingItemDescLimit

/** The whole order's lines, as a parcel's contents. */
const allLines = (order: Order) =>
  order.lines.map((line) => ({ lineId: line.id, quantity: line.quantity }))

/** One parcel's `item_desc`: its own lines, else (with a warning beside other parcels) the order's. */
function describeParcel(
  order: Order,
  parcel: DeliveryPackage,
  index: number,
  limit: WechatShippingItemDescLimit,
  conversion: Conversion,
): string {
  const path = ['delivery', 'packages', index, 'lines']
  if (parcel.lines !== undefined && parcel.lines.length > 0)
    return describeItems(order, parcel.lines, { path, limit }, conversion)
  const parcels = order.delivery?.packages?.length ?? 0
  if (parcels > 1)
    conversion.warn({
      path,
      code: 'value_inferred',
      message: `parcel ${index} lists no lines: its item_desc names every line of the order`,
    })
  return describeItems(order, allLines(order), { path: ['lines'], limit }, conversion)
}

/**
 * The contact of a parcel whose carrier needs one (SF Express): the receiver's phone, masked,
 * else the sender's (the store's), masked; a problem when there is neither.
 */
function toContact(
  order: Order,
  carrier: string,
  conversion: Conversion,
): WechatShippingContact | undefined {
  const receiver = order.delivery?.address?.phone
  const store = order.merchant?.store
  const consignor = store?.phone ?? store?.address?.phone
  const [phone, path, field] =
    receiver !== undefined
      ? ([receiver, ['delivery', 'address', 'phone'], 'receiver_contact'] as const)
      : consignor !== undefined
        ? ([consignor, ['merchant', 'store', 'phone'], 'consignor_contact'] as const)
        : ([undefined, ['delivery', 'address', 'phone'], 'receiver_contact'] as const)
  if (phone === undefined) {
    conversion.problem(
      path,
      `is required for ${carrier} parcels: WeChat needs the receiver’s (or the sender’s, merchant.store.phone) phone, sent masked with its last 4 digits`,
    )
    return undefined
  }
  const masked = maskWechatShippingPhone(phone)
  if (masked === undefined) {
    conversion.problem(path, 'must hold at least 4 digits: WeChat shows the last 4 of the contact')
    return undefined
  }
  return { [field]: masked }
}

/** A parcel's waybill or carrier: required for express, at most 128 bytes. */
function checkWireText(
  value: string | undefined,
  path: readonly (string | number)[],
  what: string,
  required: boolean,
  conversion: Conversion,
): string | undefined {
  if (value === undefined || value === '') {
    if (required) conversion.problem(path, `is required for express shipping: ${what}`)
    return undefined
  }
  if (utf8ByteLength(value) > 128)
    conversion.problem(path, `must be at most 128 bytes in UTF-8: ${what}`)
  return value
}

/** An express parcel: waybill, carrier id, contents, and the contact its carrier may need. */
function toExpressParcel(
  order: Order,
  parcel: DeliveryPackage,
  index: number,
  setup: WechatShippingListSetup,
  conversion: Conversion,
): WechatShippingParcel {
  const at = ['delivery', 'packages', index]
  const trackingNo = checkWireText(
    parcel.trackingNumber,
    [...at, 'trackingNumber'],
    'it is tracking_no, the waybill number',
    true,
    conversion,
  )
  const carrier = checkWireText(
    parcel.carrierCode,
    [...at, 'carrierCode'],
    'it is express_company, the carrier’s delivery id from WeChat’s get_delivery_list (SF, YTO, ZTO, …)',
    true,
    conversion,
  )
  const needsContact = carrier !== undefined && setup.rules.contactCarriers.includes(carrier)
  return omitUndefined({
    tracking_no: trackingNo,
    express_company: carrier,
    item_desc: describeParcel(order, parcel, index, itemDescLimitOf(setup.rules), conversion),
    contact: needsContact ? toContact(order, carrier, conversion) : undefined,
  })
}

/** Express: one element per parcel, unified for one parcel that completes the shipping. */
function toExpressList(
  order: Order,
  setup: WechatShippingListSetup,
  conversion: Conversion,
): WechatShippingListParts {
  const parcels = order.delivery?.packages ?? []
  if (parcels.length === 0)
    conversion.problem(
      ['delivery', 'packages'],
      'is required for express shipping (order type shipping): each parcel with its carrierCode and trackingNumber',
    )
  if (parcels.length > setup.rules.maxParcels)
    conversion.problem(
      ['delivery', 'packages'],
      `holds ${parcels.length} parcels: WeChat takes at most ${setup.rules.maxParcels} in one upload (setting maxParcels)`,
    )
  const list = parcels.map((parcel, index) =>
    toExpressParcel(order, parcel, index, setup, conversion),
  )
  if (parcels.length === 1 && setup.allDelivered) return { delivery_mode: 1, shipping_list: list }
  return { delivery_mode: 2, is_all_delivered: setup.allDelivered, shipping_list: list }
}

/**
 * Same-city delivery, virtual goods, pick-up: one parcel (unified; split is for express only).
 * Same-city delivery names its courier: the parcel's carrier code or name, else the courier's
 * name, with its waybill when there is one; virtual goods and pick-ups carry no carrier.
 */
function toSingleParcel(
  order: Order,
  setup: WechatShippingListSetup,
  conversion: Conversion,
): WechatShippingListParts {
  const parcels = order.delivery?.packages ?? []
  const first = parcels[0]
  const sameCity = setup.logisticsType === 2
  if (parcels.length > 1 || (!sameCity && first !== undefined)) {
    conversion.warn({
      path: ['delivery', 'packages'],
      code: sameCity ? 'value_folded' : 'field_dropped',
      message: sameCity
        ? `WeChat takes one parcel outside express shipping: the ${parcels.length} parcels are reported as one, with the first parcel's courier and waybill`
        : 'WeChat has no carrier or waybill for virtual goods and pick-ups: the parcels are reported as one, without them',
    })
  }
  const carrier = sameCity
    ? (first?.carrierCode ?? first?.carrierName ?? order.delivery?.courier?.name)
    : undefined
  const trackingNo = sameCity ? first?.trackingNumber : undefined
  const at = ['delivery', 'packages', 0]
  checkWireText(trackingNo, [...at, 'trackingNumber'], 'tracking_no', false, conversion)
  checkWireText(carrier, [...at, 'carrierCode'], 'express_company', false, conversion)
  const needsContact = carrier !== undefined && setup.rules.contactCarriers.includes(carrier)
  const parcel: WechatShippingParcel = omitUndefined({
    tracking_no: trackingNo === '' ? undefined : trackingNo,
    express_company: carrier === '' ? undefined : carrier,
    item_desc: describeItems(
      order,
      allLines(order),
      { path: ['lines'], limit: itemDescLimitOf(setup.rules) },
      conversion,
    ),
    contact: needsContact ? toContact(order, carrier, conversion) : undefined,
  })
  return { delivery_mode: 1, shipping_list: [parcel] }
}

/**
 * `delivery_mode`, `is_all_delivered` and `shipping_list` of an order's upload. Express
 * (logistics_type 1): one element per parcel of `delivery.packages`, `tracking_no` from its
 * trackingNumber, `express_company` from its carrierCode, `item_desc` from its lines (or the
 * order's), a masked contact for the `contactCarriers`; unified for a single parcel that
 * completes the shipping, else split. Other logistics types: one element, unified. Every upload
 * of a split shipment lists every parcel so far, so that each upload states the whole shipping.
 *
 * @param order - A valid order.
 * @param setup - The logistics type, whether the upload completes the shipping, the rules.
 * @param conversion - Where warnings and problems go.
 * @returns The mode, `is_all_delivered` in split mode, and the parcels.
 * @example
 * ```ts
 * // type-checked only: toWechatShippingOrder calls it within its conversion
 * declare const conversion: Conversion
 * toWechatShippingList(order, { logisticsType: 1, allDelivered: true, rules }, conversion).delivery_mode // 1 for one parcel
 * ```
 */
export function toWechatShippingList(
  order: Order,
  setup: WechatShippingListSetup,
  conversion: Conversion,
): WechatShippingListParts {
  return setup.logisticsType === 1
    ? toExpressList(order, setup, conversion)
    : toSingleParcel(order, setup, conversion)
}
