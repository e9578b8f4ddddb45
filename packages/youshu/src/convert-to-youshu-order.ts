import {
  allocateOrderDiscounts,
  beijingTime,
  type Conversion,
  type ConversionSetup,
  type Delivery,
  formatWallClock,
  type LineDiscountAllocation,
  type Order,
  type OrderLine,
  omitUndefined,
  type Payment,
  quoteValue,
  requireParsedOrder,
  type SyncWarning,
  startConversion,
  toInstant,
  UnsupportedMappingError,
  warnDroppedFields,
} from '@ordersync/core'
import {
  mapYoushuStatus,
  type YoushuCashOnDeliveryReporting,
  type YoushuOrderStatus,
  type YoushuStatusMapping,
} from './map-youshu-status.ts'
import {
  type YoushuLineOptions,
  type YoushuOrderOptions,
  youshuLineOptionsSchema,
  youshuOrderOptionsSchema,
} from './youshu-order-options.ts'
import type {
  YoushuCoupon,
  YoushuExpress,
  YoushuExpressPackage,
  YoushuGoods,
  YoushuOrder,
  YoushuPayment,
  YoushuPromotion,
  YoushuTargetUrl,
  youshuOrderSources,
} from './youshu-order-schema.ts'
import {
  formatCnyAmount,
  formatYoushuFlag,
  hashYoushuPhone,
  type YoushuWireValues,
  youshuWireValues,
} from './youshu-wire-values.ts'

/**
 * Settings that shape the Youshu payload beyond the order itself.
 *
 * @example
 * ```ts
 * toYoushuOrder(order, { cashOnDelivery: 'paid_when_shipped', miniProgram: { appId: 'wx123', username: 'gh_abc' } })
 * ```
 */
export interface YoushuConversionOptions {
  /**
   * `order_source` for an order without `channel`.
   *
   * @default 'wxapp'
   */
  readonly defaultOrderSource?: (typeof youshuOrderSources)[number]
  /** How cash-on-delivery orders are reported (FAQ); required once such an order is synced. */
  readonly cashOnDelivery?: YoushuCashOnDeliveryReporting
  /**
   * The WeChat mini program of the detail and goods pages: `target_url` needs its appid and
   * original id (gh_…) besides the path; it is also `user_info.app_id`.
   */
  readonly miniProgram?: { readonly appId: string; readonly username: string }
  /**
   * Also send `md5_user_phone` beside `sha256_user_phone`.
   *
   * @default false
   */
  readonly includeMd5Phone?: boolean
  /**
   * What to do with a part-paid order (paid more than nothing, less than payable) in a status Youshu
   * counts as paid (anything but 1110). Youshu's `payment_amount` is the amount paid (实付金额) and,
   * by the document, also payable_amount − the payment-level discounts, with the goods'
   * `payment_amount` (on which Youshu counts GMV) adding up to it: a part payment cannot satisfy
   * both. Awaiting payment (1110, e.g. a deposit paid), the amounts are what the order costs, as
   * for any unpaid order, with a `partly_paid` warning, whatever this says.
   *
   * - `refuse`: the order fails with an `UnsupportedMappingError` at `paidAmount` saying so; sync
   *   it as awaiting payment until it is paid in full.
   * - `report_amounts_due`: the amounts are reported by the document's identities (what the order
   *   costs), `payment_info` carries what was paid, and a `partly_paid` warning says so.
   *
   * @default 'refuse'
   */
  readonly partlyPaid?: 'refuse' | 'report_amounts_due'
}

/**
 * What {@link toYoushuOrder} makes of an order: the `add_order` payload(s) — two for a
 * cash-on-delivery order counted as paid at ordering (1110, then 1150) — and the warnings.
 *
 * @example
 * ```ts
 * const { orders, warnings } = toYoushuOrder(order)
 * orders.length // 1 (2 for a cash-on-delivery order reported as paid when ordered)
 * ```
 */
export interface YoushuPreparedOrder {
  /** One `add_order` order per call, in the order they must be sent. */
  readonly orders: readonly YoushuOrder[]
  readonly warnings: readonly SyncWarning[]
}

/** `prefix.field` for each field. */
const under = (prefix: string, fields: readonly string[]): string[] =>
  fields.map((field) => `${prefix}.${field}`)

