import type { InstantInput, Money } from '@ordersync/core'
import type { YoushuExpressPackage, YoushuGoods, YoushuTargetUrl } from './youshu-order-schema.ts'

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
  readonly orderType?: 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8
  /** `user_info.union_id`. */
  readonly unionId?: string
  /** `user_info.member_id`. */
  readonly memberId?: string
  /** `user_info.card_level`. */
  readonly cardLevel?: string
  /** `user_info.user_first_order_time`: the buyer's first order after registering. */
  readonly userFirstOrderAt?: InstantInput
  /** `user_info.qb_account_info` (QQ Browser business). */
  readonly qbAccountInfo?: string
  /** `user_info.chan_id_hj` (惠聚 business). */
  readonly chanIdHj?: string
  /** WeChat Pay linkage: `combine_mchid`, `combine_appid`, `mchid`, `appid`, `sub_mchid`, `sub_appid`. */
  readonly wechatPay?: {
    readonly combine_mchid?: string
    readonly combine_appid?: string
    readonly mchid?: string
    readonly appid?: string
    readonly sub_mchid?: string
    readonly sub_appid?: string
  }
  /** `goods_weight` of the order, grams. */
  readonly goodsWeightGrams?: number
  /** `express_info.goods_total_weight`, grams. */
  readonly expressGoodsWeightGrams?: number
  /** `express_info.logistics_status` (its codes are on Youshu's 枚举列表, which is not public). */
  readonly logisticsStatus?: string
  /** Per package (by index in `delivery.packages`): `logistics_status` and `express_page`. */
  readonly packages?: readonly Pick<YoushuExpressPackage, 'logistics_status' | 'express_page'>[]
  /** `points_total`: points given for the order. */
  readonly pointsTotal?: number
  /**
   * `payment_info[].payment_type` by canonical payment method, for codes of the unpublished table
   * (e.g. `{ stored_value: '00004' }`). `wechat_pay` is 00009; anything else not listed is 00001 (FAQ).
   */
  readonly paymentTypes?: Readonly<Record<string, string>>
  /** `invoice_info`, with the phones plain: they are hashed before sending. */
  readonly invoices?: readonly YoushuInvoiceOptions[]
  /** The order's `target_url` beyond the detail page path (QQ or H5 pages). */
  readonly targetUrl?: YoushuTargetUrl
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
  readonly if_need_invoice?: boolean
  readonly invoice_type?: '1000' | '1001' | '1002' | '1003' | '1004' | '1005' | '1006'
  readonly invoice_title?: string
  readonly invoice_content?: string
  readonly invoice_addition_info?: string
  readonly invoice_company?: string
  readonly invoice_taxpayer?: string
  readonly registry_address?: string
  /** Plain; sent as `sha256_registry_phone`. */
  readonly registryPhone?: string
  readonly registry_bank_name?: string
  readonly registry_bank_account?: string
  readonly invoice_delivery_address?: string
  readonly invoice_delivery_name?: string
  /** Plain; sent as `sha256_invoice_delivery_phone`. */
  readonly invoiceDeliveryPhone?: string
  readonly invoice_num?: string
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
  readonly weightGrams?: number
  /** `attribute_ids`. */
  readonly attributeIds?: readonly string[]
  /** `store_info`, when it differs from the order's store. */
  readonly storeInfo?: YoushuGoods['store_info']
  /** `seller_info`. */
  readonly sellerInfo?: YoushuGoods['seller_info']
  /** `chan_info`. */
  readonly chanInfo?: YoushuGoods['chan_info']
  /** `commission_info`: 1 按比例提成 or 2 按金额提成, and the fee (integer fen; sent in yuan). */
  readonly commissionInfo?: readonly { readonly type: 1 | 2; readonly fee: Money }[]
  /** `third_promotion_info` (CPS business); money in integer fen, times as instants. */
  readonly thirdPromotionInfo?: {
    readonly isCalculated?: boolean
    readonly noCalculatedReason?: string
    /** The commission rate in percent, as Youshu writes it: 10 for 10 %. */
    readonly commissionRatePercent?: number
    readonly commissionFee?: Money
    readonly actualCommissionAmount?: Money
    readonly isSettled?: boolean
    readonly settledAt?: InstantInput
  }
  /** `target_url` beyond the line's page path (QQ or H5 pages). */
  readonly targetUrl?: YoushuTargetUrl
}

declare module '@ordersync/core' {
  interface PlatformOptionsRegistry {
    youshu: YoushuOrderOptions
  }
  interface LinePlatformOptionsRegistry {
    youshu: YoushuLineOptions
  }
}
