import {
  type InstantInput,
  instantSchema,
  lazySchema,
  type Money,
  nonNegativeMoneySchema,
} from '@ordersync/core'
import { z } from 'zod'
import {
  expressPageSchema,
  goodsSellerInfoSchema,
  goodsStoreInfoSchema,
  goodsTargetUrlSchema,
  orderTargetUrlSchema,
  wechatPayIdsSchema,
  type YoushuExpressPackage,
  type YoushuGoods,
  type YoushuTargetUrl,
  youshuInvoiceTypes,
} from './youshu-order-schema.ts'

// The schemas here are built on first use (lazySchema), not when the package is imported:
// constructing zod schemas costs time at startup that a program which has not validated anything
// yet should not pay, and most programs never use most of them.

// The Youshu-only fields of a canonical order and of its lines (platformOptions.youshu): each
// interface, and the schema that checks it at run time, so that a wrong option fails with its
// canonical path (`platformOptions.youshu.orderType`) rather than deep in the payload. Each schema
// is typed by its interface: an option the converter reads and the schema does not parse to that
// type does not compile.

/**
 * The Youshu-only fields of a canonical order, under `order.platformOptions.youshu`. Everything
 * here is optional; the canonical order carries the rest.
 *
 * @example
 * ```ts
 * const order: OrderInput = {
 *   ...rest,
 *   platformOptions: { youshu: { orderType: 1, unionId: 'k4Qb0U0dFqJ2K', pointsTotal: 200 } },
 * }
 * ```
 */
export interface YoushuOrderOptions {
  /** `order_type`: 1 普通 (default), 2 充值, 3 消费, 4 预售_预付, 5 预售_尾款, 6 商品券, 7 积分, 8 代金券. */
  readonly orderType?: 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | undefined
  /** `user_info.union_id`. */
  readonly unionId?: string | undefined
  /** `user_info.member_id`. */
  readonly memberId?: string | undefined
  /** `user_info.card_level`. */
  readonly cardLevel?: string | undefined
  /** `user_info.user_first_order_time`: the buyer's first order after registering. */
  readonly userFirstOrderAt?: InstantInput | undefined
  /** `user_info.qb_account_info` (QQ Browser business). */
  readonly qbAccountInfo?: string | undefined
  /** `user_info.chan_id_hj` (惠聚 business). */
  readonly chanIdHj?: string | undefined
  /** WeChat Pay linkage: `combine_mchid`, `combine_appid`, `mchid`, `appid`, `sub_mchid`, `sub_appid`. */
  readonly wechatPay?:
    | {
        readonly combine_mchid?: string | undefined
        readonly combine_appid?: string | undefined
        readonly mchid?: string | undefined
        readonly appid?: string | undefined
        readonly sub_mchid?: string | undefined
        readonly sub_appid?: string | undefined
      }
    | undefined
  /** `goods_weight` of the order, grams. */
  readonly goodsWeightGrams?: number | undefined
  /** `express_info.goods_total_weight`, grams. */
  readonly expressGoodsWeightGrams?: number | undefined
  /** `express_info.logistics_status` (its codes are on Youshu's 枚举列表, which is not public). */
  readonly logisticsStatus?: string | undefined
  /** Per package (by index in `delivery.packages`): `logistics_status` and `express_page`. */
  readonly packages?:
    | readonly Pick<YoushuExpressPackage, 'logistics_status' | 'express_page'>[]
    | undefined
  /** `points_total`: points given for the order. */
  readonly pointsTotal?: number | undefined
  /**
   * `payment_info[].payment_type` by canonical payment method, for codes of the unpublished table
   * (e.g. `{ stored_value: '00004' }`). `wechat_pay` is 00009; anything else not listed is 00001 (FAQ).
   */
  readonly paymentTypes?: Readonly<Record<string, string>> | undefined
  /** `invoice_info`, with the phones plain: they are hashed before sending. */
  readonly invoices?: readonly YoushuInvoiceOptions[] | undefined
  /** The order's `target_url` beyond the detail page path (QQ or H5 pages). */
  readonly targetUrl?: YoushuTargetUrl | undefined
}

/**
 * One invoice for `invoice_info`, phones plain (sent only as SHA-256).
 *
 * @example
 * ```ts
 * const invoice: YoushuInvoiceOptions = { if_need_invoice: true, invoice_type: '1001', invoice_title: 'ACME', registryPhone: '075512345678' }
 * ```
 */
export interface YoushuInvoiceOptions {
  readonly if_need_invoice?: boolean | undefined
  readonly invoice_type?: '1000' | '1001' | '1002' | '1003' | '1004' | '1005' | '1006' | undefined
  readonly invoice_title?: string | undefined
  readonly invoice_content?: string | undefined
  readonly invoice_addition_info?: string | undefined
  readonly invoice_company?: string | undefined
  readonly invoice_taxpayer?: string | undefined
  readonly registry_address?: string | undefined
  /** Plain; sent as `sha256_registry_phone`. */
  readonly registryPhone?: string | undefined
  readonly registry_bank_name?: string | undefined
  readonly registry_bank_account?: string | undefined
  readonly invoice_delivery_address?: string | undefined
  readonly invoice_delivery_name?: string | undefined
  /** Plain; sent as `sha256_invoice_delivery_phone`. */
  readonly invoiceDeliveryPhone?: string | undefined
  readonly invoice_num?: string | undefined
}

/**
 * The Youshu-only fields of a line, under `line.platformOptions.youshu`.
 *
 * @example
 * ```ts
 * const line = {
 *   ...rest,
 *   platformOptions: { youshu: { weightGrams: 350, commissionInfo: [{ type: 1, fee: { amount: 1000, currency: 'CNY' } }] } },
 * }
 * ```
 */
