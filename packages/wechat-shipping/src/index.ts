/**
 * `@ordersync/wechat-shipping`: report each WeChat Pay payment's shipping to WeChat's mini program
 * order shipping management service (小程序发货信息管理服务) — `upload_shipping_info` and the rest
 * of its family — from ordersync's canonical order, with the access token shared with
 * `@ordersync/wechat`.
 *
 * @packageDocumentation
 */

export {
  toWechatShippingOrder,
  type WechatShippingConversionOptions,
  type WechatShippingPreparedOrder,
} from './convert-to-wechat-shipping-order.ts'
export {
  mapWechatShippingStatus,
  type WechatShippingStatusMapping,
  wechatShippingOrderStates,
  wechatShippingStatusTable,
} from './map-wechat-shipping-status.ts'
export {
  isMaskedWechatShippingContact,
  maskWechatShippingPhone,
} from './mask-wechat-shipping-phone.ts'
export type { WechatShippingSplitUploads } from './plan-wechat-shipping-upload.ts'
export type {
  WechatShippingOrder,
  WechatShippingOrderPage,
  WechatShippingParcelRecord,
  WechatShippingRecord,
  WechatShippingResponse,
} from './wechat-shipping-answers.ts'
export type { WechatShippingApi } from './wechat-shipping-api.ts'
export {
  createWechatShipping,
  type WechatShippingClient,
  type WechatShippingSettings,
} from './wechat-shipping-client.ts'
export { wechatShippingEndpoints } from './wechat-shipping-endpoints.ts'
export {
  classifyWechatShippingResponse,
  wechatShippingErrcodes,
} from './wechat-shipping-errors.ts'
export { WechatShippingNotReportableError } from './wechat-shipping-not-reportable-error.ts'
export {
  type WechatShippingOrderOptions,
  wechatShippingOrderOptionsSchema,
} from './wechat-shipping-order-options.ts'
export {
  type WechatShippingAppRequest,
  type WechatShippingMsgJumpPathRequest,
  type WechatShippingNotifyConfirmReceiveRequest,
  type WechatShippingOrderListRequest,
  type WechatShippingPaymentReference,
  type WechatShippingSpecialOrderRequest,
  wechatShippingAppRequestSchema,
  wechatShippingMsgJumpPathRequestSchema,
  wechatShippingNotifyConfirmReceiveRequestSchema,
  wechatShippingOrderListRequestSchema,
  wechatShippingPaymentReferenceSchema,
  wechatShippingSpecialOrderRequestSchema,
} from './wechat-shipping-request-schema.ts'
export type { WechatShippingTextUnit } from './wechat-shipping-text.ts'
export {
  createWechatShippingCombinedUploadSchema,
  createWechatShippingUploadSchema,
  defaultWechatShippingContactCarriers,
  defaultWechatShippingItemDescLimit,
  defaultWechatShippingMaxParcels,
  type WechatShippingCombinedUploadRequest,
  type WechatShippingContact,
  type WechatShippingItemDescLimit,
  type WechatShippingOrderKey,
  type WechatShippingParcel,
  type WechatShippingSubOrder,
  type WechatShippingUploadRequest,
  type WechatShippingUploadRules,
  wechatShippingCombinedUploadRequestSchema,
  wechatShippingDeliveryModes,
  wechatShippingLogisticsTypes,
  wechatShippingOrderNumberTypes,
  wechatShippingUploadRequestSchema,
} from './wechat-shipping-upload-schema.ts'
export { wechatShippingVersion } from './wechat-shipping-version.ts'
