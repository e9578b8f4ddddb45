import type { SyncWarning } from '@ordersync/core'
import type { AlipayPlusAmount, AlipayPlusSyncOrderRequest } from './alipayplus-order-schema.ts'

/**
 * Checks the sums the document implies for an order/sync body — paymentAmount, "the amount paid
 * for the order", no more than orderAmount − discountAmount (equal once paid in full; less for a
 * part payment), refunds no more than was paid (so a refund needs a paymentAmount),
 * discountAmount = Σ promoDetails, one currency — and returns a warning for each broken one. The
 * document's own sample breaks one (a refund of 36 of 12 paid), so a raw request is sent with
 * warnings; the canonical path always sends consistent amounts, and the sandbox refuses
 * inconsistent ones.
 *
 * @param request - An order/sync body.
 * @returns One warning per broken sum.
 * @example
 * ```ts
 * const { payload } = toAlipayPlusOrder(parseOrder(alipayPlusDocumentOrder), { appId: '2102010120672524', customerBelongsTo: 'CHOPE' })
 * checkAlipayPlusOrderConsistency(payload) // []
 * checkAlipayPlusOrderConsistency({ ...payload, paymentAmount: { currency: 'USD', value: 1 } }).map((warning) => warning.path.join('.'))
 * // ['refunds'] — the refunds now exceed what was paid
 * ```
 */
export function checkAlipayPlusOrderConsistency(
  request: AlipayPlusSyncOrderRequest,
): SyncWarning[] {
  const warnings: SyncWarning[] = []
  const warn = (path: (string | number)[], message: string): void => {
    warnings.push({ path, code: 'sum_mismatch', message })
  }
  const currency = request.orderAmount.currency
  const amounts: [string, AlipayPlusAmount | undefined][] = [
    ['discountAmount', request.discountAmount],
    ['paymentAmount', request.paymentAmount],
    ...request.goods.flatMap((item, index): [string, AlipayPlusAmount | undefined][] => [
      [`goods.${index}.goodsUnitAmount`, item.goodsUnitAmount],
      [`goods.${index}.goodsPaymentAmount`, item.goodsPaymentAmount],
    ]),
  ]
  for (const [path, value] of amounts) {
    if (value !== undefined && value.currency !== currency)
      warn(path.split('.'), `is in ${value.currency} but orderAmount is in ${currency}`)
  }
  const discount = request.discountAmount?.value ?? 0
  if (
    request.paymentAmount !== undefined &&
    request.paymentAmount.value > request.orderAmount.value - discount
  ) {
    warn(
      ['paymentAmount'],
      `is ${request.paymentAmount.value}, more than orderAmount ${request.orderAmount.value} − discountAmount ${discount} = ${request.orderAmount.value - discount}`,
    )
  }
  const promos = request.promoDetails ?? []
  if (request.discountAmount !== undefined && promos.length > 0) {
    const sum = promos.reduce((total, promo) => total + (promo.discountAmount?.value ?? 0), 0)
    if (sum !== request.discountAmount.value)
      warn(
        ['promoDetails'],
        `add up to ${sum} but discountAmount is ${request.discountAmount.value}`,
      )
  }
  const refunded = (request.refunds ?? []).reduce(
    (total, refund) => total + (refund.refundAmount?.value ?? 0),
    0,
  )
  const paid = request.paymentAmount?.value
  if (refunded > (paid ?? 0))
    warn(
      ['refunds'],
      paid === undefined
        ? `add up to ${refunded} but there is no paymentAmount: a refund needs the payment it refunds`
        : `add up to ${refunded}, more than paymentAmount ${paid}`,
    )
  return warnings
}
