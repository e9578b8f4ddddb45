import { lazySchema, moneyAsMajorUnitNumber } from '@ordersync/core'
import { z } from 'zod'

// The schemas here are built on first use (lazySchema), not when the package is imported:
// constructing zod schemas costs time at startup that a program which has not validated anything
// yet should not pay, and most programs never use most of them.

// The add_order request, field by field as Youshu's add_order page ("请求体参数") types and
// limits them, plus the fields its example sends that the table does not list (chan_custom,
// invoice_delivery_address, invoice_delivery_name, express_info.logistics_status). Unknown keys
// are refused: they are usually typos, and Youshu ignores what it does not know. Each schema of an
// object the wire types name is typed by that type (`z.ZodType<YoushuGoods>`), so that a field
// whose schema and type drift apart does not compile.

const encoder = new TextEncoder()

/** A string whose UTF-8 encoding has at most `max` bytes ("长度最大 100 字节": bytes, not characters). */
function bytes(min: number, max: number) {
  return z.string().refine(
    (value) => {
      const length = encoder.encode(value).length
      return length >= min && length <= max
    },
    { message: `must be ${min}–${max} bytes of UTF-8 (Youshu counts bytes, not characters)` },
  )
}

const yuanCodec = moneyAsMajorUnitNumber('CNY')
/** A yuan amount: a JSON number with at most two decimals (0.00 when zero). */
const yuan = lazySchema(() =>
  z.number().refine((value) => yuanCodec.decode(value)._tag === 'Right' && value >= 0, {
    message: 'must be a non-negative number of yuan with at most 2 decimals',
  }),
)
const millisecondString = lazySchema(() =>
  z.string().regex(/^\d{13}$/, 'must be a 13-digit Unix time in milliseconds, as a string'),
)
const text = lazySchema(() => z.string().min(1, 'must not be empty'))
const flag = lazySchema(() => z.union([z.literal(0), z.literal(1)]))

/**
 * `order_source` values (document, 订单来源).
 *
 * @example
 * ```ts
 * youshuOrderSources.includes('wxapp') // true
 * ```
 */
export const youshuOrderSources = [
  'wxapp',
  'app',
  'mobileweb',
  'pcweb',
  'offstore_pos_manual',
  'offstore_pos_self_help',
  'other',
] as const
/**
 * `order_status` values: the document's list plus 1280/1290 from the order_update page (https://mp.zhls.qq.com/youshu-docs/develop/interface/order/order_update.html).
 *
 * @example
 * ```ts
 * youshuOrderStatuses.includes('2150') // true: 已失效
 * ```
 */
export const youshuOrderStatuses = [
  '1110',
  '1130',
  '1140',
  '1150',
  '1160',
  '1180',
  '1280',
  '1290',
  '2150',
] as const
/**
 * `invoice_type` values (document).
 *
 * @example
 * ```ts
 * youshuInvoiceTypes.includes('1001') // true: 普通发票
 * ```
 */
export const youshuInvoiceTypes = ['1000', '1001', '1002', '1003', '1004', '1005', '1006'] as const

/** @internal A goods or coupon target page: each field 1–100 bytes. */
export const goodsTargetUrlSchema: z.ZodType<YoushuTargetUrl> = lazySchema(() =>
  z.strictObject({
    url_miniprogram: bytes(1, 100).optional(),
    miniprogram_appid: bytes(1, 100).optional(),
    miniprogram_username: bytes(1, 100).optional(),
    url_miniprogram_qq: bytes(1, 100).optional(),
    miniprogram_appid_qq: bytes(1, 100).optional(),
    url_h5: bytes(1, 100).optional(),
  }),
)

/** @internal The order's target (detail) page. */
export const orderTargetUrlSchema: z.ZodType<YoushuTargetUrl> = lazySchema(() =>
  z.strictObject({
    url_miniprogram: text.optional(),
    miniprogram_appid: text.optional(),
    miniprogram_username: text.optional(),
    url_miniprogram_qq: text.optional(),
    miniprogram_appid_qq: text.optional(),
    url_h5: text.optional(),
  }),
)

