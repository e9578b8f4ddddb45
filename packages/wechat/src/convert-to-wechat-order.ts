import {
  allocateOrderDiscounts,
  type Conversion,
  formatBeijingWallClock,
  type Order,
  type OrderDiscountAllocation,
  type OrderStatus,
  omitUndefined,
  requireParsedOrder,
  type SyncWarning,
  startConversion,
  toInstant,
  UnsupportedMappingError,
  warnDroppedFields,
} from '@ordersync/core'
import { checkWechatPartPayment } from './check-wechat-part-payment.ts'
import {
  isPickedUpAtStore,
  toWechatAddressInfo,
  toWechatDeliveryType,
} from './convert-to-wechat-address-info.ts'
import { toWechatProductInfos } from './convert-to-wechat-product-infos.ts'
import { toWechatSyncSteps, type WechatSyncStep } from './convert-to-wechat-sync-steps.ts'
import { mapWechatStatus } from './map-wechat-status.ts'
import { type WechatOrderOptions, wechatOrderOptionsSchema } from './wechat-order-options.ts'
import type {
  WechatAddOrderRequest,
  WechatPayInfo,
  WechatPriceInfo,
} from './wechat-order-schema.ts'

/**
 * Settings that shape the WeChat payload beyond the order itself.
 *
 * @example
 * ```ts
 * toWechatOrder(order, { defaultScene: 1001 })
 * ```
 */
export interface WechatConversionOptions {
  /** `scene` for an order without `platformOptions.wechat.scene` (the page requires a scene value). */
  readonly defaultScene?: number
}

/**
 * What {@link toWechatOrder} makes of an order: the `shop/order/add` body, the calls that bring
 * the WeChat order to the order's status (each only from the status WeChat requires), and the
 * warnings.
 *
 * @example
 * ```ts
 * const { add, steps, status } = toWechatOrder(order, { defaultScene: 1177 })
 * steps.map((step) => step.endpoint) // ['/shop/order/pay', '/shop/delivery/send'] for a shipped order
 * ```
 */
export interface WechatPreparedOrder {
  /** The body of `shop/order/add`: it creates or replaces the whole order, in status 10. */
  readonly add: WechatAddOrderRequest
  /** The calls after add, in order. */
  readonly steps: readonly WechatSyncStep[]
  /** The status the order ends in. */
  readonly status: 10 | 20 | 30 | 100 | 250
  /** The canonical status it comes from (the words of a warning depend on it). */
  readonly canonicalStatus: OrderStatus
  /** The version's `modifiedAt`, epoch milliseconds: an older version is never sent over a newer. */
  readonly modifiedAt: number
  /** The personal values the bodies carry (the receiver's phone), redacted from what hooks and errors see. */
  readonly sensitive: readonly string[]
  readonly warnings: readonly SyncWarning[]
}

// Every canonical field toWechatOrder sends, or warns about in words of its own; any other field
// present in an order gets a field_dropped warning (warnDroppedFields).
const carriedFields = [
  'id',
  'type',
  'status',
  'statusChangedAt',
  'createdAt',
  'modifiedAt',
  'cashOnDelivery',
  'buyer.id',
  'buyer.platformUserId',
  'lines.*.id',
  'lines.*.skuId',
  'lines.*.productId',
  'lines.*.name',
  'lines.*.quantity',
  'lines.*.unitPrice',
  'lines.*.imageUrls',
  'lines.*.url',
  'charges',
  'payableAmount',
  'paidAmount',
  'payments.*.method',
  'payments.*.amount',
  'payments.*.transactionId',
  'payments.*.paidAt',
  'delivery.address.name',
  'delivery.address.phone',
  'delivery.address.country',
  'delivery.address.province',
  'delivery.address.city',
  'delivery.address.district',
  'delivery.address.town',
  'delivery.address.line1',
  'delivery.address.line2',
  'delivery.packages.*.carrierCode',
  'delivery.packages.*.trackingNumber',
  'delivery.packages.*.shippedAt',
  'detailPageUrl',
]

// The store's fields that address_info carries for a pick-up order without an address of its own.
const storeFields = [
  'merchant.store.name',
  'merchant.store.phone',
  'merchant.store.address.name',
  'merchant.store.address.phone',
  'merchant.store.address.country',
  'merchant.store.address.province',
  'merchant.store.address.city',
  'merchant.store.address.district',
  'merchant.store.address.town',
  'merchant.store.address.line1',
  'merchant.store.address.line2',
]

