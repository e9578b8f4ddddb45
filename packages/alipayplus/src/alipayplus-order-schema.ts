import { lazySchema, type WireShape } from '@ordersync/core'
import { z } from 'zod'

// The schemas here are built on first use (lazySchema), not when the package is imported:
// constructing zod schemas costs time at startup that a program which has not validated anything
// yet should not pay, and most programs never use most of them.

// The body of POST /v2/miniprogram/order/sync (Alipay+ "order/sync",
// https://miniprogram.alipay.com/docs-alipayconnect/miniprogram_alipayconnect/mpdev/v2_order_sync). The top-level
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
  readonly region?: string | undefined
  readonly state?: string | undefined
  readonly city?: string | undefined
  readonly address1?: string | undefined
  readonly address2?: string | undefined
  readonly label?: string | undefined
  readonly zipCode?: string | undefined
  readonly longitude?: string | undefined
  readonly latitude?: string | undefined
  readonly extendInfo?: string | undefined
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
  readonly referenceGoodsId?: string | undefined
  readonly goodsName?: string | undefined
  readonly goodsCategory?: string | undefined
  readonly goodsBrand?: string | undefined
  readonly goodsUnitAmount?: AlipayPlusAmount | undefined
  readonly goodsPaymentAmount?: AlipayPlusAmount | undefined
  readonly goodsQuantity?: string | undefined
  readonly goodsSkuName?: string | undefined
  readonly goodsUrl?: string | undefined
  readonly extendInfo?: string | undefined
}

/**
 * `merchant.merchantStore`, as the sample has it.
 *
 * @example
 * ```ts
 * const store: AlipayPlusStore = { referenceStoreId: 'store-1', storeName: 'Central', storePhoneNo: '+852 2345 6789' }
 * ```
 */
export interface AlipayPlusStore {
  readonly referenceStoreId?: string | undefined
  readonly storeName?: string | undefined
  readonly storeMCC?: string | undefined
  readonly storeDisplayName?: string | undefined
  readonly storeTerminalId?: string | undefined
  readonly storeOperatorId?: string | undefined
  readonly storeAddress?: AlipayPlusAddress | undefined
  readonly storePhoneNo?: string | undefined
}

/**
 * `merchant`, as the sample has it (the field table requires it and does not detail it).
 *
 * @example
 * ```ts
 * const merchant: AlipayPlusMerchant = { referenceMerchantId: 'm-1', merchantName: 'Tea House', merchantStore: { storeName: 'Central' } }
 * ```
 */
export interface AlipayPlusMerchant {
  readonly referenceMerchantId?: string | undefined
  readonly merchantMCC?: string | undefined
  readonly merchantName?: string | undefined
  readonly merchantDisplayName?: string | undefined
  readonly merchantAddress?: AlipayPlusAddress | undefined
  readonly merchantRegisterDate?: string | undefined
  readonly merchantStore?: AlipayPlusStore | undefined
}

/**
 * `buyer`, as the sample has it (the field table requires it and does not detail it).
 *
 * @example
 * ```ts
 * const buyer: AlipayPlusBuyer = { referenceBuyerId: 'u-1', buyerName: { fullName: 'Jack' } }
 * ```
 */
export interface AlipayPlusBuyer {
  readonly referenceBuyerId?: string | undefined
  readonly buyerName?: { readonly fullName?: string | undefined } | undefined
  readonly buyerPhoneNo?: string | undefined
  readonly buyerEmail?: string | undefined
}

/**
 * One `promoDetails` entry, as the sample has it.
 *
 * @example
 * ```ts
 * const promo: AlipayPlusPromoDetail = { promoId: 'p-1', promoType: 'INSTANT_DISCOUNT', discountAmount: { currency: 'HKD', value: 500 } }
 * ```
 */
export interface AlipayPlusPromoDetail {
  readonly promoId?: string | undefined
  readonly promoType?: string | undefined
  readonly promoName?: string | undefined
  readonly discountAmount?: AlipayPlusAmount | undefined
  readonly extendInfo?: string | undefined
}

/**
 * One `refunds` entry, as the sample has it.
 *
 * @example
 * ```ts
 * const refund: AlipayPlusRefund = { refundId: 'r-1', refundAmount: { currency: 'HKD', value: 500 }, refundStatus: 'SUCCESS', refundTime: '2022-04-20T10:38:09+08:00' }
 * ```
 */