// Every canonical field toYoushuOrder reports, or warns about in words of its own, by where it
// goes; any other field present in an order gets a field_dropped warning (warnDroppedFields).
const carriedFields: readonly string[] = [
  // external_order_id, create_time, status_change_time, order_status, is_deleted, order_source.
  ...['id', 'createdAt', 'modifiedAt', 'statusChangedAt', 'status', 'hidden', 'channel'],
  // Every order has a type, and Youshu has no fulfilment type: the guide's mapping table says so
  // once, instead of a warning on every order.
  'type',
  'cashOnDelivery',
  // user_info (the email with a warning of its own), brand and store_info.
  ...under('buyer', ['id', 'platformUserId', 'phone', 'email']),
  ...under('merchant', ['brand', 'store.id', 'store.name', 'store.address.city']),
  // goods_info[].
  ...under('lines.*', ['id', 'skuId', 'name', 'skuName', 'productId', 'productName', 'imageUrls']),
  ...under('lines.*', ['category', 'unit', 'quantity', 'unitPrice', 'isGift', 'url']),
  // The amounts, coupon_info and promotion_info; payment_info[].
  ...['charges', 'payableAmount', 'paidAmount'],
  ...under('payments.*', ['method', 'amount', 'transactionId', 'merchantTradeNumber']),
  // express_info.
  ...under('delivery.address', ['name', 'phone', 'countryCode', 'line1', 'line2']),
  ...under('delivery.address', ['province', 'provinceCode', 'city', 'cityCode', 'district']),
  ...under('delivery.address', ['districtCode']),
  ...under('delivery', ['window', 'pickupCode', 'courier']),
  ...under('delivery.packages.*', ['carrierCode', 'carrierName', 'trackingNumber']),
  ...under('delivery.packages.*', ['shippedAt', 'trackingUrl', 'lines']),
  // After-sales with a warning of their own; target_url.
  ...['afterSales', 'detailPageUrl'],
]
const sourceByChannel = {
  mini_program: 'wxapp',
  app: 'app',
  mobile_web: 'mobileweb',
  pc_web: 'pcweb',
  pos: 'offstore_pos_manual',
  self_service_kiosk: 'offstore_pos_self_help',
  other: 'other',
} as const

const youshuConversion: ConversionSetup = {
  platform: 'youshu',
  platformName: 'Youshu',
  ruleCode: 'youshu_rule',
  optionSchemas: { order: youshuOrderOptionsSchema, line: youshuLineOptionsSchema },
}

/** What every step of the conversion reads: the order, its Youshu options, the client's options. */
interface YoushuMapping {
  readonly order: Order
  readonly youshu: YoushuOrderOptions
  readonly options: YoushuConversionOptions
  readonly conversion: Conversion
  /** The payload's values within Youshu's limits, whose problems go to `conversion`. */
  readonly values: YoushuWireValues
}

/** The amounts of the order in fen, by the document's identities. */
interface YoushuAmounts {
  /** `goods_amount_total`: the goods less the item-level discounts. */
  readonly goods: number
  /** `freight_amount`: the freight, less what the discounts take beyond the goods. */
  readonly freight: number
  /** `order_amount`: goods + freight. */
  readonly order: number
  /** `payable_amount`: order − the order-level discounts. */
  readonly payable: number
  /** `payment_amount`: payable − the payment-level discounts. */
  readonly payment: number
  /** Each line's share, whose `payable` is its goods `payment_amount`. */
  readonly lines: readonly LineDiscountAllocation[]
}

/** What the order's reports share: all but the status and the payments. */
interface YoushuOrderParts {
  readonly orderSource: (typeof youshuOrderSources)[number] | undefined
  readonly userInfo: YoushuOrder['user_info']
  readonly goodsInfo: readonly YoushuGoods[]
  readonly couponInfo: NonNullable<YoushuOrder['coupon_info']>
  readonly promotionInfo: NonNullable<YoushuOrder['promotion_info']>
  readonly expressInfo: YoushuExpress | undefined
  readonly invoiceInfo: YoushuOrder['invoice_info']
}

/**
 * Turns a valid canonical order into the payload of Youshu's `add_order`
 * (https://mp.zhls.qq.com/youshu-docs/develop/interface/order/add_order.html). Pure and synchronous: no I/O, phones hashed with @noble/hashes.
 *
 * Money: yuan numbers made from integer fen by core's one codec. The document's identities hold by
 * construction: `goods_amount_total` = goods − item-level discounts; `order_amount` = that +
 * freight; `payable_amount` = order − order-level discounts; `payment_amount` = payable −
 * payment-level discounts; each goods `payment_amount` is the line's exact share
 * (`allocateOrderDiscounts`), and the shares add up to `payment_amount` − `freight_amount`.
 * Fees have no Youshu field: they are left out of every amount, with a warning naming them.
 *
 * Phones: only hashes are sent — `sha256_user_phone` (and `md5_user_phone` on request),
 * `sha256_receiver_phone` — never a plain number, although the document's field table lists a plain
 * `receiver_phone`: its example sends the hash.
 *
 * @param parsed - A valid canonical order, as `parseOrder` returns it.
 * @param options - Order source default, cash-on-delivery reporting, mini program, MD5.
 * @returns The payload(s) and warnings.
 * @throws `InvalidArgumentError` (`@ordersync/core`) for an order that did not go through
 *   `parseOrder` or contains itself (a cycle); `ValidationError` (`@ordersync/core`) naming the
 *   canonical path and the Youshu rule an order breaks (a missing openid for a mini-program order,
 *   a name over Youshu's byte limit, a WeChat Pay payment without its trade number, an amount or
 *   a sum of amounts beyond what a yuan number carries exactly); `UnsupportedMappingError`
 *   (`@ordersync/core`) for what Youshu cannot take.
 * @example
 * ```ts
 * import { parseOrder } from '@ordersync/core'
 * import { youshuFaqOrder } from '@ordersync/youshu/fixtures'
 * import { toYoushuOrder } from '@ordersync/youshu'
 *
 * const { orders } = toYoushuOrder(parseOrder({ ...youshuFaqOrder, buyer: { platformUserId: 'o-openid' } }))
 * orders[0]?.order_amount // 110
 * orders[0]?.goods_info.map((goods) => goods.payment_amount) // [36, 54]
 * ```
 */
