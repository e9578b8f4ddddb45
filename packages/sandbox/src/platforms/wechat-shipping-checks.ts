import { isObject, type JsonObject } from './json-checks.ts'

// The request rules of the order shipping service's upload calls, "发货信息录入"
// (https://developers.weixin.qq.com/miniprogram/dev/server/API/order_shipping/api_uploadshippinginfo.html)
// and "发货信息合单录入" (…/order_shipping/api_uploadcombinedshippinginfo.html), each refusal
// with the errcode WeChat's tables give it. Where a table gives none, the sandbox answers 47001 for
// a field of the wrong JSON type (WeChat's "data format error") and 10060014 (请求参数非法) for a
// missing or out-of-range value.

/**
 * A request refused with an errcode: thrown by the checks and answered by the module's route as
 * `{errcode, errmsg}`, `hint` (the sandbox's explanation) in the errmsg.
 */
export class WechatShippingRefusal extends Error {
  readonly errcode: number
  readonly hint: string | undefined

  constructor(errcode: number, hint?: string) {
    super(hint ?? String(errcode))
    this.errcode = errcode
    this.hint = hint
  }
}

/** Refuses the request with `errcode`. */
export function refuse(errcode: number, hint?: string): never {
  throw new WechatShippingRefusal(errcode, hint)
}

// The codes the checks answer (named in the module's exported table).
const invalidParameter = 10060014
const dataFormatError = 47001

/** The rules of the upload checks that the module's options set. */
export interface WechatShippingCheckRules {
  /** The most parcels in one `shipping_list` of a split upload. */
  readonly maxParcels: number
  /** Whether `is_all_delivered` in unified mode is refused (10060014) rather than ignored. */
  readonly rejectUnifiedIsAllDelivered: boolean
  /** The `express_company` ids of SF Express, whose parcels need a `contact`. */
  readonly sfExpressCompanies: readonly string[]
  /** The errcode of a missing or unmasked SF `contact` (WeChat documents none). */
  readonly contactErrcode: number
  /** The carrier ids accepted in `express_company`, or undefined for any. */
  readonly knownCarriers: ReadonlySet<string> | undefined
}

/** An `order_key`, checked: one payment, by transaction id (2) or merchant trade number (1). */
export interface CheckedOrderKey {
  readonly order_number_type: 1 | 2
  /** The payment's key in the sandbox: the transaction id, or `<mchid>:<out_trade_no>`. */
  readonly key: string
  readonly transaction_id?: string
  readonly mchid?: string
  readonly out_trade_no?: string
}

/** One parcel of a `shipping_list`, checked. */
export interface CheckedParcel {
  readonly tracking_no?: string
  readonly express_company?: string
  readonly item_desc: string
  readonly contact?: JsonObject
}

/** What one payment's upload says about its shipping. */
export interface CheckedShipment {
  readonly delivery_mode: 1 | 2
  readonly logistics_type: 1 | 2 | 3 | 4
  /** Whether this upload completes the shipping: unified mode, or split with is_all_delivered. */
  readonly finishes: boolean
  readonly parcels: readonly CheckedParcel[]
}

/** An RFC 3339 time: to order uploads (microseconds) and to answer (seconds). */
export interface CheckedTime {
  readonly text: string
  readonly micros: number
  readonly seconds: number
}

const bytes = (value: string): number => Buffer.byteLength(value, 'utf8')
const characters = (value: string): number => [...value].length

/** A field that is absent: missing or null (live uploads send null for unused fields). */
const absent = (value: unknown): boolean => value === undefined || value === null

/** A string field, or undefined when absent; 47001 for another type. */
export function optionalString(object: JsonObject, key: string, at: string): string | undefined {
  const value = object[key]
  if (absent(value)) return undefined
  if (typeof value !== 'string') refuse(dataFormatError, `${at}.${key}: must be a string`)
  return value
}

/** An integer field, or undefined when absent; 47001 for another type. */
export function optionalInteger(object: JsonObject, key: string, at: string): number | undefined {
  const value = object[key]
  if (absent(value)) return undefined
  if (typeof value !== 'number' || !Number.isSafeInteger(value))
    refuse(dataFormatError, `${at}.${key}: must be an integer (a JSON number)`)
  return value
}

/** An object field, or undefined when absent; 47001 for another type. */
export function optionalObject(
  object: JsonObject,
  key: string,
  at: string,
): JsonObject | undefined {
  const value = object[key]
  if (absent(value)) return undefined
  if (!isObject(value)) refuse(dataFormatError, `${at}.${key}: must be an object`)
  return value
}

/** A required field, present or refused with `errcode`. */
function required<T>(value: T | undefined, errcode: number, hint: string): T {
  if (value === undefined || value === '') refuse(errcode, hint)
  return value
}

// The merchant trade number's characters (WeChat Pay: digits, letters, _ - *).
const outTradeNoPattern = /^[0-9A-Za-z_\-*]+$/

