import {
  allocateOrderDiscounts,
  type Conversion,
  type Discount,
  type Instant,
  type Order,
  type OrderType,
  omitUndefined,
  requireParsedOrder,
  type SyncWarning,
  startConversion,
  toUnixSeconds,
  UnsupportedMappingError,
  warnDroppedFields,
} from '@ordersync/core'
import {
  type BaiduLineOptions,
  type BaiduOrderOptions,
  baiduLineOptionsSchema,
  baiduOrderOptionsSchema,
} from './baidu-order-options.ts'
import {
  type BaiduAddMainInfoRequest,
  type BaiduDetailPage,
  type BaiduOrder,
  type BaiduOrderQuery,
  type BaiduPayment,
  type BaiduPaymentSpecInfo,
  type BaiduProduct,
  type BaiduSubsOrder,
  baiduOrderStatusesByCategory,
} from './baidu-order-schema.ts'
import { mapBaiduDetailLink, mapBaiduSwanSchema } from './map-baidu-detail-page.ts'
import {
  type BaiduCategory,
  mapBaiduAfterSaleStatus,
  mapBaiduAfterSaleType,
  mapBaiduStatus,
  summarizeBaiduAfterSaleStatus,
} from './map-baidu-status.ts'

/**
 * Settings that shape the Baidu payload beyond the order itself.
 *
 * @example
 * ```ts
 * toBaiduOrder(order, { appKey: 'a392qXwK8L5GDUWhFoC01cKwoy7tmehg', categoryByOrderType: { pickup: 2 } })
 * ```
 */
export interface BaiduConversionOptions {
  /**
   * The mini program's App Key: `BizAPPID` of every order, and the App Key of the launch scheme
   * (`baiduboxapp://swan/<App Key>/<page path>`) a page path becomes.
   */
  readonly appKey: string
  /**
   * `CateID` by canonical order type. The document defines 1 (physical goods) and 2 (virtual
   * goods); an order's `platformOptions.baidu.category` overrides this.
   *
   * @default { shipping: 1, delivery: 1, pickup: 1, dine_in: 1, virtual: 2 }
   */
  readonly categoryByOrderType?: Readonly<Partial<Record<OrderType, BaiduCategory>>>
  /**
   * Whether an order paid through Baidu's cashier must carry `scene_id`, the order id that
   * cashier returned. Such an order is one reported paid online: not cash on delivery
   * (`Payment.Method` 1) with a paid amount. Later copies of Baidu's page mark `scene_id` required,
   * an older one optional; an order with no cashier payment (cash on delivery, not paid yet) never
   * needs it. With `false`, an order paid online without a cashier id is sent without `scene_id`.
   *
   * @default true
   */
  readonly requireSceneId?: boolean
  /**
   * Whether a known `open_id` is sent beside `swan_id` (`platformOptions.baidu.swanId`). The
   * document marks `open_id` required on every endpoint; later copies of the page take `swan_id`
   * instead. With `false`, an order with a `swanId` is sent without its `open_id`, and a
   * `field_dropped` warning names it.
   *
   * @default true
   */
  readonly sendOpenIdWithSwanId?: boolean
}

/**
 * What {@link toBaiduOrder} makes of an order: the `add/main/info` request — the per-order query
 * parameters and the body with its one order — and the warnings.
 *
 * @example
 * ```ts
 * const { query, body, warnings } = toBaiduOrder(order, { appKey })
 * query.open_id // the buyer's openId
 * ```
 */
export interface BaiduPreparedOrder extends BaiduAddMainInfoRequest {
  readonly warnings: readonly SyncWarning[]
}

const defaultCategories: Readonly<Record<OrderType, BaiduCategory>> = {
  shipping: 1,
  delivery: 1,
  pickup: 1,
  dine_in: 1,
  virtual: 2,
}