const chanInfo = lazySchema(() =>
  z.strictObject({
    chan_wxapp: z.strictObject({ chan_scene: text.optional() }).optional(),
    chan_custom: z.record(z.string(), z.string()).optional(),
    chan_refer_app_id: text.optional(),
    gdt_click_id: text.optional(),
    chan_id: text.optional(),
    tx_cps_id: text.optional(),
    fy_cps_id: text.optional(),
    ym_cps_id: text.optional(),
    ym_cps_agency_id: text.optional(),
    qb_account_info: text.optional(),
  }),
)

/** @internal A goods' `store_info`. */
export const goodsStoreInfoSchema: z.ZodType<NonNullable<YoushuGoods['store_info']>> = lazySchema(
  () =>
    z.strictObject({
      external_store_id: text.optional(),
      store_name: text.optional(),
      store_city: text.optional(),
    }),
)

/** @internal A goods' `seller_info`. */
export const goodsSellerInfoSchema: z.ZodType<NonNullable<YoushuGoods['seller_info']>> = lazySchema(
  () =>
    z.strictObject({
      seller_id: text.optional(),
      seller_name_chinese: text.optional(),
      seller_name_english: text.optional(),
    }),
)

const thirdPromotionInfo: z.ZodType<YoushuThirdPromotionInfo> = lazySchema(() =>
  z.strictObject({
    is_calculated: flag.optional(),
    no_calculated_reason: text.optional(),
    commission_rate: z.number().nonnegative().optional(),
    commission_fee: yuan.optional(),
    actual_commission_amount: yuan.optional(),
    is_settle: flag.optional(),
    settle_time: millisecondString.optional(),
  }),
)

const goods: z.ZodType<YoushuGoods> = lazySchema(() =>
  z.strictObject({
    external_sku_id: text,
    primary_image_url: text.optional(),
    sku_name_chinese: text,
    goods_amount: yuan,
    current_amount: yuan.optional(),
    payment_amount: yuan,
    is_gift: flag.optional(),
    external_spu_id: text,
    spu_name_chinese: text,
    sale_unit: text.optional(),
    category_id: text.optional(),
    category_name: text.optional(),
    goods_num: z.number().int().positive(),
    goods_weight: z.number().nonnegative().optional(),
    attribute_ids: z.array(text).optional(),
    store_info: goodsStoreInfoSchema.optional(),
    seller_info: goodsSellerInfoSchema.optional(),
    target_url: goodsTargetUrlSchema.optional(),
    chan_info: z.array(chanInfo).optional(),
    // Described as "json字符串" but typed array and sent as an array in the example: follow the example.
    commission_info: z
      .array(
        z.strictObject({
          commission_type: z.union([z.literal(1), z.literal(2)]),
          commission_fee: yuan,
        }),
      )
      .optional(),
    third_promotion_info: thirdPromotionInfo.optional(),
  }),
)

const coupon: z.ZodType<YoushuCoupon> = lazySchema(() =>
  z.strictObject({
    coupon_type: z.union([z.literal(1), z.literal(2)]),
    coupon_sub_type: z.number().int().min(1).max(7).optional(),
    coupon_amount_total: yuan,
    coupon_detail: z
      .array(
        z.strictObject({
          coupon_code: text.optional(),
          external_coupon_id: text.optional(),
          coupon_name: text.optional(),
          coupon_amount: yuan.optional(),
          target_url: goodsTargetUrlSchema.optional(),
          url_list: text.optional(),
        }),
      )
      .optional(),
  }),
)

const promotion: z.ZodType<YoushuPromotion> = lazySchema(() =>
  z.strictObject({
    promotion_type: z.union([z.literal(1), z.literal(2)]),
    external_promotion_id: text.optional(),
    promotion_name: text.optional(),
    promotion_amount: yuan.optional(),
  }),
)