/** `order_key`: 268485194 type, 268485195 transaction_id, 268485196 mchid, 268485197 out_trade_no. */
export function checkOrderKey(value: JsonObject | undefined, at: string): CheckedOrderKey {
  const orderKey = required(value, invalidParameter, `${at}: required object`)
  const type = optionalInteger(orderKey, 'order_number_type', at)
  if (type !== 1 && type !== 2)
    refuse(
      268485194,
      `${at}.order_number_type: must be 1 (mchid + out_trade_no) or 2 (transaction_id)`,
    )
  if (type === 2) {
    const transactionId = required(
      optionalString(orderKey, 'transaction_id', at),
      268485195,
      `${at}.transaction_id: required when order_number_type is 2`,
    )
    return { order_number_type: 2, key: transactionId, transaction_id: transactionId }
  }
  const mchid = required(
    optionalString(orderKey, 'mchid', at),
    268485196,
    `${at}.mchid: required when order_number_type is 1`,
  )
  const outTradeNo = required(
    optionalString(orderKey, 'out_trade_no', at),
    268485197,
    `${at}.out_trade_no: required when order_number_type is 1`,
  )
  if (!outTradeNoPattern.test(outTradeNo))
    refuse(invalidParameter, `${at}.out_trade_no: only digits, letters, _ - *`)
  return { order_number_type: 1, key: `${mchid}:${outTradeNo}`, mchid, out_trade_no: outTradeNo }
}

// RFC 3339 with its offset: `Z` or ±hh:mm, any fraction of a second (live uploads with `Z`, with
// six fraction digits and with none reached the payment lookup).
const rfc3339 =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/

/** `upload_time`: an RFC 3339 date and time with offset, else 268485216. */
export function checkUploadTime(body: JsonObject, at: string): CheckedTime {
  const value = body.upload_time
  const match = typeof value === 'string' ? rfc3339.exec(value) : null
  const [year, month, day, hour, minute, second] = (match?.slice(1, 7) ?? []).map(Number)
  const offsetHours = Number(match?.[10] ?? 0)
  const offsetMinutes = Number(match?.[11] ?? 0)
  const date = new Date(Date.UTC(year ?? 0, (month ?? 1) - 1, day ?? 1))
  if (
    match === null ||
    date.getUTCFullYear() !== year ||
    date.getUTCMonth() + 1 !== month ||
    date.getUTCDate() !== day ||
    (hour ?? 0) > 23 ||
    (minute ?? 0) > 59 ||
    (second ?? 0) > 59 ||
    offsetHours > 23 ||
    offsetMinutes > 59
  ) {
    refuse(
      268485216,
      `${at}.upload_time: must be an RFC 3339 date and time with its offset, e.g. 2022-12-15T13:29:35.120+08:00`,
    )
  }
  const sign = match[9] === '-' ? -1 : 1
  const utcMillis =
    Date.UTC(year ?? 0, (month ?? 1) - 1, day ?? 1, hour, minute, second) -
    sign * (offsetHours * 60 + offsetMinutes) * 60_000
  const micros = utcMillis * 1000 + Number((match[7] ?? '').padEnd(6, '0').slice(0, 6))
  return { text: match[0], micros, seconds: Math.floor(utcMillis / 1000) }
}

/** `delivery_mode` (268485224) then `logistics_type` (10060005). */
export function checkModes(
  body: JsonObject,
  at: string,
): Pick<CheckedShipment, 'delivery_mode' | 'logistics_type'> {
  const mode = optionalInteger(body, 'delivery_mode', at)
  if (mode !== 1 && mode !== 2)
    refuse(268485224, `${at}.delivery_mode: must be 1 (unified) or 2 (split)`)
  const type = optionalInteger(body, 'logistics_type', at)
  if (type !== 1 && type !== 2 && type !== 3 && type !== 4)
    refuse(10060005, `${at}.logistics_type: must be 1 express, 2 same-city, 3 virtual or 4 pick-up`)
  return { delivery_mode: mode, logistics_type: type }
}

// A masked phone number: digits, `+`, `-` and `*`, at least one `*`, the last four digits shown
// (the document's shapes: 189****1234, 021-****1234, ****1234, 0**2-***1234, 0**2-******23-10,
// ****123-8008, +86-177****1234).
const maskedPhone = /^[0-9+\-*]+$/

function checkContact(parcel: JsonObject, at: string, rules: WechatShippingCheckRules) {
  const contact = optionalObject(parcel, 'contact', at)
  const express = parcel.express_company
  const given: string[] = []
  for (const key of ['consignor_contact', 'receiver_contact']) {
    const phone = contact === undefined ? undefined : optionalString(contact, key, `${at}.contact`)
    if (phone === undefined || phone === '') continue
    if (characters(phone) > 1024) refuse(rules.contactErrcode, `${at}.contact.${key}: at most 1024`)
    if (
      !maskedPhone.test(phone) ||
      !phone.includes('*') ||
      !/\d{4}$/.test(phone.replaceAll('-', ''))
    ) {
      refuse(
        rules.contactErrcode,
        `${at}.contact.${key}: must be masked with its last 4 digits shown, e.g. 189****1234`,
      )
    }
    given.push(key)
  }
  if (
    typeof express === 'string' &&
    rules.sfExpressCompanies.includes(express) &&
    given.length === 0
  )
    refuse(
      rules.contactErrcode,
      `${at}.contact: SF Express (${express}) needs consignor_contact or receiver_contact`,
    )
  return contact
}