export function toYoushuOrder(
  parsed: Order,
  options: YoushuConversionOptions = {},
): YoushuPreparedOrder {
  const order = requireParsedOrder(parsed, 'youshu')
  const conversion = startConversion(order, youshuConversion)
  refuseOtherCurrencies(order)
  const mapping: YoushuMapping = {
    order,
    youshu: order.platformOptions?.youshu ?? {},
    options,
    conversion,
    values: youshuWireValues(conversion),
  }
  // The steps run in this order so that warnings and problems are listed as before: money, the
  // fields dropped, status, user, goods, discounts, delivery, then each report's own fields.
  const amounts = mapAmounts(order, conversion)
  conversion.warn(...warnDroppedFields(order, carriedFields, 'Youshu'), ...warnExtraImages(order))
  const status = mapYoushuStatus(order, options.cashOnDelivery)
  conversion.warn(...status.warnings)
  checkPartPayment(mapping, status, amounts.payment)
  const orderSource = mapOrderSource(mapping)
  const userInfo = mapUserInfo(mapping, orderSource)
  const goodsInfo = mapGoodsInfo(mapping, amounts.lines)
  const { couponInfo, promotionInfo } = mapDiscounts(mapping)
  const expressInfo = mapExpressInfo(mapping)
  warnAfterSales(mapping)
  const parts: YoushuOrderParts = {
    orderSource,
    userInfo,
    goodsInfo,
    couponInfo,
    promotionInfo,
    expressInfo,
    invoiceInfo: mapInvoiceInfo(mapping.youshu),
  }
  const first = buildOrder(
    mapping,
    parts,
    amounts,
    status.status,
    status.followUpStatus === undefined && status.treatedAsPaid,
  )
  const orders =
    status.followUpStatus === undefined
      ? [first]
      : [first, buildOrder(mapping, parts, amounts, status.followUpStatus, true)]
  // The finished payload is not validated again: every Youshu limit is checked above, at the
  // canonical path, as the payload is built. A property test (testWideOrders) proves that on any
  // valid order the conversion either builds a payload youshuOrderSchema accepts or refuses the
  // order this way.
  const { payload, warnings } = conversion.finish(orders)
  return { orders: payload, warnings }
}

function refuseOtherCurrencies(order: Order): void {
  const currency = order.payableAmount.currency
  if (currency !== 'CNY') {
    throw new UnsupportedMappingError({
      platform: 'youshu',
      path: ['payableAmount', 'currency'],
      reason: `Youshu reports amounts in yuan; an order in ${currency} cannot be reported`,
    })
  }
}

// Money, by the document's identities.

function mapAmounts(order: Order, conversion: Conversion): YoushuAmounts {
  const discounts = order.charges.discounts ?? []
  const sum = (level: 'item' | 'order' | 'payment'): number =>
    discounts
      .filter((discount) => discount.level === level)
      .reduce((total, discount) => total + discount.amount.amount, 0)
  const allocation = allocateOrderDiscounts(order)
  const goods = order.charges.goodsSubtotal.amount - sum('item')
  const freight = freightAfterExcessDiscounts(order, allocation.unallocated, conversion)
  const orderAmount = goods + freight
  const payable = orderAmount - (sum('order') - allocation.unallocated.order.amount)
  const payment = payable - (sum('payment') - allocation.unallocated.payment.amount)
  warnFees(order, conversion)
  return { goods, freight, order: orderAmount, payable, payment, lines: allocation.lines }
}

/** Discounts larger than the goods can only have reduced the freight (a freight coupon). */
function freightAfterExcessDiscounts(
  order: Order,
  unallocated: ReturnType<typeof allocateOrderDiscounts>['unallocated'],
  conversion: Conversion,
): number {
  const freight = order.charges.freight?.amount ?? 0
  const excess = unallocated.order.amount + unallocated.payment.amount
  if (excess <= 0) return freight
  if (excess > freight) {
    throw new UnsupportedMappingError({
      platform: 'youshu',
      path: ['charges', 'discounts'],
      reason:
        'the discounts exceed goods and freight together; Youshu has no field for what they reduce beyond those',
    })
  }
  conversion.warn({
    path: ['charges', 'discounts'],
    code: 'value_folded',
    message: `discounts exceed the goods by ${formatCnyAmount(excess)}: reported as a lower freight_amount`,
  })
  return freight - excess
}