// out_trade_number is required for payment_type 00009 by the field table, yet the document's own
// example omits it: a raw request gets a warning for it (checkYoushuOrderConsistency); the canonical
// path always sends it, and the sandbox requires it.
const payment: z.ZodType<YoushuPayment> = lazySchema(() =>
  z.strictObject({
    payment_type: text,
    trans_id: text,
    trans_amount: yuan,
    out_trade_number: z
      .string()
      .regex(/^[0-9A-Za-z_\-*]+$/, 'allows only letters, digits and _-*')
      .optional(),
  }),
)

/** @internal An express detail page (`express_page`). */
export const expressPageSchema: z.ZodType<NonNullable<YoushuExpressPackage['express_page']>> =
  lazySchema(() =>
    z.strictObject({
      miniprogram_path: text.optional(),
      miniprogram_appid: text.optional(),
      miniprogram_h5: text.optional(),
    }),
  )

const expressPackage: z.ZodType<YoushuExpressPackage> = lazySchema(() =>
  z.strictObject({
    express_company_code: text.optional(),
    express_company_name: text.optional(),
    express_code: text.optional(),
    ship_time: millisecondString.optional(),
    logistics_status: text.optional(),
    // Described as "json字符串" but an object in the example: follow the example.
    express_page: expressPageSchema.optional(),
    express_package_info: z
      .array(
        z.strictObject({
          external_sku_id: text.optional(),
          number: z.number().int().nonnegative().optional(),
        }),
      )
      .optional(),
  }),
)

const express: z.ZodType<YoushuExpress> = lazySchema(() =>
  z.strictObject({
    goods_total_weight: z.number().nonnegative().optional(),
    receiver_country_code: text.optional(),
    receiver_province_code: text.optional(),
    receiver_province_name: bytes(1, 64).optional(),
    receiver_city_code: text.optional(),
    receiver_city_name: bytes(1, 64).optional(),
    receiver_district_code: text.optional(),
    receiver_district_name: bytes(1, 64).optional(),
    receiver_address: bytes(1, 100).optional(),
    receiver_name: bytes(1, 100).optional(),
    receiver_phone: bytes(1, 100).optional(),
    sha256_receiver_phone: z
      .string()
      .regex(/^[0-9a-f]{64}$/, 'must be a lowercase SHA-256 hex digest')
      .optional(),
    expected_delivery_time: z
      .string()
      .regex(/^\d{1,2}:\d{2}-\d{1,2}:\d{2}$/, 'must be "start-end" such as "9:00-12:00"')
      .optional(),
    expected_delivery_date: z
      .string()
      .regex(/^\d{8}$/, 'must be YYYYMMDD')
      .optional(),
    logistics_status: text.optional(),
    express_package_info: z.array(expressPackage).optional(),
  }),
)

const invoice: z.ZodType<YoushuInvoice> = lazySchema(() =>
  z.strictObject({
    if_need_invoice: z.boolean().optional(),
    invoice_type: z.enum(youshuInvoiceTypes).optional(),
    invoice_title: text.optional(),
    invoice_content: text.optional(),
    invoice_addition_info: text.optional(),
    invoice_company: text.optional(),
    invoice_taxpayer: text.optional(),
    registry_address: text.optional(),
    sha256_registry_phone: z
      .string()
      .regex(/^[0-9a-f]{64}$/, 'must be a lowercase SHA-256 hex digest')
      .optional(),
    registry_bank_name: text.optional(),
    registry_bank_account: text.optional(),
    invoice_delivery_address: text.optional(),
    invoice_delivery_name: text.optional(),
    sha256_invoice_delivery_phone: z
      .string()
      .regex(/^[0-9a-f]{64}$/, 'must be a lowercase SHA-256 hex digest')
      .optional(),
    invoice_num: text.optional(),
  }),
)

// The WeChat Pay ids of an order (combine_mchid … sub_appid), fields of the order itself; a
// function, so that its schemas too are built on first use.
const wechatPayShape = () => ({
  combine_mchid: text.optional(),
  combine_appid: text.optional(),
  mchid: text.optional(),
  appid: text.optional(),
  sub_mchid: text.optional(),
  sub_appid: text.optional(),
})

