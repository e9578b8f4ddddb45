/**
 * `@ordersync/youshu`: report orders to Tencent Youshu (腾讯有数) — `add_order`, order status
 * `update`, and the data source they go into — from ordersync's canonical order.
 *
 * @packageDocumentation
 */
export { checkYoushuOrderConsistency } from './check-youshu-order-consistency.ts'
export {
  toYoushuOrder,
  type YoushuConversionOptions,
  type YoushuPreparedOrder,
} from './convert-to-youshu-order.ts'
export {
  mapYoushuStatus,
  type YoushuCashOnDeliveryReporting,
  type YoushuOrderStatus,
  type YoushuStatusMapping,
} from './map-youshu-status.ts'
export {
  createYoushuNonce,
  signYoushuQuery,
  type YoushuSignatureInput,
  youshuStringToSign,
} from './sign-youshu-query.ts'
export {
  createYoushu,
  type YoushuCallOptions,
  type YoushuClient,
  type YoushuResponse,
  type YoushuSettings,
  youshuEndpoints,
  youshuHosts,
} from './youshu-client.ts'
export {
  classifyYoushuResponse,
  type YoushuClassificationContext,
  type YoushuRetcodeMeaning,
  youshuRetcodes,
} from './youshu-errors.ts'
export type {
  YoushuInvoiceOptions,
  YoushuLineOptions,
  YoushuOrderOptions,
} from './youshu-order-options.ts'
export {
  type YoushuAddOrderRequest,
  type YoushuCoupon,
  type YoushuExpress,
  type YoushuExpressPackage,
  type YoushuGoods,
  type YoushuInvoice,
  type YoushuOrder,
  type YoushuPayment,
  type YoushuPromotion,
  type YoushuTargetUrl,
  type YoushuThirdPromotionInfo,
  type YoushuUpdateOrderRequest,
  type YoushuUserInfo,
  youshuAddOrderRequestSchema,
  youshuInvoiceTypes,
  youshuOrderSchema,
  youshuOrderSources,
  youshuOrderStatuses,
  youshuUpdateOrderRequestSchema,
} from './youshu-order-schema.ts'
export { youshuVersion } from './youshu-version.ts'