function warnFees(order: Order, conversion: Conversion): void {
  for (const [index, fee] of (order.charges.fees ?? []).entries()) {
    conversion.warn({
      path: ['charges', 'fees', index],
      code: 'field_dropped',
      message: `Youshu has no field for additional charges: ${quoteValue(fee.name)} (${formatCnyAmount(fee.amount.amount)}) is not in any reported amount`,
    })
  }
}

function warnExtraImages(order: Order): SyncWarning[] {
  return order.lines.flatMap((line, index) =>
    (line.imageUrls?.length ?? 0) > 1
      ? [
          {
            path: ['lines', index, 'imageUrls'],
            code: 'field_dropped',
            message:
              'Youshu takes one image per goods (primary_image_url): only the first is reported',
          },
        ]
      : [],
  )
}

/**
 * A part payment: Youshu's payment_amount is what was paid (实付金额) and also payable − payment
 * discounts, with the goods' shares adding up to it; a part payment cannot be both. Awaiting
 * payment (1110), an order's amounts are what it costs, paid or not: reported so, with a warning.
 * In a status Youshu counts as paid, they would report money not received: partlyPaid decides.
 */
function checkPartPayment(
  { order, options, conversion }: YoushuMapping,
  status: YoushuStatusMapping,
  paymentAmount: number,
): void {
  const paid = order.paidAmount.amount
  const payable = order.payableAmount.amount
  if (paid <= 0 || paid >= payable) return
  const reportedAsPaid = status.status !== '1110' || status.followUpStatus !== undefined
  if (reportedAsPaid && (options.partlyPaid ?? 'refuse') === 'refuse') {
    throw new UnsupportedMappingError({
      platform: 'youshu',
      path: ['paidAmount'],
      reason: `is ${formatCnyAmount(paid)} of payableAmount ${formatCnyAmount(payable)} in order_status ${status.followUpStatus ?? status.status}, which Youshu counts as paid: its payment_amount is the amount paid and must also equal payable_amount − the payment discounts, with the goods' payment_amount (on which Youshu counts GMV) adding up to it, which a part payment cannot satisfy. Sync the order as awaiting payment until it is paid in full, or set partlyPaid: 'report_amounts_due' to report the amounts the order costs, with what was paid in payment_info`,
    })
  }
  conversion.warn({
    path: ['paidAmount'],
    code: 'partly_paid',
    message: `the order is partly paid (${formatCnyAmount(paid)} of ${formatCnyAmount(payable)}): payment_amount and the goods' payment_amount report what the order costs after discounts (${formatCnyAmount(paymentAmount)}), not what was paid; payment_info carries the payments made`,
  })
}

// Source and user.

function mapOrderSource({
  order,
  options,
  conversion,
}: YoushuMapping): YoushuOrderParts['orderSource'] {
  const orderSource =
    order.channel === undefined
      ? (options.defaultOrderSource ?? 'wxapp')
      : Object.hasOwn(sourceByChannel, order.channel)
        ? sourceByChannel[order.channel]
        : undefined
  if (orderSource === undefined)
    conversion.problem(
      ['channel'],
      `is ${quoteValue(order.channel)}, not a channel ordersync knows`,
    )
  return orderSource
}

function mapUserInfo(
  { order, youshu, options, conversion, values }: YoushuMapping,
  orderSource: YoushuOrderParts['orderSource'],
): YoushuOrder['user_info'] {
  const openId = order.buyer?.platformUserId
  if (orderSource === 'wxapp' && openId === undefined) {
    conversion.problem(
      ['buyer', 'platformUserId'],
      "is required: Youshu's user_info.open_id is mandatory when order_source is wxapp",
    )
  }
  const phone = order.buyer?.phone
  const userInfo = omitUndefined({
    open_id: openId,
    app_id: options.miniProgram?.appId,
    union_id: youshu.unionId,
    sha256_user_phone: phone === undefined ? undefined : hashYoushuPhone(phone, 'sha256'),
    md5_user_phone:
      phone !== undefined && options.includeMd5Phone === true
        ? hashYoushuPhone(phone, 'md5')
        : undefined,
    user_id: order.buyer?.id,
    qb_account_info: youshu.qbAccountInfo,
    chan_id_hj: youshu.chanIdHj,
    member_id: youshu.memberId,
    card_level: youshu.cardLevel,
    user_first_order_time:
      youshu.userFirstOrderAt === undefined
        ? undefined
        : values.milliseconds(
            toInstant(youshu.userFirstOrderAt, 'platformOptions.youshu.userFirstOrderAt'),
            ['platformOptions', 'youshu', 'userFirstOrderAt'],
            'user_first_order_time',
          ),
  })
  if (order.buyer?.email !== undefined) {
    conversion.warn({
      path: ['buyer', 'email'],
      code: 'field_dropped',
      message: 'Youshu has no field for the buyer’s email',
    })
  }
  return userInfo
}

