/**
 * The endpoints this client calls, as WeChat spells them (`recieve` is the real path).
 *
 * @example
 * ```ts
 * wechatEndpoints.receiveDelivery // '/shop/delivery/recieve'
 * ```
 */
export const wechatEndpoints = {
  addOrder: '/shop/order/add',
  payOrder: '/shop/order/pay',
  getOrder: '/shop/order/get',
  sendDelivery: '/shop/delivery/send',
  receiveDelivery: '/shop/delivery/recieve',
  stableToken: '/cgi-bin/stable_token',
  classicToken: '/cgi-bin/token',
} as const