/** @internal The WeChat Pay ids of an order, as `platformOptions.youshu.wechatPay` gives them. */
export const wechatPayIdsSchema: z.ZodType<
  Pick<
    YoushuOrder,
    'combine_mchid' | 'combine_appid' | 'mchid' | 'appid' | 'sub_mchid' | 'sub_appid'
  >
> = lazySchema(() => z.strictObject(wechatPayShape()))

const userInfo: z.ZodType<YoushuUserInfo> = lazySchema(() =>
  z.strictObject({
    open_id: text.optional(),
    app_id: text.optional(),
    union_id: text.optional(),
    sha256_user_phone: z
      .string()
      .regex(/^[0-9a-f]{64}$/, 'must be a lowercase SHA-256 hex digest')
      .optional(),
    md5_user_phone: z
      .string()
      .regex(/^[0-9a-f]{32}$/, 'must be a lowercase MD5 hex digest')
      .optional(),
    user_id: text.optional(),
    qb_account_info: text.optional(),
    chan_id_hj: text.optional(),
    member_id: text.optional(),
    card_level: text.optional(),
    user_first_order_time: millisecondString.optional(),
  }),
)

/**
 * The schema of one order of an `add_order` request.
 *
 * @example
 * ```ts
 * youshuOrderSchema.safeParse(payload).success // true for what toYoushuOrder builds
 * ```
 */
export const youshuOrderSchema: z.ZodType<YoushuOrder> = lazySchema(() =>
  z
    .strictObject({
      external_order_id: text,
      ...wechatPayShape(),
      create_time: millisecondString,
      order_source: z.enum(youshuOrderSources),
      order_type: z.number().int().min(1).max(8),
      brand_id: text.optional(),
      brand_name: text.optional(),
      goods_num_total: z.number().int().nonnegative(),
      goods_weight: z.number().nonnegative().optional(),
      goods_amount_total: yuan,
      freight_amount: yuan,
      order_amount: yuan,
      payable_amount: yuan,
      payment_amount: yuan,
      order_status: z.enum(youshuOrderStatuses),
      status_change_time: millisecondString,
      user_info: userInfo,
      goods_info: z.array(goods).min(1),
      coupon_info: z.array(coupon).optional(),
      promotion_info: z.array(promotion).optional(),
      payment_info: z.array(payment).optional(),
      express_info: express.optional(),
      invoice_info: z.array(invoice).optional(),
      points_total: z.number().nonnegative().optional(),
      target_url: orderTargetUrlSchema.optional(),
      is_deleted: flag.optional(),
    })
    .superRefine((value, context) => {
      if (value.order_source === 'wxapp' && value.user_info.open_id === undefined) {
        context.addIssue({
          code: 'custom',
          path: ['user_info', 'open_id'],
          message: 'is required when order_source is wxapp',
        })
      }
      if (
        value.order_status !== '1110' &&
        (value.payment_info === undefined || value.payment_info.length === 0)
      ) {
        context.addIssue({
          code: 'custom',
          path: ['payment_info'],
          message: `is required for order_status ${value.order_status} (optional only for 1110)`,
        })
      }
    }),
)

/**
 * The schema of an `add_order` request: a data source id and 1 to 50 orders.
 *
 * @example
 * ```ts
 * youshuAddOrderRequestSchema.safeParse({ dataSourceId: '101', orders: [] }).success // false: 1 to 50 orders
 * ```
 */
export const youshuAddOrderRequestSchema: z.ZodType<YoushuAddOrderRequest> = lazySchema(() =>
  z.strictObject({
    dataSourceId: text,
    orders: z.array(youshuOrderSchema).min(1).max(50, 'at most 50 orders per call'),
  }),
)

/**
 * The schema of an order `update` (status change) request.
 *
 * @example
 * ```ts
 * youshuUpdateOrderRequestSchema.parse({
 *   dataSourceId: '101',
 *   orders: [{ external_order_id: '34452222', order_status: '1160', status_change_time: '1572395131732' }],
 * })
 * ```
 */