/**
 * A `target_url`: the page's mini-program path with the mini program's appid and original id,
 * over the Youshu options' own fields; a goods page's path is limited to 100 bytes.
 */
function mapTargetUrl(
  { options, conversion, values }: YoushuMapping,
  page: {
    readonly path: string | undefined
    readonly extra: YoushuTargetUrl | undefined
    readonly at: readonly (string | number)[]
    readonly limited: boolean
  },
): YoushuTargetUrl | undefined {
  if (page.path === undefined) return page.extra
  if (options.miniProgram === undefined) {
    conversion.warn({
      path: page.at,
      code: 'field_dropped',
      message:
        "Youshu's target_url needs the mini program's appid and original id: set miniProgram { appId, username } to report this page",
    })
    return page.extra
  }
  if (page.limited) values.bytes(page.path, 100, page.at, 'target_url.url_miniprogram')
  return omitUndefined({
    ...page.extra,
    url_miniprogram: page.path,
    miniprogram_appid: options.miniProgram.appId,
    miniprogram_username: options.miniProgram.username,
  })
}

// Goods.

function mapGoodsInfo(
  mapping: YoushuMapping,
  shares: readonly LineDiscountAllocation[],
): YoushuGoods[] {
  const store = mapping.order.merchant?.store
  const storeInfo =
    store === undefined
      ? undefined
      : omitUndefined({
          external_store_id: store.id,
          store_name: store.name,
          store_city: store.address?.city,
        })
  return mapping.order.lines.map((line, index) =>
    mapGoods(mapping, line, index, shares[index], storeInfo),
  )
}

function mapGoods(
  mapping: YoushuMapping,
  line: OrderLine,
  index: number,
  share: LineDiscountAllocation | undefined,
  storeInfo: YoushuGoods['store_info'],
): YoushuGoods {
  const { conversion, values } = mapping
  const lineOptions: YoushuLineOptions = line.platformOptions?.youshu ?? {}
  if (line.skuName !== undefined && line.skuName !== line.name) {
    conversion.warn({
      path: ['lines', index, 'skuName'],
      code: 'field_dropped',
      message: 'Youshu has one SKU name: sku_name_chinese carries the line name',
    })
  }
  return omitUndefined({
    external_sku_id: line.skuId,
    primary_image_url: line.imageUrls?.[0],
    sku_name_chinese: line.name,
    goods_amount: values.yuan(line.unitPrice, ['lines', index, 'unitPrice'], 'goods_amount'),
    payment_amount: values.yuan(
      share?.payable ?? { amount: 0, currency: 'CNY' },
      ['lines', index],
      'goods payment_amount',
    ),
    is_gift: formatYoushuFlag(line.isGift),
    // Without an SPU, the SPU id and name repeat the SKU's (document, external_spu_id / spu_name_chinese).
    external_spu_id: line.productId ?? line.skuId,
    spu_name_chinese: line.productName ?? line.name,
    sale_unit: line.unit,
    category_id: line.category?.id,
    category_name: line.category?.name,
    goods_num: line.quantity,
    goods_weight: lineOptions.weightGrams,
    attribute_ids: lineOptions.attributeIds,
    store_info: lineOptions.storeInfo ?? storeInfo,
    seller_info: lineOptions.sellerInfo,
    target_url: mapTargetUrl(mapping, {
      path: line.url,
      extra: lineOptions.targetUrl,
      at: ['lines', index, 'url'],
      limited: true,
    }),
    chan_info: lineOptions.chanInfo,
    commission_info: lineOptions.commissionInfo?.map((commission, commissionIndex) => ({
      commission_type: commission.type,
      commission_fee: values.yuan(
        commission.fee,
        ['lines', index, 'platformOptions', 'youshu', 'commissionInfo', commissionIndex, 'fee'],
        'commission_fee',
      ),
    })),
    third_promotion_info: mapThirdPromotion(values, lineOptions.thirdPromotionInfo, index),
  })
}

