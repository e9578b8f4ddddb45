import type { JsonObject } from './json-checks.ts'
import {
  type CheckedOrderKey,
  type CheckedParcel,
  type CheckedShipment,
  type CheckedTime,
  refuse,
} from './wechat-shipping-checks.ts'

// The payments (支付单) of the order shipping service and their states, a working model: WeChat
// documents the states of a payment ("order_state" of 查询订单发货状态,
// https://developers.weixin.qq.com/miniprogram/dev/server/API/order_shipping/api_getorder.html)
// and the rules of shipping and re-shipping ("发货信息录入", …/api_uploadshippinginfo.html), not
// the transitions between them. Here: 1 待发货 (paid) → 2 已发货 (shipping complete) → 3 确认收货
// (receipt confirmed) → 6 资金待结算 (optional) → 4 交易完成 (settled); 5 已退款 from any state.

/**
 * One parcel as `get_order` answers it: `goods_desc` is the upload's `item_desc`, `upload_time`
 * the upload's time in Unix seconds.
 *
 * @example
 * ```ts
 * const parcel: WechatShippingSandboxParcel = { tracking_no: 'SF1400012345678', express_company: 'SF', goods_desc: '白瓷马克杯*2', upload_time: 1740795330 }
 * ```
 */
export interface WechatShippingSandboxParcel {
  readonly tracking_no?: string
  readonly express_company?: string
  readonly goods_desc: string
  readonly upload_time: number
  readonly contact?: Readonly<Record<string, unknown>>
}

/**
 * A payment as `get_order` answers it (its `order`), and as `get_order_list` lists it.
 *
 * @example
 * ```ts
 * const shipping = createWechatShippingSandboxModule()
 * const order: WechatShippingSandboxOrder = shipping.control.registerPayment({ openid: 'o-payer' }).order
 * order.order_state // 1 — 待发货; then 2 已发货, 3 确认收货, 4 交易完成, 5 已退款, 6 资金待结算
 * order.shipping // {}
 * ```
 */
export interface WechatShippingSandboxOrder {
  readonly transaction_id: string
  readonly merchant_id: string
  /** `""` when the payment has no sub-merchant. */
  readonly sub_merchant_id: string
  readonly merchant_trade_no: string
  /** The parcels' descriptions joined with `;`, cut at 120 characters and ended with `...`. */
  readonly description: string
  /** Integer fen. */
  readonly paid_amount: number
  readonly openid: string
  /** Unix seconds. */
  readonly trade_create_time: number
  /** Unix seconds. */
  readonly pay_time: number
  readonly in_complaint: boolean
  readonly order_state: number
  /** `{}` until something was shipped. */
  readonly shipping:
    | Readonly<Record<string, never>>
    | {
        readonly delivery_mode: number
        readonly logistics_type: number
        readonly finish_shipping: boolean
        /** 0 not complete, 1 complete, 2 complete again after the one re-shipment. */
        readonly finish_shipping_count: number
        /** What was typed in the admin console: `""` for uploads through the API. */
        readonly goods_desc: string
        readonly shipping_list: readonly WechatShippingSandboxParcel[]
      }
}

/**
 * What the sandbox knows of a payment: the `get_order` view and what the view does not show.
 *
 * @example
 * ```ts
 * const shipping = createWechatShippingSandboxModule()
 * const payment: WechatShippingSandboxPayment = shipping.control.registerPayment({
 *   openid: 'o-payer',
 *   transactionId: '4200009999202503011234567890',
 * })
 * payment.reshipmentUsed // false — true once the one re-shipment is used
 * ```
 */
export interface WechatShippingSandboxPayment {
  /** What `get_order` answers for it. */
  readonly order: WechatShippingSandboxOrder
  /** When `get_order` and the uploads first see it, epoch milliseconds. */
  readonly visibleAt: number
  /** The `upload_time` of the last accepted upload, as sent. */
  readonly lastUploadTime: string | undefined
  /** Whether the one re-shipment was used. */
  readonly reshipmentUsed: boolean
  /** The `received_time` of the accepted `notify_confirm_receive`, Unix seconds. */
  readonly receivedTime: number | undefined
  /** What `opspecialorder` reported for it. */
  readonly specialOrder: { readonly type: number; readonly delay_to?: number } | undefined
}