export interface YoushuLineOptions {
  /** `goods_weight`, grams. */
  readonly weightGrams?: number | undefined
  /** `attribute_ids`. */
  readonly attributeIds?: readonly string[] | undefined
  /** `store_info`, when it differs from the order's store. */
  readonly storeInfo?: YoushuGoods['store_info'] | undefined
  /** `seller_info`. */
  readonly sellerInfo?: YoushuGoods['seller_info'] | undefined
  /** `chan_info`. */
  readonly chanInfo?: YoushuGoods['chan_info'] | undefined
  /** `commission_info`: 1 按比例提成 or 2 按金额提成, and the fee (integer fen; sent in yuan). */
  readonly commissionInfo?: readonly { readonly type: 1 | 2; readonly fee: Money }[] | undefined
  /** `third_promotion_info` (CPS business); money in integer fen, times as instants. */
  readonly thirdPromotionInfo?:
    | {
        readonly isCalculated?: boolean | undefined
        readonly noCalculatedReason?: string | undefined
        /** The commission rate in percent, as Youshu writes it: 10 for 10 %. */
        readonly commissionRatePercent?: number | undefined
        readonly commissionFee?: Money | undefined
        readonly actualCommissionAmount?: Money | undefined
        readonly isSettled?: boolean | undefined
        readonly settledAt?: InstantInput | undefined
      }
    | undefined
  /** `target_url` beyond the line's page path (QQ or H5 pages). */
  readonly targetUrl?: YoushuTargetUrl | undefined
}

const text = lazySchema(() => z.string().min(1, 'must not be empty'))

/**
 * The schema of `order.platformOptions.youshu` ({@link YoushuOrderOptions}).
 *
 * @example
 * ```ts
 * youshuOrderOptionsSchema.safeParse({ orderType: 9 }).success // false: 1–8
 * ```
 */
export const youshuOrderOptionsSchema: z.ZodType<YoushuOrderOptions> = lazySchema(() =>
  z.strictObject({
    // The checks name the limit ("Too big: expected number to be <=8"); the literal types it 1–8.
    orderType: z
      .number()
      .int()
      .min(1)
      .max(8)
      .pipe(z.literal([1, 2, 3, 4, 5, 6, 7, 8]))
      .optional(),
    unionId: text.optional(),
    memberId: text.optional(),
    cardLevel: text.optional(),
    userFirstOrderAt: instantSchema.optional(),
    qbAccountInfo: text.optional(),
    chanIdHj: text.optional(),
    wechatPay: wechatPayIdsSchema.optional(),
    goodsWeightGrams: z.number().nonnegative().optional(),
    expressGoodsWeightGrams: z.number().nonnegative().optional(),
    logisticsStatus: text.optional(),
    packages: z
      .array(
        z.strictObject({
          logistics_status: text.optional(),
          express_page: expressPageSchema.optional(),
        }),
      )
      .optional(),
    pointsTotal: z.number().nonnegative().optional(),
    paymentTypes: z
      .record(
        z.string(),
        z.string().regex(/^\d{5}$/, 'must be a five-digit payment_type code such as "00004"'),
      )
      .optional(),
    invoices: z
      .array(
        z.strictObject({
          if_need_invoice: z.boolean().optional(),
          invoice_type: z.enum(youshuInvoiceTypes).optional(),
          invoice_title: text.optional(),
          invoice_content: text.optional(),
          invoice_addition_info: text.optional(),
          invoice_company: text.optional(),
          invoice_taxpayer: text.optional(),
          registry_address: text.optional(),
          registryPhone: text.optional(),
          registry_bank_name: text.optional(),
          registry_bank_account: text.optional(),
          invoice_delivery_address: text.optional(),
          invoice_delivery_name: text.optional(),
          invoiceDeliveryPhone: text.optional(),
          invoice_num: text.optional(),
        }),
      )
      .optional(),
    targetUrl: orderTargetUrlSchema.optional(),
  }),
)

/**
 * The schema of `line.platformOptions.youshu` ({@link YoushuLineOptions}).
 *
 * @example
 * ```ts
 * youshuLineOptionsSchema.safeParse({ commissionInfo: [{ type: 1, fee: { amount: 1000, currency: 'CNY' } }] }).success // true
 * ```
 */
export const youshuLineOptionsSchema: z.ZodType<YoushuLineOptions> = lazySchema(() =>
  z.strictObject({
    weightGrams: z.number().nonnegative().optional(),
    attributeIds: z.array(text).optional(),
    storeInfo: goodsStoreInfoSchema.optional(),
    sellerInfo: goodsSellerInfoSchema.optional(),
    chanInfo: z.array(z.record(z.string(), z.unknown())).optional(),
    commissionInfo: z
      .array(
        z.strictObject({
          type: z.union([z.literal(1), z.literal(2)]),
          fee: nonNegativeMoneySchema,
        }),
      )
      .optional(),
    thirdPromotionInfo: z
      .strictObject({
        isCalculated: z.boolean().optional(),
        noCalculatedReason: text.optional(),
        commissionRatePercent: z.number().nonnegative().optional(),
        commissionFee: nonNegativeMoneySchema.optional(),
        actualCommissionAmount: nonNegativeMoneySchema.optional(),
        isSettled: z.boolean().optional(),
        settledAt: instantSchema.optional(),
      })
      .optional(),
    targetUrl: goodsTargetUrlSchema.optional(),
  }),
)

declare module '@ordersync/core' {
  interface PlatformOptionsRegistry {
    youshu: YoushuOrderOptions
  }
  interface LinePlatformOptionsRegistry {
    youshu: YoushuLineOptions
  }
}
