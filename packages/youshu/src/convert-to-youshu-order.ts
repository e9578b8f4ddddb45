import { md5 } from '@noble/hashes/legacy.js'
import { sha256 } from '@noble/hashes/sha2.js'
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js'
import {
  allocateOrderDiscounts,
  beijingTime,
  checkPlatformOptions,
  formatEpochMillisString,
  formatMoney,
  formatWallClock,
  type Instant,
  type Money,
  moneyAsMajorUnitNumber,
  type Order,
  omitUndefined,
  quoteValue,
  type SyncWarning,
  toInstant,
  UnsupportedMappingError,
  ValidationError,
  type ValidationIssue,
  warnDroppedFields,
} from '@ordersync/core'
import {
  mapYoushuStatus,
  type YoushuCashOnDeliveryReporting,
  type YoushuOrderStatus,
} from './map-youshu-status.ts'
import { youshuLineOptionsSchema, youshuOrderOptionsSchema } from './youshu-options-schema.ts'
import type { YoushuLineOptions, YoushuOrderOptions } from './youshu-order-options.ts'
import type {
  YoushuExpress,
  YoushuGoods,
  YoushuOrder,
  YoushuPayment,
  YoushuTargetUrl,
  youshuOrderSources,
} from './youshu-order-schema.ts'

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

const yuan = moneyAsMajorUnitNumber('CNY')
const encoder = new TextEncoder()
// The largest amount in fen whose yuan number (a JSON double) is exact for every value: 15
// significant digits.
const maxExactFen = 999_999_999_999_999
// The instants whose Unix milliseconds have 13 digits (Youshu's "字段长度为 13 字节").
const firstMillis = 1_000_000_000_000
const lastMillis = 9_999_999_999_999

const cny = (fen: number): string => `${formatMoney({ amount: fen, currency: 'CNY' })} CNY`