function mapThirdPromotion(
  values: YoushuWireValues,
  info: YoushuLineOptions['thirdPromotionInfo'],
  index: number,
): YoushuGoods['third_promotion_info'] {
  if (info === undefined) return undefined
  const at = ['lines', index, 'platformOptions', 'youshu', 'thirdPromotionInfo']
  return omitUndefined({
    is_calculated: formatYoushuFlag(info.isCalculated),
    no_calculated_reason: info.noCalculatedReason,
    commission_rate: info.commissionRatePercent,
    commission_fee:
      info.commissionFee === undefined
        ? undefined
        : values.yuan(info.commissionFee, [...at, 'commissionFee'], 'commission_fee'),
    actual_commission_amount:
      info.actualCommissionAmount === undefined
        ? undefined
        : values.yuan(
            info.actualCommissionAmount,
            [...at, 'actualCommissionAmount'],
            'actual_commission_amount',
          ),
    is_settle: formatYoushuFlag(info.isSettled),
    settle_time:
      info.settledAt === undefined
        ? undefined
        : values.milliseconds(
            toInstant(
              info.settledAt,
              `lines[${index}].platformOptions.youshu.thirdPromotionInfo.settledAt`,
            ),
            [...at, 'settledAt'],
            'settle_time',
          ),
  })
}

type YoushuCouponDetail = NonNullable<YoushuCoupon['coupon_detail']>[number]

/**
 * Discounts: coupons by coupon type (payment-level coupons are WeChat Pay's, type 2); the rest as
 * promotions (member price 1, other 2). Each coupon group's total is summed in fen, then converted
 * once.
 */
function mapDiscounts({
  order,
  values,
}: YoushuMapping): Pick<YoushuOrderParts, 'couponInfo' | 'promotionInfo'> {
  const couponGroups = new Map<1 | 2, { fen: number; details: YoushuCouponDetail[] }>()
  const promotionInfo: YoushuPromotion[] = []
  for (const [index, discount] of (order.charges.discounts ?? []).entries()) {
    const at = ['charges', 'discounts', index, 'amount']
    if (discount.kind === 'coupon') {
      const type = discount.level === 'payment' ? 2 : 1
      const group = couponGroups.get(type) ?? { fen: 0, details: [] }
      group.fen += discount.amount.amount
      group.details.push(
        omitUndefined({
          coupon_code: discount.code,
          external_coupon_id: discount.id,
          coupon_name: discount.name,
          coupon_amount: values.yuan(discount.amount, at, 'coupon_amount'),
        }),
      )
      couponGroups.set(type, group)
    } else {
      const promotionType: 1 | 2 = discount.kind === 'member_price' ? 1 : 2
      promotionInfo.push(
        omitUndefined({
          promotion_type: promotionType,
          external_promotion_id: discount.id,
          promotion_name: discount.name,
          promotion_amount: values.yuan(discount.amount, at, 'promotion_amount'),
        }),
      )
    }
  }
  const couponInfo = [...couponGroups.entries()].map(([type, group]) => ({
    coupon_type: type,
    coupon_amount_total: values.yuan(
      { amount: group.fen, currency: 'CNY' },
      ['charges', 'discounts'],
      'coupon_amount_total',
    ),
    coupon_detail: group.details,
  }))
  return { couponInfo, promotionInfo }
}

// Payments (FAQ: a non-WeChat or zero-amount payment is 00001 with the order id as trans_id).

function mapPaymentInfo(
  mapping: YoushuMapping,
  status: YoushuOrderStatus,
  treatedAsPaid: boolean,
): YoushuPayment[] | undefined {
  const payments = mapping.order.payments ?? []
  if (status === '1110' && payments.length === 0) return undefined
  if (payments.length === 0) return mapUnrecordedPayment(mapping, status, treatedAsPaid)
  return payments.map((payment, index) => mapPayment(mapping, payment, index))
}

/** An order without payments: none paid (or cash on delivery counted as paid) is one 00001. */
function mapUnrecordedPayment(
  { order, conversion, values }: YoushuMapping,
  status: YoushuOrderStatus,
  treatedAsPaid: boolean,
): YoushuPayment[] | undefined {
  if (order.paidAmount.amount > 0) {
    conversion.problem(
      ['payments'],
      `are required: Youshu needs payment_info for order_status ${status}`,
    )
    return undefined
  }
  const amount =
    order.cashOnDelivery === true && treatedAsPaid ? order.payableAmount : order.paidAmount
  return [
    {
      payment_type: '00001',
      trans_id: order.id,
      trans_amount: values.yuan(
        amount,
        [amount === order.payableAmount ? 'payableAmount' : 'paidAmount'],
        'trans_amount',
      ),
    },
  ]
}

function mapPayment(mapping: YoushuMapping, payment: Payment, index: number): YoushuPayment {
  const { order, youshu, conversion, values } = mapping
  // An own property only: a method named "constructor" is no payment type.
  const paymentTypes = youshu.paymentTypes
  const mapped =
    paymentTypes !== undefined && Object.hasOwn(paymentTypes, payment.method)
      ? paymentTypes[payment.method]
      : undefined
  const transAmount = (): number =>
    values.yuan(payment.amount, ['payments', index, 'amount'], 'trans_amount')
  if (payment.method === 'wechat_pay' && payment.amount.amount > 0) {
    checkWechatPayment(conversion, payment, index)
    return omitUndefined({
      payment_type: '00009',
      trans_id: payment.transactionId ?? '',
      trans_amount: transAmount(),
      out_trade_number: payment.merchantTradeNumber,
    })
  }
  if (mapped !== undefined && payment.amount.amount > 0) {
    return {
      payment_type: mapped,
      trans_id: payment.transactionId ?? order.id,
      trans_amount: transAmount(),
    }
  }
  return { payment_type: '00001', trans_id: order.id, trans_amount: transAmount() }
}