/** One parcel: waybill and carrier for express, their lengths, item_desc, the SF contact. */
function checkParcel(
  value: unknown,
  at: string,
  express: boolean,
  rules: WechatShippingCheckRules,
): CheckedParcel {
  if (!isObject(value)) refuse(dataFormatError, `${at}: must be an object`)
  const trackingNo = optionalString(value, 'tracking_no', at)
  const expressCompany = optionalString(value, 'express_company', at)
  if (express && (trackingNo === undefined || trackingNo === ''))
    refuse(268485226, `${at}.tracking_no: required for express (logistics_type 1)`)
  if (express && (expressCompany === undefined || expressCompany === ''))
    refuse(268485227, `${at}.express_company: required for express (logistics_type 1)`)
  if (expressCompany !== undefined && bytes(expressCompany) > 128)
    refuse(10060025, `${at}.express_company: at most 128 bytes`)
  if (trackingNo !== undefined && bytes(trackingNo) > 128)
    refuse(10060026, `${at}.tracking_no: at most 128 bytes`)
  if (
    expressCompany !== undefined &&
    expressCompany !== '' &&
    rules.knownCarriers !== undefined &&
    !rules.knownCarriers.has(expressCompany)
  )
    refuse(invalidParameter, `${at}.express_company: not a delivery_id of get_delivery_list`)
  const itemDesc = optionalString(value, 'item_desc', at)
  if (itemDesc === undefined || itemDesc === '')
    refuse(10060008, `${at}.item_desc: required, not empty`)
  if (characters(itemDesc) > 120) refuse(10060009, `${at}.item_desc: at most 120 characters`)
  const contact = checkContact(value, at, rules)
  return {
    ...(trackingNo === undefined ? {} : { tracking_no: trackingNo }),
    ...(expressCompany === undefined ? {} : { express_company: expressCompany }),
    item_desc: itemDesc,
    ...(contact === undefined ? {} : { contact }),
  }
}

/**
 * The shipping of one payment (an upload body, or a sub-order of a combined one): its modes, then
 * `shipping_list` (268485228 unified ≠ 1 parcel, 10060024 more than `maxParcels`, then each
 * parcel), then the split rules (10060006 split for anything but express, 10060007 split without
 * is_all_delivered).
 */
export function checkShipment(
  body: JsonObject,
  at: string,
  modes: Pick<CheckedShipment, 'delivery_mode' | 'logistics_type'>,
  rules: WechatShippingCheckRules,
): CheckedShipment {
  const list = body.shipping_list
  if (!absent(list) && !Array.isArray(list))
    refuse(dataFormatError, `${at}.shipping_list: must be an array`)
  const parcels: unknown[] = Array.isArray(list) ? list : []
  const split = modes.delivery_mode === 2
  if (!split && parcels.length !== 1)
    refuse(
      268485228,
      `${at}.shipping_list: exactly 1 parcel in unified mode, got ${parcels.length}`,
    )
  if (split && parcels.length > rules.maxParcels)
    refuse(
      10060024,
      `${at}.shipping_list: at most ${rules.maxParcels} parcels, got ${parcels.length}`,
    )
  if (split && parcels.length === 0) refuse(invalidParameter, `${at}.shipping_list: required`)
  const checked = parcels.map((parcel, index) =>
    checkParcel(parcel, `${at}.shipping_list[${index}]`, modes.logistics_type === 1, rules),
  )
  if (split && modes.logistics_type !== 1)
    refuse(10060006, `${at}.delivery_mode: split (2) only with logistics_type 1 (express)`)
  const allDelivered = body.is_all_delivered
  if (split && typeof allDelivered !== 'boolean')
    refuse(10060007, `${at}.is_all_delivered: a boolean is required in split mode`)
  if (!split && rules.rejectUnifiedIsAllDelivered && !absent(allDelivered))
    refuse(invalidParameter, `${at}.is_all_delivered: only in split mode`)
  return { ...modes, finishes: !split || allDelivered === true, parcels: checked }
}

/** `payer.openid`: 1–128 bytes. */
export function checkPayer(body: JsonObject, at: string): string {
  const payer = required(
    optionalObject(body, 'payer', at),
    invalidParameter,
    `${at}.payer: required`,
  )
  const openid = required(
    optionalString(payer, 'openid', `${at}.payer`),
    invalidParameter,
    `${at}.payer.openid: required`,
  )
  if (bytes(openid) > 128) refuse(invalidParameter, `${at}.payer.openid: at most 128 bytes`)
  return openid
}