export const youshuUpdateOrderRequestSchema: z.ZodType<YoushuUpdateOrderRequest> = lazySchema(() =>
  z.strictObject({
    dataSourceId: text,
    orders: z
      .array(
        z.strictObject({
          external_order_id: text,
          order_status: z.enum(youshuOrderStatuses),
          status_change_time: millisecondString,
        }),
      )
      .min(1)
      .max(50, 'at most 50 orders per call'),
  }),
)

/**
 * A Youshu target (landing) page.
 *
 * @example
 * ```ts
 * const page: YoushuTargetUrl = { url_miniprogram: 'pages/order/detail?id=1', miniprogram_appid: 'wx123', miniprogram_username: 'gh_abc' }
 * ```
 */
export interface YoushuTargetUrl {
  readonly url_miniprogram?: string | undefined
  readonly miniprogram_appid?: string | undefined
  readonly miniprogram_username?: string | undefined
  readonly url_miniprogram_qq?: string | undefined
  readonly miniprogram_appid_qq?: string | undefined
  readonly url_h5?: string | undefined
}

/**
 * One `goods_info` entry. Amounts in yuan.
 *
 * @example
 * ```ts
 * const goods: YoushuGoods = { external_sku_id: 'a', sku_name_chinese: '商品a', goods_amount: 20, payment_amount: 36, external_spu_id: 'a', spu_name_chinese: '商品a', goods_num: 2 }
 * ```
 */
export interface YoushuGoods {
  readonly external_sku_id: string
  readonly primary_image_url?: string | undefined
  readonly sku_name_chinese: string
  readonly goods_amount: number
  readonly current_amount?: number | undefined
  readonly payment_amount: number
  readonly is_gift?: 0 | 1 | undefined
  readonly external_spu_id: string
  readonly spu_name_chinese: string
  readonly sale_unit?: string | undefined
  readonly category_id?: string | undefined
  readonly category_name?: string | undefined
  readonly goods_num: number
  readonly goods_weight?: number | undefined
  readonly attribute_ids?: readonly string[] | undefined
  readonly store_info?:
    | {
        readonly external_store_id?: string | undefined
        readonly store_name?: string | undefined
        readonly store_city?: string | undefined
      }
    | undefined
  readonly seller_info?:
    | {
        readonly seller_id?: string | undefined
        readonly seller_name_chinese?: string | undefined
        readonly seller_name_english?: string | undefined
      }
    | undefined
  readonly target_url?: YoushuTargetUrl | undefined
  // Open records: the order's line options take any chan_info entry (platformOptions.youshu.chanInfo).
  readonly chan_info?: readonly Readonly<Record<string, unknown>>[] | undefined
  readonly commission_info?:
    | readonly {
        readonly commission_type: 1 | 2
        readonly commission_fee: number
      }[]
    | undefined
  readonly third_promotion_info?: YoushuThirdPromotionInfo | undefined
}

/**
 * A goods' `third_promotion_info` (CPS business). Amounts in yuan, `settle_time` a 13-digit
 * millisecond string.
 *
 * @example
 * ```ts
 * const info: YoushuThirdPromotionInfo = { is_calculated: 1, commission_rate: 10, commission_fee: 3.6, is_settle: 1, settle_time: '1716220800000' }
 * ```
 */
export interface YoushuThirdPromotionInfo {
  readonly is_calculated?: 0 | 1 | undefined
  readonly no_calculated_reason?: string | undefined
  readonly commission_rate?: number | undefined
  readonly commission_fee?: number | undefined
  readonly actual_commission_amount?: number | undefined
  readonly is_settle?: 0 | 1 | undefined
  readonly settle_time?: string | undefined
}

/**
 * `user_info`: who ordered. Phones only as lowercase hex digests.
 *
 * @example
 * ```ts
 * const user: YoushuUserInfo = { open_id: 'ok4Qb0U0dFqJ2KiSoGBXKCIqXnFY', app_id: 'wxc8f3e27b33ae9e8e', user_id: 'q2Qb0U0dFqJ2KGE' }
 * ```
 */