export interface AlipayPlusRefund {
  readonly refundId?: string | undefined
  readonly refundAmount?: AlipayPlusAmount | undefined
  readonly refundStatus?: string | undefined
  readonly refundTime?: string | undefined
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
  readonly orderLinkUrl?: string | undefined
  readonly orderType: (typeof alipayPlusOrderTypes)[number]
  readonly orderExtendBizInfo: string | Readonly<Record<string, unknown>>
  readonly goods: readonly AlipayPlusGoods[]
  readonly merchant: AlipayPlusMerchant
  readonly buyer: AlipayPlusBuyer
  readonly orderAmount: AlipayPlusAmount
  readonly discountAmount?: AlipayPlusAmount | undefined
  readonly promoDetails?: readonly AlipayPlusPromoDetail[] | undefined
  readonly paymentAmount?: AlipayPlusAmount | undefined
  readonly refunds?: readonly AlipayPlusRefund[] | undefined
}

const noSpecial = (field: string) =>
  z.string().refine((value) => !/[@#?]/.test(value), {
    message: `${field} must not contain @, # or ? (document)`,
  })
const limited = (max: number) =>
  z.string().min(1, 'must not be empty').max(max, `at most ${max} characters`)
const special = (max: number, field: string) => limited(max).pipe(noSpecial(field))
const isoTime = lazySchema(() =>
  z
    .string()
    .regex(
      /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?([+-]\d{2}:?\d{2}|Z)$/,
      'must be ISO 8601 with an offset, e.g. 2022-04-20T10:38:09+08:00',
    ),
)
const text = lazySchema(() => z.string().min(1, 'must not be empty'))
const decimalDegrees = lazySchema(() =>
  z.string().regex(/^-?\d+(\.\d+)?$/, 'decimal degrees as text'),
)

/** An Amount: currency (ISO 4217) and an integer value in the currency's smallest unit, 0 … 2147483647 (v2 data dictionary). */
const amount: z.ZodType<AlipayPlusAmount> = lazySchema(() =>
  z.strictObject({
    currency: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code'),
    value: z
      .number()
      .int('must be an integer in the smallest unit')
      .min(0)
      .max(2147483647, 'at most 2147483647'),
  } satisfies WireShape<AlipayPlusAmount>),
)

const address: z.ZodType<AlipayPlusAddress> = lazySchema(() =>
  z.strictObject({
    region: text.optional(),
    state: text.optional(),
    city: text.optional(),
    address1: text.optional(),
    address2: text.optional(),
    label: text.optional(),
    zipCode: text.optional(),
    longitude: decimalDegrees.optional(),
    latitude: decimalDegrees.optional(),
    extendInfo: text.optional(),
  } satisfies WireShape<AlipayPlusAddress>),
)

const goods: z.ZodType<AlipayPlusGoods> = lazySchema(() =>
  z.strictObject({
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
  } satisfies WireShape<AlipayPlusGoods>),
)

const store: z.ZodType<AlipayPlusStore> = lazySchema(() =>
  z.strictObject({
    referenceStoreId: text.optional(),
    storeName: text.optional(),
    storeMCC: text.optional(),
    storeDisplayName: text.optional(),
    storeTerminalId: text.optional(),
    storeOperatorId: text.optional(),
    storeAddress: address.optional(),
    storePhoneNo: text.optional(),
  } satisfies WireShape<AlipayPlusStore>),
)

const merchant: z.ZodType<AlipayPlusMerchant> = lazySchema(() =>
  z.strictObject({
    referenceMerchantId: text.optional(),
    merchantMCC: text.optional(),
    merchantName: text.optional(),
    merchantDisplayName: text.optional(),
    merchantAddress: address.optional(),
    merchantRegisterDate: isoTime.optional(),
    merchantStore: store.optional(),
  } satisfies WireShape<AlipayPlusMerchant>),
)

const buyer: z.ZodType<AlipayPlusBuyer> = lazySchema(() =>
  z.strictObject({
    referenceBuyerId: text.optional(),
    buyerName: z.strictObject({ fullName: text.optional() }).optional(),
    buyerPhoneNo: text.optional(),
    buyerEmail: text.optional(),
  } satisfies WireShape<AlipayPlusBuyer>),
)

const promoDetail: z.ZodType<AlipayPlusPromoDetail> = lazySchema(() =>
  z.strictObject({
    promoId: text.optional(),
    promoType: text.optional(),
    promoName: text.optional(),
    discountAmount: amount.optional(),
    extendInfo: z.string().optional(),
  } satisfies WireShape<AlipayPlusPromoDetail>),
)

