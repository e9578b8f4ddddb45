import { instantSchema, nonNegativeMoneySchema } from '@ordersync/core'
import { z } from 'zod'
import {
  expressPageSchema,
  goodsTargetUrlSchema,
  orderTargetUrlSchema,
  youshuInvoiceTypes,
} from './youshu-order-schema.ts'

// Runtime checks of platformOptions.youshu (order and line), so that a wrong option fails with its
// canonical path (`platformOptions.youshu.orderType`) rather than deep in the payload.

const text = z.string().min(1, 'must not be empty')

/**
 * The schema of `order.platformOptions.youshu` ({@link YoushuOrderOptions}).
 *
 * @example
 * ```ts
 * youshuOrderOptionsSchema.safeParse({ orderType: 9 }).success // false: 1–8
 * ```
 */
export const youshuOrderOptionsSchema: z.ZodType = z.strictObject({
  orderType: z.number().int().min(1).max(8).optional(),
  unionId: text.optional(),
  memberId: text.optional(),
  cardLevel: text.optional(),
  userFirstOrderAt: instantSchema.optional(),
  qbAccountInfo: text.optional(),
  chanIdHj: text.optional(),
  wechatPay: z
    .strictObject({
      combine_mchid: text.optional(),
      combine_appid: text.optional(),
      mchid: text.optional(),
      appid: text.optional(),
      sub_mchid: text.optional(),
      sub_appid: text.optional(),
    })
    .optional(),
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
})

/**
 * The schema of `line.platformOptions.youshu` ({@link YoushuLineOptions}).
 *
 * @example
 * ```ts
 * youshuLineOptionsSchema.safeParse({ commissionInfo: [{ type: 1, fee: { amount: 1000, currency: 'CNY' } }] }).success // true
 * ```
 */
export const youshuLineOptionsSchema: z.ZodType = z.strictObject({
  weightGrams: z.number().nonnegative().optional(),
  attributeIds: z.array(text).optional(),
  storeInfo: z
    .strictObject({
      external_store_id: text.optional(),
      store_name: text.optional(),
      store_city: text.optional(),
    })
    .optional(),
  sellerInfo: z
    .strictObject({
      seller_id: text.optional(),
      seller_name_chinese: text.optional(),
      seller_name_english: text.optional(),
    })
    .optional(),
  chanInfo: z.array(z.record(z.string(), z.unknown())).optional(),
  commissionInfo: z
    .array(
      z.strictObject({ type: z.union([z.literal(1), z.literal(2)]), fee: nonNegativeMoneySchema }),
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
})