// Every canonical field toBaiduOrder reports, or warns about in words of its own; any other field
// present gets a field_dropped warning (warnDroppedFields).
const carriedFields = [
  'id',
  'title',
  'type',
  'status',
  'hidden',
  'createdAt',
  'modifiedAt',
  'cashOnDelivery',
  'buyer.platformUserId',
  // Line ids only link discounts and after-sales to their lines.
  'lines.*.id',
  'lines.*.skuId',
  'lines.*.name',
  'lines.*.description',
  'lines.*.quantity',
  'lines.*.unitPrice',
  'lines.*.imageUrls',
  'lines.*.attributes',
  'lines.*.url',
  'charges.goodsSubtotal',
  'charges.freight',
  'charges.fees.*.name',
  'charges.fees.*.amount',
  'charges.discounts.*.level',
  'charges.discounts.*.amount',
  'charges.discounts.*.lineId',
  'charges.discounts.*.name',
  'charges.discounts.*.kind',
  'payableAmount',
  'paidAmount',
  'payments.*.amount',
  'payments.*.method',
  'payments.*.paidAt',
  'payments.*.transactionId',
  'afterSales.*.id',
  'afterSales.*.type',
  'afterSales.*.status',
  'afterSales.*.createdAt',
  'afterSales.*.modifiedAt',
  'afterSales.*.refundAmount',
  'afterSales.*.lines',
  'afterSales.*.detailPageUrl',
  'detailPageUrl',
]

const discountNames: Readonly<Record<NonNullable<Discount['kind']>, string>> = {
  coupon: '优惠券',
  promotion: '促销优惠',
  member_price: '会员价优惠',
  points: '积分抵扣',
  other: '优惠',
}

function discountName(discount: Discount): string {
  if (discount.name !== undefined && discount.name !== '') return discount.name
  if (discount.kind !== undefined) return discountNames[discount.kind]
  return discount.level === 'payment' ? '支付优惠' : '优惠'
}

type Path = (string | number)[]

/**
 * What each step of the mapping reads: the order, the client's settings, the order's
 * `platformOptions.baidu`, and the conversion that gathers its warnings and problems.
 */
interface BaiduMapping {
  readonly order: Order
  readonly options: BaiduConversionOptions
  readonly baidu: BaiduOrderOptions
  readonly conversion: Conversion
}

/** Unix seconds: a time with milliseconds loses them, and says so. */
function seconds(conversion: Conversion, instant: Instant, path: Path): number {
  if (instant % 1000 !== 0) {
    conversion.warn({
      path,
      code: 'value_truncated',
      message: `has milliseconds (${instant % 1000}); Baidu takes Unix seconds: they are dropped`,
    })
  }
  return toUnixSeconds(instant)
}

/**
 * A DetailPage given in `platformOptions.baidu`, its `SwanSchema` made a launch scheme as a
 * canonical address is ({@link mapBaiduSwanSchema}): a page path gets the client's App Key, and
 * one Baidu could not open is left out, with a warning.
 */
function optionsPage(
  mapping: BaiduMapping,
  extra: { readonly value: BaiduDetailPage | undefined; readonly path: Path },
): BaiduDetailPage | undefined {
  const given = extra.value
  if (given?.SwanSchema === undefined) return given
  const { SwanSchema, ...rest } = given
  const mapped = mapBaiduSwanSchema(SwanSchema, mapping.options.appKey, [
    ...extra.path,
    'SwanSchema',
  ])
  mapping.conversion.warn(...mapped.warnings)
  return mapped.swanSchema === undefined ? rest : { ...given, SwanSchema: mapped.swanSchema }
}

/**
 * A DetailPage for a canonical page address and the options' DetailPage fields (which win):
 * `Status` 2 (shown, with a link) and the link {@link mapBaiduDetailLink} makes of `url`.
 */
function detailPage(
  mapping: BaiduMapping,
  url: { readonly value: string | undefined; readonly path: Path },
  extra: { readonly value: BaiduDetailPage | undefined; readonly path: Path },
): BaiduDetailPage | undefined {
  const options = optionsPage(mapping, extra)
  if (url.value === undefined) return options
  const mapped = mapBaiduDetailLink(url.value, mapping.options.appKey, url.path)
  mapping.conversion.warn(...mapped.warnings)
  if (mapped.link === undefined) return options
  return { Status: 2, ...mapped.link, ...options }
}

