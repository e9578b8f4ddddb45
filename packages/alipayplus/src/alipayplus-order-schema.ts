import { z } from 'zod'

// The body of POST /v2/miniprogram/order/sync (specs/alipayplus-order-sync.txt). The top-level
// fields follow the field table (types, required, lengths, the "no @ # ?" rule exactly where the
// table puts it); goods, merchant, buyer, promoDetails and refunds are known only from the sample
// request, so their fields follow the sample's types (goodsQuantity a string, extendInfo JSON text,
// longitude/latitude strings), all optional, and its enums (INSTANT_DISCOUNT, SUCCESS) are open.

/**
 * `customerBelongsTo` values (field table).
 *
 * @example
 * ```ts
 * alipayPlusWallets.includes('GCASH') // true
 * ```
 */
export const alipayPlusWallets = [
  'ALIPAY_CN',
  'ALIPAY_HK',
  'ALIPAY_MO',
  'TNG',
  'GCASH',
  'DANA',
  'KAKAOPAY',
  'BKASH',
  'CHOPE',
  'TRUEMONEY',
] as const
/**
 * `orderType` values (field table).
 *
 * @example
 * ```ts
 * alipayPlusOrderTypes // ['PICK_UP', 'DINE_IN', 'DELIVERY']
 * ```
 */
export const alipayPlusOrderTypes = ['PICK_UP', 'DINE_IN', 'DELIVERY'] as const
/**
 * `orderBizStatus` values of PICK_UP and DINE_IN orders ("Extended fields").
 *
 * @example
 * ```ts
 * alipayPlusCommonStatuses.includes('READY') // true
 * ```
 */
export const alipayPlusCommonStatuses = [
  'CREATED',
  'WAIT_PAY',
  'PAID',
  'PENDING',
  'ACCEPTED',
  'PREPARING',
  'READY',
  'COMPLETED',
  'CANCELLED',
  'PAY_FAILED',
  'REJECTED',
] as const
/**
 * `orderBizStatus` values of DELIVERY orders: the common ones plus IN_DELIVERY and DELIVERED.
 *
 * @example
 * ```ts
 * alipayPlusDeliveryStatuses.includes('DELIVERED') // true
 * ```
 */
export const alipayPlusDeliveryStatuses = [
  'CREATED',
  'WAIT_PAY',
  'PAID',
  'PENDING',
  'ACCEPTED',
  'PREPARING',
  'READY',
  'IN_DELIVERY',
  'DELIVERED',
  'COMPLETED',
  'CANCELLED',
  'PAY_FAILED',
  'REJECTED',
] as const

const noSpecial = (field: string) =>
  z.string().refine((value) => !/[@#?]/.test(value), {
    message: `${field} must not contain @, # or ? (document)`,
  })
const limited = (max: number) =>
  z.string().min(1, 'must not be empty').max(max, `at most ${max} characters`)
const special = (max: number, field: string) => limited(max).pipe(noSpecial(field))
const isoTime = z
  .string()
  .regex(
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?([+-]\d{2}:?\d{2}|Z)$/,
    'must be ISO 8601 with an offset, e.g. 2022-04-20T10:38:09+08:00',
  )
const text = z.string().min(1, 'must not be empty')

/** An Amount: currency (ISO 4217) and an integer value in the currency's smallest unit, 0 … 2147483647 (v2 data dictionary). */
const amount = z.strictObject({
  currency: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code'),
  value: z
    .number()
    .int('must be an integer in the smallest unit')
    .min(0)
    .max(2147483647, 'at most 2147483647'),
})

const address = z.strictObject({
  region: text.optional(),
  state: text.optional(),
  city: text.optional(),
  address1: text.optional(),
  address2: text.optional(),
  label: text.optional(),
  zipCode: text.optional(),
  longitude: z
    .string()
    .regex(/^-?\d+(\.\d+)?$/, 'decimal degrees as text')
    .optional(),
  latitude: z
    .string()
    .regex(/^-?\d+(\.\d+)?$/, 'decimal degrees as text')
    .optional(),
  extendInfo: text.optional(),
})

const goods = z.strictObject({
  referenceGoodsId: text.optional(),
  goodsName: text.optional(),
  goodsCategory: text.optional(),
  goodsBrand: text.optional(),
  goodsUnitAmount: amount.optional(),
  goodsPaymentAmount: amount.optional(),
  goodsQuantity: z.string().regex(/^\d+$/, 'a whole number as a string (sample: "3")').optional(),
  goodsSkuName: text.optional(),
  goodsUrl: text.optional(),
  extendInfo: text.optional(),
})