/**
 * A payment to register with {@link WechatShippingSandboxControl.registerPayment}, as WeChat Pay
 * would have taken it.
 *
 * @example
 * ```ts
 * const shipping = createWechatShippingSandboxModule()
 * const input: WechatShippingSandboxPaymentInput = {
 *   openid: 'o-payer',
 *   mchid: '1900000109',
 *   outTradeNo: 'SO-1',
 *   paidAmount: 5980,
 *   payTime: 1740710030,
 * }
 * shipping.control.registerPayment(input).order.pay_time // 1740710030
 * ```
 */
export interface WechatShippingSandboxPaymentInput {
  /** The payer. */
  readonly openid: string
  /** @default a new 28-digit id */
  readonly transactionId?: string
  /** The merchant that took the payment (the service provider's, with `subMchid`). @default the module's `defaultMchid` */
  readonly mchid?: string
  /** The sub-merchant (服务商模式), whose id the uploads give as `mchid`. @default none */
  readonly subMchid?: string
  /** The merchant trade number. @default `sandbox_<n>` */
  readonly outTradeNo?: string
  /** Integer fen. @default 100 */
  readonly paidAmount?: number
  /** Unix seconds. @default now */
  readonly payTime?: number
  /** Unix seconds. @default payTime */
  readonly tradeCreateTime?: number
}

/**
 * The module's own control, for tests: payments registered and moved along their states by
 * hand, as the buyer and WeChat Pay would, and the service's switches.
 *
 * A payment is named by its key: its `transaction_id`, or `<mchid>:<out_trade_no>` (the `mchid`
 * an upload gives: the sub-merchant's when there is one). Methods throw `Error` for an unknown
 * key or a move its state does not allow. After an upload ships a payment (state 2),
 * `confirmReceipt` moves it to 3, `awaitSettlement` to 6 and `settle` to 4.
 *
 * @example
 * ```ts
 * const shipping = createWechatShippingSandboxModule()
 * const { order } = shipping.control.registerPayment({ openid: 'o-payer', outTradeNo: 'SO-1' })
 * shipping.control.payment('1900000109:SO-1')?.order.transaction_id === order.transaction_id // true
 * shipping.control.confirmReceipt(order.transaction_id) // throws: not shipped (state 1)
 * shipping.control.refund(order.transaction_id).order.order_state // 5
 * ```
 */
export interface WechatShippingSandboxControl {
  /**
   * Registers a paid payment (state 1), visible `paymentVisibleAfterMs` after its pay time.
   *
   * @throws `Error` when its transaction id or merchant trade number is taken.
   */
  registerPayment(input: WechatShippingSandboxPaymentInput): WechatShippingSandboxPayment
  /** The payment of a key, or undefined. */
  payment(key: string): WechatShippingSandboxPayment | undefined
  /** Every payment, visible or not. */
  payments(): readonly WechatShippingSandboxPayment[]
  /** The buyer confirms receipt (or WeChat does it on its own): 2 → 3. */
  confirmReceipt(key: string): WechatShippingSandboxPayment
  /** The funds wait for settlement: 3 → 6. */
  awaitSettlement(key: string): WechatShippingSandboxPayment
  /** The funds settle: 3 or 6 → 4; refused while a dispute is open. */
  settle(key: string): WechatShippingSandboxPayment
  /** A full refund: any state but 5 → 5; uploads are then refused with 10060004. */
  refund(key: string): WechatShippingSandboxPayment
  /** Opens or closes a transaction dispute (`in_complaint`). */
  setInComplaint(key: string, inComplaint: boolean): WechatShippingSandboxPayment
  /** What `is_trade_managed` answers. */
  setTradeManaged(managed: boolean): void
  /** What `is_trade_management_confirmation_completed` answers. */
  setConfirmationCompleted(completed: boolean): void
  /** The path `set_msg_jump_path` last set, or undefined. */
  jumpPath(): string | undefined
}

/** A parcel on record: as uploaded, with its upload's time in seconds. */
interface ParcelRecord extends CheckedParcel {
  readonly uploadSeconds: number
}

interface ShippingRecord {
  readonly delivery_mode: 1 | 2
  readonly logistics_type: 1 | 2 | 3 | 4
  readonly finish_shipping: boolean
  readonly finish_shipping_count: number
  readonly parcels: readonly ParcelRecord[]
}

