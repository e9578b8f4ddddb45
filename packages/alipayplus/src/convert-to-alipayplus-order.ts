import {
  allocateOrderDiscounts,
  type Conversion,
  type ConversionSetup,
  formatIsoInstant,
  type Instant,
  type Money,
  type Order,
  omitUndefined,
  requireParsedOrder,
  type SyncWarning,
  startConversion,
  type TimeZone,
  warnDroppedFields,
} from '@ordersync/core'
import {
  type AlipayPlusOrderOptions,
  alipayPlusLineOptionsSchema,
  alipayPlusOrderOptionsSchema,
} from './alipayplus-order-options.ts'
import type {
  AlipayPlusAddress,
  AlipayPlusAmount,
  AlipayPlusBuyer,
  AlipayPlusGoods,
  AlipayPlusMerchant,
  AlipayPlusPromoDetail,
  AlipayPlusRefund,
  AlipayPlusSyncOrderRequest,
  alipayPlusWallets,
} from './alipayplus-order-schema.ts'
import {
  type AlipayPlusOrderBizStatus,
  type AlipayPlusOrderType,
  mapAlipayPlusOrderType,
  mapAlipayPlusStatus,
} from './map-alipayplus-status.ts'

/**
 * What the payload needs beyond the order: the app, the wallet, the zone and the biz-info form.
 *
 * @example
 * ```ts
 * toAlipayPlusOrder(order, { appId: '2102010120672524', customerBelongsTo: 'TNG', zone: '+08:00' })
 * ```
 */
export interface AlipayPlusConversionOptions {
  /** The mini program's `appId` (≤ 32 characters, no @ # ?). */
  readonly appId: string
  /** The buyer's wallet, unless the order names it in `platformOptions.alipayplus.customerBelongsTo`. */
  readonly customerBelongsTo?: (typeof alipayPlusWallets)[number]
  /**
   * The zone whose offset the order times are written with.
   *
   * @default '+08:00'
   */
  readonly zone?: TimeZone
  /**
   * How `orderExtendBizInfo` is sent: JSON text, as the field table types it (String), or an
   * object, as the sample request sends it (the
   * "order/sync" page contradicts itself here).
   *
   * @default 'string'
   */
  readonly orderExtendBizInfoFormat?: 'string' | 'object'
}

/**
 * What {@link toAlipayPlusOrder} makes of an order.
 *
 * @example
 * ```ts
 * const { payload, warnings }: AlipayPlusPreparedOrder = toAlipayPlusOrder(order, { appId, customerBelongsTo: 'ALIPAY_HK' })
 * ```
 */
export interface AlipayPlusPreparedOrder {
  readonly payload: AlipayPlusSyncOrderRequest
  readonly warnings: readonly SyncWarning[]
}

// Every canonical field toAlipayPlusOrder reports (freight and fees inside orderAmount), or warns
// about in words of its own; any other field present in an order gets a field_dropped warning.
const carriedFields = [
  'id',
  'createdAt',
  'modifiedAt',
  'status',
  'type',
  'detailPageUrl',
  'buyer',
  'merchant.id',
  'merchant.name',
  'merchant.displayName',
  'merchant.categoryCode',
  'merchant.address.countryCode',
  'merchant.address.province',
  'merchant.address.city',
  'merchant.address.line1',
  'merchant.address.line2',
  'merchant.address.label',
  'merchant.address.postalCode',
  'merchant.address.latitude',
  'merchant.address.longitude',
  'merchant.store.id',
  'merchant.store.name',
  'merchant.store.displayName',
  'merchant.store.categoryCode',
  'merchant.store.phone',
  'merchant.store.address.countryCode',
  'merchant.store.address.province',
  'merchant.store.address.city',
  'merchant.store.address.line1',
  'merchant.store.address.line2',
  'merchant.store.address.label',
  'merchant.store.address.postalCode',
  'merchant.store.address.latitude',
  'merchant.store.address.longitude',
  'lines.*.id',
  'lines.*.skuId',
  'lines.*.name',
  'lines.*.skuName',
  'lines.*.category',
  'lines.*.brand',
  'lines.*.quantity',
  'lines.*.unitPrice',
  'lines.*.url',
  'charges.goodsSubtotal',
  'charges.freight',
  'charges.fees',
  'charges.discounts.*.level',
  'charges.discounts.*.lineId',
  'charges.discounts.*.amount',
  'charges.discounts.*.id',
  'charges.discounts.*.name',
  'payableAmount',
  'paidAmount',
  'delivery.window',
  'delivery.pickupCode',
  'delivery.courier',
  'afterSales.*.id',
  'afterSales.*.status',
  'afterSales.*.refundAmount',
  'afterSales.*.modifiedAt',
]