/** A WeChat Pay payment (00009) needs its trans_id and out_trade_number. */
function checkWechatPayment(conversion: Conversion, payment: Payment, index: number): void {
  if (payment.transactionId === undefined) {
    conversion.problem(
      ['payments', index, 'transactionId'],
      'is required for a WeChat Pay payment (payment_type 00009 trans_id)',
    )
  }
  if (payment.merchantTradeNumber === undefined) {
    conversion.problem(
      ['payments', index, 'merchantTradeNumber'],
      'is required for a WeChat Pay payment (payment_type 00009 needs out_trade_number)',
    )
  } else if (!/^[0-9A-Za-z_\-*]+$/.test(payment.merchantTradeNumber)) {
    conversion.problem(
      ['payments', index, 'merchantTradeNumber'],
      "allows only letters, digits and _-* (Youshu's out_trade_number)",
    )
  }
}

// Delivery.

function mapExpressInfo(mapping: YoushuMapping): YoushuExpress | undefined {
  const { order, youshu, conversion, values } = mapping
  const delivery = order.delivery
  if (delivery === undefined) return undefined
  const address = delivery.address
  const line = [address?.line1, address?.line2].filter((part) => part !== undefined).join(' ')
  const expected = mapExpectedDelivery(conversion, delivery.window)
  const packages = mapExpressPackages(mapping, delivery)
  warnUnreportedDelivery(conversion, delivery)
  const express = omitUndefined({
    goods_total_weight: youshu.expressGoodsWeightGrams,
    receiver_country_code: address?.countryCode,
    receiver_province_code: address?.provinceCode,
    receiver_province_name: values.bytes(
      address?.province,
      64,
      ['delivery', 'address', 'province'],
      'receiver_province_name',
    ),
    receiver_city_code: address?.cityCode,
    receiver_city_name: values.bytes(
      address?.city,
      64,
      ['delivery', 'address', 'city'],
      'receiver_city_name',
    ),
    receiver_district_code: address?.districtCode,
    receiver_district_name: values.bytes(
      address?.district,
      64,
      ['delivery', 'address', 'district'],
      'receiver_district_name',
    ),
    receiver_address: values.bytes(
      line === '' ? undefined : line,
      100,
      ['delivery', 'address', 'line1'],
      'receiver_address',
    ),
    receiver_name: values.bytes(
      address?.name,
      100,
      ['delivery', 'address', 'name'],
      'receiver_name',
    ),
    sha256_receiver_phone:
      address?.phone === undefined ? undefined : hashYoushuPhone(address.phone, 'sha256'),
    expected_delivery_time: expected.time,
    expected_delivery_date: expected.date,
    logistics_status: youshu.logisticsStatus,
    express_package_info: packages.length === 0 ? undefined : packages,
  })
  return Object.keys(express).length === 0 ? undefined : express
}

/**
 * `expected_delivery_date` (YYYYMMDD) and `expected_delivery_time` ("9:00-12:00"), in Beijing
 * time; a window over several days keeps its date only, with a warning.
 */
function mapExpectedDelivery(
  conversion: Conversion,
  window: Delivery['window'],
): { readonly date?: string; readonly time?: string } {
  const { start, end } = window ?? {}
  if (start === undefined) return {}
  const startText = formatWallClock(start, beijingTime)
  const date = startText.slice(0, 10).replaceAll('-', '')
  if (end === undefined) return { date }
  const endText = formatWallClock(end, beijingTime)
  const clock = (text: string): string => `${Number(text.slice(11, 13))}:${text.slice(14, 16)}`
  if (endText.slice(0, 10) === startText.slice(0, 10))
    return { date, time: `${clock(startText)}-${clock(endText)}` }
  conversion.warn({
    path: ['delivery', 'window'],
    code: 'field_dropped',
    message:
      'the delivery window spans days; Youshu takes one date and a time range: only the date is reported',
  })
  return { date }
}

