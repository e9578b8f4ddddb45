import { lazySchema, type WireShape } from '@ordersync/core'
import { z } from 'zod'
import { isMaskedWechatShippingContact } from './mask-wechat-shipping-phone.ts'
import { measureText, utf8ByteLength, type WechatShippingTextUnit } from './wechat-shipping-text.ts'

// The schemas here are built on first use (lazySchema), not when the package is imported:
// constructing zod schemas costs time at startup that a program which has not validated anything
// yet should not pay, and most programs never use most of them.

// The bodies of upload_shipping_info and upload_combined_shipping_info, field by field as WeChat's
// pages type them ("发货信息录入接口", https://developers.weixin.qq.com/miniprogram/dev/server/API/order_shipping/api_uploadshippinginfo.html,
// and "发货信息合单录入接口", …/api_uploadcombinedshippinginfo.html): the enumerations are JSON
// numbers (the pages' "UNIFIED_DELIVERY" is a label; their examples send 1); tracking_no,
// express_company and openid are limited in bytes, item_desc in characters (or bytes, by
// setting: WeChat's pages do not say which "120" counts); each issue names the
// code WeChat would answer. Unknown keys are refused: they are usually typos (`goods_desc` is the
// answer's name for what a request calls `item_desc`).

/**
 * `order_key.order_number_type`: 1 merchant ID + merchant trade number (`mchid` +
 * `out_trade_no`), 2 WeChat Pay transaction id (`transaction_id`).
 *
 * @example
 * ```ts
 * wechatShippingOrderNumberTypes.includes(2) // true: by transaction_id
 * ```
 */
export const wechatShippingOrderNumberTypes: readonly [1, 2] = [1, 2]
/**
 * `logistics_type`: 1 express by a carrier (物流快递), 2 same-city delivery (同城配送), 3 virtual
 * goods (虚拟商品), 4 user pick-up (用户自提).
 *
 * @example
 * ```ts
 * wechatShippingLogisticsTypes.includes(4) // true: user pick-up
 * ```
 */
export const wechatShippingLogisticsTypes: readonly [1, 2, 3, 4] = [1, 2, 3, 4]
/**
 * `delivery_mode`: 1 unified (统一发货: one parcel), 2 split (分拆发货: several parcels, express
 * only, with `is_all_delivered`).
 *
 * @example
 * ```ts
 * wechatShippingDeliveryModes.includes(2) // true: split
 * ```
 */
export const wechatShippingDeliveryModes: readonly [1, 2] = [1, 2]

/**
 * How many parcels one upload may list, by default: 15, the number WeChat's current pages give
 * ("最多不超过15个包裹"); older copies of the pages and WxJava-era SDKs say 10. The client's
 * `maxParcels` setting changes it.
 *
 * @example
 * ```ts
 * defaultWechatShippingMaxParcels // 15
 * ```
 */
export const defaultWechatShippingMaxParcels = 15

/**
 * The `express_company` ids whose parcels need a `contact`, by default: `SF`, SF Express's
 * delivery id (WeChat's page requires a contact "when the carrier is 顺丰"; the id is the one of
 * WeChat's carrier lists). The client's `contactCarriers` setting changes it.
 *
 * @example
 * ```ts
 * defaultWechatShippingContactCarriers // ['SF']
 * ```
 */
export const defaultWechatShippingContactCarriers: readonly string[] = ['SF']

/**
 * The limit of a parcel's `item_desc`: at most `max`, counted in `unit` — Unicode code points
 * (`characters`) or UTF-8 bytes (`bytes`).
 *
 * @example
 * ```ts
 * const limit: WechatShippingItemDescLimit = { max: 120, unit: 'bytes' }
 * ```
 */
export interface WechatShippingItemDescLimit {
  readonly max: number
  readonly unit: WechatShippingTextUnit
}

/**
 * The `item_desc` limit by default: 120 characters (Unicode code points), as WeChat's upload page
 * gives it ("120 字", a count of characters; get_order's `description` is cut at 120 characters
 * too). Whether WeChat counts bytes instead is not documented: the client's `itemDescLimit`
 * setting changes it.
 *
 * @example
 * ```ts
 * defaultWechatShippingItemDescLimit // { max: 120, unit: 'characters' }
 * ```
 */
export const defaultWechatShippingItemDescLimit: WechatShippingItemDescLimit = {
  max: 120,
  unit: 'characters',
}