// Every canonical field toYoushuOrder reports, or warns about in words of its own; any other field
// present in an order gets a field_dropped warning (warnDroppedFields).
const carriedFields = [
  'id',
  // Every order has a type, and Youshu has no fulfilment type: the guide's mapping table says so
  // once, instead of a warning on every order.
  'type',
  'createdAt',
  'modifiedAt',
  'statusChangedAt',
  'status',
  'hidden',
  'channel',
  'cashOnDelivery',
  'buyer.id',
  'buyer.platformUserId',
  'buyer.phone',
  'buyer.email',
  'merchant.brand',
  'merchant.store.id',
  'merchant.store.name',
  'merchant.store.address.city',
  'lines.*.id',
  'lines.*.skuId',
  'lines.*.name',
  'lines.*.skuName',
  'lines.*.productId',
  'lines.*.productName',
  'lines.*.imageUrls',
  'lines.*.category',
  'lines.*.unit',
  'lines.*.quantity',
  'lines.*.unitPrice',
  'lines.*.isGift',
  'lines.*.url',
  'charges',
  'payableAmount',
  'paidAmount',
  'payments.*.method',
  'payments.*.amount',
  'payments.*.transactionId',
  'payments.*.merchantTradeNumber',
  'delivery.address.name',
  'delivery.address.phone',
  'delivery.address.countryCode',
  'delivery.address.province',
  'delivery.address.provinceCode',
  'delivery.address.city',
  'delivery.address.cityCode',
  'delivery.address.district',
  'delivery.address.districtCode',
  'delivery.address.line1',
  'delivery.address.line2',
  'delivery.window',
  'delivery.pickupCode',
  'delivery.courier',
  'delivery.packages.*.carrierCode',
  'delivery.packages.*.carrierName',
  'delivery.packages.*.trackingNumber',
  'delivery.packages.*.shippedAt',
  'delivery.packages.*.trackingUrl',
  'delivery.packages.*.lines',
  'afterSales',
  'detailPageUrl',
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

function hashHex(value: string, algorithm: 'sha256' | 'md5'): string {
  const input = utf8ToBytes(value.trim())
  return bytesToHex(algorithm === 'sha256' ? sha256(input) : md5(input))
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
 * @param order - A valid canonical order (see `parseOrder`).
 * @param options - Order source default, cash-on-delivery reporting, mini program, MD5.
 * @returns The payload(s) and warnings.
 * @throws `ValidationError` (`@ordersync/core`) naming the canonical path and the Youshu rule an order breaks
 *   (a missing openid for a mini-program order, a name over Youshu's byte limit, a WeChat Pay
 *   payment without its trade number); `UnsupportedMappingError` (`@ordersync/core`) for what Youshu cannot take.
 * @example
 * ```ts
 * import { parseOrder } from '@ordersync/core'
 * import { youshuFaqOrder } from '@ordersync/core/fixtures'
 * import { toYoushuOrder } from '@ordersync/youshu'
 *
 * const { orders } = toYoushuOrder(parseOrder({ ...youshuFaqOrder, buyer: { platformUserId: 'o-openid' } }))
 * orders[0]?.order_amount // 110
 * orders[0]?.goods_info.map((goods) => goods.payment_amount) // [36, 54]
 * ```
 */
export function toYoushuOrder(
  order: Order,
  options: YoushuConversionOptions = {},
): YoushuPreparedOrder {
  const warnings: SyncWarning[] = []
  const issues: ValidationIssue[] = []
  const problem = (path: (string | number)[], message: string, code = 'youshu_rule'): void => {
    issues.push({ path, message, code })
  }
  // A yuan number carries at most 15 significant digits exactly: a larger amount fails, named.
  const money = (value: Money, path: (string | number)[], field: string): number => {
    if (Math.abs(value.amount) > maxExactFen) {
      problem(
        path,
        `is ${cny(value.amount)}; Youshu's ${field} is a yuan number, which carries at most 15 significant digits exactly (up to ${cny(maxExactFen)})`,
        'youshu_amount_limit',
      )
      return 0
    }
    return yuan.encode(value)
  }
  const time = (value: Instant, path: (string | number)[], field: string): string => {
    if (value < firstMillis || value > lastMillis) {
      problem(
        path,
        `is ${new Date(value).toISOString()}; Youshu's ${field} is a 13-digit Unix time in milliseconds, so it takes instants from 2001-09-09T01:46:40.000Z to 2286-11-20T17:46:39.999Z`,
        'youshu_time_limit',
      )
      return String(firstMillis)
    }
    return formatEpochMillisString(value)
  }
  const youshu: YoushuOrderOptions = order.platformOptions?.youshu ?? {}
  const optionIssues = checkPlatformOptions(order, 'youshu', {
    order: youshuOrderOptionsSchema,
    line: youshuLineOptionsSchema,
  })
  if (optionIssues.length > 0) {
    throw new ValidationError({
      platform: 'youshu',
      subject: `order ${quoteValue(order.id)} for Youshu`,
      issues: optionIssues,
    })
  }
  const currency = order.payableAmount.currency
  if (currency !== 'CNY') {
    throw new UnsupportedMappingError({
      platform: 'youshu',
      path: ['payableAmount', 'currency'],
      reason: `Youshu reports amounts in yuan; an order in ${currency} cannot be reported`,
    })
  }
  const checkBytes = (
    value: string | undefined,
    max: number,
    path: (string | number)[],
    field: string,
  ): string | undefined => {
    if (value === undefined) return undefined
    const length = encoder.encode(value).length
    if (length > max)
      problem(path, `is ${length} bytes of UTF-8; Youshu's ${field} takes at most ${max} bytes`)
    return value
  }

  // Money, by the document's identities.
  const discounts = order.charges.discounts ?? []
  const sum = (level: 'item' | 'order' | 'payment'): number =>
    discounts
      .filter((discount) => discount.level === level)
      .reduce((total, discount) => total + discount.amount.amount, 0)
  const allocation = allocateOrderDiscounts(order)
  const goodsAfterItemDiscounts = order.charges.goodsSubtotal.amount - sum('item')
  let freight = order.charges.freight?.amount ?? 0
  const excess = allocation.unallocated.order.amount + allocation.unallocated.payment.amount
  if (excess > 0) {
    // Discounts larger than the goods can only have reduced the freight (a freight coupon).
    if (excess > freight) {
      throw new UnsupportedMappingError({
        platform: 'youshu',
        path: ['charges', 'discounts'],
        reason:
          'the discounts exceed goods and freight together; Youshu has no field for what they reduce beyond those',
      })
    }
    freight -= excess
    warnings.push({
      path: ['charges', 'discounts'],
      code: 'value_folded',
      message: `discounts exceed the goods by ${cny(excess)}: reported as a lower freight_amount`,
    })
  }
  const orderAmount = goodsAfterItemDiscounts + freight
  const payableAmount = orderAmount - (sum('order') - allocation.unallocated.order.amount)
  const paymentAmount = payableAmount - (sum('payment') - allocation.unallocated.payment.amount)
  for (const [index, fee] of (order.charges.fees ?? []).entries()) {
    warnings.push({
      path: ['charges', 'fees', index],
      code: 'field_dropped',
      message: `Youshu has no field for additional charges: ${quoteValue(fee.name)} (${cny(fee.amount.amount)}) is not in any reported amount`,
    })
  }

  warnings.push(...warnDroppedFields(order, carriedFields, 'Youshu'))
  for (const [index, line] of order.lines.entries()) {
    if ((line.imageUrls?.length ?? 0) > 1) {
      warnings.push({
        path: ['lines', index, 'imageUrls'],
        code: 'field_dropped',
        message: 'Youshu takes one image per goods (primary_image_url): only the first is reported',
      })
    }
  }

  // Status.
  const mapping = mapYoushuStatus(order, options.cashOnDelivery)
  warnings.push(...mapping.warnings)

  // A part payment: Youshu's payment_amount is what was paid (实付金额) and also payable − payment
  // discounts, with the goods' shares adding up to it; a part payment cannot be both. Awaiting
  // payment (1110), an order's amounts are what it costs, paid or not: reported so, with a warning.
  // In a status Youshu counts as paid, they would report money not received: partlyPaid decides.
  const paid = order.paidAmount.amount
  if (paid > 0 && paid < order.payableAmount.amount) {
    const reportedAsPaid = mapping.status !== '1110' || mapping.followUpStatus !== undefined
    if (reportedAsPaid && (options.partlyPaid ?? 'refuse') === 'refuse') {
      throw new UnsupportedMappingError({
        platform: 'youshu',
        path: ['paidAmount'],
        reason: `is ${cny(paid)} of payableAmount ${cny(order.payableAmount.amount)} in order_status ${mapping.followUpStatus ?? mapping.status}, which Youshu counts as paid: its payment_amount is the amount paid and must also equal payable_amount − the payment discounts, with the goods' payment_amount (on which Youshu counts GMV) adding up to it, which a part payment cannot satisfy. Sync the order as awaiting payment until it is paid in full, or set partlyPaid: 'report_amounts_due' to report the amounts the order costs, with what was paid in payment_info`,
      })
    }
    warnings.push({
      path: ['paidAmount'],
      code: 'partly_paid',
      message: `the order is partly paid (${cny(paid)} of ${cny(order.payableAmount.amount)}): payment_amount and the goods' payment_amount report what the order costs after discounts (${cny(paymentAmount)}), not what was paid; payment_info carries the payments made`,
    })
  }

  // Source and user.
  const orderSource =
    order.channel === undefined
      ? (options.defaultOrderSource ?? 'wxapp')
      : Object.hasOwn(sourceByChannel, order.channel)
        ? sourceByChannel[order.channel]
        : undefined
  if (orderSource === undefined)
    problem(['channel'], `is ${quoteValue(order.channel)}, not a channel ordersync knows`)

  const openId = order.buyer?.platformUserId
  if (orderSource === 'wxapp' && openId === undefined) {
    problem(
      ['buyer', 'platformUserId'],
      "is required: Youshu's user_info.open_id is mandatory when order_source is wxapp",
    )
  }
  const phone = order.buyer?.phone
  const userInfo = omitUndefined({
    open_id: openId,
    app_id: options.miniProgram?.appId,
    union_id: youshu.unionId,
    sha256_user_phone: phone === undefined ? undefined : hashHex(phone, 'sha256'),
    md5_user_phone:
      phone !== undefined && options.includeMd5Phone === true ? hashHex(phone, 'md5') : undefined,
    user_id: order.buyer?.id,
    qb_account_info: youshu.qbAccountInfo,
    chan_id_hj: youshu.chanIdHj,
    member_id: youshu.memberId,
    card_level: youshu.cardLevel,
    user_first_order_time:
      youshu.userFirstOrderAt === undefined
        ? undefined
        : time(
            toInstant(youshu.userFirstOrderAt, 'platformOptions.youshu.userFirstOrderAt'),
            ['platformOptions', 'youshu', 'userFirstOrderAt'],
            'user_first_order_time',
          ),
  })
  if (order.buyer?.email !== undefined) {
    warnings.push({
      path: ['buyer', 'email'],
      code: 'field_dropped',
      message: 'Youshu has no field for the buyer’s email',
    })
  }

  const targetUrl = (
    path: string | undefined,
    extra: YoushuTargetUrl | undefined,
    at: (string | number)[],
    limited: boolean,
  ): YoushuTargetUrl | undefined => {
    if (path === undefined) return extra
    if (options.miniProgram === undefined) {
      warnings.push({
        path: at,
        code: 'field_dropped',
        message:
          "Youshu's target_url needs the mini program's appid and original id: set miniProgram { appId, username } to report this page",
      })
      return extra
    }
    if (limited) checkBytes(path, 100, at, 'target_url.url_miniprogram')
    return omitUndefined({
      ...extra,
      url_miniprogram: path,
      miniprogram_appid: options.miniProgram.appId,
      miniprogram_username: options.miniProgram.username,
    })
  }

  const thirdPromotion = (info: YoushuLineOptions['thirdPromotionInfo'], index: number) => {
    if (info === undefined) return undefined
    const at = ['lines', index, 'platformOptions', 'youshu', 'thirdPromotionInfo']
    return omitUndefined({
      is_calculated: info.isCalculated === undefined ? undefined : info.isCalculated ? 1 : 0,
      no_calculated_reason: info.noCalculatedReason,
      commission_rate: info.commissionRatePercent,
      commission_fee:
        info.commissionFee === undefined
          ? undefined
          : money(info.commissionFee, [...at, 'commissionFee'], 'commission_fee'),
      actual_commission_amount:
        info.actualCommissionAmount === undefined
          ? undefined
          : money(
              info.actualCommissionAmount,
              [...at, 'actualCommissionAmount'],
              'actual_commission_amount',
            ),
      is_settle: info.isSettled === undefined ? undefined : info.isSettled ? 1 : 0,
      settle_time:
        info.settledAt === undefined
          ? undefined
          : time(
              toInstant(
                info.settledAt,
                `lines[${index}].platformOptions.youshu.thirdPromotionInfo.settledAt`,
              ),
              [...at, 'settledAt'],
              'settle_time',
            ),
    })
  }

  // Goods.
  const store = order.merchant?.store
  const storeInfo =
    store === undefined
      ? undefined
      : omitUndefined({
          external_store_id: store.id,
          store_name: store.name,
          store_city: store.address?.city,
        })
  const goodsInfo: YoushuGoods[] = order.lines.map((line, index) => {
    const lineOptions: YoushuLineOptions = line.platformOptions?.youshu ?? {}
    const share = allocation.lines[index]
    if (line.skuName !== undefined && line.skuName !== line.name) {
      warnings.push({
        path: ['lines', index, 'skuName'],
        code: 'field_dropped',
        message: 'Youshu has one SKU name: sku_name_chinese carries the line name',
      })
    }
    return omitUndefined({
      external_sku_id: line.skuId,
      primary_image_url: line.imageUrls?.[0],
      sku_name_chinese: line.name,
      goods_amount: money(line.unitPrice, ['lines', index, 'unitPrice'], 'goods_amount'),
      payment_amount: money(
        share?.payable ?? { amount: 0, currency: 'CNY' },
        ['lines', index],
        'goods payment_amount',
      ),
      is_gift: line.isGift === undefined ? undefined : line.isGift ? 1 : 0,
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
      target_url: targetUrl(line.url, lineOptions.targetUrl, ['lines', index, 'url'], true),
      chan_info: lineOptions.chanInfo,
      commission_info: lineOptions.commissionInfo?.map((commission, commissionIndex) => ({
        commission_type: commission.type,
        commission_fee: money(
          commission.fee,
          ['lines', index, 'platformOptions', 'youshu', 'commissionInfo', commissionIndex, 'fee'],
          'commission_fee',
        ),
      })),
      third_promotion_info: thirdPromotion(lineOptions.thirdPromotionInfo, index),
    }) as YoushuGoods
  })

  // Discounts: coupons by coupon type (payment-level coupons are WeChat Pay's, type 2); the rest
  // as promotions (member price 1, other 2).
  // Each group's total is summed in fen, then converted once.
  const couponGroups = new Map<1 | 2, { fen: number; details: Record<string, unknown>[] }>()
  const promotions: Record<string, unknown>[] = []
  for (const [index, discount] of discounts.entries()) {
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
          coupon_amount: money(discount.amount, at, 'coupon_amount'),
        }),
      )
      couponGroups.set(type, group)
    } else {
      promotions.push(
        omitUndefined({
          promotion_type: discount.kind === 'member_price' ? 1 : 2,
          external_promotion_id: discount.id,
          promotion_name: discount.name,
          promotion_amount: money(discount.amount, at, 'promotion_amount'),
        }),
      )
    }
  }
  const couponInfo = [...couponGroups.entries()].map(([type, group]) => ({
    coupon_type: type,
    coupon_amount_total: money(
      { amount: group.fen, currency: 'CNY' },
      ['charges', 'discounts'],
      'coupon_amount_total',
    ),
    coupon_detail: group.details,
  }))

  // Payments (FAQ: a non-WeChat or zero-amount payment is 00001 with the order id as trans_id).
  const paymentInfo = (
    treatedAsPaid: boolean,
    status: YoushuOrderStatus,
  ): YoushuPayment[] | undefined => {
    if (status === '1110' && (order.payments ?? []).length === 0) return undefined
    const payments = order.payments ?? []
    if (payments.length === 0) {
      if (order.paidAmount.amount > 0) {
        problem(['payments'], `are required: Youshu needs payment_info for order_status ${status}`)
        return undefined
      }
      const amount =
        order.cashOnDelivery === true && treatedAsPaid ? order.payableAmount : order.paidAmount
      return [
        {
          payment_type: '00001',
          trans_id: order.id,
          trans_amount: money(
            amount,
            [amount === order.payableAmount ? 'payableAmount' : 'paidAmount'],
            'trans_amount',
          ),
        },
      ]
    }
    return payments.map((payment, index) => {
      // An own property only: a method named "constructor" is no payment type.
      const paymentTypes = youshu.paymentTypes
      const mapped =
        paymentTypes !== undefined && Object.hasOwn(paymentTypes, payment.method)
          ? paymentTypes[payment.method]
          : undefined
      const paymentAmount = (): number =>
        money(payment.amount, ['payments', index, 'amount'], 'trans_amount')
      if (payment.method === 'wechat_pay' && payment.amount.amount > 0) {
        if (payment.transactionId === undefined) {
          problem(
            ['payments', index, 'transactionId'],
            'is required for a WeChat Pay payment (payment_type 00009 trans_id)',
          )
        }
        if (payment.merchantTradeNumber === undefined) {
          problem(
            ['payments', index, 'merchantTradeNumber'],
            'is required for a WeChat Pay payment (payment_type 00009 needs out_trade_number)',
          )
        } else if (!/^[0-9A-Za-z_\-*]+$/.test(payment.merchantTradeNumber)) {
          problem(
            ['payments', index, 'merchantTradeNumber'],
            "allows only letters, digits and _-* (Youshu's out_trade_number)",
          )
        }
        return omitUndefined({
          payment_type: '00009',
          trans_id: payment.transactionId ?? '',
          trans_amount: paymentAmount(),
          out_trade_number: payment.merchantTradeNumber,
        })
      }
      if (mapped !== undefined && payment.amount.amount > 0) {
        return {
          payment_type: mapped,
          trans_id: payment.transactionId ?? order.id,
          trans_amount: paymentAmount(),
        }
      }
      return { payment_type: '00001', trans_id: order.id, trans_amount: paymentAmount() }
    })
  }

  // Delivery.
  const delivery = order.delivery
  let express: YoushuExpress | undefined
  if (delivery !== undefined) {
    const address = delivery.address
    const line = [address?.line1, address?.line2].filter((part) => part !== undefined).join(' ')
    let expectedTime: string | undefined
    let expectedDate: string | undefined
    const { start, end } = delivery.window ?? {}
    if (start !== undefined) {
      const startText = formatWallClock(start, beijingTime)
      expectedDate = startText.slice(0, 10).replaceAll('-', '')
      if (end !== undefined) {
        const endText = formatWallClock(end, beijingTime)
        const clock = (text: string): string =>
          `${Number(text.slice(11, 13))}:${text.slice(14, 16)}`
        if (endText.slice(0, 10) === startText.slice(0, 10))
          expectedTime = `${clock(startText)}-${clock(endText)}`
        else {
          warnings.push({
            path: ['delivery', 'window'],
            code: 'field_dropped',
            message:
              'the delivery window spans days; Youshu takes one date and a time range: only the date is reported',
          })
        }
      }
    }
    const packages = (delivery.packages ?? []).map((entry, index) =>
      omitUndefined({
        express_company_code: entry.carrierCode,
        express_company_name: entry.carrierName,
        express_code: entry.trackingNumber,
        ship_time:
          entry.shippedAt === undefined
            ? undefined
            : time(entry.shippedAt, ['delivery', 'packages', index, 'shippedAt'], 'ship_time'),
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
    if (delivery.courier !== undefined) {
      warnings.push({
        path: ['delivery', 'courier'],
        code: 'field_dropped',
        message: 'Youshu has no field for a courier',
      })
    }
    if (delivery.pickupCode !== undefined) {
      warnings.push({
        path: ['delivery', 'pickupCode'],
        code: 'field_dropped',
        message: 'Youshu has no field for a pickup code',
      })
    }
    express = omitUndefined({
      goods_total_weight: youshu.expressGoodsWeightGrams,
      receiver_country_code: address?.countryCode,
      receiver_province_code: address?.provinceCode,
      receiver_province_name: checkBytes(
        address?.province,
        64,
        ['delivery', 'address', 'province'],
        'receiver_province_name',
      ),
      receiver_city_code: address?.cityCode,
      receiver_city_name: checkBytes(
        address?.city,
        64,
        ['delivery', 'address', 'city'],
        'receiver_city_name',
      ),
      receiver_district_code: address?.districtCode,
      receiver_district_name: checkBytes(
        address?.district,
        64,
        ['delivery', 'address', 'district'],
        'receiver_district_name',
      ),
      receiver_address: checkBytes(
        line === '' ? undefined : line,
        100,
        ['delivery', 'address', 'line1'],
        'receiver_address',
      ),
      receiver_name: checkBytes(
        address?.name,
        100,
        ['delivery', 'address', 'name'],
        'receiver_name',
      ),
      sha256_receiver_phone:
        address?.phone === undefined ? undefined : hashHex(address.phone, 'sha256'),
      expected_delivery_time: expectedTime,
      expected_delivery_date: expectedDate,
      logistics_status: youshu.logisticsStatus,
      express_package_info: packages.length === 0 ? undefined : packages,
    })
    if (Object.keys(express as object).length === 0) express = undefined
  }

  if ((order.afterSales ?? []).length > 0) {
    warnings.push({
      path: ['afterSales'],
      code: 'field_dropped',
      message:
        'Youshu has no after-sale fields in add_order: refunds show only as order_status 1280/1290',
    })
  }

  const invoices = youshu.invoices?.map((invoice) => {
    const { registryPhone, invoiceDeliveryPhone, ...rest } = invoice
    return omitUndefined({
      ...rest,
      sha256_registry_phone:
        registryPhone === undefined ? undefined : hashHex(registryPhone, 'sha256'),
      sha256_invoice_delivery_phone:
        invoiceDeliveryPhone === undefined ? undefined : hashHex(invoiceDeliveryPhone, 'sha256'),
    })
  })

  const statusChangedAt = order.statusChangedAt ?? order.modifiedAt
  const build = (status: YoushuOrderStatus, treatedAsPaid: boolean): YoushuOrder =>
    omitUndefined({
      external_order_id: order.id,
      ...youshu.wechatPay,
      create_time: time(order.createdAt, ['createdAt'], 'create_time'),
      order_source: orderSource,
      order_type: youshu.orderType ?? 1,
      brand_id: order.merchant?.brand?.id,
      brand_name: order.merchant?.brand?.name,
      goods_num_total: order.lines.reduce((total, line) => total + line.quantity, 0),
      goods_weight: youshu.goodsWeightGrams,
      goods_amount_total: money(
        { amount: goodsAfterItemDiscounts, currency: 'CNY' },
        ['charges', 'goodsSubtotal'],
        'goods_amount_total',
      ),
      freight_amount: money(
        { amount: freight, currency: 'CNY' },
        ['charges', 'freight'],
        'freight_amount',
      ),
      order_amount: money(
        { amount: orderAmount, currency: 'CNY' },
        ['payableAmount'],
        'order_amount',
      ),
      payable_amount: money(
        { amount: payableAmount, currency: 'CNY' },
        ['payableAmount'],
        'payable_amount',
      ),
      payment_amount: money(
        { amount: paymentAmount, currency: 'CNY' },
        ['payableAmount'],
        'payment_amount',
      ),
      order_status: status,
      status_change_time: time(
        statusChangedAt,
        [order.statusChangedAt === undefined ? 'modifiedAt' : 'statusChangedAt'],
        'status_change_time',
      ),
      user_info: userInfo,
      goods_info: goodsInfo,
      coupon_info: couponInfo.length === 0 ? undefined : couponInfo,
      promotion_info: promotions.length === 0 ? undefined : promotions,
      payment_info: paymentInfo(treatedAsPaid, status),
      express_info: express,
      invoice_info: invoices,
      points_total: youshu.pointsTotal,
      target_url: targetUrl(order.detailPageUrl, youshu.targetUrl, ['detailPageUrl'], false),
      is_deleted: order.hidden === true ? 1 : undefined,
    }) as YoushuOrder

  const first = build(mapping.status, mapping.followUpStatus === undefined && mapping.treatedAsPaid)
  const orders =
    mapping.followUpStatus === undefined ? [first] : [first, build(mapping.followUpStatus, true)]
  // The finished payload is not validated again: every Youshu limit is checked above, at the
  // canonical path, as the payload is built. A property test (testWideOrders) proves that on any
  // valid order the conversion either builds a payload youshuOrderSchema accepts or refuses the
  // order this way.
  if (issues.length > 0) {
    throw new ValidationError({
      platform: 'youshu',
      subject: `order ${quoteValue(order.id)} for Youshu`,
      issues,
    })
  }
  return { orders, warnings }
}
