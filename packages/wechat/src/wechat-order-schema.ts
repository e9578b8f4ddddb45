import { lazySchema, type WireShape } from '@ordersync/core'
import { z } from 'zod'

// The schemas here are built on first use (lazySchema), not when the package is imported:
// constructing zod schemas costs time at startup that a program which has not validated anything
// yet should not pay, and most programs never use most of them.

// The requests of the custom transaction component's order family, field by field as WeChat's
// "生成订单" page (shop/order/add, 请求参数说明) types them, and the sibling pages of shop/order/pay,
// shop/order/get, shop/delivery/send and shop/delivery/recieve. The page documents no maximum
// lengths and no array limits; it documents required fields, types, two enumerations and the
// WeChat Pay rule for prepay_id/prepay_time. Unknown keys are refused: they are usually typos.

/** A `yyyy-MM-dd HH:mm:ss` wall clock (the page's format for create_time and prepay_time). */
const wallClock = lazySchema(() =>
  z
    .string()
    .regex(
      /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01]) ([01]\d|2[0-3]):[0-5]\d:[0-5]\d$/,
      'must be a wall clock yyyy-MM-dd HH:mm:ss (Beijing time)',
    ),
)
const text = lazySchema(() => z.string().min(1, 'must not be empty'))
/** An amount in fen: "注意价格字段的单价是分，不是元". */
const fen = lazySchema(() =>
  z.number().int('must be an integer number of fen').nonnegative('must not be negative'),
)
/** A uint64 order id, as a string of digits (never a JS number, which loses digits past 2^53). */
const orderIdText = lazySchema(() =>
  z.string().regex(/^\d{1,20}$/, 'must be the uint64 order_id as a string of digits'),
)

/**
 * `order_detail.pay_info.pay_method_type`: 0 微信支付, 1 货到付款, 2 商家会员储蓄卡.
 *
 * @example
 * ```ts
 * wechatPayMethodTypes.includes(1) // true: cash on delivery
 * ```
 */
export const wechatPayMethodTypes: readonly [0, 1, 2] = [0, 1, 2]
/**
 * `delivery_detail.delivery_type`: 1 正常快递, 2 无需快递, 3 线下配送, 4 用户自提.
 *
 * @example
 * ```ts
 * wechatDeliveryTypes.includes(4) // true: picked up by the user
 * ```
 */
export const wechatDeliveryTypes: readonly [1, 2, 3, 4] = [1, 2, 3, 4]
/**
 * The order statuses of the custom transaction component (status enumeration of the page):
 * 10 待付款, 11 收银台支付完成, 20 待发货, 30 待收货, 100 完成, 200 全部商品售后之后订单取消,
 * 250 用户主动取消/待付款超时取消/商家取消.
 *
 * @example
 * ```ts
 * wechatOrderStatuses.includes(250) // true
 * ```
 */
export const wechatOrderStatuses: readonly [10, 11, 20, 30, 100, 200, 250] = [
  10, 11, 20, 30, 100, 200, 250,
]
/**
 * `shop/order/pay` `action_type`: 1 支付成功 (→ 20); 2 支付失败, 3 用户取消, 4 超时未支付,
 * 5 商家取消, 10 其他原因取消 (→ 250, with `action_remark`).
 *
 * @example
 * ```ts
 * wechatPayActionTypes.includes(5) // true: cancelled by the merchant
 * ```
 */
export const wechatPayActionTypes: readonly [1, 2, 3, 4, 5, 10] = [1, 2, 3, 4, 5, 10]

/**
 * One item of `order_detail.product_infos`.
 *
 * @example
 * ```ts
 * const item: WechatProductInfo = {
 *   out_product_id: '12345', out_sku_id: '23456', product_cnt: 10, sale_price: 100, real_price: 90,
 *   path: 'pages/productDetail/productDetail?productId=2176180', title: '洗洁精', head_img: 'https://example.com/a.jpg',
 * }
 * ```
 */
export interface WechatProductInfo {
  readonly out_product_id: string
  readonly out_sku_id: string
  readonly product_cnt: number
  /** Sale price per unit at ordering, fen. */
  readonly sale_price: number
  /** Per-unit price after the discounts allocated to the line, fen. */
  readonly real_price: number
  readonly path: string
  readonly title: string
  readonly head_img: string
}