const merchant = z.strictObject({
  referenceMerchantId: text.optional(),
  merchantMCC: text.optional(),
  merchantName: text.optional(),
  merchantDisplayName: text.optional(),
  merchantAddress: address.optional(),
  merchantRegisterDate: isoTime.optional(),
  merchantStore: z
    .strictObject({
      referenceStoreId: text.optional(),
      storeName: text.optional(),
      storeMCC: text.optional(),
      storeDisplayName: text.optional(),
      storeTerminalId: text.optional(),
      storeOperatorId: text.optional(),
      storeAddress: address.optional(),
      storePhoneNo: text.optional(),
    })
    .optional(),
})

const buyer = z.strictObject({
  referenceBuyerId: text.optional(),
  buyerName: z.strictObject({ fullName: text.optional() }).optional(),
  buyerPhoneNo: text.optional(),
  buyerEmail: text.optional(),
})

/** The extended fields of orderExtendBizInfo, by order type ("More information → Extended fields"). */
const bizInfo = z.strictObject({
  orderBizStatus: z.enum(alipayPlusDeliveryStatuses),
  pickUpStartTime: isoTime.optional(),
  pickUpEndTime: isoTime.optional(),
  pickUpCodeName: limited(256).optional(),
  pickUpCodeValue: special(64, 'pickUpCodeValue').optional(),
  dineInStartTime: isoTime.optional(),
  dineInEndTime: isoTime.optional(),
  dineInCodeName: limited(256).optional(),
  dineInCodeValue: special(64, 'dineInCodeValue').optional(),
  deliveryStartTime: isoTime.optional(),
  deliveryEndTime: isoTime.optional(),
  courierName: limited(256).optional(),
  courierPhoneNo: special(64, 'courierPhoneNo').optional(),
})

const fieldsByType: Record<(typeof alipayPlusOrderTypes)[number], readonly string[]> = {
  PICK_UP: [
    'orderBizStatus',
    'pickUpStartTime',
    'pickUpEndTime',
    'pickUpCodeName',
    'pickUpCodeValue',
  ],
  DINE_IN: [
    'orderBizStatus',
    'dineInStartTime',
    'dineInEndTime',
    'dineInCodeName',
    'dineInCodeValue',
  ],
  DELIVERY: [
    'orderBizStatus',
    'deliveryStartTime',
    'deliveryEndTime',
    'courierName',
    'courierPhoneNo',
  ],
}