/**
 * `order_key`: which WeChat Pay payment the upload is about.
 *
 * @example
 * ```ts
 * const byTransaction: WechatShippingOrderKey = { order_number_type: 2, transaction_id: '4200009999202503011234567890' }
 * const byTradeNumber: WechatShippingOrderKey = { order_number_type: 1, mchid: '1900000109', out_trade_no: 'SO20250301-0042' }
 * ```
 */
export interface WechatShippingOrderKey {
  readonly order_number_type: 1 | 2
  /** Required with type 2: the WeChat Pay transaction id. */
  readonly transaction_id?: string | undefined
  /** Required with type 1: the merchant ID that took the payment (the sub-merchant's for a service provider). */
  readonly mchid?: string | undefined
  /** Required with type 1: the merchant trade number of the payment. */
  readonly out_trade_no?: string | undefined
}

/**
 * `shipping_list[].contact`: masked phone numbers, the last four digits visible; required for SF
 * Express parcels, either one.
 *
 * @example
 * ```ts
 * const contact: WechatShippingContact = { receiver_contact: '138****5678' }
 * ```
 */
export interface WechatShippingContact {
  readonly consignor_contact?: string | undefined
  readonly receiver_contact?: string | undefined
}

/**
 * One parcel of `shipping_list`.
 *
 * @example
 * ```ts
 * const parcel: WechatShippingParcel = { tracking_no: 'YT7000000000001', express_company: 'YTO', item_desc: '书桌*1' }
 * ```
 */
export interface WechatShippingParcel {
  /** The waybill number, 1–128 bytes; required for express (logistics_type 1). */
  readonly tracking_no?: string | undefined
  /** The carrier's delivery id (get_delivery_list), 1–128 bytes; required for express. */
  readonly express_company?: string | undefined
  /** What the parcel holds, 1–120 characters (the `itemDescLimit` setting). */
  readonly item_desc: string
  /** Required for the carriers of `contactCarriers` (SF Express). */
  readonly contact?: WechatShippingContact | undefined
}

/**
 * The body of `POST /wxa/sec/order/upload_shipping_info`.
 *
 * @example
 * ```ts
 * const request: WechatShippingUploadRequest = {
 *   order_key: { order_number_type: 2, transaction_id: '4200009999202503011234567890' },
 *   logistics_type: 4,
 *   delivery_mode: 1,
 *   shipping_list: [{ item_desc: '拿铁*2' }],
 *   upload_time: '2025-03-01T10:15:30.000+08:00',
 *   payer: { openid: 'oExamplePayerOpenid000000001' },
 * }
 * ```
 */
export interface WechatShippingUploadRequest {
  readonly order_key: WechatShippingOrderKey
  readonly logistics_type: 1 | 2 | 3 | 4
  readonly delivery_mode: 1 | 2
  /** Required in split mode: whether this upload completes the shipping. */
  readonly is_all_delivered?: boolean | undefined
  readonly shipping_list: readonly WechatShippingParcel[]
  /** RFC 3339 with an offset; each upload of a payment later than the one before. */
  readonly upload_time: string
  readonly payer: { readonly openid: string }
}

/**
 * One sub-payment of a combined payment, in `upload_combined_shipping_info`.
 *
 * @example
 * ```ts
 * const sub: WechatShippingSubOrder = {
 *   order_key: { order_number_type: 2, transaction_id: '4200009999202503011234567891' },
 *   logistics_type: 1,
 *   delivery_mode: 1,
 *   shipping_list: [{ tracking_no: 'YT7000000000002', express_company: 'YTO', item_desc: '台灯*1' }],
 * }
 * ```
 */
export interface WechatShippingSubOrder {
  /** Its `order_number_type` must be the combined payment's (268485253). */
  readonly order_key: WechatShippingOrderKey
  readonly logistics_type: 1 | 2 | 3 | 4
  readonly delivery_mode: 1 | 2
  readonly is_all_delivered?: boolean | undefined
  /** Marked optional on WeChat's current page. */
  readonly shipping_list?: readonly WechatShippingParcel[] | undefined
}

/**
 * The body of `POST /wxa/sec/order/upload_combined_shipping_info` (combined payments, 合单支付).
 *
 * @example
 * ```ts
 * const request: WechatShippingCombinedUploadRequest = {
 *   order_key: { order_number_type: 2, transaction_id: '4200009999202503011234567800' },
 *   sub_orders: [
 *     {
 *       order_key: { order_number_type: 2, transaction_id: '4200009999202503011234567801' },
 *       logistics_type: 3,
 *       delivery_mode: 1,
 *       shipping_list: [{ item_desc: '话费充值*1' }],
 *     },
 *   ],
 *   upload_time: '2025-03-01T10:15:30.000+08:00',
 *   payer: { openid: 'oExamplePayerOpenid000000001' },
 * }
 * ```
 */