/**
 * `order_detail.pay_info`.
 *
 * @example
 * ```ts
 * const payInfo: WechatPayInfo = { pay_method_type: 0, prepay_id: '42526234625', prepay_time: '2020-03-25 14:04:25' }
 * ```
 */
export interface WechatPayInfo {
  readonly pay_method_type: 0 | 1 | 2
  /** Required when `pay_method_type` is 0. */
  readonly prepay_id?: string | undefined
  /** Required when `pay_method_type` is 0; `yyyy-MM-dd HH:mm:ss`, Beijing time. */
  readonly prepay_time?: string | undefined
}

/**
 * `order_detail.price_info`, every amount in fen.
 *
 * @example
 * ```ts
 * const priceInfo: WechatPriceInfo = { order_price: 1600, freight: 500, discounted_price: 100, additional_price: 200, additional_remarks: '税费' }
 * ```
 */
export interface WechatPriceInfo {
  /** Σ(sale_price × product_cnt) + freight − discounted_price + additional_price. */
  readonly order_price: number
  readonly freight: number
  readonly discounted_price?: number | undefined
  readonly additional_price?: number | undefined
  readonly additional_remarks?: string | undefined
}

/**
 * `address_info`: not needed for delivery_type 2; the pick-up store for delivery_type 4.
 *
 * @example
 * ```ts
 * const address: WechatAddressInfo = { receiver_name: '张三', detailed_address: '科苑路 1 号', tel_number: '13800138000' }
 * ```
 */
export interface WechatAddressInfo {
  readonly receiver_name: string
  readonly detailed_address: string
  /** The receiver's mobile number: personal data, redacted from hooks, errors and results. */
  readonly tel_number: string
  readonly country?: string | undefined
  readonly province?: string | undefined
  readonly city?: string | undefined
  readonly town?: string | undefined
}

/**
 * The body of `POST /shop/order/add`.
 *
 * @example
 * ```ts
 * const request: WechatAddOrderRequest = toWechatOrder(order, { defaultScene: 1177 }).add
 * ```
 */
export interface WechatAddOrderRequest {
  readonly create_time: string
  readonly out_order_id: string
  readonly openid: string
  readonly path: string
  readonly scene: number
  readonly out_user_id?: string | undefined
  readonly order_detail: {
    readonly product_infos: readonly WechatProductInfo[]
    readonly pay_info: WechatPayInfo
    readonly price_info: WechatPriceInfo
  }
  readonly delivery_detail: { readonly delivery_type: 1 | 2 | 3 | 4 }
  readonly address_info?: WechatAddressInfo | undefined
}

/**
 * The body of `POST /shop/order/pay`: only from status 10 (else errcode 100000).
 *
 * @example
 * ```ts
 * const pay: WechatPayOrderRequest = { out_order_id: 'o-1', openid: 'oTVP5…', action_type: 1, transaction_id: '4200…', pay_time: '2020-03-25 14:10:00' }
 * ```
 */
export interface WechatPayOrderRequest {
  readonly order_id?: string | undefined
  readonly out_order_id?: string | undefined
  readonly openid: string
  readonly action_type: 1 | 2 | 3 | 4 | 5 | 10
  /** Required for action_type 10 (其他原因取消). */
  readonly action_remark?: string | undefined
  /** WeChat Pay's transaction id: required for action_type 1 when the order is paid by WeChat Pay. */
  readonly transaction_id?: string | undefined
  /** Required for action_type 1; `yyyy-MM-dd HH:mm:ss`, Beijing time. */
  readonly pay_time?: string | undefined
}

/**
 * The body of `POST /shop/delivery/send`: from status 20 to 30.
 *
 * @example
 * ```ts
 * const send: WechatSendDeliveryRequest = {
 *   out_order_id: 'o-1', openid: 'oTVP5…', finish_all_delivery: 1,
 *   delivery_list: [{ delivery_id: 'SF', waybill_id: 'SF1234567890' }], ship_done_time: '2020-03-26 09:00:00',
 * }
 * ```
 */