export interface YoushuUserInfo {
  readonly open_id?: string | undefined
  readonly app_id?: string | undefined
  readonly union_id?: string | undefined
  readonly sha256_user_phone?: string | undefined
  readonly md5_user_phone?: string | undefined
  readonly user_id?: string | undefined
  readonly qb_account_info?: string | undefined
  readonly chan_id_hj?: string | undefined
  readonly member_id?: string | undefined
  readonly card_level?: string | undefined
  readonly user_first_order_time?: string | undefined
}

/**
 * One `coupon_info` entry: the coupons of one `coupon_type` (1 merchant's, 2 WeChat Pay's) and
 * their total. Amounts in yuan.
 *
 * @example
 * ```ts
 * const coupons: YoushuCoupon = { coupon_type: 1, coupon_amount_total: 20, coupon_detail: [{ coupon_name: '会员10元优惠券', coupon_amount: 10 }, { coupon_name: '节日10元优惠券', coupon_amount: 10 }] }
 * ```
 */
export interface YoushuCoupon {
  readonly coupon_type: 1 | 2
  readonly coupon_sub_type?: number | undefined
  readonly coupon_amount_total: number
  readonly coupon_detail?:
    | readonly {
        readonly coupon_code?: string | undefined
        readonly external_coupon_id?: string | undefined
        readonly coupon_name?: string | undefined
        readonly coupon_amount?: number | undefined
        readonly target_url?: YoushuTargetUrl | undefined
        readonly url_list?: string | undefined
      }[]
    | undefined
}

/**
 * One `promotion_info` entry: 1 member price, 2 another promotion. Amounts in yuan.
 *
 * @example
 * ```ts
 * const promotion: YoushuPromotion = { promotion_type: 2, promotion_name: '满100减10', promotion_amount: 10 }
 * ```
 */
export interface YoushuPromotion {
  readonly promotion_type: 1 | 2
  readonly external_promotion_id?: string | undefined
  readonly promotion_name?: string | undefined
  readonly promotion_amount?: number | undefined
}

/**
 * One `invoice_info` entry. Phones only as SHA-256.
 *
 * @example
 * ```ts
 * const invoice: YoushuInvoice = { if_need_invoice: true, invoice_type: '1001', invoice_title: 'ACME' }
 * ```
 */
export interface YoushuInvoice {
  readonly if_need_invoice?: boolean | undefined
  readonly invoice_type?: (typeof youshuInvoiceTypes)[number] | undefined
  readonly invoice_title?: string | undefined
  readonly invoice_content?: string | undefined
  readonly invoice_addition_info?: string | undefined
  readonly invoice_company?: string | undefined
  readonly invoice_taxpayer?: string | undefined
  readonly registry_address?: string | undefined
  readonly sha256_registry_phone?: string | undefined
  readonly registry_bank_name?: string | undefined
  readonly registry_bank_account?: string | undefined
  readonly invoice_delivery_address?: string | undefined
  readonly invoice_delivery_name?: string | undefined
  readonly sha256_invoice_delivery_phone?: string | undefined
  readonly invoice_num?: string | undefined
}

/**
 * One `payment_info` entry.
 *
 * @example
 * ```ts
 * const payment: YoushuPayment = { payment_type: '00009', trans_id: '4200001', trans_amount: 100, out_trade_number: 'T1' }
 * ```
 */
export interface YoushuPayment {
  readonly payment_type: string
  readonly trans_id: string
  readonly trans_amount: number
  readonly out_trade_number?: string | undefined
}

/**
 * One `express_info.express_package_info` entry.
 *
 * @example
 * ```ts
 * const parcel: YoushuExpressPackage = { express_company_name: '顺丰', express_code: 'SF1', ship_time: '1716199200000' }
 * ```
 */
export interface YoushuExpressPackage {
  readonly express_company_code?: string | undefined
  readonly express_company_name?: string | undefined
  readonly express_code?: string | undefined
  readonly ship_time?: string | undefined
  readonly logistics_status?: string | undefined
  readonly express_page?:
    | {
        readonly miniprogram_path?: string | undefined
        readonly miniprogram_appid?: string | undefined
        readonly miniprogram_h5?: string | undefined
      }
    | undefined
  readonly express_package_info?:
    | readonly {
        readonly external_sku_id?: string | undefined
        readonly number?: number | undefined
      }[]
    | undefined
}