/** `CateID`, and `Status` from the canonical status or the order's option. */
function categoryAndStatus(mapping: BaiduMapping): { category: BaiduCategory; status: number } {
  const { order, options, baidu, conversion } = mapping
  const category: BaiduCategory =
    baidu.category ?? options.categoryByOrderType?.[order.type] ?? defaultCategories[order.type]
  const mapped = mapBaiduStatus(order, category)
  if (baidu.status === undefined) {
    conversion.warn(...mapped.warnings)
    return { category, status: mapped.status }
  }
  const allowed: readonly number[] = baiduOrderStatusesByCategory[category]
  if (!allowed.includes(baidu.status)) {
    conversion.problem(
      ['platformOptions', 'baidu', 'status'],
      `is ${baidu.status}, not a status of CateID ${category} (${allowed.join(', ')})`,
    )
  }
  return { category, status: baidu.status }
}

/**
 * The buyer: `open_id` whenever it is known — the document marks it required (是) on every
 * endpoint — and `swan_id` beside it when given (a buyer not logged in to the Baidu App has only
 * a swanId, which later copies of the page take instead of `open_id`).
 */
function buyerQuery(mapping: BaiduMapping): Pick<BaiduOrderQuery, 'open_id' | 'swan_id'> {
  const { order, options, baidu } = mapping
  const openId = baidu.openId ?? order.buyer?.platformUserId
  const swanId = baidu.swanId
  if (openId === undefined && swanId === undefined) {
    mapping.conversion.problem(
      ['buyer', 'platformUserId'],
      "is required: Baidu needs the buyer's open_id (or platformOptions.baidu.swanId for a buyer not logged in)",
    )
    return {}
  }
  if (openId !== undefined && swanId !== undefined && options.sendOpenIdWithSwanId === false) {
    mapping.conversion.warn({
      path:
        baidu.openId === undefined
          ? ['buyer', 'platformUserId']
          : ['platformOptions', 'baidu', 'openId'],
      code: 'field_dropped',
      message:
        'is not sent as open_id: sendOpenIdWithSwanId is false and platformOptions.baidu.swanId is sent instead',
    })
    return { swan_id: swanId }
  }
  return omitUndefined({ open_id: openId, swan_id: swanId })
}

/**
 * Whether the order is reported paid through Baidu's cashier: not cash on delivery
 * (`Payment.Method` 1) and something paid. Only such an order has a cashier order id to send.
 */
function paidThroughCashier(order: Order): boolean {
  return order.cashOnDelivery !== true && order.paidAmount.amount > 0
}

/**
 * `scene_id` (the order id of Baidu's cashier) and `scene_type`. The cashier id is
 * `platformOptions.baidu.sceneId`, else the one transaction id of the payments; a cash-on-delivery
 * order's payments were not made through the cashier, so their ids are not sent (with a warning).
 */
function sceneQuery(mapping: BaiduMapping): Pick<BaiduOrderQuery, 'scene_id' | 'scene_type'> {
  const { order, options, baidu } = mapping
  const payments = order.payments ?? []
  const cashOnDelivery = order.cashOnDelivery === true
  if (cashOnDelivery && baidu.sceneId === undefined) {
    for (const [index, payment] of payments.entries()) {
      if (payment.transactionId === undefined) continue
      mapping.conversion.warn({
        path: ['payments', index, 'transactionId'],
        code: 'field_dropped',
        message:
          "is not sent as scene_id: the order is cash on delivery, and scene_id is the order id of Baidu's cashier (set platformOptions.baidu.sceneId if it is one)",
      })
    }
  }
  const sceneIds = cashOnDelivery
    ? []
    : [...new Set(payments.flatMap((payment) => payment.transactionId ?? []))]
  let sceneId = baidu.sceneId
  if (sceneId === undefined && sceneIds.length === 1) sceneId = sceneIds[0]
  if (sceneId === undefined && sceneIds.length > 1) {
    mapping.conversion.problem(
      ['platformOptions', 'baidu', 'sceneId'],
      `is required: the payments carry ${sceneIds.length} transaction ids and Baidu's scene_id is the one order id of Baidu's cashier`,
    )
  }
  if (
    sceneId === undefined &&
    sceneIds.length === 0 &&
    paidThroughCashier(order) &&
    options.requireSceneId !== false
  ) {
    mapping.conversion.problem(
      payments.length === 0 ? ['payments'] : ['payments', 0, 'transactionId'],
      "is required: the order is paid online (Payment.Method 1), through Baidu's cashier, and scene_id is that cashier's order id (give the payment's transactionId or platformOptions.baidu.sceneId, or set requireSceneId: false to send orders without it)",
    )
  }
  return omitUndefined({ scene_id: sceneId, scene_type: baidu.sceneType ?? 2 })
}