export interface WechatSendDeliveryRequest {
  readonly order_id?: string | undefined
  readonly out_order_id?: string | undefined
  readonly openid: string
  /** 0 not everything shipped yet, 1 everything shipped. */
  readonly finish_all_delivery: 0 | 1
  /** The parcels (delivery_type 1): the carrier's id from shop/delivery/get_company_list and the waybill. */
  readonly delivery_list?:
    | readonly { readonly delivery_id: string; readonly waybill_id: string }[]
    | undefined
  /** Required when finish_all_delivery is 1; `yyyy-MM-dd HH:mm:ss`, Beijing time. */
  readonly ship_done_time?: string | undefined
}

/**
 * The body of `POST /shop/delivery/recieve` (sic: the real path) and of `POST /shop/order/get`:
 * the order by `order_id` or `out_order_id`, and the buyer's `openid`.
 *
 * @example
 * ```ts
 * const receipt: WechatOrderReference = { out_order_id: 'o-1', openid: 'oTVP50O53a7jgmawAmxKukNlq3XI' }
 * ```
 */
export interface WechatOrderReference {
  readonly order_id?: string | undefined
  readonly out_order_id?: string | undefined
  readonly openid: string
}

const reference = () =>
  ({
    order_id: orderIdText.optional(),
    out_order_id: text.optional(),
    openid: text,
  }) satisfies WireShape<WechatOrderReference>

const productInfo: z.ZodType<WechatProductInfo> = lazySchema(() =>
  z.strictObject({
    out_product_id: text,
    // "可填空字符串（如果这个product_id下没有sku）": empty when the product has no SKU.
    out_sku_id: z.string(),
    product_cnt: z.number().int().positive('must be a positive integer'),
    sale_price: fen,
    real_price: fen,
    path: text,
    title: text,
    head_img: text,
  } satisfies WireShape<WechatProductInfo>),
)

const payInfo: z.ZodType<WechatPayInfo> = lazySchema(() =>
  z.strictObject({
    pay_method_type: z.union([z.literal(0), z.literal(1), z.literal(2)]),
    prepay_id: text.optional(),
    prepay_time: wallClock.optional(),
  } satisfies WireShape<WechatPayInfo>),
)

const priceInfo: z.ZodType<WechatPriceInfo> = lazySchema(() =>
  z.strictObject({
    order_price: fen,
    freight: fen,
    discounted_price: fen.optional(),
    additional_price: fen.optional(),
    additional_remarks: text.optional(),
  } satisfies WireShape<WechatPriceInfo>),
)

const addressInfo: z.ZodType<WechatAddressInfo> = lazySchema(() =>
  z.strictObject({
    receiver_name: text,
    detailed_address: text,
    tel_number: text,
    country: text.optional(),
    province: text.optional(),
    city: text.optional(),
    town: text.optional(),
  } satisfies WireShape<WechatAddressInfo>),
)

const orderDetail: z.ZodType<WechatAddOrderRequest['order_detail']> = lazySchema(() =>
  z.strictObject({
    product_infos: z.array(productInfo).min(1, 'must list at least one product'),
    pay_info: payInfo,
    price_info: priceInfo,
  } satisfies WireShape<WechatAddOrderRequest['order_detail']>),
)

const deliveryDetail: z.ZodType<WechatAddOrderRequest['delivery_detail']> = lazySchema(() =>
  z.strictObject({
    delivery_type: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]),
  } satisfies WireShape<WechatAddOrderRequest['delivery_detail']>),
)

/**
 * The schema of a `shop/order/add` body: required fields, types, the two enumerations, integer
 * fen, the wall-clock format and the WeChat Pay rule (prepay_id and prepay_time when
 * pay_method_type is 0). The money identities are checked apart, as warnings
 * (`checkWechatOrderConsistency`), since the document's own example breaks one.
 *
 * @example
 * ```ts
 * wechatAddOrderRequestSchema.safeParse({ ...request, scene: '1177' }).success // false: a number
 * ```
 */