const refund: z.ZodType<AlipayPlusRefund> = lazySchema(() =>
  z.strictObject({
    refundId: text.optional(),
    refundAmount: amount.optional(),
    refundStatus: text.optional(),
    refundTime: isoTime.optional(),
  } satisfies WireShape<AlipayPlusRefund>),
)

/** The extended fields of orderExtendBizInfo, by order type ("More information → Extended fields"). */
const bizInfo = lazySchema(() =>
  z.strictObject({
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
  }),
)

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

type BizInfoCheck = Pick<AlipayPlusSyncOrderRequest, 'orderType' | 'orderExtendBizInfo'>
const bizInfoPath = ['orderExtendBizInfo']

/**
 * The document's rules on orderExtendBizInfo as a whole, whichever form it is sent in: at most
 * 2048 characters and no @ # ? once serialized.
 */
function checkSerializedBizInfo(value: BizInfoCheck, context: z.RefinementCtx): void {
  const serialized =
    typeof value.orderExtendBizInfo === 'string'
      ? value.orderExtendBizInfo
      : JSON.stringify(value.orderExtendBizInfo)
  if (serialized.length > 2048)
    context.addIssue({
      code: 'custom',
      path: bizInfoPath,
      message: 'at most 2048 characters, as serialized',
    })
  if (/[@#?]/.test(serialized))
    context.addIssue({
      code: 'custom',
      path: bizInfoPath,
      message: 'must not contain @, # or ?, as serialized (document)',
    })
}

/** orderExtendBizInfo as sent, JSON text parsed; `undefined` once it has said the text is no JSON. */
function readBizInfo(
  value: BizInfoCheck,
  context: z.RefinementCtx,
): { readonly info: unknown } | undefined {
  if (typeof value.orderExtendBizInfo !== 'string') return { info: value.orderExtendBizInfo }
  try {
    return { info: JSON.parse(value.orderExtendBizInfo) }
  } catch {
    context.addIssue({
      code: 'custom',
      path: bizInfoPath,
      message: 'must be JSON text of an object',
    })
    return undefined
  }
}

/**
 * The extended fields against the order type ("Extended fields"): each field the type's own, and
 * IN_DELIVERY and DELIVERED for DELIVERY orders only.
 */
function checkBizInfoFields(
  orderType: BizInfoCheck['orderType'],
  info: z.output<typeof bizInfo>,
  context: z.RefinementCtx,
): void {
  const allowed = Object.hasOwn(fieldsByType, orderType) ? fieldsByType[orderType] : []
  for (const key of Object.keys(info)) {
    if (!allowed.includes(key))
      context.addIssue({
        code: 'custom',
        path: [...bizInfoPath, key],
        message: `is not an extended field of ${orderType} orders`,
      })
  }
  if (
    orderType !== 'DELIVERY' &&
    (info.orderBizStatus === 'IN_DELIVERY' || info.orderBizStatus === 'DELIVERED')
  ) {
    context.addIssue({
      code: 'custom',
      path: [...bizInfoPath, 'orderBizStatus'],
      message: `${info.orderBizStatus} exists only for DELIVERY orders`,
    })
  }
}

/** orderExtendBizInfo: the document's rules on the whole, then its fields by order type. */
function checkOrderExtendBizInfo(value: BizInfoCheck, context: z.RefinementCtx): void {
  checkSerializedBizInfo(value, context)
  const read = readBizInfo(value, context)
  if (read === undefined) return
  const parsed = bizInfo.safeParse(read.info)
  if (!parsed.success) {
    for (const issue of parsed.error.issues)
      context.addIssue({
        code: 'custom',
        path: [...bizInfoPath, ...issue.path.filter((key) => typeof key !== 'symbol')],
        message: issue.message,
      })
    return
  }
  checkBizInfoFields(value.orderType, parsed.data, context)
}

const request = lazySchema(() =>
  z
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
      promoDetails: z.array(promoDetail).max(30, 'at most 30 promoDetails').optional(),
      paymentAmount: amount.optional(),
      refunds: z.array(refund).max(30, 'at most 30 refunds').optional(),
    } satisfies WireShape<AlipayPlusSyncOrderRequest>)
    .superRefine(checkOrderExtendBizInfo),
)

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
export const alipayPlusSyncOrderRequestSchema: z.ZodType<AlipayPlusSyncOrderRequest> = lazySchema(
  () => request,
)