const maxAmount = 2147483647
const special = /[@#?]/

const alipayPlusConversion: ConversionSetup = {
  platform: 'alipayplus',
  platformName: 'Alipay+',
  ruleCode: 'alipayplus_rule',
  optionSchemas: { order: alipayPlusOrderOptionsSchema, line: alipayPlusLineOptionsSchema },
}

/**
 * Turns a valid canonical order into the body of Alipay+'s `/v2/miniprogram/order/sync`
 * ("order/sync", https://miniprogram.alipay.com/docs-alipayconnect/miniprogram_alipayconnect/mpdev/v2_order_sync). Pure and synchronous.
 *
 * Amounts are `Amount {currency, value}` in the currency's smallest unit (core's minor units;
 * KRW has none), 0 … 2147483647: `orderAmount` is before discounts (goods + freight + fees),
 * `discountAmount` the sum of every discount, `paymentAmount` "the amount paid for the order"
 * (`paidAmount`: orderAmount − discountAmount once paid in full, less for a part payment, absent
 * while nothing is paid). Times are ISO 8601 with the offset of `zone`; `orderModifiedTime`
 * is the canonical modification time (Alipay+ keeps the latest, read as an upsert by referenceOrderId), never "now".
 *
 * @param parsed - A valid canonical order, as `parseOrder` returns it.
 * @param options - The app id, the wallet, the zone and the orderExtendBizInfo form.
 * @returns The body and the warnings.
 * @throws `InvalidArgumentError` (`@ordersync/core`) naming `order` for an order that did not go
 *   through `parseOrder` (its times are text, or it contains itself).
 * @throws `ValidationError` (`@ordersync/core`) naming the canonical path and the Alipay+ rule it
 *   breaks ("lines: 31 items, Alipay+ accepts at most 30"); `UnsupportedMappingError` for what Alipay+
 *   cannot take (a virtual order without an explicit type, shipped outside DELIVERY).
 * @example
 * ```ts
 * const { payload } = toAlipayPlusOrder(parseOrder(alipayPlusDocumentOrder), { appId: '2102010120672524', customerBelongsTo: 'CHOPE' })
 * payload.paymentAmount // { currency: 'USD', value: 342 }
 * ```
 */
export function toAlipayPlusOrder(
  parsed: Order,
  options: AlipayPlusConversionOptions,
): AlipayPlusPreparedOrder {
  // A raw order (times as text, a cycle) fails here, typed, not deep in the conversion.
  const order = requireParsedOrder(parsed, 'alipayplus')
  const conversion = startConversion(order, alipayPlusConversion)
  const step: ConversionStep = {
    order,
    orderOptions: order.platformOptions?.alipayplus ?? {},
    conversion,
    currency: order.payableAmount.currency,
    zone: options.zone ?? '+08:00',
  }
  // Each step records its problems and warnings as it goes: the error lists them in this order.
  const customer = convertCustomer(step, options.customerBelongsTo)
  checkText(step, order.id, { max: 64, path: ['id'], field: 'referenceOrderId', noSpecial: true })
  conversion.warn(...warnDroppedFields(order, carriedFields, 'Alipay+'))
  const { orderType, orderBizStatus } = mapTypeAndStatus(step)
  const bizInfo = convertBizInfo(step, orderType, orderBizStatus)
  const serializedBizInfo = serializeBizInfo(step, bizInfo)
  const goods = convertGoods(step)
  const merchant = convertMerchant(step)
  const buyer = convertBuyer(step)
  const discounts = order.charges.discounts ?? []
  const discountTotal = discounts.reduce((total, discount) => total + discount.amount.amount, 0)
  const promoDetails = convertPromoDetails(step, discounts)
  const refunds = convertRefunds(step)
  const paid = order.paidAmount.amount
  const payload: AlipayPlusSyncOrderRequest = omitUndefined({
    appId: options.appId,
    ...customer,
    referenceOrderId: order.id,
    orderCreateTime: formatTime(step, order.createdAt),
    orderModifiedTime: formatTime(step, order.modifiedAt),
    orderLinkUrl: checkText(step, order.detailPageUrl, {
      max: 1024,
      path: ['detailPageUrl'],
      field: 'orderLinkUrl',
    }),
    orderType,
    orderExtendBizInfo: options.orderExtendBizInfoFormat === 'object' ? bizInfo : serializedBizInfo,
    goods,
    merchant,
    buyer,
    // orderAmount is before discounts; paymentAmount is what was paid (≤ orderAmount − discountAmount).
    orderAmount: toAmount(step, order.payableAmount.amount + discountTotal, ['payableAmount']),
    discountAmount:
      discountTotal > 0 ? toAmount(step, discountTotal, ['charges', 'discounts']) : undefined,
    promoDetails: promoDetails.length > 0 ? promoDetails : undefined,
    // "The amount paid for the order": what was paid, a part payment included (at most payable).
    paymentAmount: paid > 0 ? toAmount(step, paid, ['paidAmount']) : undefined,
    refunds: refunds.length > 0 ? refunds : undefined,
  })
  // The finished payload is not validated again: every limit of the platform is checked above, at
  // the canonical path, as the payload is built. A property test (testWideOrders, on orders with
  // texts of every length and width) proves that on any valid order the conversion either builds
  // a payload alipayPlusSyncOrderRequestSchema accepts or refuses the order this way.
  return conversion.finish(payload)
}

/**
 * What each step of the conversion works with: the order, its `platformOptions.alipayplus`, the
 * conversion that gathers warnings and problems, the currency of every Amount and the zone of
 * every time.
 */
interface ConversionStep {
  readonly order: Order
  readonly orderOptions: AlipayPlusOrderOptions
  readonly conversion: Conversion
  readonly currency: string
  readonly zone: TimeZone
}

/** An order time, ISO 8601 in the zone's offset, to the second. */
function formatTime(step: ConversionStep, value: Instant): string {
  return formatIsoInstant(value, step.zone, { fraction: 'never' })
}

/**
 * An Amount in the order's currency: minor units are the currency's smallest unit. Alipay+ takes
 * at most 2147483647 (v2 data dictionary); more is a problem at `path`.
 */
function toAmount(
  step: ConversionStep,
  value: Money | number,
  path: readonly (string | number)[],
): AlipayPlusAmount {
  const minor = typeof value === 'number' ? value : value.amount
  if (minor > maxAmount)
    step.conversion.problem(
      path,
      `is ${minor} in the smallest unit; Alipay+ Amount.value takes at most ${maxAmount}`,
    )
  return { currency: step.currency, value: minor }
}

/** A limit of the field table on a text: its length, and whether @ # ? are refused. */
interface TextRule {
  readonly max: number
  /** The canonical path the text comes from, where a problem is reported. */
  readonly path: readonly (string | number)[]
  /** The Alipay+ field, in the message; `orderExtendBizInfo.<key>` for the extended fields. */
  readonly field: string
  readonly noSpecial?: boolean
}

/** The text as it is sent, each limit it breaks recorded as a problem at its canonical path. */
function checkText(
  step: ConversionStep,
  value: string | undefined,
  rule: TextRule,
): string | undefined {
  if (value === undefined) return undefined
  const { max, path, field } = rule
  if (value.length > max)
    step.conversion.problem(
      path,
      `is ${value.length} characters; Alipay+ ${field} takes at most ${max}`,
    )
  if (rule.noSpecial === true && special.test(value))
    step.conversion.problem(
      path,
      field.startsWith('orderExtendBizInfo.')
        ? `contains @, # or ?, which Alipay+ does not allow anywhere in orderExtendBizInfo (${field.slice(19)})`
        : `contains @, # or ?, which Alipay+ ${field} does not allow`,
    )
  return value
}

/**
 * `customerId` (the buyer's Alipay+ user id) and `customerBelongsTo` (their wallet: the order's
 * option, else the client's): both required by the field table.
 */
function convertCustomer(
  step: ConversionStep,
  clientWallet: (typeof alipayPlusWallets)[number] | undefined,
): Pick<AlipayPlusSyncOrderRequest, 'customerId' | 'customerBelongsTo'> {
  const path = ['buyer', 'platformUserId']
  const customerId = checkText(step, step.order.buyer?.platformUserId, {
    max: 64,
    path,
    field: 'customerId',
    noSpecial: true,
  })
  if (customerId === undefined)
    step.conversion.problem(path, 'is required: it is the Alipay+ customerId of the buyer')
  const customerBelongsTo = step.orderOptions.customerBelongsTo ?? clientWallet
  if (customerBelongsTo === undefined) {
    step.conversion.problem(
      ['platformOptions', 'alipayplus', 'customerBelongsTo'],
      'is required (the buyer’s wallet): set it on the order or customerBelongsTo on the client',
    )
  }
  // The placeholders are never sent: a problem above ends the conversion.
  return { customerId: customerId ?? '', customerBelongsTo: customerBelongsTo ?? 'ALIPAY_HK' }
}

/** The order type, then the status for that type, with what each folds. */
function mapTypeAndStatus(step: ConversionStep): {
  readonly orderType: AlipayPlusOrderType
  readonly orderBizStatus: AlipayPlusOrderBizStatus
} {
  const typeMapping = mapAlipayPlusOrderType(step.order)
  step.conversion.warn(...typeMapping.warnings)
  const statusMapping = mapAlipayPlusStatus(step.order, typeMapping.orderType)
  step.conversion.warn(...statusMapping.warnings)
  return { orderType: typeMapping.orderType, orderBizStatus: statusMapping.orderBizStatus }
}

/**
 * orderExtendBizInfo, by order type ("Extended fields"): the status, the delivery window under the
 * type's prefix, and the courier (DELIVERY) or the pickup code (PICK_UP, DINE_IN). What the type
 * has no field for is warned about.
 */
function convertBizInfo(
  step: ConversionStep,
  orderType: AlipayPlusOrderType,
  orderBizStatus: AlipayPlusOrderBizStatus,
): Readonly<Record<string, unknown>> {
  const delivery = step.order.delivery
  const window = delivery?.window
  const prefix =
    orderType === 'PICK_UP' ? 'pickUp' : orderType === 'DINE_IN' ? 'dineIn' : 'delivery'
  const pickupCode = convertPickupCode(step, prefix)
  if (orderType === 'DELIVERY' && delivery?.pickupCode !== undefined) {
    step.conversion.warn({
      path: ['delivery', 'pickupCode'],
      code: 'field_dropped',
      message: 'Alipay+ DELIVERY orders have no pickup code field',
    })
  }
  if (orderType !== 'DELIVERY' && delivery?.courier !== undefined) {
    step.conversion.warn({
      path: ['delivery', 'courier'],
      code: 'field_dropped',
      message: `Alipay+ ${orderType} orders have no courier fields`,
    })
  }
  return omitUndefined({
    orderBizStatus,
    [`${prefix}StartTime`]:
      window?.start === undefined ? undefined : formatTime(step, window.start),
    [`${prefix}EndTime`]: window?.end === undefined ? undefined : formatTime(step, window.end),
    ...(orderType === 'DELIVERY' ? convertCourier(step) : pickupCode),
  })
}

// The document forbids @ # ? in orderExtendBizInfo as a whole: every text put in it is checked,
// so that the error names the canonical field it came from.

/** `<prefix>CodeName` and `<prefix>CodeValue`: checked for every type, sent for PICK_UP and DINE_IN. */
function convertPickupCode(
  step: ConversionStep,
  prefix: string,
): Readonly<Record<string, string | undefined>> {
  const code = step.order.delivery?.pickupCode
  return {
    [`${prefix}CodeName`]: checkText(step, code?.name, {
      max: 256,
      path: ['delivery', 'pickupCode', 'name'],
      field: `orderExtendBizInfo.${prefix}CodeName`,
      noSpecial: true,
    }),
    [`${prefix}CodeValue`]: checkText(step, code?.value, {
      max: 64,
      path: ['delivery', 'pickupCode', 'value'],
      field: `orderExtendBizInfo.${prefix}CodeValue`,
      noSpecial: true,
    }),
  }
}

/** `courierName` and `courierPhoneNo` of a DELIVERY order. */
function convertCourier(step: ConversionStep): Readonly<Record<string, string | undefined>> {
  const courier = step.order.delivery?.courier
  return {
    courierName: checkText(step, courier?.name, {
      max: 256,
      path: ['delivery', 'courier', 'name'],
      field: 'orderExtendBizInfo.courierName',
      noSpecial: true,
    }),
    courierPhoneNo: checkText(step, courier?.phone, {
      max: 64,
      path: ['delivery', 'courier', 'phone'],
      field: 'orderExtendBizInfo.courierPhoneNo',
      noSpecial: true,
    }),
  }
}

/** orderExtendBizInfo as JSON text: the field table's String, at most 2048 characters. */
function serializeBizInfo(
  step: ConversionStep,
  bizInfo: Readonly<Record<string, unknown>>,
): string {
  const serialized = JSON.stringify(bizInfo)
  if (serialized.length > 2048)
    step.conversion.problem(
      ['delivery'],
      `makes orderExtendBizInfo ${serialized.length} characters; Alipay+ takes at most 2048`,
    )
  return serialized
}

/** The goods, at most 30, each with its share of every discount. */
function convertGoods(step: ConversionStep): AlipayPlusGoods[] {
  const { order } = step
  if (order.lines.length > 30)
    step.conversion.problem(
      ['lines'],
      `${order.lines.length} items: Alipay+ accepts at most 30 goods`,
    )
  const allocation = allocateOrderDiscounts(order)
  return order.lines.map((line, index) =>
    omitUndefined({
      referenceGoodsId: line.skuId,
      goodsName: line.name,
      goodsCategory: line.category?.name ?? line.category?.id,
      goodsBrand: line.brand,
      goodsUnitAmount: toAmount(step, line.unitPrice, ['lines', index, 'unitPrice']),
      goodsPaymentAmount: toAmount(step, allocation.lines[index]?.payable ?? 0, ['lines', index]),
      goodsQuantity: String(line.quantity),
      goodsSkuName: line.skuName,
      goodsUrl: line.url,
      extendInfo: line.platformOptions?.alipayplus?.extendInfo,
    }),
  )
}

/** A merchant's or a store's address, with its `extendInfo` from the order's options. */
function convertAddress(
  value: NonNullable<Order['merchant']>['address'],
  extendInfo: string | undefined,
): AlipayPlusAddress | undefined {
  if (value === undefined) return undefined
  return omitUndefined({
    region: value.countryCode,
    state: value.province,
    city: value.city,
    address1: value.line1,
    address2: value.line2,
    label: value.label,
    zipCode: value.postalCode,
    longitude: value.longitude,
    latitude: value.latitude,
    extendInfo,
  })
}

/** `merchant`, required by the field table, and its store. */
function convertMerchant(step: ConversionStep): AlipayPlusMerchant {
  const { orderOptions } = step
  const merchant = step.order.merchant
  if (merchant === undefined)
    step.conversion.problem(['merchant'], 'is required: Alipay+ needs the merchant of the order')
  const store = merchant?.store
  return omitUndefined({
    referenceMerchantId: merchant?.id,
    merchantMCC: merchant?.categoryCode,
    merchantName: merchant?.name,
    merchantDisplayName: merchant?.displayName,
    merchantAddress: convertAddress(merchant?.address, orderOptions.merchantAddressExtendInfo),
    merchantRegisterDate: orderOptions.merchantRegisterDate,
    merchantStore:
      store === undefined
        ? undefined
        : omitUndefined({
            referenceStoreId: store.id,
            storeName: store.name,
            storeMCC: store.categoryCode,
            storeDisplayName: store.displayName,
            storeTerminalId: orderOptions.storeTerminalId,
            storeOperatorId: orderOptions.storeOperatorId,
            storeAddress: convertAddress(store.address, orderOptions.storeAddressExtendInfo),
            storePhoneNo: store.phone,
          }),
  })
}

/** `buyer`, required by the field table. */
function convertBuyer(step: ConversionStep): AlipayPlusBuyer {
  const buyer = step.order.buyer
  if (buyer === undefined)
    step.conversion.problem(['buyer'], 'is required: Alipay+ needs the buyer of the order')
  return omitUndefined({
    referenceBuyerId: buyer?.id,
    buyerName: buyer?.name === undefined ? undefined : { fullName: buyer.name },
    buyerPhoneNo: buyer?.phone,
    buyerEmail: buyer?.email,
  })
}

/** One promoDetails entry per discount, at most 30. */
function convertPromoDetails(
  step: ConversionStep,
  discounts: NonNullable<Order['charges']['discounts']>,
): AlipayPlusPromoDetail[] {
  if (discounts.length > 30)
    step.conversion.problem(
      ['charges', 'discounts'],
      `${discounts.length} discounts: Alipay+ accepts at most 30 promoDetails`,
    )
  return discounts.map((discount, index) =>
    omitUndefined({
      promoId: discount.id,
      promoType: step.orderOptions.promoType ?? 'INSTANT_DISCOUNT',
      promoName: discount.name,
      discountAmount: toAmount(step, discount.amount, ['charges', 'discounts', index, 'amount']),
    }),
  )
}

/**
 * One refunds entry per succeeded after-sale that refunds money, at most 30. Alipay+ documents
 * refundStatus SUCCESS only: any other after-sale is not sent, with a warning.
 */
function convertRefunds(step: ConversionStep): AlipayPlusRefund[] {
  const refunds = (step.order.afterSales ?? []).flatMap((afterSale, index) => {
    if (afterSale.status !== 'succeeded') {
      step.conversion.warn({
        path: ['afterSales', index],
        code: 'field_dropped',
        message: `a ${afterSale.status} after-sale is not sent: Alipay+ documents refundStatus SUCCESS only`,
      })
      return []
    }
    if (afterSale.refundAmount.amount === 0) return []
    return [
      {
        refundId: afterSale.id,
        refundAmount: toAmount(step, afterSale.refundAmount, ['afterSales', index, 'refundAmount']),
        refundStatus: 'SUCCESS',
        refundTime: formatTime(step, afterSale.modifiedAt),
      },
    ]
  })
  if (refunds.length > 30)
    step.conversion.problem(['afterSales'], `${refunds.length} refunds: Alipay+ accepts at most 30`)
  return refunds
}