/**
 * Turns a valid canonical order into the calls of WeChat's custom transaction component:
 * `shop/order/add` (WeChat's page "生成订单"), then `shop/order/pay`, `shop/delivery/send` and
 * `shop/delivery/recieve` as the order's status needs. Pure and synchronous.
 *
 * Money, integer fen throughout: `order_price` = payableAmount = Σ(sale_price × product_cnt) +
 * freight − discounted_price (every discount, all levels) + additional_price (the fees);
 * `real_price` is each unit's price after its share of the discounts (`allocateOrderDiscounts`),
 * so Σ(real_price × product_cnt) + freight + additional_price = order_price exactly. Where a
 * line's share does not divide by its quantity, the order-level discounts are apportioned anew
 * to the fen (a `discount_reapportioned` warning) so that every line keeps one product_infos entry;
 * where no apportionment allows it (a single such line), the line is sent as two product_infos of
 * the same SKU, one fen apart, with a `line_split` warning, so that nothing is rounded. Time:
 * Beijing wall clocks, whatever the host's TZ.
 *
 * @param parsed - A valid canonical order, as `parseOrder` returns it.
 * @param options - The default scene.
 * @returns The add body, the follow-up calls, the final status and the warnings.
 * @throws `InvalidArgumentError` (`@ordersync/core`) for an order that did not go through
 *   `parseOrder`; `ValidationError` naming the canonical path and the WeChat rule an
 *   order breaks (no openid, no image or page of a line, no prepay id for WeChat Pay, no
 *   transaction id for a paid WeChat Pay order, no address for a delivery, a part payment in a
 *   status past payment: `paidAmount`, code `partly_paid`); `UnsupportedMappingError`
 *   for an order not in CNY.
 * @example
 * ```ts
 * import { parseOrder } from '@ordersync/core'
 * import { wechatDocumentOrder } from '@ordersync/wechat/fixtures'
 * import { toWechatOrder } from '@ordersync/wechat'
 *
 * const order = parseOrder({
 *   ...wechatDocumentOrder,
 *   platformOptions: { wechat: { scene: 1177, prepayId: '42526234625', prepayAt: '2020-03-25T14:04:25+08:00' } },
 * })
 * toWechatOrder(order).add.order_detail.product_infos[0]?.real_price // 90
 * ```
 */
export function toWechatOrder(
  parsed: Order,
  options: WechatConversionOptions = {},
): WechatPreparedOrder {
  const order = requireParsedOrder(parsed, 'wechat')
  const conversion = startConversion(order, {
    platform: 'wechat',
    platformName: 'WeChat',
    ruleCode: 'wechat_rule',
    optionSchemas: { order: wechatOrderOptionsSchema },
  })
  requireCny(order)
  const wechat: WechatOrderOptions = order.platformOptions?.wechat ?? {}
  const mapping = mapWechatStatus(order)
  conversion.warn(...mapping.warnings)
  checkWechatPartPayment(order, mapping.status, conversion)
  const head = toWechatOrderHead(order, wechat, options, conversion)
  const allocation = allocateOrderDiscounts(order)
  const priceInfo = toWechatPriceInfo(order, allocation, conversion)
  const productInfos = toWechatProductInfos(order, allocation, conversion)
  const payInfo = toWechatPayInfo(order, wechat, conversion)
  const deliveryType = toWechatDeliveryType(order, wechat, conversion)
  const atStore = isPickedUpAtStore(order, deliveryType)
  conversion.warn(
    ...warnDroppedFields(
      order,
      atStore ? [...carriedFields, ...storeFields] : carriedFields,
      'WeChat',
    ),
  )
  const { addressInfo, sensitive } = toWechatAddressInfo(order, deliveryType, conversion)
  const add: WechatAddOrderRequest = omitUndefined({
    create_time: formatBeijingWallClock(order.createdAt),
    out_order_id: order.id,
    openid: head.openid,
    path: head.path,
    scene: head.scene,
    out_user_id: order.buyer?.id,
    order_detail: { product_infos: productInfos, pay_info: payInfo, price_info: priceInfo },
    delivery_detail: { delivery_type: deliveryType },
    address_info: addressInfo,
  })
  const steps = toWechatSyncSteps(
    order,
    {
      target: mapping.status,
      reference: { out_order_id: order.id, openid: head.openid },
      payMethodType: payInfo.pay_method_type,
      deliveryType,
      wechat,
    },
    conversion,
  )
  // The finished payload is not validated again: every limit of the platform is checked above, at
  // the canonical path, as the payload is built. A property test (testWideOrders, on orders with
  // texts of every length and width) proves that on any valid order the conversion either builds
  // a payload each request schema accepts or refuses the order this way.
  const { payload, warnings } = conversion.finish({
    add,
    steps,
    status: mapping.status,
    canonicalStatus: order.status,
    modifiedAt: order.modifiedAt,
    sensitive,
  })
  return { ...payload, warnings }
}

/** WeChat's price fields are fen of CNY: an order in another currency cannot be reported. */
function requireCny(order: Order): void {
  const currency = order.payableAmount.currency
  if (currency === 'CNY') return
  throw new UnsupportedMappingError({
    platform: 'wechat',
    path: ['payableAmount', 'currency'],
    reason: `WeChat's price fields are fen (分) of CNY; an order in ${currency} cannot be reported`,
  })
}