export interface WechatShippingCombinedUploadRequest {
  readonly order_key: WechatShippingOrderKey
  readonly sub_orders?: readonly WechatShippingSubOrder[] | undefined
  readonly upload_time: string
  readonly payer: { readonly openid: string }
}

/**
 * The rules of an upload that WeChat's sources disagree on or leave open, as the client's
 * settings give them.
 *
 * @example
 * ```ts
 * const rules: WechatShippingUploadRules = { maxParcels: 10, contactCarriers: ['SF'] }
 * const inBytes: WechatShippingUploadRules = { ...rules, itemDescLimit: { max: 120, unit: 'bytes' } }
 * ```
 */
export interface WechatShippingUploadRules {
  /** The most parcels in one `shipping_list`. */
  readonly maxParcels: number
  /** The `express_company` ids whose parcels need a `contact`. */
  readonly contactCarriers: readonly string[]
  /**
   * The limit of a parcel's `item_desc`.
   *
   * @default { max: 120, unit: 'characters' }
   */
  readonly itemDescLimit?: WechatShippingItemDescLimit | undefined
}

/** A string of `min`–`max` UTF-8 bytes. */
function byteString(min: number, max: number, code: string): z.ZodString {
  return z.string().refine(
    (value) => {
      const bytes = utf8ByteLength(value)
      return bytes >= min && bytes <= max
    },
    { message: `must be ${min}–${max} bytes in UTF-8 (${code})` },
  )
}

/**
 * An RFC 3339 date-time with an offset (`Z` or ±hh:mm) and optional fractions, as WeChat's
 * `upload_time` takes it (268485216 otherwise); live uploads with `Z`, six fraction digits and no
 * fraction all passed WeChat's format check.
 */
const rfc3339 =
  /^(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,9})?(Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/

/** Whether `value` is RFC 3339 and names a day that exists (no 30 February). */
function isRfc3339(value: string): boolean {
  const match = rfc3339.exec(value)
  if (match === null) return false
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])]
  return new Date(Date.UTC(year, month - 1, day)).getUTCDate() === day
}

const uploadTime = lazySchema(() =>
  z.string().refine(isRfc3339, {
    message:
      'must be an RFC 3339 time with an offset, such as 2022-12-15T13:29:35.120+08:00 (268485216)',
  }),
)

const maskedContact = lazySchema(() =>
  z
    .string()
    .refine((value) => utf8ByteLength(value) <= 1024, { message: 'must be at most 1024 bytes' })
    .refine(isMaskedWechatShippingContact, {
      message:
        'must be masked with the last 4 digits visible, such as 189****1234 or 021-****1234: WeChat takes no plain phone number',
    }),
)

const contact: z.ZodType<WechatShippingContact> = lazySchema(() =>
  z.strictObject({
    consignor_contact: maskedContact.optional(),
    receiver_contact: maskedContact.optional(),
  } satisfies WireShape<WechatShippingContact>),
)

/** A parcel of `shipping_list`, its `item_desc` held to `limit`. */
function parcelSchema(limit: WechatShippingItemDescLimit): z.ZodType<WechatShippingParcel> {
  const unit = limit.unit === 'bytes' ? 'bytes in UTF-8' : 'characters'
  return z.strictObject({
    tracking_no: byteString(0, 128, '10060026').optional(),
    express_company: byteString(0, 128, '10060025').optional(),
    item_desc: z
      .string()
      .min(1, 'must not be empty (10060008)')
      .refine((value) => measureText(value, limit.unit) <= limit.max, {
        message: `must be at most ${limit.max} ${unit} (10060009)`,
      }),
    contact: contact.optional(),
  } satisfies WireShape<WechatShippingParcel>)
}

