import * as t from 'io-ts'

// The answers of the service, as its pages describe them ("查询订单发货状态",
// https://developers.weixin.qq.com/miniprogram/dev/server/API/order_shipping/api_getorder.html,
// and its siblings). Every field of an order is optional: the pages' own example leaves a parcel's
// goods_desc and contact out, and `shipping` is `{}` for a payment not shipped yet. `order_state`
// stays an open number (a 6 exists beside the 1–5 that older SDKs know). Note the names: a parcel's
// description is `goods_desc` here and `item_desc` in an upload; the merchant is `merchant_id`
// here and `mchid` in an upload's order_key.

/**
 * One parcel of a payment as `get_order` answers it; times in Unix seconds.
 *
 * @example
 * ```ts
 * const parcel: WechatShippingParcelRecord = { tracking_no: 'SF1400012345678', express_company: 'SF', goods_desc: '白瓷马克杯*2；杯垫*1', upload_time: 1740795330 }
 * ```
 */
export interface WechatShippingParcelRecord {
  readonly tracking_no?: string
  /** The carrier's delivery id, or the same-city courier's name. */
  readonly express_company?: string
  /** What an upload's `item_desc` said. */
  readonly goods_desc?: string
  /** When the parcel was uploaded, Unix seconds. */
  readonly upload_time?: number
  readonly contact?: { readonly consignor_contact?: string; readonly receiver_contact?: string }
}

/**
 * The shipping WeChat holds of a payment (`{}` before any).
 *
 * @example
 * ```ts
 * const shipping: WechatShippingRecord = { delivery_mode: 1, logistics_type: 1, finish_shipping: true, finish_shipping_count: 1, shipping_list: [] }
 * ```
 */
export interface WechatShippingRecord {
  readonly delivery_mode?: number
  readonly logistics_type?: number
  /** Whether every parcel is shipped. */
  readonly finish_shipping?: boolean
  /** 0 not yet, 1 shipped, 2 shipped again after the one re-shipment. */
  readonly finish_shipping_count?: number
  /** A description entered in the admin console. */
  readonly goods_desc?: string
  readonly shipping_list?: readonly WechatShippingParcelRecord[]
}

/**
 * One payment as `get_order` and `get_order_list` answer it; amounts in fen, times in Unix
 * seconds.
 *
 * @example
 * ```ts
 * const order: WechatShippingOrder = { transaction_id: '4200009999202502281111111111', order_state: 2, paid_amount: 5980 }
 * ```
 */
export interface WechatShippingOrder {
  readonly transaction_id?: string
  readonly merchant_id?: string
  /** `""` when the payment went to no sub-merchant. */
  readonly sub_merchant_id?: string
  readonly merchant_trade_no?: string
  /** Every item of the payment, joined by `;`, cut at 120 characters. */
  readonly description?: string
  readonly paid_amount?: number
  readonly openid?: string
  readonly trade_create_time?: number
  readonly pay_time?: number
  /** 1 待发货, 2 已发货, 3 确认收货, 4 交易完成, 5 已退款, 6 资金待结算 (an open list). */
  readonly order_state?: number
  /** Whether a dispute is open. */
  readonly in_complaint?: boolean
  readonly shipping?: WechatShippingRecord
}

/**
 * One page of `get_order_list`.
 *
 * @example
 * ```ts
 * const page: WechatShippingOrderPage = { order_list: [], last_index: '092dd3cecbc6926301', has_more: true }
 * ```
 */
export interface WechatShippingOrderPage {
  readonly order_list: readonly WechatShippingOrder[]
  /** The cursor of the next page, while `has_more`. */
  readonly last_index?: string
  readonly has_more: boolean
}

/**
 * WeChat's answer envelope, for the calls that answer nothing else.
 *
 * @example
 * ```ts
 * const answer: WechatShippingResponse = { errcode: 0, errmsg: 'ok' }
 * ```
 */
export interface WechatShippingResponse {
  readonly errcode: number
  readonly errmsg: string
}

const parcelRecord: t.Type<WechatShippingParcelRecord, unknown> = t.partial({
  tracking_no: t.string,
  express_company: t.string,
  goods_desc: t.string,
  upload_time: t.number,
  contact: t.partial({ consignor_contact: t.string, receiver_contact: t.string }),
})

const shippingRecord: t.Type<WechatShippingRecord, unknown> = t.partial({
  delivery_mode: t.number,
  logistics_type: t.number,
  finish_shipping: t.boolean,
  finish_shipping_count: t.number,
  goods_desc: t.string,
  shipping_list: t.readonlyArray(parcelRecord),
})

const orderRecord: t.Type<WechatShippingOrder, unknown> = t.partial({
  transaction_id: t.string,
  merchant_id: t.string,
  sub_merchant_id: t.string,
  merchant_trade_no: t.string,
  description: t.string,
  paid_amount: t.number,
  openid: t.string,
  trade_create_time: t.number,
  pay_time: t.number,
  order_state: t.number,
  in_complaint: t.boolean,
  shipping: shippingRecord,
})

/** @internal The answer of `get_order`. */
export const getOrderAnswer: t.Type<{ readonly order: WechatShippingOrder }, unknown> = t.type({
  order: orderRecord,
})

/** @internal The answer of `get_order_list`. */
export const getOrderListAnswer: t.Type<
  {
    readonly order_list?: readonly WechatShippingOrder[]
    readonly last_index?: string
    readonly has_more?: boolean
  },
  unknown
> = t.partial({
  order_list: t.readonlyArray(orderRecord),
  last_index: t.string,
  has_more: t.boolean,
})

/** @internal The answer of `is_trade_managed`. */
export const isTradeManagedAnswer: t.Type<{ readonly is_trade_managed: boolean }, unknown> = t.type(
  { is_trade_managed: t.boolean },
)

/** @internal The answer of `is_trade_management_confirmation_completed`. */
export const confirmationCompletedAnswer: t.Type<{ readonly completed: boolean }, unknown> = t.type(
  { completed: t.boolean },
)

/** @internal The envelope every other call answers. */
export const envelopeAnswer: t.Type<
  { readonly errcode: number; readonly errmsg: string | undefined },
  unknown
> = t.type({ errcode: t.number, errmsg: t.union([t.string, t.undefined]) })