function mapExpressPackages(
  { order, youshu, values }: YoushuMapping,
  delivery: Delivery,
): YoushuExpressPackage[] {
  return (delivery.packages ?? []).map((entry, index) =>
    omitUndefined({
      express_company_code: entry.carrierCode,
      express_company_name: entry.carrierName,
      express_code: entry.trackingNumber,
      ship_time:
        entry.shippedAt === undefined
          ? undefined
          : values.milliseconds(
              entry.shippedAt,
              ['delivery', 'packages', index, 'shippedAt'],
              'ship_time',
            ),
      logistics_status: youshu.packages?.[index]?.logistics_status,
      express_page:
        youshu.packages?.[index]?.express_page ??
        (entry.trackingUrl === undefined ? undefined : { miniprogram_h5: entry.trackingUrl }),
      express_package_info: entry.lines?.map((packed) => ({
        external_sku_id:
          order.lines.find((candidate) => candidate.id === packed.lineId)?.skuId ?? packed.lineId,
        number: packed.quantity,
      })),
    }),
  )
}

function warnUnreportedDelivery(conversion: Conversion, delivery: Delivery): void {
  if (delivery.courier !== undefined) {
    conversion.warn({
      path: ['delivery', 'courier'],
      code: 'field_dropped',
      message: 'Youshu has no field for a courier',
    })
  }
  if (delivery.pickupCode !== undefined) {
    conversion.warn({
      path: ['delivery', 'pickupCode'],
      code: 'field_dropped',
      message: 'Youshu has no field for a pickup code',
    })
  }
}

function warnAfterSales({ order, conversion }: YoushuMapping): void {
  if ((order.afterSales ?? []).length > 0) {
    conversion.warn({
      path: ['afterSales'],
      code: 'field_dropped',
      message:
        'Youshu has no after-sale fields in add_order: refunds show only as order_status 1280/1290',
    })
  }
}

/** `invoice_info`, the plain phones of the options sent only as SHA-256. */
function mapInvoiceInfo(youshu: YoushuOrderOptions): YoushuOrder['invoice_info'] {
  return youshu.invoices?.map((invoice) => {
    const { registryPhone, invoiceDeliveryPhone, ...rest } = invoice
    return omitUndefined({
      ...rest,
      sha256_registry_phone:
        registryPhone === undefined ? undefined : hashYoushuPhone(registryPhone, 'sha256'),
      sha256_invoice_delivery_phone:
        invoiceDeliveryPhone === undefined
          ? undefined
          : hashYoushuPhone(invoiceDeliveryPhone, 'sha256'),
    })
  })
}

/**
 * One add_order order in `status`. A cash-on-delivery order counted as paid at ordering is built
 * twice (1110, then 1150), and each build checks its amounts and times again.
 */
function buildOrder(
  mapping: YoushuMapping,
  parts: YoushuOrderParts,
  amounts: YoushuAmounts,
  status: YoushuOrderStatus,
  treatedAsPaid: boolean,
): YoushuOrder {
  const { order, youshu, values } = mapping
  const yuan = (fen: number, path: readonly (string | number)[], field: string): number =>
    values.yuan({ amount: fen, currency: 'CNY' }, path, field)
  return omitUndefined({
    external_order_id: order.id,
    ...youshu.wechatPay,
    create_time: values.milliseconds(order.createdAt, ['createdAt'], 'create_time'),
    order_source: parts.orderSource,
    order_type: youshu.orderType ?? 1,
    brand_id: order.merchant?.brand?.id,
    brand_name: order.merchant?.brand?.name,
    goods_num_total: order.lines.reduce((total, line) => total + line.quantity, 0),
    goods_weight: youshu.goodsWeightGrams,
    goods_amount_total: yuan(amounts.goods, ['charges', 'goodsSubtotal'], 'goods_amount_total'),
    freight_amount: yuan(amounts.freight, ['charges', 'freight'], 'freight_amount'),
    order_amount: yuan(amounts.order, ['payableAmount'], 'order_amount'),
    payable_amount: yuan(amounts.payable, ['payableAmount'], 'payable_amount'),
    payment_amount: yuan(amounts.payment, ['payableAmount'], 'payment_amount'),
    order_status: status,
    status_change_time: values.milliseconds(
      order.statusChangedAt ?? order.modifiedAt,
      [order.statusChangedAt === undefined ? 'modifiedAt' : 'statusChangedAt'],
      'status_change_time',
    ),
    user_info: parts.userInfo,
    goods_info: parts.goodsInfo,
    coupon_info: parts.couponInfo.length === 0 ? undefined : parts.couponInfo,
    promotion_info: parts.promotionInfo.length === 0 ? undefined : parts.promotionInfo,
    payment_info: mapPaymentInfo(mapping, status, treatedAsPaid),
    express_info: parts.expressInfo,
    invoice_info: parts.invoiceInfo,
    points_total: youshu.pointsTotal,
    target_url: mapTargetUrl(mapping, {
      path: order.detailPageUrl,
      extra: youshu.targetUrl,
      at: ['detailPageUrl'],
      limited: false,
    }),
    is_deleted: order.hidden === true ? 1 : undefined,
    // order_source is undefined only for an unknown channel, a problem on which finish() throws.
  }) as YoushuOrder
}