/** A payment as the module keeps it. */
export interface PaymentRecord {
  readonly transaction_id: string
  readonly merchant_id: string
  readonly sub_merchant_id: string
  readonly merchant_trade_no: string
  readonly openid: string
  readonly paid_amount: number
  readonly trade_create_time: number
  readonly pay_time: number
  readonly visibleAt: number
  order_state: number
  in_complaint: boolean
  shipping: ShippingRecord | undefined
  /** The last accepted upload's time, to order the next. */
  lastUpload: CheckedTime | undefined
  /** The time of the upload that completed the shipping, Unix seconds. */
  shippedAt: number | undefined
  reshipmentUsed: boolean
  receivedTime: number | undefined
  specialOrder: { readonly type: number; readonly delay_to?: number } | undefined
  /** The key of its entry in `control.orders`, once an upload was stored. */
  storeKey: string | undefined
}

/** The rules of the state model that the module's options set. */
export interface WechatShippingStateRules {
  /** How a split upload that continues a split shipping treats the parcels on record. */
  readonly splitUploads: 'merge' | 'append' | 'replace'
  /** The state a split upload with is_all_delivered false leaves the payment in. */
  readonly partialSplitState: 1 | 2
  /** The errcode of an update whose upload_time is not later than the last upload's. */
  readonly staleUploadTimeErrcode: number
}

/** The payments of one module, by transaction id and by `<mchid>:<out_trade_no>`. */
export interface PaymentBook {
  readonly byTransaction: Map<string, PaymentRecord>
  readonly byMerchantKey: Map<string, PaymentRecord>
  /** Numbers the generated ids. */
  sequence: number
}

/** The key uploads give a payment by merchant trade number: the sub-merchant's id when any. */
const merchantKey = (payment: PaymentRecord): string =>
  `${payment.sub_merchant_id || payment.merchant_id}:${payment.merchant_trade_no}`

/** A 28-digit transaction id, shaped like WeChat Pay's (4200…, the pay date, a number). */
function newTransactionId(book: PaymentBook, paidAtMillis: number): string {
  book.sequence += 1
  const day = new Date(paidAtMillis + 8 * 3600_000).toISOString().slice(0, 10).replaceAll('-', '')
  return `4200${String(book.sequence).padStart(6, '0')}${day}${String(book.sequence).padStart(10, '0')}`
}

/**
 * Adds a paid payment (state 1).
 *
 * @throws `Error` when its transaction id or merchant key is taken, or an amount or time is not
 *   a whole number ≥ 0.
 */
export function addPayment(
  book: PaymentBook,
  input: WechatShippingSandboxPaymentInput,
  defaults: { readonly mchid: string; readonly now: number; readonly visibleAfterMs: number },
): PaymentRecord {
  for (const [name, value] of Object.entries(input)) {
    if (typeof value === 'number' && (!Number.isSafeInteger(value) || value < 0))
      throw new Error(`[sandbox] wechat-shipping: ${name} must be a whole number ≥ 0`)
  }
  const paidAt = input.payTime === undefined ? defaults.now : input.payTime * 1000
  const transactionId = input.transactionId ?? newTransactionId(book, paidAt)
  if (input.outTradeNo === undefined) book.sequence += 1
  const payTime = Math.floor(paidAt / 1000)
  const payment: PaymentRecord = {
    transaction_id: transactionId,
    merchant_id: input.mchid ?? defaults.mchid,
    sub_merchant_id: input.subMchid ?? '',
    merchant_trade_no: input.outTradeNo ?? `sandbox_${book.sequence}`,
    openid: input.openid,
    paid_amount: input.paidAmount ?? 100,
    trade_create_time: input.tradeCreateTime ?? payTime,
    pay_time: payTime,
    visibleAt: paidAt + defaults.visibleAfterMs,
    order_state: 1,
    in_complaint: false,
    shipping: undefined,
    lastUpload: undefined,
    shippedAt: undefined,
    reshipmentUsed: false,
    receivedTime: undefined,
    specialOrder: undefined,
    storeKey: undefined,
  }
  if (book.byTransaction.has(transactionId) || book.byMerchantKey.has(merchantKey(payment)))
    throw new Error(
      `[sandbox] wechat-shipping: a payment ${transactionId} or ${merchantKey(payment)} exists already`,
    )
  book.byTransaction.set(transactionId, payment)
  book.byMerchantKey.set(merchantKey(payment), payment)
  return payment
}

/** The payment of an upload's order_key, or undefined. */
export const findByOrderKey = (
  book: PaymentBook,
  key: CheckedOrderKey,
): PaymentRecord | undefined =>
  key.order_number_type === 2 ? book.byTransaction.get(key.key) : book.byMerchantKey.get(key.key)