/**
 * `Products`: `PayPrice` is the unit price less the line's item discounts where they divide
 * evenly by the quantity; otherwise the discounts go to `preferential`, with a warning.
 */
function products(mapping: BaiduMapping, preferential: BaiduPaymentSpecInfo[]): BaiduProduct[] {
  const { order } = mapping
  const allocation = allocateOrderDiscounts(order)
  const discounts = order.charges.discounts ?? []
  return order.lines.map((line, index) => {
    const lineOptions: BaiduLineOptions = line.platformOptions?.baidu ?? {}
    const itemDiscount = allocation.lines[index]?.itemDiscount.amount ?? 0
    let payPrice = line.unitPrice.amount
    if (itemDiscount > 0 && itemDiscount % line.quantity === 0) {
      payPrice -= itemDiscount / line.quantity
    } else if (itemDiscount > 0) {
      for (const discount of discounts) {
        if (discount.level === 'item' && discount.lineId === line.id) {
          preferential.push({
            Name: discountName(discount),
            Value: discount.amount.amount,
            Quantity: 1,
          })
        }
      }
      mapping.conversion.warn({
        path: ['lines', index],
        code: 'value_folded',
        message: `its item discounts (${itemDiscount} fen) do not divide evenly over ${line.quantity} units: PayPrice is the full unit price and the discounts are listed in PreferentialInfo`,
      })
    }
    if ((line.imageUrls?.length ?? 0) > 5) {
      mapping.conversion.problem(
        ['lines', index, 'imageUrls'],
        `${line.imageUrls?.length} items, Baidu accepts at most 5 (ImgList)`,
      )
    }
    if ((line.attributes?.length ?? 0) > 4) {
      mapping.conversion.problem(
        ['lines', index, 'attributes'],
        `${line.attributes?.length} items, Baidu accepts at most 4 (SkuAttr)`,
      )
    }
    return omitUndefined({
      ID: line.skuId,
      Name: line.name,
      Desc: line.description,
      Quantity: line.quantity,
      Price: line.unitPrice.amount,
      PayPrice: payPrice,
      ImgList: line.imageUrls?.length === 0 ? undefined : line.imageUrls,
      DetailPage: detailPage(
        mapping,
        { value: line.url, path: ['lines', index, 'url'] },
        {
          value: lineOptions.detailPage,
          path: ['lines', index, 'platformOptions', 'baidu', 'detailPage'],
        },
      ),
      SkuAttr:
        line.attributes === undefined || line.attributes.length === 0
          ? undefined
          : line.attributes.map((attribute) => ({ Name: attribute.name, Value: attribute.value })),
    })
  })
}

/**
 * `Payment` but its `Time`: the amount by the document's formula, the method and whether it is
 * paid. A payment in another method than the one `Method` reports (online, or cash for cash on
 * delivery) is not reported, with a warning.
 */
