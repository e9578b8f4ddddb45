import { moneyAsMajorUnitNumber, type SyncWarning } from '@ordersync/core'
import type { YoushuOrder } from './youshu-order-schema.ts'

const yuan = moneyAsMajorUnitNumber('CNY')

function fen(value: number | undefined): number | undefined {
  if (value === undefined) return undefined
  const decoded = yuan.decode(value)
  return decoded._tag === 'Right' ? decoded.right.amount : undefined
}

const show = (amount: number): string => (amount / 100).toFixed(2)

/**
 * Checks the rules of the document that its own example breaks, for one `add_order` order: the
 * `out_trade_number` that payment_type 00009 requires (the example's WeChat Pay payment has none),
 * and the money identities, exactly, in fen:
 * order_amount = goods_amount_total + freight_amount; payment ≤ payable ≤ order amount; the goods'
 * payment_amount add up to payment_amount − freight_amount; goods_num_total = Σ goods_num; each
 * coupon group's total = Σ its coupons. A raw request that breaks one gets a warning (the
 * document's own example breaks several); the canonical path always satisfies them.
 *
 * @param order - One order of a request.
 * @param index - Its position in `orders`, for the warning paths.
 * @returns One warning per broken identity.
 * @example
 * ```ts
 * checkYoushuOrderConsistency({ ...payload, order_amount: 1 }, 0)
 * // [
 * //   { path: ['orders', 0, 'order_amount'], code: 'sum_mismatch', message: 'is 1.00 but goods_amount_total 100.00 + freight_amount 10.00 = 110.00' },
 * //   { path: ['orders', 0, 'payable_amount'], code: 'sum_mismatch', message: 'is 100.00, more than order_amount 1.00' },
 * // ]
 * ```
 */
export function checkYoushuOrderConsistency(order: YoushuOrder, index: number): SyncWarning[] {
  const warnings: SyncWarning[] = []
  const at = (...path: (string | number)[]): (string | number)[] => ['orders', index, ...path]
  const warn = (path: (string | number)[], message: string): void => {
    warnings.push({ path, code: 'sum_mismatch', message })
  }
  const goods = fen(order.goods_amount_total)
  const freight = fen(order.freight_amount)
  const total = fen(order.order_amount)
  const payable = fen(order.payable_amount)
  const payment = fen(order.payment_amount)
  if (
    goods !== undefined &&
    freight !== undefined &&
    total !== undefined &&
    total !== goods + freight
  ) {
    warn(
      at('order_amount'),
      `is ${show(total)} but goods_amount_total ${show(goods)} + freight_amount ${show(freight)} = ${show(goods + freight)}`,
    )
  }
  if (payable !== undefined && total !== undefined && payable > total) {
    warn(at('payable_amount'), `is ${show(payable)}, more than order_amount ${show(total)}`)
  }
  if (payment !== undefined && payable !== undefined && payment > payable) {
    warn(at('payment_amount'), `is ${show(payment)}, more than payable_amount ${show(payable)}`)
  }
  const shares = order.goods_info.map((item) => fen(item.payment_amount))
  if (
    payment !== undefined &&
    freight !== undefined &&
    shares.every((share) => share !== undefined)
  ) {
    const sum = shares.reduce<number>((total, share) => total + (share ?? 0), 0)
    if (sum !== payment - freight) {
      warn(
        at('goods_info'),
        `payment_amount of the goods add up to ${show(sum)} but payment_amount − freight_amount = ${show(payment - freight)}`,
      )
    }
  }
  const count = order.goods_info.reduce((total, item) => total + item.goods_num, 0)
  if (count !== order.goods_num_total) {
    warn(
      at('goods_num_total'),
      `is ${order.goods_num_total} but the goods' goods_num add up to ${count}`,
    )
  }
  for (const [couponIndex, group] of (order.coupon_info ?? []).entries()) {
    const details = group.coupon_detail ?? []
    const amounts = details.map((detail) => fen(detail.coupon_amount))
    const groupTotal = fen(group.coupon_amount_total)
    if (
      details.length > 0 &&
      groupTotal !== undefined &&
      amounts.every((amount) => amount !== undefined)
    ) {
      const sum = amounts.reduce<number>((total, amount) => total + (amount ?? 0), 0)
      if (sum !== groupTotal) {
        warn(
          at('coupon_info', couponIndex, 'coupon_amount_total'),
          `is ${show(groupTotal)} but its coupon_detail add up to ${show(sum)}`,
        )
      }
    }
  }
  for (const [paymentIndex, payment] of (order.payment_info ?? []).entries()) {
    if (payment.payment_type === '00009' && payment.out_trade_number === undefined) {
      warnings.push({
        path: at('payment_info', paymentIndex, 'out_trade_number'),
        code: 'missing_field',
        message:
          'is required when payment_type is 00009 (WeChat Pay), by the field table; the document’s own example omits it',
      })
    }
  }
  return warnings
}
