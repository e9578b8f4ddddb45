import {
  allocateOrderDiscounts,
  checkPlatformOptions,
  formatIsoInstant,
  type Instant,
  type Money,
  type Order,
  omitUndefined,
  quoteValue,
  type SyncWarning,
  type TimeZone,
  ValidationError,
  type ValidationIssue,
  warnDroppedFields,
} from '@ordersync/core'
import {
  alipayPlusLineOptionsSchema,
  alipayPlusOrderOptionsSchema,
} from './alipayplus-options-schema.ts'
import type { AlipayPlusOrderOptions } from './alipayplus-order-options.ts'
import type {
  AlipayPlusAddress,
  AlipayPlusAmount,
  AlipayPlusGoods,
  AlipayPlusSyncOrderRequest,
  alipayPlusWallets,
} from './alipayplus-order-schema.ts'
import { mapAlipayPlusOrderType, mapAlipayPlusStatus } from './map-alipayplus-status.ts'

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
 * @param order - A valid canonical order.
 * @param options - The app id, the wallet, the zone and the orderExtendBizInfo form.
 * @returns The body and the warnings.
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
  order: Order,
  options: AlipayPlusConversionOptions,
): AlipayPlusPreparedOrder {
  const warnings: SyncWarning[] = []
  const issues: ValidationIssue[] = []
  const problem = (path: (string | number)[], message: string): void => {
    issues.push({ path, message, code: 'alipayplus_rule' })
  }
  issues.push(
    ...checkPlatformOptions(order, 'alipayplus', {
      order: alipayPlusOrderOptionsSchema,
      line: alipayPlusLineOptionsSchema,
    }),
  )
  if (issues.length > 0)
    throw new ValidationError({
      platform: 'alipayplus',
      subject: `order ${quoteValue(order.id)} for Alipay+`,
      issues,
    })
  const zone = options.zone ?? '+08:00'
  const alipayplus: AlipayPlusOrderOptions = order.platformOptions?.alipayplus ?? {}
  const currency = order.payableAmount.currency
  const time = (value: Instant): string => formatIsoInstant(value, zone, { fraction: 'never' })
  const amount = (value: Money | number, path: (string | number)[]): AlipayPlusAmount => {
    const minor = typeof value === 'number' ? value : value.amount
    if (minor > maxAmount)
      problem(
        path,
        `is ${minor} in the smallest unit; Alipay+ Amount.value takes at most ${maxAmount}`,
      )
    return { currency, value: minor }
  }
  const text = (
    value: string | undefined,
    max: number,
    path: (string | number)[],
    field: string,
    noSpecial = false,
  ): string | undefined => {
    if (value === undefined) return undefined
    if (value.length > max)
      problem(path, `is ${value.length} characters; Alipay+ ${field} takes at most ${max}`)
    if (noSpecial && special.test(value))
      problem(
        path,
        field.startsWith('orderExtendBizInfo.')
          ? `contains @, # or ?, which Alipay+ does not allow anywhere in orderExtendBizInfo (${field.slice(19)})`
          : `contains @, # or ?, which Alipay+ ${field} does not allow`,
      )
    return value
  }

  const customerId = text(
    order.buyer?.platformUserId,
    64,
    ['buyer', 'platformUserId'],
    'customerId',
    true,
  )
  if (customerId === undefined)
    problem(['buyer', 'platformUserId'], 'is required: it is the Alipay+ customerId of the buyer')
  const customerBelongsTo = alipayplus.customerBelongsTo ?? options.customerBelongsTo
  if (customerBelongsTo === undefined) {
    problem(
      ['platformOptions', 'alipayplus', 'customerBelongsTo'],
      'is required (the buyer’s wallet): set it on the order or customerBelongsTo on the client',
    )
  }
  text(order.id, 64, ['id'], 'referenceOrderId', true)

  warnings.push(...warnDroppedFields(order, carriedFields, 'Alipay+'))

  const typeMapping = mapAlipayPlusOrderType(order)
  warnings.push(...typeMapping.warnings)
  const orderType = typeMapping.orderType
  const statusMapping = mapAlipayPlusStatus(order, orderType)
  warnings.push(...statusMapping.warnings)

  // orderExtendBizInfo, by order type ("Extended fields").
  const delivery = order.delivery
  const window = delivery?.window
  const prefix =
    orderType === 'PICK_UP' ? 'pickUp' : orderType === 'DINE_IN' ? 'dineIn' : 'delivery'
  // The document forbids @ # ? in orderExtendBizInfo as a whole: every text put in it is checked,
  // so that the error names the canonical field it came from.
  const codeName = text(
    delivery?.pickupCode?.name,
    256,
    ['delivery', 'pickupCode', 'name'],
    `orderExtendBizInfo.${prefix}CodeName`,
    true,
  )
  const codeValue = text(
    delivery?.pickupCode?.value,
    64,
    ['delivery', 'pickupCode', 'value'],
    `orderExtendBizInfo.${prefix}CodeValue`,
    true,
  )
  if (orderType === 'DELIVERY' && delivery?.pickupCode !== undefined) {
    warnings.push({
      path: ['delivery', 'pickupCode'],
      code: 'field_dropped',
      message: 'Alipay+ DELIVERY orders have no pickup code field',
    })
  }
  if (orderType !== 'DELIVERY' && delivery?.courier !== undefined) {
    warnings.push({
      path: ['delivery', 'courier'],
      code: 'field_dropped',
      message: `Alipay+ ${orderType} orders have no courier fields`,
    })
  }
  const bizInfo = omitUndefined({
    orderBizStatus: statusMapping.orderBizStatus,
    [`${prefix}StartTime`]: window?.start === undefined ? undefined : time(window.start),
    [`${prefix}EndTime`]: window?.end === undefined ? undefined : time(window.end),
    ...(orderType === 'DELIVERY'
      ? {
          courierName: text(
            delivery?.courier?.name,
            256,
            ['delivery', 'courier', 'name'],
            'orderExtendBizInfo.courierName',
            true,
          ),
          courierPhoneNo: text(
            delivery?.courier?.phone,
            64,
            ['delivery', 'courier', 'phone'],
            'orderExtendBizInfo.courierPhoneNo',
            true,
          ),
        }
      : { [`${prefix}CodeName`]: codeName, [`${prefix}CodeValue`]: codeValue }),
  })
  const serialized = JSON.stringify(bizInfo)
  if (serialized.length > 2048)
    problem(
      ['delivery'],
      `makes orderExtendBizInfo ${serialized.length} characters; Alipay+ takes at most 2048`,
    )

  // Goods, with each line's share of every discount.
  if (order.lines.length > 30)
    problem(['lines'], `${order.lines.length} items: Alipay+ accepts at most 30 goods`)
  const allocation = allocateOrderDiscounts(order)
  const goods: AlipayPlusGoods[] = order.lines.map(
    (line, index) =>
      omitUndefined({
        referenceGoodsId: line.skuId,
        goodsName: line.name,
        goodsCategory: line.category?.name ?? line.category?.id,
        goodsBrand: line.brand,
        goodsUnitAmount: amount(line.unitPrice, ['lines', index, 'unitPrice']),
        goodsPaymentAmount: amount(allocation.lines[index]?.payable ?? 0, ['lines', index]),
        goodsQuantity: String(line.quantity),
        goodsSkuName: line.skuName,
        goodsUrl: line.url,
        extendInfo: line.platformOptions?.alipayplus?.extendInfo,
      }) as AlipayPlusGoods,
  )

  // Merchant and buyer: required by the field table.
  const address = (
    value: NonNullable<Order['merchant']>['address'],
    extendInfo: string | undefined,
  ): AlipayPlusAddress | undefined =>
    value === undefined
      ? undefined
      : (omitUndefined({
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
        }) as AlipayPlusAddress)
  const merchant = order.merchant
  if (merchant === undefined)
    problem(['merchant'], 'is required: Alipay+ needs the merchant of the order')
  const store = merchant?.store
  const merchantPayload = omitUndefined({
    referenceMerchantId: merchant?.id,
    merchantMCC: merchant?.categoryCode,
    merchantName: merchant?.name,
    merchantDisplayName: merchant?.displayName,
    merchantAddress: address(merchant?.address, alipayplus.merchantAddressExtendInfo),
    merchantRegisterDate: alipayplus.merchantRegisterDate,
    merchantStore:
      store === undefined
        ? undefined
        : omitUndefined({
            referenceStoreId: store.id,
            storeName: store.name,
            storeMCC: store.categoryCode,
            storeDisplayName: store.displayName,
            storeTerminalId: alipayplus.storeTerminalId,
            storeOperatorId: alipayplus.storeOperatorId,
            storeAddress: address(store.address, alipayplus.storeAddressExtendInfo),
            storePhoneNo: store.phone,
          }),
  })
  const buyer = order.buyer
  if (buyer === undefined) problem(['buyer'], 'is required: Alipay+ needs the buyer of the order')
  const buyerPayload = omitUndefined({
    referenceBuyerId: buyer?.id,
    buyerName: buyer?.name === undefined ? undefined : { fullName: buyer.name },
    buyerPhoneNo: buyer?.phone,
    buyerEmail: buyer?.email,
  })

  // Amounts: orderAmount before discounts; paymentAmount is what was paid (≤ orderAmount − discountAmount).
  const discounts = order.charges.discounts ?? []
  const discountTotal = discounts.reduce((total, discount) => total + discount.amount.amount, 0)
  const orderAmount = order.payableAmount.amount + discountTotal
  if (discounts.length > 30)
    problem(
      ['charges', 'discounts'],
      `${discounts.length} discounts: Alipay+ accepts at most 30 promoDetails`,
    )
  const promoDetails = discounts.map((discount, index) =>
    omitUndefined({
      promoId: discount.id,
      promoType: alipayplus.promoType ?? 'INSTANT_DISCOUNT',
      promoName: discount.name,
      discountAmount: amount(discount.amount, ['charges', 'discounts', index, 'amount']),
    }),
  )
  const paid = order.paidAmount.amount
  const refunds = (order.afterSales ?? []).flatMap((afterSale, index) => {
    if (afterSale.status !== 'succeeded') {
      warnings.push({
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
        refundAmount: amount(afterSale.refundAmount, ['afterSales', index, 'refundAmount']),
        refundStatus: 'SUCCESS',
        refundTime: time(afterSale.modifiedAt),
      },
    ]
  })
  if (refunds.length > 30)
    problem(['afterSales'], `${refunds.length} refunds: Alipay+ accepts at most 30`)

  const payload = omitUndefined({
    appId: options.appId,
    customerId: customerId ?? '',
    customerBelongsTo: customerBelongsTo ?? 'ALIPAY_HK',
    referenceOrderId: order.id,
    orderCreateTime: time(order.createdAt),
    orderModifiedTime: time(order.modifiedAt),
    orderLinkUrl: text(order.detailPageUrl, 1024, ['detailPageUrl'], 'orderLinkUrl'),
    orderType,
    orderExtendBizInfo: options.orderExtendBizInfoFormat === 'object' ? bizInfo : serialized,
    goods,
    merchant: merchantPayload,
    buyer: buyerPayload,
    orderAmount: amount(orderAmount, ['payableAmount']),
    discountAmount: discountTotal > 0 ? amount(discountTotal, ['charges', 'discounts']) : undefined,
    promoDetails: promoDetails.length > 0 ? promoDetails : undefined,
    // "The amount paid for the order": what was paid, a part payment included (at most payable).
    paymentAmount: paid > 0 ? amount(paid, ['paidAmount']) : undefined,
    refunds: refunds.length > 0 ? refunds : undefined,
  }) as AlipayPlusSyncOrderRequest

  // The finished payload is not validated again: every limit of the platform is checked above, at
  // the canonical path, as the payload is built. A property test (testWideOrders, on orders with
  // texts of every length and width) proves that on any valid order the conversion either builds
  // a payload alipayPlusSyncOrderRequestSchema accepts or refuses the order this way.
  if (issues.length > 0)
    throw new ValidationError({
      platform: 'alipayplus',
      subject: `order ${quoteValue(order.id)} for Alipay+`,
      issues,
    })
  return { payload, warnings }
}
