import {
  allocateOrderDiscounts,
  checkPlatformOptions,
  formatBeijingWallClock,
  type Instant,
  type Order,
  omitUndefined,
  requireParsedOrder,
  type SyncWarning,
  toInstant,
  UnsupportedMappingError,
  ValidationError,
  type ValidationIssue,
  warnDroppedFields,
} from '@ordersync/core'
import { toWechatProductInfos } from './convert-to-wechat-product-infos.ts'
import { mapWechatStatus } from './map-wechat-status.ts'
import { type WechatOrderOptions, wechatOrderOptionsSchema } from './wechat-order-options.ts'
import type {
  WechatAddOrderRequest,
  WechatAddressInfo,
  WechatOrderReference,
  WechatPayOrderRequest,
  WechatSendDeliveryRequest,
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
 * One call after `shop/order/add` that moves the order on, with the status it needs and the
 * status it leaves.
 *
 * @example
 * ```ts
 * const step: WechatSyncStep = { endpoint: '/shop/delivery/recieve', from: 30, to: 100, request: { out_order_id: 'o-1', openid: 'o' } }
 * ```
 */
export type WechatSyncStep =
  | {
      readonly endpoint: '/shop/order/pay'
      readonly from: 10
      readonly to: 20 | 250
      readonly request: WechatPayOrderRequest
    }
  | {
      readonly endpoint: '/shop/delivery/send'
      readonly from: 20
      readonly to: 30
      readonly request: WechatSendDeliveryRequest
    }
  | {
      readonly endpoint: '/shop/delivery/recieve'
      readonly from: 30
      readonly to: 100
      readonly request: WechatOrderReference
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

const deliveryTypeByOrderType = {
  shipping: 1,
  virtual: 2,
  delivery: 3,
  pickup: 4,
  dine_in: 2,
} as const

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
 *   transaction id for a paid WeChat Pay order, no address for a delivery); `UnsupportedMappingError`
 *   for an order not in CNY.
 * @example
 * ```ts
 * import { parseOrder } from '@ordersync/core'
 * import { wechatDocumentOrder } from '@ordersync/core/fixtures'
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
  const subject = `order ${JSON.stringify(order.id)} for WeChat`
  const optionIssues = checkPlatformOptions(order, 'wechat', { order: wechatOrderOptionsSchema })
  if (optionIssues.length > 0) {
    throw new ValidationError({ platform: 'wechat', subject, issues: optionIssues })
  }
  const currency = order.payableAmount.currency
  if (currency !== 'CNY') {
    throw new UnsupportedMappingError({
      platform: 'wechat',
      path: ['payableAmount', 'currency'],
      reason: `WeChat's price fields are fen (分) of CNY; an order in ${currency} cannot be reported`,
    })
  }
  const wechat: WechatOrderOptions = order.platformOptions?.wechat ?? {}
  const warnings: SyncWarning[] = []
  const issues: ValidationIssue[] = []
  const problem = (path: (string | number)[], message: string): void => {
    issues.push({ path, message, code: 'wechat_rule' })
  }
  const time = (instant: Instant): string => formatBeijingWallClock(instant)

  const mapping = mapWechatStatus(order)
  warnings.push(...mapping.warnings)

  const openid = order.buyer?.platformUserId
  if (openid === undefined)
    problem(['buyer', 'platformUserId'], 'is required: it is the openid of shop/order/add')
  if (order.detailPageUrl === undefined)
    problem(['detailPageUrl'], 'is required: it is the path of shop/order/add (the order page)')
  const scene = wechat.scene ?? options.defaultScene
  if (scene === undefined)
    problem(
      ['platformOptions', 'wechat', 'scene'],
      'is required (or the client setting defaultScene): shop/order/add needs the scene value of the order',
    )

  // Money. Discounts larger than the goods (a coupon that also covers freight or fees) cannot sit
  // in any real_price: they are taken off freight, then additional_price, so both price rules hold.
  const discounts = (order.charges.discounts ?? []).reduce(
    (total, discount) => total + discount.amount.amount,
    0,
  )
  const fees = order.charges.fees ?? []
  const feeTotal = fees.reduce((total, fee) => total + fee.amount.amount, 0)
  const allocation = allocateOrderDiscounts(order)
  const excess = allocation.unallocated.order.amount + allocation.unallocated.payment.amount
  let freight = order.charges.freight?.amount ?? 0
  let additional = feeTotal
  if (excess > 0) {
    const fromFreight = Math.min(excess, freight)
    freight -= fromFreight
    additional -= excess - fromFreight
    warnings.push({
      path: ['charges', 'discounts'],
      code: 'value_folded',
      message: `discounts exceed the goods by ${excess} fen: reported as a lower freight (and additional_price), since real_price cannot go below 0`,
    })
  }
  const priceInfo = omitUndefined({
    order_price: order.payableAmount.amount,
    freight,
    discounted_price: discounts - excess > 0 ? discounts - excess : undefined,
    additional_price: fees.length > 0 ? additional : undefined,
    additional_remarks: fees.length > 0 ? fees.map((fee) => fee.name).join('、') : undefined,
  })

  // Products.
  const products = toWechatProductInfos(order, allocation)
  warnings.push(...products.warnings)
  issues.push(...products.issues)
  const productInfos = products.productInfos

  // Payment.
  const payments = order.payments ?? []
  const wechatPayIndex = payments.findIndex((payment) => payment.method === 'wechat_pay')
  let payMethodType: 0 | 1 | 2 | undefined = wechat.payMethodType
  if (payMethodType === undefined) {
    if (order.cashOnDelivery === true) payMethodType = 1
    else if (wechatPayIndex >= 0 || payments.length === 0) payMethodType = 0
    else if (payments.some((payment) => payment.method === 'stored_value')) payMethodType = 2
    else
      problem(
        ['payments', 0, 'method'],
        `is ${JSON.stringify(payments[0]?.method)}: WeChat's pay_method_type takes WeChat Pay (0), cash on delivery (1) or a member stored-value card (2); set platformOptions.wechat.payMethodType`,
      )
  }
  if (payMethodType === 0) {
    if (wechat.prepayId === undefined)
      problem(
        ['platformOptions', 'wechat', 'prepayId'],
        'is required when the order is paid by WeChat Pay (pay_info.prepay_id)',
      )
    if (wechat.prepayAt === undefined)
      problem(
        ['platformOptions', 'wechat', 'prepayAt'],
        'is required when the order is paid by WeChat Pay (pay_info.prepay_time)',
      )
  }
  const payInfo = omitUndefined({
    pay_method_type: payMethodType ?? 0,
    prepay_id: wechat.prepayId,
    prepay_time:
      wechat.prepayAt === undefined
        ? undefined
        : time(toInstant(wechat.prepayAt, 'platformOptions.wechat.prepayAt')),
  })

  // Delivery.
  const orderTypeDelivery = deliveryTypeByOrderType[order.type]
  const deliveryType = wechat.deliveryType ?? orderTypeDelivery
  if (wechat.deliveryType === undefined && order.type === 'dine_in') {
    warnings.push({
      path: ['type'],
      code: 'value_folded',
      message: 'WeChat has no dine-in delivery type: reported as 2 (无需快递)',
    })
  }
  // A pick-up order without an address of its own is picked up at the store that sold it.
  const atStore = deliveryType === 4 && order.delivery?.address === undefined
  warnings.push(
    ...warnDroppedFields(
      order,
      atStore ? [...carriedFields, ...storeFields] : carriedFields,
      'WeChat',
    ),
  )
  const sensitive: string[] = []
  let addressInfo: WechatAddressInfo | undefined
  const address = atStore ? order.merchant?.store?.address : order.delivery?.address
  if (deliveryType === 2) {
    if (order.delivery?.address !== undefined) {
      warnings.push({
        path: ['delivery', 'address'],
        code: 'field_dropped',
        message: 'delivery_type 2 (无需快递) takes no address_info: the address is not reported',
      })
    }
  } else {
    const store = order.merchant?.store
    const name = address?.name ?? (atStore ? store?.name : undefined)
    const phone = address?.phone ?? (atStore ? store?.phone : undefined)
    const at = atStore ? ['merchant', 'store', 'address'] : ['delivery', 'address']
    const detailed = [address?.district, address?.line1, address?.line2]
      .filter((part) => part !== undefined && part !== '')
      .join(' ')
    const what =
      deliveryType === 4 ? 'the pick-up store (delivery_type 4)' : `delivery_type ${deliveryType}`
    if (name === undefined)
      problem(
        atStore ? ['merchant', 'store', 'name'] : [...at, 'name'],
        `is required for ${what}: address_info.receiver_name`,
      )
    if (phone === undefined)
      problem(
        atStore ? ['merchant', 'store', 'phone'] : [...at, 'phone'],
        `is required for ${what}: address_info.tel_number`,
      )
    if (detailed === '')
      problem([...at, 'line1'], `is required for ${what}: address_info.detailed_address`)
    if (phone !== undefined) sensitive.push(phone)
    addressInfo = omitUndefined({
      receiver_name: name ?? '',
      detailed_address: detailed,
      tel_number: phone ?? '',
      country: address?.country,
      province: address?.province,
      city: address?.city,
      town: address?.town,
    })
  }

  const add: WechatAddOrderRequest = omitUndefined({
    create_time: time(order.createdAt),
    out_order_id: order.id,
    openid: openid ?? '',
    path: order.detailPageUrl ?? '',
    scene: scene ?? 0,
    out_user_id: order.buyer?.id,
    order_detail: {
      product_infos: productInfos,
      pay_info: payInfo,
      price_info: priceInfo,
    },
    delivery_detail: { delivery_type: deliveryType },
    address_info: addressInfo,
  })

  // The calls after add.
  const reference = { out_order_id: order.id, openid: openid ?? '' }
  const statusChangedAt = order.statusChangedAt ?? order.modifiedAt
  const steps: WechatSyncStep[] = []
  const target = mapping.status
  if (target === 250) {
    const actionType = wechat.cancelActionType ?? 10
    steps.push({
      endpoint: '/shop/order/pay',
      from: 10,
      to: 250,
      request: omitUndefined({
        ...reference,
        action_type: actionType,
        action_remark:
          actionType === 10 ? (wechat.cancelRemark ?? '订单已取消') : wechat.cancelRemark,
      }),
    })
  }
  if (target === 20 || target === 30 || target === 100) {
    const wechatPay = wechatPayIndex >= 0 ? payments[wechatPayIndex] : undefined
    if (payMethodType === 0 && wechatPay?.transactionId === undefined) {
      problem(
        wechatPay === undefined ? ['payments'] : ['payments', wechatPayIndex, 'transactionId'],
        'is required for a paid WeChat Pay order: shop/order/pay needs the WeChat Pay transaction_id',
      )
    }
    const paidAt = (wechatPay ?? payments[0])?.paidAt
    if (paidAt === undefined) {
      warnings.push({
        path: ['payments'],
        code: 'value_derived',
        message:
          'no payment has paidAt: pay_time of shop/order/pay is the order’s statusChangedAt (or modifiedAt)',
      })
    }
    steps.push({
      endpoint: '/shop/order/pay',
      from: 10,
      to: 20,
      request: omitUndefined({
        ...reference,
        action_type: 1 as const,
        transaction_id: payMethodType === 0 ? wechatPay?.transactionId : undefined,
        pay_time: time(paidAt ?? statusChangedAt),
      }),
    })
  }
  if (target === 30 || target === 100) {
    const packages = order.delivery?.packages ?? []
    const shipped = packages
      .map((entry) => entry.shippedAt)
      .filter((value): value is Instant => value !== undefined)
      .sort((a, b) => a - b)
    const lastShipped = shipped[shipped.length - 1]
    if (lastShipped === undefined) {
      warnings.push({
        path: ['delivery', 'packages'],
        code: 'value_derived',
        message:
          'no package has shippedAt: ship_done_time of shop/delivery/send is the order’s statusChangedAt (or modifiedAt)',
      })
    }
    let deliveryList: { delivery_id: string; waybill_id: string }[] | undefined
    if (deliveryType === 1) {
      if (packages.length === 0)
        problem(
          ['delivery', 'packages'],
          'are required for a shipped parcel order (delivery_type 1): shop/delivery/send lists each carrier and waybill',
        )
      deliveryList = packages.map((entry, index) => {
        if (entry.carrierCode === undefined)
          problem(
            ['delivery', 'packages', index, 'carrierCode'],
            'is required: it is delivery_id of shop/delivery/send (the id from shop/delivery/get_company_list)',
          )
        if (entry.trackingNumber === undefined)
          problem(
            ['delivery', 'packages', index, 'trackingNumber'],
            'is required: it is waybill_id of shop/delivery/send',
          )
        return { delivery_id: entry.carrierCode ?? '', waybill_id: entry.trackingNumber ?? '' }
      })
    }
    steps.push({
      endpoint: '/shop/delivery/send',
      from: 20,
      to: 30,
      request: omitUndefined({
        ...reference,
        finish_all_delivery: 1 as const,
        delivery_list:
          deliveryList !== undefined && deliveryList.length > 0 ? deliveryList : undefined,
        ship_done_time: time(lastShipped ?? statusChangedAt),
      }),
    })
  }
  if (target === 100) {
    steps.push({ endpoint: '/shop/delivery/recieve', from: 30, to: 100, request: reference })
  }

  // The finished payload is not validated again: every limit of the platform is checked above, at
  // the canonical path, as the payload is built. A property test (testWideOrders, on orders with
  // texts of every length and width) proves that on any valid order the conversion either builds
  // a payload each request schema accepts or refuses the order this way.
  if (issues.length > 0) throw new ValidationError({ platform: 'wechat', subject, issues })
  return { add, steps, status: target, sensitive, warnings }
}