/** The payment of a control key (transaction id or `<mchid>:<out_trade_no>`), or undefined. */
export const findByKey = (book: PaymentBook, key: string): PaymentRecord | undefined =>
  book.byTransaction.get(key) ?? book.byMerchantKey.get(key)

/** The `description` of a payment: its parcels' descriptions joined, cut at 120 characters. */
function describe(parcels: readonly ParcelRecord[]): string {
  const joined = [...parcels.map((parcel) => parcel.item_desc).join(';')]
  return joined.length > 120 ? `${joined.slice(0, 120).join('')}...` : joined.join('')
}

/** The `order` of a `get_order` answer. */
export function viewOrder(payment: PaymentRecord): WechatShippingSandboxOrder {
  const { shipping } = payment
  return {
    transaction_id: payment.transaction_id,
    merchant_id: payment.merchant_id,
    sub_merchant_id: payment.sub_merchant_id,
    merchant_trade_no: payment.merchant_trade_no,
    description: describe(shipping?.parcels ?? []),
    paid_amount: payment.paid_amount,
    openid: payment.openid,
    trade_create_time: payment.trade_create_time,
    pay_time: payment.pay_time,
    in_complaint: payment.in_complaint,
    order_state: payment.order_state,
    shipping:
      shipping === undefined
        ? {}
        : {
            delivery_mode: shipping.delivery_mode,
            logistics_type: shipping.logistics_type,
            finish_shipping: shipping.finish_shipping,
            finish_shipping_count: shipping.finish_shipping_count,
            goods_desc: '',
            shipping_list: shipping.parcels.map((parcel) => ({
              ...(parcel.tracking_no === undefined ? {} : { tracking_no: parcel.tracking_no }),
              ...(parcel.express_company === undefined
                ? {}
                : { express_company: parcel.express_company }),
              goods_desc: parcel.item_desc,
              upload_time: parcel.uploadSeconds,
              ...(parcel.contact === undefined ? {} : { contact: parcel.contact }),
            })),
          },
  }
}

/** What the control shows of a payment. */
export function viewPayment(payment: PaymentRecord): WechatShippingSandboxPayment {
  return {
    order: viewOrder(payment),
    visibleAt: payment.visibleAt,
    lastUploadTime: payment.lastUpload?.text,
    reshipmentUsed: payment.reshipmentUsed,
    receivedTime: payment.receivedTime,
    specialOrder: payment.specialOrder,
  }
}

/** What a parcel says, without when it was uploaded: two parcels that say the same are one. */
const parcelContent = (parcel: CheckedParcel): string =>
  JSON.stringify([parcel.express_company, parcel.tracking_no, parcel.item_desc, parcel.contact])
const parcelIdentity = (parcel: CheckedParcel): string =>
  JSON.stringify([parcel.express_company ?? '', parcel.tracking_no ?? ''])

/**
 * The parcels on record after an upload: a split upload continuing a split shipping merges (a
 * parcel of the same carrier and waybill replaced in place, a new one added), appends or replaces, as the
 * `splitUploads` option says; any other upload replaces. A parcel already on record unchanged
 * keeps its upload time.
 */
function nextParcels(
  previous: readonly ParcelRecord[],
  uploaded: readonly CheckedParcel[],
  uploadSeconds: number,
  how: 'merge' | 'append' | 'replace',
): ParcelRecord[] {
  const recorded = new Map(previous.map((parcel) => [parcelContent(parcel), parcel]))
  const incoming = uploaded.map(
    (parcel) => recorded.get(parcelContent(parcel)) ?? { ...parcel, uploadSeconds },
  )
  if (how === 'replace') return incoming
  if (how === 'append') return [...previous, ...incoming]
  const byIdentity = new Map(incoming.map((parcel) => [parcelIdentity(parcel), parcel]))
  const kept = previous.map((parcel) => byIdentity.get(parcelIdentity(parcel)) ?? parcel)
  const known = new Set(previous.map(parcelIdentity))
  return [...kept, ...incoming.filter((parcel) => !known.has(parcelIdentity(parcel)))]
}

const sameShipping = (a: ShippingRecord, b: ShippingRecord): boolean =>
  a.delivery_mode === b.delivery_mode &&
  a.logistics_type === b.logistics_type &&
  a.finish_shipping === b.finish_shipping &&
  JSON.stringify(a.parcels.map(parcelContent)) === JSON.stringify(b.parcels.map(parcelContent))

