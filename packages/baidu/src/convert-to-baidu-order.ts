import {
  allocateOrderDiscounts,
  checkPlatformOptions,
  type Discount,
  type Instant,
  type Order,
  type OrderType,
  omitUndefined,
  requireParsedOrder,
  type SyncWarning,
  toUnixSeconds,
  UnsupportedMappingError,
  ValidationError,
  type ValidationIssue,
  warnDroppedFields,
} from '@ordersync/core'
import { baiduLineOptionsSchema, baiduOrderOptionsSchema } from './baidu-options-schema.ts'
import type { BaiduLineOptions, BaiduOrderOptions } from './baidu-order-options.ts'
import {
  type BaiduAddMainInfoRequest,
  type BaiduDetailPage,
  type BaiduOrder,
  type BaiduOrderQuery,
  type BaiduPaymentSpecInfo,
  type BaiduProduct,
  type BaiduSubsOrder,
  baiduOrderStatusesByCategory,
} from './baidu-order-schema.ts'
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
  /** The mini program's App Key: `BizAPPID` of every order. */
  readonly appKey: string
  /**
   * `CateID` by canonical order type. The document defines 1 (physical goods) and 2 (virtual
   * goods); an order's `platformOptions.baidu.category` overrides this.
   *
   * @default { shipping: 1, delivery: 1, pickup: 1, dine_in: 1, virtual: 2 }
   */
  readonly categoryByOrderType?: Readonly<Partial<Record<OrderType, BaiduCategory>>>
  /**
   * Whether an order must carry `scene_id` (the order id of Baidu's cashier). Later copies of
   * Baidu's page mark `scene_id`, `scene_type` and `pm_app_key` required, an older one optional;
   * with `false`, an order without a Baidu payment id (an unpaid one) is sent without `scene_id`.
   *
   * @default true
   */
  readonly requireSceneId?: boolean
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

/**
 * A DetailPage linking to `url`: a `baiduboxapp://` (or any non-web) scheme is a `SwanSchema`, an
 * `http(s)` URL an `H5Schema`; `Status` 2 (shown, with a link). The options' fields win.
 */
function detailPage(
  url: string | undefined,
  extra: BaiduDetailPage | undefined,
): BaiduDetailPage | undefined {
  if (url === undefined) return extra
  const link = /^https?:\/\//i.test(url) ? { H5Schema: url } : { SwanSchema: url }
  return { Status: 2, ...link, ...extra }
}

/**
 * Turns a valid canonical order into Baidu's `add/main/info` request (document "订单同步接口",
 * 导入主订单信息). Pure and synchronous. `add` overwrites the whole record, after-sale data
 * included (全量覆盖), so the request carries every after-sale request of the order in
 * `EXT.SubsOrder`: syncing a full canonical order is a complete upsert.
 *
 * Money, integer fen: `Price` is the unit price; `PayPrice` the unit price less the line's
 * item-level discounts when they divide evenly by the quantity (otherwise they are listed in
 * `PreferentialInfo`, with a warning); order- and payment-level discounts go to
 * `PreferentialInfo`, freight and fees to `PaymentInfo`, each with `Quantity` 1. `Payment.Amount`
 * is computed by the document's formula and equals `payableAmount`.
 *
 * Query: `open_id` from `platformOptions.baidu.openId` or `buyer.platformUserId`, or `swan_id`
 * from `platformOptions.baidu.swanId`; `scene_id` from `platformOptions.baidu.sceneId` or the one
 * payment's `transactionId`; `scene_type` 2 unless the options say otherwise.
 *
 * @param input - A valid canonical order, as `parseOrder` returns it.
 * @param options - The App Key, the categories by order type, whether `scene_id` is required.
 * @returns The request and the warnings.
 * @throws `InvalidArgumentError` (`@ordersync/core`) for an order that did not go through
 *   `parseOrder`; `ValidationError` (`@ordersync/core`) naming the canonical path and the Baidu rule an
 *   order breaks (no buyer id, more than 5 images or 4 attributes on a line, several payment ids
 *   without `sceneId`); `UnsupportedMappingError` (`@ordersync/core`) for an order not in CNY.
 * @example
 * ```ts
 * import { parseOrder } from '@ordersync/core'
 * import { baiduDocumentOrder } from '@ordersync/core/fixtures'
 * import { toBaiduOrder } from '@ordersync/baidu'
 *
 * const { query, body } = toBaiduOrder(
 *   parseOrder({
 *     ...baiduDocumentOrder,
 *     buyer: { platformUserId: 'k5nF3' }, // open_id
 *     platformOptions: { baidu: { sceneId: '15925907919' } }, // the order id of Baidu's cashier
 *   }),
 *   { appKey: 'a392qXwK8L5GDUWhFoC01cKwoy7tmehg' },
 * )
 * query.scene_id // '15925907919'
 * body.Data[0].EXT.MainOrder.Payment.Amount // 2390
 * ```
 */