const request = z
  .strictObject({
    appId: special(32, 'appId'),
    customerId: special(64, 'customerId'),
    customerBelongsTo: z.enum(alipayPlusWallets),
    referenceOrderId: special(64, 'referenceOrderId'),
    orderCreateTime: isoTime,
    orderModifiedTime: isoTime,
    // orderLinkUrl may carry a query: the "no @ # ?" rule is not on it.
    orderLinkUrl: limited(1024).optional(),
    orderType: z.enum(alipayPlusOrderTypes),
    // The field table says String (JSON text, ≤ 2048); the sample sends an object. Both are read.
    orderExtendBizInfo: z.union([z.string(), z.record(z.string(), z.unknown())]),
    goods: z.array(goods).min(1, 'at least one goods').max(30, 'at most 30 goods'),
    merchant,
    buyer,
    orderAmount: amount,
    discountAmount: amount.optional(),
    promoDetails: z
      .array(
        z.strictObject({
          promoId: text.optional(),
          promoType: text.optional(),
          promoName: text.optional(),
          discountAmount: amount.optional(),
          extendInfo: z.string().optional(),
        }),
      )
      .max(30, 'at most 30 promoDetails')
      .optional(),
    paymentAmount: amount.optional(),
    refunds: z
      .array(
        z.strictObject({
          refundId: text.optional(),
          refundAmount: amount.optional(),
          refundStatus: text.optional(),
          refundTime: isoTime.optional(),
        }),
      )
      .max(30, 'at most 30 refunds')
      .optional(),
  })
  .superRefine((value, context) => {
    const serialized =
      typeof value.orderExtendBizInfo === 'string'
        ? value.orderExtendBizInfo
        : JSON.stringify(value.orderExtendBizInfo)
    const path = ['orderExtendBizInfo']
    if (serialized.length > 2048)
      context.addIssue({ code: 'custom', path, message: 'at most 2048 characters, as serialized' })
    if (/[@#?]/.test(serialized))
      context.addIssue({
        code: 'custom',
        path,
        message: 'must not contain @, # or ?, as serialized (document)',
      })
    let info: unknown = value.orderExtendBizInfo
    if (typeof info === 'string') {
      try {
        info = JSON.parse(info)
      } catch {
        context.addIssue({ code: 'custom', path, message: 'must be JSON text of an object' })
        return
      }
    }
    const parsed = bizInfo.safeParse(info)
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        context.addIssue({
          code: 'custom',
          path: [...path, ...issue.path.filter((key) => typeof key !== 'symbol')],
          message: issue.message,
        })
      return
    }
    const allowed = Object.hasOwn(fieldsByType, value.orderType)
      ? fieldsByType[value.orderType]
      : []
    for (const key of Object.keys(parsed.data)) {
      if (!allowed.includes(key))
        context.addIssue({
          code: 'custom',
          path: [...path, key],
          message: `is not an extended field of ${value.orderType} orders`,
        })
    }
    if (
      value.orderType !== 'DELIVERY' &&
      (parsed.data.orderBizStatus === 'IN_DELIVERY' || parsed.data.orderBizStatus === 'DELIVERED')
    ) {
      context.addIssue({
        code: 'custom',
        path: [...path, 'orderBizStatus'],
        message: `${parsed.data.orderBizStatus} exists only for DELIVERY orders`,
      })
    }
  })

/**
 * An Alipay+ Amount: `value` in the currency's smallest unit.
 *
 * @example
 * ```ts
 * const amount: AlipayPlusAmount = { currency: 'HKD', value: 1990 } // HK$19.90
 * ```
 */
export interface AlipayPlusAmount {
  readonly currency: string
  readonly value: number
}

/**
 * An address of the sample (merchantAddress, storeAddress).
 *
 * @example
 * ```ts
 * const address: AlipayPlusAddress = { region: 'HK', city: 'Hong Kong', address1: '1 Queen’s Road', latitude: '22.28', longitude: '114.16' }
 * ```
 */
export interface AlipayPlusAddress {
  readonly region?: string
  readonly state?: string
  readonly city?: string
  readonly address1?: string
  readonly address2?: string
  readonly label?: string
  readonly zipCode?: string
  readonly longitude?: string
  readonly latitude?: string
  readonly extendInfo?: string
}

/**
 * One `goods` entry, as the sample has it.
 *
 * @example
 * ```ts
 * const goods: AlipayPlusGoods = { referenceGoodsId: 'sku-1', goodsName: 'Milk tea', goodsUnitAmount: { currency: 'HKD', value: 2800 }, goodsQuantity: '2' }
 * ```
 */
export interface AlipayPlusGoods {
  readonly referenceGoodsId?: string
  readonly goodsName?: string
  readonly goodsCategory?: string
  readonly goodsBrand?: string
  readonly goodsUnitAmount?: AlipayPlusAmount
  readonly goodsPaymentAmount?: AlipayPlusAmount
  readonly goodsQuantity?: string
  readonly goodsSkuName?: string
  readonly goodsUrl?: string
  readonly extendInfo?: string
}

/**
 * The body of `POST /v2/miniprogram/order/sync`.
 *
 * @example
 * ```ts
 * const { payload } = toAlipayPlusOrder(order, { appId: '2102010120672524', customerBelongsTo: 'GCASH' })
 * payload.orderType // 'PICK_UP'
 * ```
 */
export interface AlipayPlusSyncOrderRequest {
  readonly appId: string
  readonly customerId: string
  readonly customerBelongsTo: (typeof alipayPlusWallets)[number]
  readonly referenceOrderId: string
  readonly orderCreateTime: string
  readonly orderModifiedTime: string
  readonly orderLinkUrl?: string
  readonly orderType: (typeof alipayPlusOrderTypes)[number]
  readonly orderExtendBizInfo: string | Readonly<Record<string, unknown>>
  readonly goods: readonly AlipayPlusGoods[]
  readonly merchant: Readonly<Record<string, unknown>>
  readonly buyer: Readonly<Record<string, unknown>>
  readonly orderAmount: AlipayPlusAmount
  readonly discountAmount?: AlipayPlusAmount
  readonly promoDetails?: readonly Readonly<Record<string, unknown>>[]
  readonly paymentAmount?: AlipayPlusAmount
  readonly refunds?: readonly Readonly<Record<string, unknown>>[]
}

/**
 * The schema of the order/sync body: the field table's types, requirements, lengths and the
 * "no @ # ?" rule; the sample's types for the sub-structures; orderExtendBizInfo as JSON text or
 * object, its fields by order type.
 *
 * @example
 * ```ts
 * alipayPlusSyncOrderRequestSchema.safeParse(body).success
 * ```
 */
export const alipayPlusSyncOrderRequestSchema: z.ZodType<AlipayPlusSyncOrderRequest> =
  request as unknown as z.ZodType<AlipayPlusSyncOrderRequest>