const orderKey: z.ZodType<WechatShippingOrderKey> = lazySchema(() =>
  z
    .strictObject({
      order_number_type: z.union([z.literal(1), z.literal(2)], {
        error: 'must be 1 (mchid + out_trade_no) or 2 (transaction_id) (268485194)',
      }),
      transaction_id: z.string().optional(),
      mchid: z.string().optional(),
      out_trade_no: z.string().optional(),
    } satisfies WireShape<WechatShippingOrderKey>)
    .superRefine((key, context) => {
      const missing = (field: string, code: string): void => {
        context.addIssue({
          code: 'custom',
          path: [field],
          message: `is required with order_number_type ${key.order_number_type} (${code})`,
        })
      }
      if (key.order_number_type === 2 && !key.transaction_id) missing('transaction_id', '268485195')
      if (key.order_number_type === 1) {
        if (!key.mchid) missing('mchid', '268485196')
        if (!key.out_trade_no) missing('out_trade_no', '268485197')
        else if (!/^[0-9A-Za-z_\-*]+$/.test(key.out_trade_no))
          context.addIssue({
            code: 'custom',
            path: ['out_trade_no'],
            message:
              'must hold only digits, letters, _, - and * (WeChat Pay’s merchant trade number)',
          })
      }
    }),
)

const logisticsType = lazySchema(() =>
  z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)], {
    error: 'must be 1 (express), 2 (same-city), 3 (virtual) or 4 (pick-up) (10060005)',
  }),
)
const deliveryMode = lazySchema(() =>
  z.union([z.literal(1), z.literal(2)], {
    error: 'must be 1 (unified) or 2 (split) (268485224)',
  }),
)
const payer = lazySchema(() => z.strictObject({ openid: byteString(1, 128, '10060031') }))

/** The shipping part of an upload or a sub-order: mode, list, parcels. */
interface ShippingSection {
  readonly logistics_type: 1 | 2 | 3 | 4
  readonly delivery_mode: 1 | 2
  readonly is_all_delivered?: boolean | undefined
  readonly shipping_list?: readonly WechatShippingParcel[] | undefined
}

/** The rules between the fields of an upload's shipping part, each with WeChat's code. */
function checkShippingSection(
  section: ShippingSection,
  rules: WechatShippingUploadRules,
  context: z.RefinementCtx,
  at: readonly (string | number)[] = [],
): void {
  const issue = (path: readonly (string | number)[], message: string): void => {
    context.addIssue({ code: 'custom', path: [...at, ...path], message })
  }
  const split = section.delivery_mode === 2
  if (split && section.logistics_type !== 1)
    issue(['delivery_mode'], 'may be 2 (split) only with logistics_type 1, express (10060006)')
  if (split && section.is_all_delivered === undefined)
    issue(['is_all_delivered'], 'is required in split mode (10060007)')
  const list = section.shipping_list
  if (list === undefined) return
  if (!split && list.length !== 1)
    issue(['shipping_list'], 'must hold exactly 1 parcel in unified mode (268485228)')
  if (split && (list.length < 1 || list.length > rules.maxParcels))
    issue(['shipping_list'], `must hold 1–${rules.maxParcels} parcels (10060024)`)
  for (const [index, item] of list.entries()) {
    if (section.logistics_type === 1) {
      if (!item.tracking_no)
        issue(['shipping_list', index, 'tracking_no'], 'is required for express (268485226)')
      if (!item.express_company)
        issue(['shipping_list', index, 'express_company'], 'is required for express (268485227)')
    }
    const carrier = item.express_company
    const needsContact = carrier !== undefined && rules.contactCarriers.includes(carrier)
    if (
      needsContact &&
      item.contact?.consignor_contact === undefined &&
      item.contact?.receiver_contact === undefined
    )
      issue(
        ['shipping_list', index, 'contact'],
        `is required for ${carrier} parcels: the consignor’s or the receiver’s masked phone`,
      )
  }
}

/**
 * The schema of an `upload_shipping_info` body under `rules` (the client's `maxParcels`,
 * `contactCarriers` and `itemDescLimit`): every field's type, enumeration and length, and the
 * rules between them —
 * the key's ids by `order_number_type`, split mode only for express and with `is_all_delivered`,
 * exactly one parcel in unified mode and 1–`maxParcels` in split mode, tracking_no and
 * express_company for express, a contact for the `contactCarriers`.
 *
 * @param rules - The parcel limit, the carriers that need a contact, the `item_desc` limit.
 * @returns The schema.
 * @example
 * ```ts
 * const tenParcels = createWechatShippingUploadSchema({ maxParcels: 10, contactCarriers: ['SF'] })
 * ```
 */