export const wechatAddOrderRequestSchema: z.ZodType<WechatAddOrderRequest> = lazySchema(() =>
  z
    .strictObject({
      create_time: wallClock,
      out_order_id: text,
      openid: text,
      path: text,
      scene: z.number().int().nonnegative(),
      out_user_id: text.optional(),
      order_detail: orderDetail,
      delivery_detail: deliveryDetail,
      address_info: addressInfo.optional(),
    } satisfies WireShape<WechatAddOrderRequest>)
    .superRefine((value, context) => {
      const pay = value.order_detail.pay_info
      if (pay.pay_method_type === 0) {
        // "payment method WeChat payment required" for both prepay fields.
        if (pay.prepay_id === undefined)
          context.addIssue({
            code: 'custom',
            path: ['order_detail', 'pay_info', 'prepay_id'],
            message: 'is required when pay_method_type is 0 (WeChat Pay)',
          })
        if (pay.prepay_time === undefined)
          context.addIssue({
            code: 'custom',
            path: ['order_detail', 'pay_info', 'prepay_time'],
            message: 'is required when pay_method_type is 0 (WeChat Pay)',
          })
      }
    }),
)

/** The issue of a body that names the order by neither id. */
function requireOneOfTheIds(value: WechatOrderReference, context: z.RefinementCtx): void {
  if (value.order_id === undefined && value.out_order_id === undefined)
    context.addIssue({ code: 'custom', path: ['out_order_id'], message: 'or order_id is required' })
}

/**
 * The schema of a `shop/order/pay` body: `transaction_id` and `pay_time` for a payment
 * (action_type 1; the transaction id is WeChat Pay's, so it is checked only by the client's own
 * path, which knows the pay method), `action_remark` for action_type 10.
 *
 * @example
 * ```ts
 * wechatPayOrderRequestSchema.safeParse({ out_order_id: 'o-1', openid: 'o', action_type: 1 }).success // false: pay_time
 * ```
 */
export const wechatPayOrderRequestSchema: z.ZodType<WechatPayOrderRequest> = lazySchema(() =>
  z
    .strictObject({
      ...reference(),
      action_type: z.union([
        z.literal(1),
        z.literal(2),
        z.literal(3),
        z.literal(4),
        z.literal(5),
        z.literal(10),
      ]),
      action_remark: text.optional(),
      transaction_id: text.optional(),
      pay_time: wallClock.optional(),
    } satisfies WireShape<WechatPayOrderRequest>)
    .superRefine((value, context) => {
      requireOneOfTheIds(value, context)
      if (value.action_type === 1 && value.pay_time === undefined)
        context.addIssue({
          code: 'custom',
          path: ['pay_time'],
          message: 'is required when action_type is 1 (paid)',
        })
      if (value.action_type === 10 && value.action_remark === undefined)
        context.addIssue({
          code: 'custom',
          path: ['action_remark'],
          message: 'is required when action_type is 10 (cancelled for another reason)',
        })
    }),
)

/**
 * The schema of a `shop/delivery/send` body: `ship_done_time` once everything is shipped.
 *
 * @example
 * ```ts
 * wechatSendDeliveryRequestSchema.safeParse({ out_order_id: 'o-1', openid: 'o', finish_all_delivery: 1 }).success // false: ship_done_time
 * ```
 */
export const wechatSendDeliveryRequestSchema: z.ZodType<WechatSendDeliveryRequest> = lazySchema(
  () =>
    z
      .strictObject({
        ...reference(),
        finish_all_delivery: z.union([z.literal(0), z.literal(1)]),
        delivery_list: z
          .array(z.strictObject({ delivery_id: text, waybill_id: text }))
          .min(1, 'must list at least one parcel when given')
          .optional(),
        ship_done_time: wallClock.optional(),
      } satisfies WireShape<WechatSendDeliveryRequest>)
      .superRefine((value, context) => {
        requireOneOfTheIds(value, context)
        if (value.finish_all_delivery === 1 && value.ship_done_time === undefined)
          context.addIssue({
            code: 'custom',
            path: ['ship_done_time'],
            message: 'is required when finish_all_delivery is 1',
          })
      }),
)

/**
 * The schema of a `shop/delivery/recieve` or `shop/order/get` body.
 *
 * @example
 * ```ts
 * wechatOrderReferenceSchema.safeParse({ openid: 'o' }).success // false: out_order_id or order_id
 * ```
 */
export const wechatOrderReferenceSchema: z.ZodType<WechatOrderReference> = lazySchema(() =>
  z.strictObject(reference()).superRefine(requireOneOfTheIds),
)