/**
 * `openid`, `path` and `scene` of the add body: the buyer's openid, the order page, and the scene
 * value (the option's, else the client's `defaultScene`), each a problem when missing.
 */
function toWechatOrderHead(
  order: Order,
  wechat: WechatOrderOptions,
  options: WechatConversionOptions,
  conversion: Conversion,
): { readonly openid: string; readonly path: string; readonly scene: number } {
  const openid = order.buyer?.platformUserId
  if (openid === undefined)
    conversion.problem(
      ['buyer', 'platformUserId'],
      'is required: it is the openid of shop/order/add',
    )
  if (order.detailPageUrl === undefined)
    conversion.problem(
      ['detailPageUrl'],
      'is required: it is the path of shop/order/add (the order page)',
    )
  const scene = wechat.scene ?? options.defaultScene
  if (scene === undefined)
    conversion.problem(
      ['platformOptions', 'wechat', 'scene'],
      'is required (or the client setting defaultScene): shop/order/add needs the scene value of the order',
    )
  return { openid: openid ?? '', path: order.detailPageUrl ?? '', scene: scene ?? 0 }
}

/**
 * `order_detail.price_info`: order_price the payable amount, freight, every discount as
 * discounted_price, the fees as additional_price with their names. Discounts larger than the
 * goods (a coupon that also covers freight or fees) cannot sit in any real_price: they are taken
 * off freight, then additional_price, so both price rules hold (a `value_folded` warning).
 */
function toWechatPriceInfo(
  order: Order,
  allocation: OrderDiscountAllocation,
  conversion: Conversion,
): WechatPriceInfo {
  const discounts = (order.charges.discounts ?? []).reduce(
    (total, discount) => total + discount.amount.amount,
    0,
  )
  const fees = order.charges.fees ?? []
  const feeTotal = fees.reduce((total, fee) => total + fee.amount.amount, 0)
  const excess = allocation.unallocated.order.amount + allocation.unallocated.payment.amount
  const freight = order.charges.freight?.amount ?? 0
  const fromFreight = excess > 0 ? Math.min(excess, freight) : 0
  const fromFees = excess > 0 ? excess - fromFreight : 0
  if (excess > 0) {
    conversion.warn({
      path: ['charges', 'discounts'],
      code: 'value_folded',
      message: `discounts exceed the goods by ${excess} fen: reported as a lower freight (and additional_price), since real_price cannot go below 0`,
    })
  }
  return omitUndefined({
    order_price: order.payableAmount.amount,
    freight: freight - fromFreight,
    discounted_price: discounts - excess > 0 ? discounts - excess : undefined,
    additional_price: fees.length > 0 ? feeTotal - fromFees : undefined,
    additional_remarks: fees.length > 0 ? fees.map((fee) => fee.name).join('、') : undefined,
  })
}

/**
 * `pay_info.pay_method_type`: the option's, else cash on delivery (1), WeChat Pay or no payment
 * yet (0), a member stored-value card (2); any other method is a problem.
 */
function toWechatPayMethodType(
  order: Order,
  wechat: WechatOrderOptions,
  conversion: Conversion,
): 0 | 1 | 2 | undefined {
  if (wechat.payMethodType !== undefined) return wechat.payMethodType
  const payments = order.payments ?? []
  if (order.cashOnDelivery === true) return 1
  if (payments.length === 0 || payments.some((payment) => payment.method === 'wechat_pay')) return 0
  if (payments.some((payment) => payment.method === 'stored_value')) return 2
  conversion.problem(
    ['payments', 0, 'method'],
    `is ${JSON.stringify(payments[0]?.method)}: WeChat's pay_method_type takes WeChat Pay (0), cash on delivery (1) or a member stored-value card (2); set platformOptions.wechat.payMethodType`,
  )
  return undefined
}

/**
 * `order_detail.pay_info`: the pay method and, for WeChat Pay, the prepay id and its time (both
 * required then: "pay_method_type = 0时必填").
 */
function toWechatPayInfo(
  order: Order,
  wechat: WechatOrderOptions,
  conversion: Conversion,
): WechatPayInfo & { readonly pay_method_type: 0 | 1 | 2 } {
  const payMethodType = toWechatPayMethodType(order, wechat, conversion)
  if (payMethodType === 0) {
    if (wechat.prepayId === undefined)
      conversion.problem(
        ['platformOptions', 'wechat', 'prepayId'],
        'is required when the order is paid by WeChat Pay (pay_info.prepay_id)',
      )
    if (wechat.prepayAt === undefined)
      conversion.problem(
        ['platformOptions', 'wechat', 'prepayAt'],
        'is required when the order is paid by WeChat Pay (pay_info.prepay_time)',
      )
  }
  return omitUndefined({
    pay_method_type: payMethodType ?? 0,
    prepay_id: wechat.prepayId,
    prepay_time:
      wechat.prepayAt === undefined
        ? undefined
        : formatBeijingWallClock(toInstant(wechat.prepayAt, 'platformOptions.wechat.prepayAt')),
  })
}