function payment(
  mapping: BaiduMapping,
  goods: readonly BaiduProduct[],
  preferential: readonly BaiduPaymentSpecInfo[],
): Omit<BaiduPayment, 'Time'> {
  const { order } = mapping
  const charges: BaiduPaymentSpecInfo[] = [
    ...(order.charges.freight === undefined
      ? []
      : [{ Name: '运费', Value: order.charges.freight.amount, Quantity: 1 }]),
    ...(order.charges.fees ?? []).map((fee) => ({
      Name: fee.name,
      Value: fee.amount.amount,
      Quantity: 1,
    })),
  ]
  const sum = (entries: readonly { readonly Value: number; readonly Quantity: number }[]) =>
    entries.reduce((total, entry) => total + entry.Value * entry.Quantity, 0)
  // Payment.Amount = Σ(PayPrice × Quantity) + Σ(PaymentInfo) − Σ(PreferentialInfo) (document).
  const amount =
    goods.reduce((total, product) => total + product.PayPrice * product.Quantity, 0) +
    sum(charges) -
    sum(preferential)
  const paid = order.paidAmount.amount
  const unpaidStatus = ['created', 'awaiting_payment', 'payment_failed'].includes(order.status)
  if (paid > 0 && paid < order.payableAmount.amount) {
    mapping.conversion.warn({
      path: ['paidAmount'],
      code: 'value_folded',
      message: `is ${paid} of ${order.payableAmount.amount} fen; Baidu has only IsPayment: the order is reported as paid`,
    })
  }
  const cashOnDelivery = order.cashOnDelivery === true
  for (const [index, entry] of (order.payments ?? []).entries()) {
    if (entry.method === (cashOnDelivery ? 'cash' : 'online')) continue
    mapping.conversion.warn({
      path: ['payments', index, 'method'],
      code: 'value_folded',
      message: cashOnDelivery
        ? `Baidu's Payment.Method says only online (1) or cash on delivery (2): the order is reported as cash on delivery, and ${JSON.stringify(entry.method)} is not reported`
        : `Baidu's Payment.Method says only online (1) or cash on delivery (2): ${JSON.stringify(entry.method)} is not reported`,
    })
  }
  const method: BaiduPayment['Method'] = cashOnDelivery ? 2 : 1
  return omitUndefined({
    Method: method,
    Amount: amount,
    IsPayment: paid > 0 || (order.payableAmount.amount === 0 && !unpaidStatus),
    PreferentialInfo: preferential.length === 0 ? undefined : preferential,
    PaymentInfo: charges.length === 0 ? undefined : charges,
  })
}

/** `Payment.Time`: the latest `paidAt` of the payments, if any. */
function paymentTime(mapping: BaiduMapping): number | undefined {
  let last: { at: Instant; index: number } | undefined
  for (const [index, entry] of (mapping.order.payments ?? []).entries()) {
    if (entry.paidAt !== undefined && (last === undefined || entry.paidAt > last.at)) {
      last = { at: entry.paidAt, index }
    }
  }
  return last === undefined
    ? undefined
    : seconds(mapping.conversion, last.at, ['payments', last.index, 'paidAt'])
}

/** `EXT.SubsOrder`: every after-sale request of the order (add overwrites them all). */
function subsOrder(mapping: BaiduMapping): BaiduSubsOrder | undefined {
  const { order, baidu } = mapping
  const afterSales = order.afterSales ?? []
  if (afterSales.length === 0) return undefined
  const items = afterSales.map((afterSale, index) => {
    const lines = afterSale.lines ?? []
    if (lines.length === 0 && afterSale.refundAmount.amount > 0) {
      mapping.conversion.warn({
        path: ['afterSales', index, 'refundAmount'],
        code: 'field_dropped',
        message:
          "Baidu's Refund lists the products concerned: without afterSales[].lines the refund amount is not reported",
      })
    }
    const refund =
      lines.length === 0
        ? undefined
        : {
            Amount: afterSale.refundAmount.amount,
            Product: lines.map((entry) => ({
              ID:
                order.lines.find((candidate) => candidate.id === entry.lineId)?.skuId ??
                entry.lineId,
              Quantity: entry.quantity,
              Amount: entry.refundAmount.amount,
            })),
          }
    return omitUndefined({
      SubOrderID: afterSale.id,
      SubStatus: mapBaiduAfterSaleStatus(afterSale),
      CTime: seconds(mapping.conversion, afterSale.createdAt, ['afterSales', index, 'createdAt']),
      MTime: seconds(mapping.conversion, afterSale.modifiedAt, ['afterSales', index, 'modifiedAt']),
      OrderDetail: detailPage(
        mapping,
        { value: afterSale.detailPageUrl, path: ['afterSales', index, 'detailPageUrl'] },
        { value: undefined, path: [] },
      ),
      Refund: refund,
      OrderType: mapBaiduAfterSaleType(afterSale.type),
    })
  })
  const status =
    baidu.afterSaleStatus ??
    summarizeBaiduAfterSaleStatus(
      afterSales.map((afterSale, index) => ({
        status: items[index]?.SubStatus ?? 404,
        modifiedAt: afterSale.modifiedAt,
      })),
    )
  return { Status: status, Items: items }
}