export function toBaiduOrder(input: Order, options: BaiduConversionOptions): BaiduPreparedOrder {
  const order = requireParsedOrder(input, 'baidu')
  const warnings: SyncWarning[] = []
  const issues: ValidationIssue[] = []
  const problem = (path: (string | number)[], message: string, code = 'baidu_rule'): void => {
    issues.push({ path, message, code })
  }
  const subject = `order ${JSON.stringify(order.id)} for Baidu`

  const optionIssues = checkPlatformOptions(order, 'baidu', {
    order: baiduOrderOptionsSchema,
    line: baiduLineOptionsSchema,
  })
  if (optionIssues.length > 0) {
    throw new ValidationError({ platform: 'baidu', subject, issues: optionIssues })
  }
  const baidu: BaiduOrderOptions = order.platformOptions?.baidu ?? {}
  const currency = order.payableAmount.currency
  if (currency !== 'CNY') {
    throw new UnsupportedMappingError({
      platform: 'baidu',
      path: ['payableAmount', 'currency'],
      reason: `Baidu's order center takes amounts in fen; an order in ${currency} cannot be reported`,
    })
  }

  // Unix seconds: a time with milliseconds loses them, and says so.
  const seconds = (instant: Instant, path: (string | number)[]): number => {
    if (instant % 1000 !== 0) {
      warnings.push({
        path,
        code: 'value_truncated',
        message: `has milliseconds (${instant % 1000}); Baidu takes Unix seconds: they are dropped`,
      })
    }
    return toUnixSeconds(instant)
  }

  warnings.push(...warnDroppedFields(order, carriedFields, 'Baidu'))

  // Category and status.
  const category: BaiduCategory =
    baidu.category ?? options.categoryByOrderType?.[order.type] ?? defaultCategories[order.type]
  const mapping = mapBaiduStatus(order, category)
  let status = mapping.status
  if (baidu.status === undefined) warnings.push(...mapping.warnings)
  else {
    const allowed: readonly number[] = baiduOrderStatusesByCategory[category]
    if (!allowed.includes(baidu.status)) {
      problem(
        ['platformOptions', 'baidu', 'status'],
        `is ${baidu.status}, not a status of CateID ${category} (${allowed.join(', ')})`,
      )
    }
    status = baidu.status
  }

  // Query parameters: exactly one of open_id and swan_id (a logged-out user has only a swanId).
  const openId = baidu.openId ?? order.buyer?.platformUserId
  const query: BaiduOrderQuery = (() => {
    const sceneIds = [
      ...new Set(
        (order.payments ?? []).flatMap((payment) =>
          payment.transactionId === undefined ? [] : [payment.transactionId],
        ),
      ),
    ]
    let sceneId = baidu.sceneId
    if (sceneId === undefined && sceneIds.length === 1) sceneId = sceneIds[0]
    if (sceneId === undefined && sceneIds.length > 1) {
      problem(
        ['platformOptions', 'baidu', 'sceneId'],
        `is required: the payments carry ${sceneIds.length} transaction ids and Baidu's scene_id is the one order id of Baidu's cashier`,
      )
    }
    if (sceneId === undefined && sceneIds.length === 0 && options.requireSceneId !== false) {
      problem(
        (order.payments ?? []).length === 0 ? ['payments'] : ['payments', 0, 'transactionId'],
        "is required: Baidu's scene_id is the order id of Baidu's cashier (give the payment's transactionId or platformOptions.baidu.sceneId, or set requireSceneId: false to send orders without it)",
      )
    }
    const scene = omitUndefined({ scene_id: sceneId, scene_type: baidu.sceneType ?? 2 })
    if (baidu.swanId !== undefined) {
      if (baidu.openId === undefined && order.buyer?.platformUserId !== undefined) {
        warnings.push({
          path: ['buyer', 'platformUserId'],
          code: 'field_dropped',
          message:
            'is not sent: platformOptions.baidu.swanId is, and Baidu takes exactly one of open_id and swan_id',
        })
      }
      return { swan_id: baidu.swanId, ...scene }
    }
    if (openId === undefined) {
      problem(
        ['buyer', 'platformUserId'],
        "is required: Baidu needs the buyer's open_id (or platformOptions.baidu.swanId for a buyer not logged in)",
      )
      return scene
    }
    return { open_id: openId, ...scene }
  })()

  // Products: PayPrice is the unit price less the line's item discounts where they divide evenly.
  const allocation = allocateOrderDiscounts(order)
  const discounts = order.charges.discounts ?? []
  const preferential: BaiduPaymentSpecInfo[] = []
  const products: BaiduProduct[] = order.lines.map((line, index) => {
    const lineOptions: BaiduLineOptions = line.platformOptions?.baidu ?? {}
    const itemDiscount = allocation.lines[index]?.itemDiscount.amount ?? 0
    let payPrice = line.unitPrice.amount
    if (itemDiscount > 0) {
      if (itemDiscount % line.quantity === 0) payPrice -= itemDiscount / line.quantity
      else {
        for (const discount of discounts) {
          if (discount.level === 'item' && discount.lineId === line.id) {
            preferential.push({
              Name: discountName(discount),
              Value: discount.amount.amount,
              Quantity: 1,
            })
          }
        }
        warnings.push({
          path: ['lines', index],
          code: 'value_folded',
          message: `its item discounts (${itemDiscount} fen) do not divide evenly over ${line.quantity} units: PayPrice is the full unit price and the discounts are listed in PreferentialInfo`,
        })
      }
    }
    if ((line.imageUrls?.length ?? 0) > 5) {
      problem(
        ['lines', index, 'imageUrls'],
        `${line.imageUrls?.length} items, Baidu accepts at most 5 (ImgList)`,
      )
    }
    if ((line.attributes?.length ?? 0) > 4) {
      problem(
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
      DetailPage: detailPage(line.url, lineOptions.detailPage),
      SkuAttr:
        line.attributes === undefined || line.attributes.length === 0
          ? undefined
          : line.attributes.map((attribute) => ({ Name: attribute.name, Value: attribute.value })),
    }) as BaiduProduct
  })
  for (const discount of discounts) {
    if (discount.level !== 'item') {
      preferential.push({
        Name: discountName(discount),
        Value: discount.amount.amount,
        Quantity: 1,
      })
    }
  }
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
    products.reduce((total, product) => total + product.PayPrice * product.Quantity, 0) +
    sum(charges) -
    sum(preferential)

  // Payment.
  const paid = order.paidAmount.amount
  const unpaidStatus = ['created', 'awaiting_payment', 'payment_failed'].includes(order.status)
  const isPayment = paid > 0 || (order.payableAmount.amount === 0 && !unpaidStatus)
  if (paid > 0 && paid < order.payableAmount.amount) {
    warnings.push({
      path: ['paidAmount'],
      code: 'value_folded',
      message: `is ${paid} of ${order.payableAmount.amount} fen; Baidu has only IsPayment: the order is reported as paid`,
    })
  }
  for (const [index, payment] of (order.payments ?? []).entries()) {
    if (payment.method !== 'online') {
      warnings.push({
        path: ['payments', index, 'method'],
        code: 'value_folded',
        message: `Baidu's Payment.Method says only online (1) or cash on delivery (2): ${JSON.stringify(payment.method)} is not reported`,
      })
    }
  }
  const paidTimes = (order.payments ?? []).flatMap((payment, index) =>
    payment.paidAt === undefined ? [] : [{ at: payment.paidAt, index }],
  )
  const lastPaid = paidTimes.reduce<{ at: Instant; index: number } | undefined>(
    (last, entry) => (last === undefined || entry.at > last.at ? entry : last),
    undefined,
  )

  // After-sale orders: all of them, since add overwrites them.
  const afterSales = order.afterSales ?? []
  let subsOrder: BaiduSubsOrder | undefined
  if (afterSales.length > 0) {
    const items = afterSales.map((afterSale, index) => {
      if (afterSale.lines === undefined || afterSale.lines.length === 0) {
        if (afterSale.refundAmount.amount > 0) {
          warnings.push({
            path: ['afterSales', index, 'refundAmount'],
            code: 'field_dropped',
            message:
              "Baidu's Refund lists the products concerned: without afterSales[].lines the refund amount is not reported",
          })
        }
      }
      const refund =
        afterSale.lines === undefined || afterSale.lines.length === 0
          ? undefined
          : {
              Amount: afterSale.refundAmount.amount,
              Product: afterSale.lines.map((entry) => ({
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
        CTime: seconds(afterSale.createdAt, ['afterSales', index, 'createdAt']),
        MTime: seconds(afterSale.modifiedAt, ['afterSales', index, 'modifiedAt']),
        OrderDetail: detailPage(afterSale.detailPageUrl, undefined),
        Refund: refund,
        OrderType: mapBaiduAfterSaleType(afterSale.type),
      })
    })
    subsOrder = {
      Status:
        baidu.afterSaleStatus ??
        summarizeBaiduAfterSaleStatus(
          afterSales.map((afterSale, index) => ({
            status: items[index]?.SubStatus ?? 404,
            modifiedAt: afterSale.modifiedAt,
          })),
        ),
      Items: items,
    }
  }

  const item: BaiduOrder = {
    CateID: category,
    BizAPPID: options.appKey,
    Title: order.title ?? order.lines[0]?.name ?? order.id,
    ResourceID: order.id,
    Ctime: seconds(order.createdAt, ['createdAt']),
    Mtime: seconds(order.modifiedAt, ['modifiedAt']),
    Status: status,
    EXT: omitUndefined({
      MainOrder: omitUndefined({
        Products: products,
        // Keys in the document example's order.
        Payment: omitUndefined({
          Time:
            lastPaid === undefined
              ? undefined
              : seconds(lastPaid.at, ['payments', lastPaid.index, 'paidAt']),
          Method: order.cashOnDelivery === true ? 2 : 1,
          Amount: amount,
          IsPayment: isPayment,
          PreferentialInfo: preferential.length === 0 ? undefined : preferential,
          PaymentInfo: charges.length === 0 ? undefined : charges,
        }),
        Appraise: baidu.appraise,
        OrderDetail: detailPage(order.detailPageUrl, baidu.orderDetail),
      }),
      SubsOrder: subsOrder,
    }) as BaiduOrder['EXT'],
  }

  // The finished payload is not validated again: every limit of the platform is checked above, at
  // the canonical path, as the payload is built. A property test (testWideOrders, on orders with
  // texts of every length and width) proves that on any valid order the conversion either builds
  // a payload baiduOrderSchema accepts or refuses the order this way.
  if (issues.length > 0) throw new ValidationError({ platform: 'baidu', subject, issues })
  return { query, body: { Data: [item] }, warnings }
}