/**
 * `express_info`.
 *
 * @example
 * ```ts
 * const express: YoushuExpress = { receiver_name: 'Jerry', sha256_receiver_phone: '9c03…', expected_delivery_date: '20240521' }
 * ```
 */
export interface YoushuExpress {
  readonly goods_total_weight?: number | undefined
  readonly receiver_country_code?: string | undefined
  readonly receiver_province_code?: string | undefined
  readonly receiver_province_name?: string | undefined
  readonly receiver_city_code?: string | undefined
  readonly receiver_city_name?: string | undefined
  readonly receiver_district_code?: string | undefined
  readonly receiver_district_name?: string | undefined
  readonly receiver_address?: string | undefined
  readonly receiver_name?: string | undefined
  readonly receiver_phone?: string | undefined
  readonly sha256_receiver_phone?: string | undefined
  readonly expected_delivery_time?: string | undefined
  readonly expected_delivery_date?: string | undefined
  readonly logistics_status?: string | undefined
  readonly express_package_info?: readonly YoushuExpressPackage[] | undefined
}

/**
 * One order of an `add_order` request, in Youshu's field names. Amounts are yuan numbers, times
 * 13-digit millisecond strings.
 *
 * @example
 * ```ts
 * const { orders } = toYoushuOrder(parseOrder({ ...youshuFaqOrder, buyer: { platformUserId: 'o-openid' } }))
 * orders[0]?.order_amount // 110
 * ```
 */
export interface YoushuOrder {
  readonly external_order_id: string
  readonly combine_mchid?: string | undefined
  readonly combine_appid?: string | undefined
  readonly mchid?: string | undefined
  readonly appid?: string | undefined
  readonly sub_mchid?: string | undefined
  readonly sub_appid?: string | undefined
  readonly create_time: string
  readonly order_source: (typeof youshuOrderSources)[number]
  readonly order_type: number
  readonly brand_id?: string | undefined
  readonly brand_name?: string | undefined
  readonly goods_num_total: number
  readonly goods_weight?: number | undefined
  readonly goods_amount_total: number
  readonly freight_amount: number
  readonly order_amount: number
  readonly payable_amount: number
  readonly payment_amount: number
  readonly order_status: (typeof youshuOrderStatuses)[number]
  readonly status_change_time: string
  readonly user_info: YoushuUserInfo
  readonly goods_info: readonly YoushuGoods[]
  readonly coupon_info?: readonly YoushuCoupon[] | undefined
  readonly promotion_info?: readonly YoushuPromotion[] | undefined
  readonly payment_info?: readonly YoushuPayment[] | undefined
  readonly express_info?: YoushuExpress | undefined
  readonly invoice_info?: readonly YoushuInvoice[] | undefined
  readonly points_total?: number | undefined
  readonly target_url?: YoushuTargetUrl | undefined
  readonly is_deleted?: 0 | 1 | undefined
}

/**
 * The body of `POST /data-api/v1/order/add_order`.
 *
 * @example
 * ```ts
 * const request: YoushuAddOrderRequest = { dataSourceId: '101', orders: [payload] }
 * ```
 */
export interface YoushuAddOrderRequest {
  readonly dataSourceId: string
  readonly orders: readonly YoushuOrder[]
}

/**
 * The body of `POST /data-api/v1/order/update` (订单状态变更).
 *
 * @example
 * ```ts
 * const request: YoushuUpdateOrderRequest = {
 *   dataSourceId: '101',
 *   orders: [{ external_order_id: '34452222', order_status: '1160', status_change_time: '1572395131732' }],
 * }
 * ```
 */
export interface YoushuUpdateOrderRequest {
  readonly dataSourceId: string
  readonly orders: readonly {
    readonly external_order_id: string
    readonly order_status: (typeof youshuOrderStatuses)[number]
    readonly status_change_time: string
  }[]
}
