import { wechatTokenPaths } from '@ordersync/core'

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
  // The token endpoints are core's, shared with @ordersync/wechat-shipping.
  stableToken: wechatTokenPaths.stable as '/cgi-bin/stable_token',
  classicToken: wechatTokenPaths.classic as '/cgi-bin/token',
} as const
