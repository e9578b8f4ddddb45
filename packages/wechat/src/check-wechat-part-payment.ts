import type { Conversion, Order } from '@ordersync/core'

/**
 * Checks an order paid in part (a deposit: `paidAmount` more than 0 and less than
 * `payableAmount`), which the custom transaction component has no form for. `shop/order/pay`
 * carries no amount (its fields are the order's ids, `action_type`, `action_remark`,
 * `transaction_id` and `pay_time`: the "同步订单支付结果" page), so action_type 1 (支付成功) says
 * the whole `order_price` was paid, and the status it reaches, 20 (待发货), is "已付款/用户已付尾款"
 * — paid, or the balance paid (the "生成订单" page's status enumeration). So:
 *
 * - awaiting payment (10 待付款): what WeChat shows is true — payment is still due on the whole
 *   `order_price` — and a `partly_paid` warning says that the deposit is not reported;
 * - a status past payment (20, 30, 100): sending it would report the order paid in full, so it is
 *   refused at `paidAmount` (a `ValidationError`, code `partly_paid`): sync it as awaiting payment
 *   until the balance is paid.
 *
 * @param order - A valid order.
 * @param target - The WeChat status the order is brought to.
 * @param conversion - Where the warning or the problem goes.
 * @example
 * ```ts
 * // type-checked only: toWechatOrder opens the conversion
 * declare const conversion: Conversion
 * checkWechatPartPayment(order, mapWechatStatus(order).status, conversion)
 * ```
 */
export function checkWechatPartPayment(
  order: Order,
  target: 10 | 20 | 30 | 100 | 250,
  conversion: Conversion,
): void {
  const paid = order.paidAmount.amount
  const payable = order.payableAmount.amount
  if (paid <= 0 || paid >= payable) return
  if (target === 10) {
    conversion.warn({
      path: ['paidAmount'],
      code: 'partly_paid',
      message: `is ${paid} fen of the ${payable} fen payable: WeChat has no field for a part payment, so the order is reported awaiting payment (10 待付款) on its whole order_price until it is paid in full`,
    })
  } else if (target !== 250) {
    conversion.problem(
      ['paidAmount'],
      `is ${paid} fen, less than payableAmount ${payable} fen (a part payment): shop/order/pay has no amount field, and its action_type 1 moves the order to 20 (待发货: paid, or the balance paid) on its whole order_price — sync the order as awaiting_payment until the balance is paid`,
      'partly_paid',
    )
  }
}