/** A payment's shipping after an accepted upload, and whether the upload is the re-shipment. */
export interface ShippingChange {
  readonly payment: PaymentRecord
  readonly shipping: ShippingRecord
  readonly reshipment: boolean
  readonly time: CheckedTime
}

/**
 * The change an upload makes to a payment, or its refusal, without applying it (so that a
 * combined upload applies all its sub-orders or none):
 *
 * - 10060004 once receipt is confirmed, the funds settled or refunded (states 3–6);
 * - 10060002 for a split upload that does not complete a payment whose shipping is complete;
 * - 10060023 when nothing would change;
 * - `staleUploadTimeErrcode` when `upload_time` is not later than the last upload's;
 * - 10060003 for a second re-shipment — re-shipping is uploading again once the shipping is
 *   complete, or changing `delivery_mode` or `logistics_type`;
 * - 10060020 for completing a payment whose parcels have no description but blanks.
 */
export function planShipping(
  payment: PaymentRecord,
  shipment: CheckedShipment,
  time: CheckedTime,
  rules: WechatShippingStateRules,
): ShippingChange {
  if (payment.order_state !== 1 && payment.order_state !== 2)
    refuse(10060004, `the payment is in order_state ${payment.order_state}`)
  const previous = payment.shipping
  const modeChanged =
    previous !== undefined &&
    (previous.delivery_mode !== shipment.delivery_mode ||
      previous.logistics_type !== shipment.logistics_type)
  const reshipment = previous !== undefined && (previous.finish_shipping || modeChanged)
  if (previous?.finish_shipping === true && !shipment.finishes)
    refuse(10060002, 'the shipping is complete: only a complete upload may re-ship it')
  const parcels = nextParcels(
    previous?.parcels ?? [],
    shipment.parcels,
    time.seconds,
    reshipment || previous === undefined ? 'replace' : rules.splitUploads,
  )
  const shipping: ShippingRecord = {
    delivery_mode: shipment.delivery_mode,
    logistics_type: shipment.logistics_type,
    finish_shipping: shipment.finishes,
    finish_shipping_count: (previous?.finish_shipping_count ?? 0) + (shipment.finishes ? 1 : 0),
    parcels,
  }
  if (previous !== undefined && sameShipping(previous, shipping))
    refuse(10060023, 'the upload changes nothing on record')
  if (payment.lastUpload !== undefined && time.micros <= payment.lastUpload.micros)
    refuse(
      rules.staleUploadTimeErrcode,
      `upload_time must be later than the last upload's (${payment.lastUpload.text})`,
    )
  if (reshipment && payment.reshipmentUsed)
    refuse(10060003, 'the one re-shipment of this payment was used')
  if (shipment.finishes && parcels.every((parcel) => parcel.item_desc.trim() === ''))
    refuse(10060020, 'no parcel of the payment has a description')
  return { payment, shipping, reshipment, time }
}

/** Applies a planned change: the shipping, the state, the re-shipment used. */
export function applyShipping(change: ShippingChange, rules: WechatShippingStateRules): void {
  const { payment, shipping } = change
  payment.shipping = shipping
  payment.lastUpload = change.time
  if (change.reshipment) payment.reshipmentUsed = true
  if (shipping.finish_shipping) {
    payment.order_state = 2
    payment.shippedAt = change.time.seconds
  } else payment.order_state = rules.partialSplitState
}

/** Moves a payment by hand, for the control: `from` the states the move allows. */
export function movePayment(
  book: PaymentBook,
  key: string,
  move: { readonly name: string; readonly from: readonly number[]; readonly to: number },
): WechatShippingSandboxPayment {
  const payment = findByKey(book, key)
  if (payment === undefined) throw new Error(`[sandbox] wechat-shipping: no payment ${key}`)
  if (!move.from.includes(payment.order_state))
    throw new Error(
      `[sandbox] wechat-shipping: ${move.name} needs order_state ${move.from.join(' or ')}, the payment is in ${payment.order_state}`,
    )
  if (move.to === 4 && payment.in_complaint)
    throw new Error(`[sandbox] wechat-shipping: ${key} is in a dispute: settle it after`)
  payment.order_state = move.to
  return viewPayment(payment)
}

/** The stored upload body of a payment, under the key its upload gave (one entry per payment). */
export function storeUpload(
  store: Map<string, unknown>,
  payment: PaymentRecord,
  key: string,
  body: JsonObject,
): void {
  if (payment.storeKey !== undefined && payment.storeKey !== key) store.delete(payment.storeKey)
  payment.storeKey = key
  store.set(key, body)
}