/**
 * The order- and payment-level discounts, each a `PreferentialInfo` entry of `Quantity` 1 (item
 * discounts are in `PayPrice`, or listed by {@link products} where they do not divide evenly).
 */
function orderDiscounts(order: Order): BaiduPaymentSpecInfo[] {
  return (order.charges.discounts ?? [])
    .filter((discount) => discount.level !== 'item')
    .map((discount) => ({
      Name: discountName(discount),
      Value: discount.amount.amount,
      Quantity: 1,
    }))
}

/**
 * Turns a valid canonical order into Baidu's `add/main/info` request (document "订单同步接口",
 * 导入主订单信息). Pure and synchronous. `add` overwrites the whole record, after-sale data
 * included (全量覆盖), so the request carries every after-sale request of the order in
 * `EXT.SubsOrder`: syncing a full canonical order is a complete upsert, and a version without
 * some of its after-sale requests erases them at Baidu.
 *
 * Money, integer fen: `Price` is the unit price; `PayPrice` the unit price less the line's
 * item-level discounts when they divide evenly by the quantity (otherwise they are listed in
 * `PreferentialInfo`, with a warning); order- and payment-level discounts go to
 * `PreferentialInfo`, freight and fees to `PaymentInfo`, each with `Quantity` 1. `Payment.Amount`
 * is computed by the document's formula and equals `payableAmount`.
 *
 * Links (`detailPageUrl`, a line's `url`, an after-sale's `detailPageUrl`, and a `SwanSchema` in
 * `platformOptions.baidu`'s `orderDetail`, `appraise` or a line's `detailPage`): an `http(s)` URL
 * is an `H5Schema`; a mini program page path becomes the launch scheme
 * `baiduboxapp://swan/<appKey>/<path>` in `SwanSchema`, and a `baiduboxapp://swan/<App Key>/<path>`
 * scheme is kept; both percent-encoded, a fragment left out with a warning. An address Baidu could
 * not open (no page, a relative path, a host name without `https://`, another scheme) is not
 * reported, with a warning.
 *
 * Query: `open_id` from `platformOptions.baidu.openId` or `buyer.platformUserId`, and `swan_id`
 * from `platformOptions.baidu.swanId` beside it; `scene_id` from `platformOptions.baidu.sceneId`
 * or the one payment's `transactionId` (required for an order paid online, never for cash on
 * delivery); `scene_type` 2 unless the options say otherwise.
 *
 * @param input - A valid canonical order, as `parseOrder` returns it.
 * @param options - The App Key, the categories by order type, the `scene_id` and `open_id` rules.
 * @returns The request and the warnings.
 * @throws `InvalidArgumentError` (`@ordersync/core`) for an order that did not go through
 *   `parseOrder`; `ValidationError` (`@ordersync/core`) naming the canonical path and the Baidu rule an
 *   order breaks (no buyer id, more than 5 images or 4 attributes on a line, an order paid online
 *   without the cashier's order id, several payment ids without `sceneId`);
 *   `UnsupportedMappingError` (`@ordersync/core`) for an order not in CNY.
 * @example
 * ```ts
 * import { parseOrder } from '@ordersync/core'
 * import { baiduDocumentOrder } from '@ordersync/baidu/fixtures'
 * import { toBaiduOrder } from '@ordersync/baidu'
 *
 * const { query, body } = toBaiduOrder(
 *   parseOrder({
 *     ...baiduDocumentOrder,
 *     buyer: { platformUserId: 'k5nF3' }, // open_id
 *     platformOptions: { baidu: { sceneId: '15925907919' } }, // the order id of Baidu's cashier
 *     detailPageUrl: 'pages/order/detail?id=2221554346520', // a page of the mini program
 *   }),
 *   { appKey: 'a392qXwK8L5GDUWhFoC01cKwoy7tmehg' },
 * )
 * query.scene_id // '15925907919'
 * body.Data[0].EXT.MainOrder.Payment.Amount // 2390
 * body.Data[0].EXT.MainOrder.OrderDetail?.SwanSchema // 'baiduboxapp://swan/a392qXwK8L5GDUWhFoC01cKwoy7tmehg/pages/order/detail?id=2221554346520'
 * ```
 */
