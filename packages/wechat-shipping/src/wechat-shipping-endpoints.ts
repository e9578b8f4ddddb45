import { wechatTokenPaths } from '@ordersync/core'

/**
 * The endpoints of WeChat's order shipping management service (小程序发货信息管理服务), each
 * `POST https://api.weixin.qq.com<path>?access_token=…` with a JSON body (WeChat's server API
 * pages under https://developers.weixin.qq.com/miniprogram/dev/server/API/order_shipping/), and the
 * token endpoints, which are core's, shared with `@ordersync/wechat`.
 *
 * @example
 * ```ts
 * wechatShippingEndpoints.uploadShippingInfo // '/wxa/sec/order/upload_shipping_info'
 * ```
 */
export const wechatShippingEndpoints = {
  uploadShippingInfo: '/wxa/sec/order/upload_shipping_info',
  uploadCombinedShippingInfo: '/wxa/sec/order/upload_combined_shipping_info',
  getOrder: '/wxa/sec/order/get_order',
  getOrderList: '/wxa/sec/order/get_order_list',
  notifyConfirmReceive: '/wxa/sec/order/notify_confirm_receive',
  setMsgJumpPath: '/wxa/sec/order/set_msg_jump_path',
  isTradeManaged: '/wxa/sec/order/is_trade_managed',
  isTradeManagementConfirmationCompleted:
    '/wxa/sec/order/is_trade_management_confirmation_completed',
  opSpecialOrder: '/wxa/sec/order/opspecialorder',
  stableToken: wechatTokenPaths.stable as '/cgi-bin/stable_token',
  classicToken: wechatTokenPaths.classic as '/cgi-bin/token',
} as const
