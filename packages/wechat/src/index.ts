/**
 * `@ordersync/wechat`: report orders to the WeChat mini program custom transaction component
 * (自定义交易组件) — `shop/order/add`, then `shop/order/pay`, `shop/delivery/send` and
 * `shop/delivery/recieve` as the order's status needs — from ordersync's canonical order. WeChat
 * has replaced this component with the Channels transaction component (2022): see the guide.
 *
 * @packageDocumentation
 */

export type { WechatAddOrderResult } from './check-wechat-add-answer.ts'
export { checkWechatOrderConsistency } from './check-wechat-order-consistency.ts'
export {
  toWechatOrder,
  type WechatConversionOptions,
  type WechatPreparedOrder,
} from './convert-to-wechat-order.ts'
export type { WechatSyncStep } from './convert-to-wechat-sync-steps.ts'
export {
  mapWechatStatus,
  type WechatOrderStatus,
  type WechatStatusMapping,
} from './map-wechat-status.ts'
export type { WechatResendAfterPayment } from './plan-wechat-add.ts'
export { readWechatOrderId, type WechatOrderIdReading } from './read-wechat-order-id.ts'
export type {
  WechatApi,
  WechatOrderRecord,
  WechatResponse,
} from './wechat-api.ts'
export { createWechat, type WechatClient, type WechatSettings } from './wechat-client.ts'
export { wechatEndpoints } from './wechat-endpoints.ts'
export {
  classifyWechatResponse,
  classifyWechatTokenResponse,
  type WechatErrcode,
  wechatErrcodes,
} from './wechat-errors.ts'
export { type WechatOrderOptions, wechatOrderOptionsSchema } from './wechat-order-options.ts'
export {
  type WechatAddOrderRequest,
  type WechatAddressInfo,
  type WechatOrderReference,
  type WechatPayInfo,
  type WechatPayOrderRequest,
  type WechatPriceInfo,
  type WechatProductInfo,
  type WechatSendDeliveryRequest,
  wechatAddOrderRequestSchema,
  wechatDeliveryTypes,
  wechatOrderReferenceSchema,
  wechatOrderStatuses,
  wechatPayActionTypes,
  wechatPayMethodTypes,
  wechatPayOrderRequestSchema,
  wechatSendDeliveryRequestSchema,
} from './wechat-order-schema.ts'
export { wechatVersion } from './wechat-version.ts'