export function toBaiduOrder(input: Order, options: BaiduConversionOptions): BaiduPreparedOrder {
  const order = requireParsedOrder(input, 'baidu')
  const conversion = startConversion(order, {
    platform: 'baidu',
    platformName: 'Baidu',
    ruleCode: 'baidu_rule',
    optionSchemas: { order: baiduOrderOptionsSchema, line: baiduLineOptionsSchema },
  })
  const currency = order.payableAmount.currency
  if (currency !== 'CNY') {
    throw new UnsupportedMappingError({
      platform: 'baidu',
      path: ['payableAmount', 'currency'],
      reason: `Baidu's order center takes amounts in fen; an order in ${currency} cannot be reported`,
    })
  }
  conversion.warn(...warnDroppedFields(order, carriedFields, 'Baidu'))
  const mapping: BaiduMapping = {
    order,
    options,
    baidu: order.platformOptions?.baidu ?? {},
    conversion,
  }

  // Each step below may warn: they run in the order their warnings are listed.
  const { category, status } = categoryAndStatus(mapping)
  const query: BaiduOrderQuery = { ...buyerQuery(mapping), ...sceneQuery(mapping) }
  const preferential: BaiduPaymentSpecInfo[] = []
  const goods = products(mapping, preferential)
  preferential.push(...orderDiscounts(order))
  const { Method, ...paymentRest } = payment(mapping, goods, preferential)
  const afterSales = subsOrder(mapping)
  const item: BaiduOrder = {
    CateID: category,
    BizAPPID: options.appKey,
    Title: order.title ?? order.lines[0]?.name ?? order.id,
    ResourceID: order.id,
    Ctime: seconds(conversion, order.createdAt, ['createdAt']),
    Mtime: seconds(conversion, order.modifiedAt, ['modifiedAt']),
    Status: status,
    EXT: omitUndefined({
      MainOrder: omitUndefined({
        Products: goods,
        // Keys in the document example's order.
        Payment: omitUndefined({ Time: paymentTime(mapping), Method, ...paymentRest }),
        Appraise: detailPage(
          mapping,
          { value: undefined, path: [] },
          { value: mapping.baidu.appraise, path: ['platformOptions', 'baidu', 'appraise'] },
        ),
        OrderDetail: detailPage(
          mapping,
          { value: order.detailPageUrl, path: ['detailPageUrl'] },
          { value: mapping.baidu.orderDetail, path: ['platformOptions', 'baidu', 'orderDetail'] },
        ),
      }),
      SubsOrder: afterSales,
    }),
  }

  // The finished payload is not validated again: every limit of the platform is checked above, at
  // the canonical path, as the payload is built. A property test (testWideOrders, on orders with
  // texts of every length and width) proves that on any valid order the conversion either builds
  // a payload baiduOrderSchema accepts or refuses the order this way.
  const { payload, warnings } = conversion.finish({ query, body: { Data: [item] as const } })
  return { ...payload, warnings }
}
