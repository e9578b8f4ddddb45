import {
  type Conversion,
  type Instant,
  type Order,
  type Payment,
  UnsupportedMappingError,
} from '@ordersync/core'
import type { WechatShippingPaymentReference } from './wechat-shipping-request-schema.ts'
import { utf8ByteLength } from './wechat-shipping-text.ts'
import type { WechatShippingOrderKey } from './wechat-shipping-upload-schema.ts'

// The upload names a WeChat Pay payment, not the merchant's order ("订单单号类型", upload page):
// its transaction id (order_number_type 2), or the merchant ID and merchant trade number it was
// paid under (type 1).

/**
 * The payment an upload is about: its key, the same payment as get_order names it, and when it
 * was paid (epoch ms), if known.
 */
export interface WechatShippingPayment {
  readonly key: WechatShippingOrderKey
  readonly reference: WechatShippingPaymentReference
  readonly paidAt: Instant | undefined
}

/** The merchant IDs of a payment named by merchant trade number, from the option or the setting. */
export interface WechatShippingMerchant {
  /** The merchant that took the payment: the service provider's when `subMchid` is given. */
  readonly mchid?: string | undefined
  /** The sub-merchant of a service provider's payment. */
  readonly subMchid?: string | undefined
}

/** The order's one WeChat Pay payment, with its index; throws for none (paid otherwise) or several. */
function findWechatPayment(
  order: Order,
  conversion: Conversion,
): { readonly payment: Payment; readonly index: number } | undefined {
  const payments = order.payments ?? []
  const wechat = payments
    .map((payment, index) => ({ payment, index }))
    .filter((entry) => entry.payment.method === 'wechat_pay')
  if (wechat.length > 1)
    throw new UnsupportedMappingError({
      platform: 'wechat-shipping',
      path: ['payments'],
      reason: `holds ${wechat.length} WeChat Pay payments: WeChat records shipping per payment, and an order is one upload — report each payment with api.uploadShippingInfo`,
    })
  if (wechat.length === 1) return wechat[0]
  if (payments.length > 0)
    throw new UnsupportedMappingError({
      platform: 'wechat-shipping',
      path: ['payments'],
      reason: `holds no WeChat Pay payment (methods: ${[...new Set(payments.map((payment) => payment.method))].join(', ')}): WeChat's shipping service manages WeChat Pay payments only, so there is nothing to report`,
    })
  conversion.problem(
    ['payments'],
    'is required: the WeChat Pay payment (method "wechat_pay") with its transactionId, or its merchantTradeNumber — WeChat records shipping per payment',
  )
  return undefined
}

/**
 * `order_key` from the order's WeChat Pay payment: its `transactionId` (type 2) when it has one,
 * else its `merchantTradeNumber` (type 1) with the merchant ID — the order's
 * `platformOptions['wechat-shipping'].mchid`, else the client's `mchid`; for a service provider's
 * payment the sub-merchant's (`subMchid`), as WeChat's community staff say the upload takes it. get_order
 * names the same payment by `transaction_id`, or by `merchant_id` + `merchant_trade_no`, with
 * `sub_merchant_id` for a sub-merchant's payment (get_order page, "sub_merchant_id").
 *
 * @param order - A valid order.
 * @param merchant - The merchant IDs of the option or the setting.
 * @param conversion - Where problems go.
 * @returns The key, the get_order reference and the payment's time; `undefined` after a problem.
 * @throws `UnsupportedMappingError` (`@ordersync/core`) for an order paid by other means only, or
 *   by several WeChat Pay payments.
 */
export function toWechatShippingPayment(
  order: Order,
  merchant: WechatShippingMerchant,
  conversion: Conversion,
): WechatShippingPayment | undefined {
  const found = findWechatPayment(order, conversion)
  if (found === undefined) return undefined
  const { payment, index } = found
  const paidAt = payment.paidAt
  if (payment.transactionId !== undefined && payment.transactionId !== '') {
    const transaction_id = payment.transactionId
    return { key: { order_number_type: 2, transaction_id }, reference: { transaction_id }, paidAt }
  }
  const tradeNumber = payment.merchantTradeNumber
  if (tradeNumber === undefined || tradeNumber === '') {
    conversion.problem(
      ['payments', index, 'transactionId'],
      'is required (or merchantTradeNumber with the mchid setting): WeChat names the payment by it',
    )
    return undefined
  }
  if (!/^[0-9A-Za-z_\-*]+$/.test(tradeNumber))
    conversion.problem(
      ['payments', index, 'merchantTradeNumber'],
      'must hold only digits, letters, _, - and * (WeChat Pay’s out_trade_no)',
    )
  const { mchid, subMchid } = merchant
  if (mchid === undefined && subMchid === undefined)
    conversion.problem(
      ['platformOptions', 'wechat-shipping', 'mchid'],
      'is required (or the client setting mchid) when the payment is named by its merchantTradeNumber: WeChat needs the merchant ID it was paid to',
    )
  const merchant_id = mchid ?? subMchid ?? ''
  return {
    key: { order_number_type: 1, mchid: subMchid ?? merchant_id, out_trade_no: tradeNumber },
    reference:
      subMchid === undefined || mchid === undefined
        ? { merchant_id, merchant_trade_no: tradeNumber }
        : { merchant_id, sub_merchant_id: subMchid, merchant_trade_no: tradeNumber },
    paidAt,
  }
}

/**
 * `payer.openid`: the buyer's openid under the mini program (`buyer.platformUserId`), 1–128
 * bytes; WeChat refuses an upload whose payer did not make the payment (10060031).
 *
 * @param order - A valid order.
 * @param conversion - Where problems go.
 * @returns The openid, `''` after a problem.
 */
export function toWechatShippingPayer(order: Order, conversion: Conversion): string {
  const openid = order.buyer?.platformUserId
  if (openid === undefined || openid === '') {
    conversion.problem(
      ['buyer', 'platformUserId'],
      'is required: it is payer.openid, the openid of the user who paid, under this mini program',
    )
    return ''
  }
  if (utf8ByteLength(openid) > 128)
    conversion.problem(['buyer', 'platformUserId'], 'must be at most 128 bytes (payer.openid)')
  return openid
}