export function createWechatShippingUploadSchema(
  rules: WechatShippingUploadRules,
): z.ZodType<WechatShippingUploadRequest> {
  const parcel = parcelSchema(rules.itemDescLimit ?? defaultWechatShippingItemDescLimit)
  return z
    .strictObject({
      order_key: orderKey,
      logistics_type: logisticsType,
      delivery_mode: deliveryMode,
      is_all_delivered: z.boolean().optional(),
      shipping_list: z.array(parcel),
      upload_time: uploadTime,
      payer,
    } satisfies WireShape<WechatShippingUploadRequest>)
    .superRefine((value, context) => checkShippingSection(value, rules, context))
}

/**
 * The schema of an `upload_combined_shipping_info` body under `rules`: the parent key, each
 * sub-order as an upload's shipping part, every sub-order's `order_number_type` the parent's
 * (268485253), no sub-payment twice (10060013).
 *
 * @param rules - The parcel limit and the carriers that need a contact.
 * @returns The schema.
 * @example
 * ```ts
 * const schema = createWechatShippingCombinedUploadSchema({ maxParcels: 15, contactCarriers: ['SF'] })
 * ```
 */
export function createWechatShippingCombinedUploadSchema(
  rules: WechatShippingUploadRules,
): z.ZodType<WechatShippingCombinedUploadRequest> {
  const parcel = parcelSchema(rules.itemDescLimit ?? defaultWechatShippingItemDescLimit)
  const subOrder: z.ZodType<WechatShippingSubOrder> = z.strictObject({
    order_key: orderKey,
    logistics_type: logisticsType,
    delivery_mode: deliveryMode,
    is_all_delivered: z.boolean().optional(),
    shipping_list: z.array(parcel).optional(),
  } satisfies WireShape<WechatShippingSubOrder>)
  return z
    .strictObject({
      order_key: orderKey,
      sub_orders: z.array(subOrder).optional(),
      upload_time: uploadTime,
      payer,
    } satisfies WireShape<WechatShippingCombinedUploadRequest>)
    .superRefine((value, context) => {
      const seen = new Set<string>()
      for (const [index, sub] of (value.sub_orders ?? []).entries()) {
        checkShippingSection(sub, rules, context, ['sub_orders', index])
        if (sub.order_key.order_number_type !== value.order_key.order_number_type)
          context.addIssue({
            code: 'custom',
            path: ['sub_orders', index, 'order_key', 'order_number_type'],
            message: 'must be the combined payment’s order_number_type (268485253)',
          })
        const id = JSON.stringify([
          sub.order_key.transaction_id,
          sub.order_key.mchid,
          sub.order_key.out_trade_no,
        ])
        if (seen.has(id))
          context.addIssue({
            code: 'custom',
            path: ['sub_orders', index, 'order_key'],
            message: 'names a sub-payment listed before (10060013)',
          })
        seen.add(id)
      }
    })
}

const defaultRules: WechatShippingUploadRules = {
  maxParcels: defaultWechatShippingMaxParcels,
  contactCarriers: defaultWechatShippingContactCarriers,
}

/**
 * The schema of an `upload_shipping_info` body under the default rules (15 parcels, a contact for
 * SF Express, `item_desc` at most 120 characters): {@link createWechatShippingUploadSchema}.
 *
 * @example
 * ```ts
 * const { upload } = toWechatShippingOrder(order)
 * wechatShippingUploadRequestSchema.safeParse(upload).success // true
 * wechatShippingUploadRequestSchema.safeParse({ ...upload, delivery_mode: 'UNIFIED_DELIVERY' }).success // false: a number
 * ```
 */
export const wechatShippingUploadRequestSchema: z.ZodType<WechatShippingUploadRequest> = lazySchema(
  () => createWechatShippingUploadSchema(defaultRules),
)

/**
 * The schema of an `upload_combined_shipping_info` body under the default rules:
 * {@link createWechatShippingCombinedUploadSchema}.
 *
 * @example
 * ```ts
 * const { upload } = toWechatShippingOrder(order)
 * const combined = { order_key: upload.order_key, upload_time: upload.upload_time, payer: upload.payer }
 * wechatShippingCombinedUploadRequestSchema.safeParse(combined).success // true
 * wechatShippingCombinedUploadRequestSchema.safeParse({ ...combined, sub_orders: [{ order_key: upload.order_key }] }).success // false: a sub-order needs its logistics_type and delivery_mode
 * ```
 */
export const wechatShippingCombinedUploadRequestSchema: z.ZodType<WechatShippingCombinedUploadRequest> =
  lazySchema(() => createWechatShippingCombinedUploadSchema(defaultRules))
